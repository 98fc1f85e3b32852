-- study_paired_axis.sql: one factor's paired effect on capture, in every setting of the
-- others (docs/results.md, "What the screenings did not vary: the yield stakers").
-- STUDY_PART is a part and PAIRED_AXIS one of its axes, or a contrast the part's file
-- declares (its axes joined by "+"): v4-yield-stakers-intervene-7d with
-- agents.root_validators.policy (root passive against intervening, by rule and number of
-- yield stakers), or v4-yield-stakers-number-7d with the contrast
-- agents.yield_stakers.count+agents.yield_stakers.capital.min (50 yield stakers of
-- minimum 120 against 6 of minimum 1000, by rule and arrival rate) or with
-- agents.yield_stakers.capital.min (the capital at a fixed number and arrival), or
-- v4-yield-stakers-number-365d or -90d with the same contrast (50 of minimum 500 against
-- 25 of minimum 1000 a year after launch under today's rule, or three months after launch
-- under the launch rule; no other axis, so the context is empty), or
-- v4-yield-stakers-rate-7d with agents.yield_stakers.count+agents.yield_stakers.rate_per_day
-- (50 deciding 4 times a day against 6 deciding 33 times), or v4-yield-stakers-equal-7d
-- with the capital contrast (50 of 360 TAO each against 6 of 3000 each). One row
-- per comparison on that factor in comparisons.parquet, in the order of arm A's cell: the
-- context (the other axes' values); each arm's value with its capture from below θ
-- (captured/eligible with its Wilson 95% interval, the Kaplan–Meier median day of capture
-- from the run's start, the median peak meme share); and the paired comparison A − B
-- (pairs, pairs captured only in A, only in B, the difference with its Newcombe 95%
-- interval, the exact McNemar p Holm-adjusted over the part's comparisons).
WITH cmp AS (
    SELECT * FROM read_parquet('STUDY_DIR/STUDY_PART/comparisons.parquet')
    WHERE axis = 'PAIRED_AXIS'),
cells AS (
    SELECT cell, captured, eligible, capture_lo, capture_hi, median_capture_day, peak_share_p50
    FROM read_parquet('STUDY_DIR/STUDY_PART/summary.parquet'))
SELECT m.context,
       m.arm_a, a.captured AS captured_a, a.eligible AS eligible_a, a.capture_lo AS lo_a,
       a.capture_hi AS hi_a, a.median_capture_day AS median_day_a, a.peak_share_p50 AS peak_a,
       m.arm_b, b.captured AS captured_b, b.eligible AS eligible_b, b.capture_lo AS lo_b,
       b.capture_hi AS hi_b, b.median_capture_day AS median_day_b, b.peak_share_p50 AS peak_b,
       m.pairs, m.n10 AS only_a, m.n01 AS only_b, m.diff, m.diff_lo, m.diff_hi, m.mcnemar_p_holm
FROM cmp m
JOIN cells a ON a.cell = m.cell_a
JOIN cells b ON b.cell = m.cell_b
ORDER BY m.cell_a, m.cell_b;
