-- study_design_tradeoff_today.sql: study_design_tradeoff.sql under today's defaults (the
-- speculators' defaults of 2026-12-03): the designs part three months after launch with
-- a 30-day burn-in (docs/study/cal-designs-90d-burnin: the takeover on day 31 of a chain
-- started 60 days old) against the control arm without a meme
-- (docs/study/cal-designs-control-90d: the 90-day-old chain, the same mechanisms and
-- master seed, no takeover; it has no burn-in, so the two parts' chains are of the same
-- age but not the same runs: the control arm's numbers are the designs' cost on a
-- three-month-old chain, not paired with the capture column). Columns and signs as in
-- study_design_tradeoff.sql: every difference is mechanism − head.
WITH s AS (
    SELECT cell, axis_mechanism_preset AS mechanism, captured, eligible
    FROM read_parquet('STUDY_DIR/cal-designs-90d-burnin/summary.parquet')
), c AS (
    SELECT CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN replace(arm_a, 'mechanism.preset=', '')
                ELSE replace(arm_b, 'mechanism.preset=', '') END AS mechanism,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff ELSE -diff END AS d,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff_lo ELSE -diff_hi END AS lo,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff_hi ELSE -diff_lo END AS hi,
           mcnemar_p AS p
    FROM read_parquet('STUDY_DIR/cal-designs-90d-burnin/comparisons.parquet')
    WHERE axis = 'mechanism.preset'
      AND 'mechanism.preset=price_burn_2026_06' IN (arm_a, arm_b)
), e AS (
    SELECT CASE WHEN filename LIKE '%cal-designs-control-90d%' THEN 'control' ELSE 'takeover' END AS part,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN replace(arm_a, 'mechanism.preset=', '')
                ELSE replace(arm_b, 'mechanism.preset=', '') END AS mechanism,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN mean_a ELSE mean_b END AS level,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN mean_b ELSE mean_a END AS head_level,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff ELSE -diff END AS d,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff_lo ELSE -diff_hi END AS lo,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff_hi ELSE -diff_lo END AS hi
    FROM read_parquet(['STUDY_DIR/cal-designs-90d-burnin/effects.parquet', 'STUDY_DIR/cal-designs-control-90d/effects.parquet'], filename = true)
    WHERE axis = 'mechanism.preset' AND outcome = 'misallocation'
      AND 'mechanism.preset=price_burn_2026_06' IN (arm_a, arm_b)
)
SELECT s.mechanism, s.captured, s.eligible,
       c.d AS capture_diff, c.lo AS capture_lo, c.hi AS capture_hi, c.p AS capture_p,
       t.d AS misallocation_takeover_diff, t.lo AS misallocation_takeover_lo, t.hi AS misallocation_takeover_hi,
       k.level AS misallocation_control, k.d AS misallocation_control_diff,
       k.lo AS misallocation_control_lo, k.hi AS misallocation_control_hi,
       (SELECT max(head_level) FROM e WHERE part = 'control') AS head_misallocation_control
FROM s
LEFT JOIN c ON c.mechanism = s.mechanism
LEFT JOIN e t ON t.mechanism = s.mechanism AND t.part = 'takeover'
LEFT JOIN e k ON k.mechanism = s.mechanism AND k.part = 'control'
ORDER BY s.cell;
