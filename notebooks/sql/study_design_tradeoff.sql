-- study_design_tradeoff.sql: the trade-off a mechanism designer needs, from a designs
-- part (docs/study/DESIGNS_PART: the takeover) and a control arm (docs/study/CONTROL_PART:
-- the same mechanisms without the takeover). Per mechanism, in cell order: capture from
-- below θ with the takeover (captured/eligible) and its paired difference from the head
-- preset price_burn_2026_06 (Newcombe 95% interval, exact McNemar p, comparisons.parquet);
-- the paired misallocation difference from the head with the takeover and, the cost side,
-- without it (Student-t 95% intervals, effects.parquet), with the control arm's mean
-- misallocation under the mechanism and under the head. Both files hold each pair once
-- with the lower cell as arm A, so the head's side is found and the sign turned where the
-- head is arm A: every difference is mechanism − head. STUDY_DIR is docs/study. The parts:
--   designs-90d with designs-control-90d (the defaults before 2026-12-03: the same chain,
--     seeds and mechanisms with and without the takeover, so the columns pair);
--   cal-designs-90d-burnin with cal-designs-control-90d (today's defaults: the designs
--     three months after launch after a 30-day burn-in, against the 90-day-old chain
--     without a meme, which has no burn-in; the two chains are of the same age but not
--     the same runs, so the control columns are the designs' cost on a three-month-old
--     chain, not paired with the capture column).
WITH s AS (
    SELECT cell, axis_mechanism_preset AS mechanism, captured, eligible
    FROM read_parquet('STUDY_DIR/DESIGNS_PART/summary.parquet')
), c AS (
    SELECT CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN replace(arm_a, 'mechanism.preset=', '')
                ELSE replace(arm_b, 'mechanism.preset=', '') END AS mechanism,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff ELSE -diff END AS d,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff_lo ELSE -diff_hi END AS lo,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff_hi ELSE -diff_lo END AS hi,
           mcnemar_p AS p
    FROM read_parquet('STUDY_DIR/DESIGNS_PART/comparisons.parquet')
    WHERE axis = 'mechanism.preset'
      AND 'mechanism.preset=price_burn_2026_06' IN (arm_a, arm_b)
), arms AS (
    SELECT 'takeover' AS part, * FROM read_parquet('STUDY_DIR/DESIGNS_PART/effects.parquet')
    UNION ALL BY NAME
    SELECT 'control' AS part, * FROM read_parquet('STUDY_DIR/CONTROL_PART/effects.parquet')
), e AS (
    SELECT part,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN replace(arm_a, 'mechanism.preset=', '')
                ELSE replace(arm_b, 'mechanism.preset=', '') END AS mechanism,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN mean_a ELSE mean_b END AS level,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN mean_b ELSE mean_a END AS head_level,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff ELSE -diff END AS d,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff_lo ELSE -diff_hi END AS lo,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff_hi ELSE -diff_lo END AS hi
    FROM arms
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
