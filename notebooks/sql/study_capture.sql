-- study_capture.sql: the capture parts of the study (docs/study/capture-head: the head
-- preset price_burn_2026_06; docs/study/capture-launch: the launch preset launch_2025_02;
-- experiments/study-capture-*.yaml). Per part, chain age and root's policy: the
-- replicates run and why the cell stopped there (adaptive replicates), capture from below
-- θ (captured/eligible with its Wilson 95% interval), the Kaplan–Meier median day of
-- capture, the median peak meme share, and the interventions that found the meme at θ
-- or above with how many of them brought it back below (success).
SELECT CASE WHEN filename LIKE '%capture-launch%' THEN 'launch_2025_02' ELSE 'price_burn_2026_06' END AS preset,
       axis_chain_age_days AS age_days, axis_agents_root_validators_policy AS policy,
       runs, stop_reason, captured, eligible, capture_lo, capture_hi, median_capture_day, peak_share_p50,
       success_runs, round(intervention_rate * success_runs) AS successes
FROM read_parquet(['STUDY_DIR/capture-head/summary.parquet', 'STUDY_DIR/capture-launch/summary.parquet'], filename = true)
ORDER BY preset DESC, age_days, policy DESC;
