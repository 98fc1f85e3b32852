-- study_designs.sql: the designs part of the study (docs/study/designs-90d,
-- experiments/study-designs-90d.yaml). Per mechanism, in cell order: capture from below θ
-- (captured/eligible, Wilson 95% interval), the Kaplan–Meier median day of capture, the
-- median peak meme share, and the paired differences from the head preset
-- price_burn_2026_06 on the same replicates (mechanism − head, Student-t 95% intervals)
-- in the peak meme share, the share of TAO emitted to the meme subnet and the time-mean
-- misallocation. effects.parquet holds each pair once with the lower cell as arm A, so
-- the head's side is found and the sign turned where the head is arm A.
WITH s AS (
    SELECT cell, axis_mechanism_preset AS mechanism, captured, eligible, capture_lo, capture_hi,
           median_capture_day, peak_share_p50
    FROM read_parquet('STUDY_DIR/designs-90d/summary.parquet')
), e AS (
    SELECT outcome,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN replace(arm_a, 'mechanism.preset=', '')
                ELSE replace(arm_b, 'mechanism.preset=', '') END AS mechanism,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff ELSE -diff END AS d,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff_lo ELSE -diff_hi END AS lo,
           CASE WHEN arm_b = 'mechanism.preset=price_burn_2026_06' THEN diff_hi ELSE -diff_lo END AS hi
    FROM read_parquet('STUDY_DIR/designs-90d/effects.parquet')
    WHERE axis = 'mechanism.preset'
      AND 'mechanism.preset=price_burn_2026_06' IN (arm_a, arm_b)
)
SELECT s.mechanism, s.captured, s.eligible, s.capture_lo, s.capture_hi, s.median_capture_day, s.peak_share_p50,
       p.d AS peak_diff, p.lo AS peak_lo, p.hi AS peak_hi,
       t.d AS meme_tao_diff, t.lo AS meme_tao_lo, t.hi AS meme_tao_hi,
       m.d AS misallocation_diff, m.lo AS misallocation_lo, m.hi AS misallocation_hi
FROM s
LEFT JOIN e p ON p.mechanism = s.mechanism AND p.outcome = 'peak_meme_share'
LEFT JOIN e t ON t.mechanism = s.mechanism AND t.outcome = 'meme_tao_share'
LEFT JOIN e m ON m.mechanism = s.mechanism AND m.outcome = 'misallocation'
ORDER BY s.cell;
