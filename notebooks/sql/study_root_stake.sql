-- study_root_stake.sql: the measured root stake against the assumed (chain.root_stake;
-- docs/results.md "The measured root stake"). Parts: cal-root-stake-7d (a week after
-- launch, from the launch state), cal-root-stake-90d and cal-root-stake-365d (three
-- months and a year after launch, after a 30-day burn-in), each with root intervening,
-- the speculators' capital 100, today's rule and the launch rule, root's stake 5M TAO (the
-- scenarios' assumption) or 5.716M (the Taostats indexer's on 2025-04-27), 80 replicates
-- on common random numbers; and cal-root-stake-7d-cohorts, a week after launch as
-- cal-root-stake-7d with the meme paying its miner cohort and owner too
-- (subnets.meme.paid_holders: cohorts).
-- One row per cell: capture from below θ (captured/eligible with its Wilson 95%
-- interval), the Kaplan–Meier median day of capture from the run's start, the median
-- peak meme share, and, in the measured stake's cells, the paired differences against
-- the assumed stake's cell of the same rule on the same replicates (measured minus
-- assumed): capture (Newcombe 95% interval, exact McNemar p Holm-adjusted within the
-- part) and the meme's mean emission share (Student-t 95% interval, exact sign test p
-- Holm-adjusted within the part and outcome).
WITH parts(part, age_days) AS (VALUES
    ('cal-root-stake-7d', 7),
    ('cal-root-stake-90d', 90),
    ('cal-root-stake-365d', 365),
    ('cal-root-stake-7d-cohorts', 7)),
cells AS (
    SELECT p.part, p.age_days, s.cell, s.axis_mechanism_preset AS preset,
           s.axis_chain_root_stake AS root_stake,
           s.runs, s.captured, s.eligible, s.capture_lo, s.capture_hi,
           s.median_capture_day, s.peak_share_p50
    FROM read_parquet(['STUDY_DIR/cal-root-stake-7d/summary.parquet',
                       'STUDY_DIR/cal-root-stake-90d/summary.parquet',
                       'STUDY_DIR/cal-root-stake-365d/summary.parquet',
                       'STUDY_DIR/cal-root-stake-7d-cohorts/summary.parquet'],
                      filename = true, union_by_name = true) s
    JOIN parts p ON s.filename LIKE '%/' || p.part || '/summary.parquet'),
cmp AS (
    SELECT p.part, c.*
    FROM read_parquet(['STUDY_DIR/cal-root-stake-7d/comparisons.parquet',
                       'STUDY_DIR/cal-root-stake-90d/comparisons.parquet',
                       'STUDY_DIR/cal-root-stake-365d/comparisons.parquet',
                       'STUDY_DIR/cal-root-stake-7d-cohorts/comparisons.parquet'],
                      filename = true, union_by_name = true) c
    JOIN parts p ON c.filename LIKE '%/' || p.part || '/comparisons.parquet'
    WHERE c.axis = 'chain.root_stake'),
eff AS (
    SELECT p.part, e.*
    FROM read_parquet(['STUDY_DIR/cal-root-stake-7d/effects.parquet',
                       'STUDY_DIR/cal-root-stake-90d/effects.parquet',
                       'STUDY_DIR/cal-root-stake-365d/effects.parquet',
                       'STUDY_DIR/cal-root-stake-7d-cohorts/effects.parquet'],
                      filename = true, union_by_name = true) e
    JOIN parts p ON e.filename LIKE '%/' || p.part || '/effects.parquet'
    WHERE e.axis = 'chain.root_stake' AND e.outcome = 'mean_meme_share'),
-- Each comparison oriented as the larger stake (the measured) minus the smaller (0 - x
-- rather than -x, so that a difference of 0 is not printed as -0).
capture_vs AS (
    SELECT m.part, m.cell_a AS cell, m.pairs, m.n10 AS only_measured, m.n01 AS only_assumed,
           m.diff, m.diff_lo, m.diff_hi, m.mcnemar_p_holm
    FROM cmp m JOIN cells a ON a.part = m.part AND a.cell = m.cell_a
               JOIN cells b ON b.part = m.part AND b.cell = m.cell_b
    WHERE a.root_stake > b.root_stake
    UNION ALL
    SELECT m.part, m.cell_b, m.pairs, m.n01, m.n10, 0 - m.diff, 0 - m.diff_hi, 0 - m.diff_lo, m.mcnemar_p_holm
    FROM cmp m JOIN cells a ON a.part = m.part AND a.cell = m.cell_a
               JOIN cells b ON b.part = m.part AND b.cell = m.cell_b
    WHERE a.root_stake < b.root_stake),
share_vs AS (
    SELECT e.part, e.cell_a AS cell, e.diff, e.diff_lo, e.diff_hi, e.sign_p_holm
    FROM eff e JOIN cells a ON a.part = e.part AND a.cell = e.cell_a
               JOIN cells b ON b.part = e.part AND b.cell = e.cell_b
    WHERE a.root_stake > b.root_stake
    UNION ALL
    SELECT e.part, e.cell_b, 0 - e.diff, 0 - e.diff_hi, 0 - e.diff_lo, e.sign_p_holm
    FROM eff e JOIN cells a ON a.part = e.part AND a.cell = e.cell_a
               JOIN cells b ON b.part = e.part AND b.cell = e.cell_b
    WHERE a.root_stake < b.root_stake)
SELECT c.part, c.age_days, c.preset, c.root_stake,
       c.runs, c.captured, c.eligible, c.capture_lo, c.capture_hi, c.median_capture_day, c.peak_share_p50,
       v.pairs, v.only_measured, v.only_assumed, v.diff, v.diff_lo, v.diff_hi, v.mcnemar_p_holm,
       s.diff AS share_diff, s.diff_lo AS share_diff_lo, s.diff_hi AS share_diff_hi, s.sign_p_holm AS share_sign_p_holm
FROM cells c LEFT JOIN capture_vs v ON v.part = c.part AND v.cell = c.cell
             LEFT JOIN share_vs s ON s.part = c.part AND s.cell = c.cell
ORDER BY c.age_days, c.part, c.preset DESC, c.root_stake;
