-- study_yield_stakers.sql: the meme's capture against the yield stakers' number
-- (docs/results.md, "What the screenings did not vary: the yield stakers"). STUDY_PART is
-- v4-yield-stakers-7d (a week after launch from the launch state; age shown as 7) or
-- v4-yield-stakers-aged (the chain's age 90 or 365 days an axis): root passive, today's
-- rule and the launch rule × 0 to 100 yield stakers (50 the default), on common random
-- numbers. One row per cell, by age, rule and number: the capture from below θ (captured/eligible with its Wilson 95%
-- interval), the Kaplan–Meier median day of capture (from the run's start) and the median
-- peak meme share; and the paired comparison with the default's cell under the same rule
-- (pairs, captured only with this number, only with 50, the difference this − 50 with its
-- Newcombe 95% interval and the exact McNemar p Holm-adjusted over the part's
-- comparisons; empty for the default itself), under the same rule and age. The age is
-- read from the axes text, as the week-old part has no age axis.
WITH cells AS (
    SELECT cell,
           coalesce(CAST(nullif(regexp_extract(axes, '(^|;)chain[.]age_days=([^;]*)', 2), '') AS INTEGER), 7) AS age_days,
           axis_mechanism_preset AS preset,
           CAST(axis_agents_yield_stakers_count AS INTEGER) AS yield_stakers,
           runs, captured, eligible, capture_lo, capture_hi, median_capture_day, peak_share_p50
    FROM read_parquet('STUDY_DIR/STUDY_PART/summary.parquet')),
cmp AS (
    SELECT * FROM read_parquet('STUDY_DIR/STUDY_PART/comparisons.parquet')
    WHERE axis = 'agents.yield_stakers.count'),
-- Each comparison both ways round, as this cell minus the other (0 - x rather than -x,
-- so that a difference of 0 is not printed as -0).
cmp_oriented AS (
    SELECT cell_a AS cell, cell_b AS other, pairs, n10 AS only_this, n01 AS only_other,
           diff, diff_lo, diff_hi, mcnemar_p_holm
    FROM cmp
    UNION ALL
    SELECT cell_b, cell_a, pairs, n01, n10, 0 - diff, 0 - diff_hi, 0 - diff_lo, mcnemar_p_holm
    FROM cmp)
SELECT c.age_days, c.preset, c.yield_stakers, c.runs, c.captured, c.eligible, c.capture_lo, c.capture_hi,
       c.median_capture_day, c.peak_share_p50,
       o.pairs, o.only_this, o.only_other AS only_default,
       o.diff, o.diff_lo, o.diff_hi, o.mcnemar_p_holm
FROM cells c
JOIN cells d ON d.age_days = c.age_days AND d.preset = c.preset AND d.yield_stakers = 50
LEFT JOIN cmp_oriented o ON o.cell = c.cell AND o.other = d.cell
ORDER BY c.age_days, c.preset DESC, c.yield_stakers;
