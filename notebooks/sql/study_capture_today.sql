-- study_capture_today.sql: the capture parts rerun under today's defaults (the speculators'
-- defaults of 2026-12-03, docs/calibration.md §7; docs/results.md "Under today's
-- defaults"). With the takeover at capital 100: cal-capture-from-launch (a week after
-- launch, from the launch state), cal-capture-burnin-90 and cal-capture-burnin-105 (90
-- days and a year after launch, after a 30-day burn-in), root passive and intervening;
-- without it: cal-capture-control and cal-capture-control-300 (root passive, the three
-- ages, capital 100 and 300); at capital 300:
-- cal-capture-burnin-300 (root intervening, the three ages), cal-capture-300-7d (a week,
-- both policies) and cal-capture-300-passive (90 days and a year, root passive); and
-- cal-capture-cohorts, the takeover cells at capital 100 with the meme paying its miner
-- cohort and owner too (paid_holders cohorts; every other part pays the agents only).
-- The chain's age and the root policy are axes in some parts and fixed by the file in
-- others (the VALUES below, from each experiment file). One row per cell: the
-- replicates run and why the cell stopped (adaptive replicates), capture from below θ
-- (captured/eligible with its Wilson 95% interval), the Kaplan–Meier median day of
-- capture (from the run's start), the median peak meme share, and the runs whose meme
-- price halved in the 24 h after root's decision.
WITH parts(part, age_days, capital, takeover, policy, paid_holders) AS (VALUES
    ('cal-capture-from-launch', 7, 100, true, NULL, 'agents'),
    ('cal-capture-burnin-90', 90, 100, true, NULL, 'agents'),
    ('cal-capture-burnin-105', 365, 100, true, NULL, 'agents'),
    ('cal-capture-control', NULL, 100, false, 'passive', 'agents'),
    ('cal-capture-burnin-300', NULL, 300, true, 'intervene', 'agents'),
    ('cal-capture-300-7d', 7, 300, true, NULL, 'agents'),
    ('cal-capture-300-passive', NULL, 300, true, 'passive', 'agents'),
    ('cal-capture-control-300', NULL, 300, false, 'passive', 'agents'),
    ('cal-capture-cohorts', NULL, 100, true, NULL, 'cohorts'))
SELECT p.part, s.axis_mechanism_preset AS preset,
       CAST(coalesce(s.axis_chain_age_days, p.age_days) AS INTEGER) AS age_days, p.capital, p.takeover,
       coalesce(s.axis_agents_root_validators_policy, p.policy) AS policy, p.paid_holders,
       s.runs, s.stop_reason, s.captured, s.eligible, s.capture_lo, s.capture_hi,
       s.median_capture_day, s.peak_share_p50, s.halved_24h, s.decided
FROM read_parquet(['STUDY_DIR/cal-capture-from-launch/summary.parquet',
                   'STUDY_DIR/cal-capture-burnin-90/summary.parquet',
                   'STUDY_DIR/cal-capture-burnin-105/summary.parquet',
                   'STUDY_DIR/cal-capture-control/summary.parquet',
                   'STUDY_DIR/cal-capture-burnin-300/summary.parquet',
                   'STUDY_DIR/cal-capture-300-7d/summary.parquet',
                   'STUDY_DIR/cal-capture-300-passive/summary.parquet',
                   'STUDY_DIR/cal-capture-control-300/summary.parquet',
                   'STUDY_DIR/cal-capture-cohorts/summary.parquet'],
                  filename = true, union_by_name = true) s
JOIN parts p ON s.filename LIKE '%/' || p.part || '/summary.parquet'
ORDER BY p.takeover DESC, p.paid_holders, p.capital, age_days, preset DESC, policy DESC, p.part;
