-- study_paid_holders.sql: whose alpha a meme subnet pays (subnets.meme.paid_holders;
-- docs/results.md "Whose alpha the meme pays"). Parts: cal-paid-holders-7d (a week after
-- launch, from the launch state, root passive and intervening), cal-paid-holders-90 and
-- cal-paid-holders-year (three months and a year after launch, after a 30-day burn-in,
-- root passive), all at the speculators' capital 100, cal-paid-holders-300 (capital 300,
-- three months and a year after launch, root passive) and cal-paid-holders-designs-90 and
-- -designs-7d (six mechanisms in the preset column, three months after launch and a week
-- after it from the launch state, root intervening), and cal-paid-holders-7d-year-confirm
-- (today's rule and the 90-day window a week after launch from the launch state, root
-- intervening, a year from the takeover instead of 104 days).
-- paid_holders: agents (the default: the agents' accounts only), cohorts (also the
-- subnet's miner cohort and owner), all (also its alpha validators' own alpha).
-- One row per cell: capture from below θ (captured/eligible with its Wilson 95%
-- interval), the Kaplan–Meier median day of capture from the run's start, the median
-- peak meme share, and, for cohorts and all, the paired difference of capture against
-- the agents cell of the same rule, age and policy on the same replicates (this arm minus
-- agents, Newcombe 95% interval, exact McNemar p Holm-adjusted within the part).
WITH parts(part, age_days, capital, policy) AS (VALUES
    ('cal-paid-holders-7d', 7, 100, NULL),
    ('cal-paid-holders-90', 90, 100, 'passive'),
    ('cal-paid-holders-year', 365, 100, 'passive'),
    ('cal-paid-holders-300', NULL, 300, 'passive'),
    ('cal-paid-holders-designs-90', 90, 100, 'intervene'),
    ('cal-paid-holders-designs-7d', 7, 100, 'intervene'),
    ('cal-paid-holders-7d-year-confirm', 7, 100, 'intervene')),
cells AS (
    SELECT p.part, CAST(coalesce(s.axis_chain_age_days, p.age_days) AS INTEGER) AS age_days, p.capital,
           s.cell, s.axis_mechanism_preset AS preset,
           coalesce(s.axis_agents_root_validators_policy, p.policy) AS policy,
           s.axis_subnets_meme_paid_holders AS paid_holders,
           s.runs, s.captured, s.eligible, s.capture_lo, s.capture_hi,
           s.median_capture_day, s.peak_share_p50
    FROM read_parquet(['STUDY_DIR/cal-paid-holders-7d/summary.parquet',
                       'STUDY_DIR/cal-paid-holders-90/summary.parquet',
                       'STUDY_DIR/cal-paid-holders-year/summary.parquet',
                       'STUDY_DIR/cal-paid-holders-300/summary.parquet',
                       'STUDY_DIR/cal-paid-holders-designs-90/summary.parquet',
                       'STUDY_DIR/cal-paid-holders-designs-7d/summary.parquet',
                       'STUDY_DIR/cal-paid-holders-7d-year-confirm/summary.parquet'],
                      filename = true, union_by_name = true) s
    JOIN parts p ON s.filename LIKE '%/' || p.part || '/summary.parquet'),
paid_cmp AS (
    -- The paid_holders comparisons, each pair listed once with agents in either arm.
    SELECT p.part, c.*
    FROM read_parquet(['STUDY_DIR/cal-paid-holders-7d/comparisons.parquet',
                       'STUDY_DIR/cal-paid-holders-90/comparisons.parquet',
                       'STUDY_DIR/cal-paid-holders-year/comparisons.parquet',
                       'STUDY_DIR/cal-paid-holders-300/comparisons.parquet',
                       'STUDY_DIR/cal-paid-holders-designs-90/comparisons.parquet',
                       'STUDY_DIR/cal-paid-holders-designs-7d/comparisons.parquet',
                       'STUDY_DIR/cal-paid-holders-7d-year-confirm/comparisons.parquet'],
                      filename = true, union_by_name = true) c
    JOIN parts p ON c.filename LIKE '%/' || p.part || '/comparisons.parquet'
    WHERE c.axis = 'subnets.meme.paid_holders'),
vs_agents AS (
    -- This arm first (0 - x rather than -x, so that a difference of 0 is not printed as -0).
    SELECT part, cell_a AS cell, pairs, n10, n01, diff, diff_lo, diff_hi, mcnemar_p_holm
    FROM paid_cmp WHERE arm_b = 'subnets.meme.paid_holders=agents'
    UNION ALL
    SELECT part, cell_b, pairs, n01, n10, 0 - diff, 0 - diff_hi, 0 - diff_lo, mcnemar_p_holm
    FROM paid_cmp WHERE arm_a = 'subnets.meme.paid_holders=agents')
SELECT c.part, c.age_days, c.capital, c.preset, c.policy, c.paid_holders,
       c.runs, c.captured, c.eligible, c.capture_lo, c.capture_hi, c.median_capture_day, c.peak_share_p50,
       v.pairs, v.n10 AS only_this_arm, v.n01 AS only_agents, v.diff, v.diff_lo, v.diff_hi, v.mcnemar_p_holm
FROM cells c LEFT JOIN vs_agents v ON v.part = c.part AND v.cell = c.cell
ORDER BY c.capital, c.age_days, c.preset DESC, c.policy DESC,
         CASE c.paid_holders WHEN 'agents' THEN 0 WHEN 'cohorts' THEN 1 ELSE 2 END;
