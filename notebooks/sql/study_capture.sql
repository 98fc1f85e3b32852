-- study_capture.sql: the capture parts of the study (docs/study/capture-head*, capture-launch*: capture-head
-- and capture-head-300 under the head preset price_burn_2026_06, capture-launch and
-- capture-launch-300 under the launch preset launch_2025_02; the speculators' capital
-- minimum 100 TAO, or 300 in the parts named -300; experiments/study-capture-*.yaml). Per
-- part, chain age and root's policy: the replicates run and why the cell stopped there
-- (adaptive replicates), capture from below θ (captured/eligible with its Wilson 95%
-- interval), the Kaplan–Meier median day of capture, the median peak meme share, the
-- interventions that found the meme at θ or above with how many of them brought it back
-- below (success), and the runs whose meme price halved in the 24 h after the decision.
SELECT CASE WHEN filename LIKE '%capture-launch%' THEN 'launch_2025_02' ELSE 'price_burn_2026_06' END AS preset,
       CASE WHEN filename LIKE '%-300/summary.parquet' THEN 300 ELSE 100 END AS capital,
       axis_chain_age_days AS age_days, axis_agents_root_validators_policy AS policy,
       runs, stop_reason, captured, eligible, capture_lo, capture_hi, median_capture_day, peak_share_p50,
       success_runs, round(intervention_rate * success_runs) AS successes, halved_24h, decided
FROM read_parquet('STUDY_DIR/capture-[hl]*/summary.parquet', filename = true)
ORDER BY preset DESC, capital, age_days, policy DESC;
