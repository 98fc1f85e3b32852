-- study_design_horizon.sql: do the designs stop the meme subnet or only delay it? A
-- designs part run 104 days from the takeover (docs/study/SHORT_PART) beside its twin run
-- a year from it (docs/study/YEAR_PART: the same scenario, replicate keys and random
-- numbers with the horizon a year after the takeover, for some of the mechanisms). Per
-- mechanism of the year part, in cell order: capture from below θ within 104 days (the
-- short part's captured/eligible) and over the year (the year part's), the captures that
-- came later (the difference of the two counts: within 104 days the year part's runs are
-- the short part's, which docs/results.md checks count by count with TestDiagWithin and
-- DIAG_WINDOW=104), the year part's Kaplan–Meier median day of capture (days of the run),
-- and its paired capture difference from the head preset price_burn_2026_06 over the
-- year (mechanism − head: Newcombe 95% interval, the discordant pairs each way, exact
-- McNemar p and its Holm adjustment over the year part's comparisons). comparisons.parquet
-- holds each pair once with the lower cell as arm A, so the head's side is found and the
-- sign turned where the head is arm A. STUDY_DIR is docs/study. The pairs of parts:
--   cal-designs-7d-from-launch with cal-designs-7d-year (a week after launch, from the
--     launch state; sixteen mechanisms);
--   cal-designs-90d-burnin with cal-designs-90d-year (three months after launch, after a
--     30-day burn-in; four mechanisms);
--   cal-designs-365d-burnin with cal-designs-365d-year (a year after launch, after a
--     30-day burn-in; five mechanisms).
WITH y AS (
    SELECT cell, axis_mechanism_preset AS mechanism, captured, eligible, median_capture_day
    FROM read_parquet('STUDY_DIR/YEAR_PART/summary.parquet')
), s AS (
    SELECT axis_mechanism_preset AS mechanism, captured AS captured_104, eligible AS eligible_104
    FROM read_parquet('STUDY_DIR/SHORT_PART/summary.parquet')
), c AS (
    SELECT CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN replace(arm_a, 'mechanism.preset=', '')
                ELSE replace(arm_b, 'mechanism.preset=', '') END AS mechanism,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff ELSE -diff END AS d,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff_lo ELSE -diff_hi END AS lo,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff_hi ELSE -diff_lo END AS hi,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN n10 ELSE n01 END AS mechanism_only,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN n01 ELSE n10 END AS head_only,
           mcnemar_p AS p, mcnemar_p_holm AS p_holm
    FROM read_parquet('STUDY_DIR/YEAR_PART/comparisons.parquet')
    WHERE axis = 'mechanism.preset'
      AND 'mechanism.preset=price_burn_2026_06' IN (arm_a, arm_b)
)
SELECT y.mechanism, s.captured_104, s.eligible_104, y.captured, y.eligible,
       y.captured - s.captured_104 AS captured_later, y.median_capture_day,
       c.d AS capture_diff, c.lo AS capture_lo, c.hi AS capture_hi,
       c.mechanism_only, c.head_only, c.p AS capture_p, c.p_holm AS capture_p_holm
FROM y
LEFT JOIN s ON s.mechanism = y.mechanism
LEFT JOIN c ON c.mechanism = y.mechanism
ORDER BY y.cell;
