-- study_design_tradeoff.sql: the trade-off a mechanism designer needs, from the designs
-- part (docs/study/designs-90d: the takeover) and its control arm
-- (docs/study/designs-control-90d: the same chain, seeds and mechanisms without the
-- takeover). Per mechanism, in cell order: capture from below θ with the takeover
-- (captured/eligible) and its paired difference from the head preset price_burn_2026_06
-- (Newcombe 95% interval, exact McNemar p, comparisons.parquet); the paired misallocation
-- difference from the head with the takeover and, the cost side, without it (Student-t 95%
-- intervals, effects.parquet), with the control arm's mean misallocation under the
-- mechanism and under the head. Both files hold each pair once with the lower cell as arm A, so the head's
-- side is found and the sign turned where the head is arm A: every difference is
-- mechanism − head.
WITH s AS (
    SELECT cell, axis_mechanism_preset AS mechanism, captured, eligible
    FROM read_parquet('STUDY_DIR/designs-90d/summary.parquet')
), c AS (
    SELECT CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN replace(arm_a, 'mechanism.preset=', '')
                ELSE replace(arm_b, 'mechanism.preset=', '') END AS mechanism,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff ELSE -diff END AS d,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff_lo ELSE -diff_hi END AS lo,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff_hi ELSE -diff_lo END AS hi,
           mcnemar_p AS p
    FROM read_parquet('STUDY_DIR/designs-90d/comparisons.parquet')
    WHERE axis = 'mechanism.preset'
      AND 'mechanism.preset=price_burn_2026_06' IN (arm_a, arm_b)
), e AS (
    SELECT CASE WHEN filename LIKE '%designs-control-90d%' THEN 'control' ELSE 'takeover' END AS part,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN replace(arm_a, 'mechanism.preset=', '')
                ELSE replace(arm_b, 'mechanism.preset=', '') END AS mechanism,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN mean_a ELSE mean_b END AS level,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN mean_b ELSE mean_a END AS head_level,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff ELSE -diff END AS d,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff_lo ELSE -diff_hi END AS lo,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff_hi ELSE -diff_lo END AS hi
    FROM read_parquet(['STUDY_DIR/designs-90d/effects.parquet', 'STUDY_DIR/designs-control-90d/effects.parquet'], filename = true)
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
