-- study_burnin.sql: the burn-in parts and their probes (docs/results.md, "How long the
-- burn-in lasts" to "Arriving a month before the takeover"): a meme taken over three
-- months or a year after launch, root passive, by how much of the launch era the run
-- simulates before the takeover and what the speculators are at it. Parts:
-- cal-burnin-dose and cal-burnin-dose-head (burn-in 0-90 days; quitting off/on for the
-- launch rule), cal-burnin-year (a year after launch, 30 days or from the launch),
-- cal-burnin-open (speculators' count and arrival base rate), cal-burnin-rank (the meme's
-- place in the launch split), cal-burnin-fresh, cal-burnin-fresh-30 and
-- cal-burnin-fresh-year (the speculators by the default process or all at once a day or
-- a month before the takeover, three months or a year after launch),
-- cal-burnin-fresh-year-arb (that year's lump with or without the arbitrageurs),
-- cal-burnin-arb (the arbitrageurs' count, 5 or none) and cal-burnin-steady (1,200
-- speculators arriving at a low base rate with or without recruitment); the two
-- yield_weight probes are not here. What a
-- file fixes rather than varies is in the VALUES below (from each experiment file; the
-- defaults where neither sets it: quit_drawdown 0.5, 400 speculators, base rate 1/60,
-- Poisson arrivals with recruit 1, start rank 20, 5 arbitrageurs). One row per cell: the chain's age at the takeover,
-- the days simulated before it, whether the run starts from the launch state, the
-- speculators' settings, capture from below θ (captured/eligible with its Wilson 95%
-- interval) and the Kaplan–Meier median day of capture from the run's start.
WITH parts(part, age_days, takeover_day, burn_in, quit, speculators, base_rate, arrival, recruit, start_rank, arbitrageurs, fixed_preset) AS (VALUES
    ('cal-burnin-dose', 90, 1, NULL, NULL, 400, 1.0/60, 'poisson', 1, 20, 5, NULL),
    ('cal-burnin-dose-head', 90, 1, NULL, 0.5, 400, 1.0/60, 'poisson', 1, 20, 5, NULL),
    ('cal-burnin-year', 365, 1, NULL, 0.5, 400, 1.0/60, 'poisson', 1, 20, 5, NULL),
    ('cal-burnin-open', 90, 1, 90, 0.5, NULL, NULL, 'poisson', 1, 20, 5, NULL),
    ('cal-burnin-rank', 90, 1, 90, 0.5, 400, 1.0/60, 'poisson', 1, NULL, 5, NULL),
    ('cal-burnin-fresh', 90, 1, NULL, 0.5, 400, 1.0/60, NULL, 1, 20, 5, NULL),
    ('cal-burnin-fresh-30', 60, 31, 60, 0.5, 400, 1.0/60, NULL, 1, 20, 5, NULL),
    ('cal-burnin-arb', 90, 1, NULL, 0.5, 400, 1.0/60, 'poisson', 1, 20, NULL, NULL),
    ('cal-burnin-steady', 90, 1, 90, 0.5, 1200, NULL, 'poisson', NULL, 20, 5, NULL),
    ('cal-burnin-fresh-year', 365, 1, 365, 0.5, 400, 1.0/60, NULL, 1, 20, 5, NULL),
    ('cal-burnin-fresh-year-arb', 365, 1, 365, 0.5, 400, 1.0/60, 'lump', 1, 20, NULL, 'price_burn_2026_06')),
cells AS (
    SELECT p.part, coalesce(s.axis_mechanism_preset, p.fixed_preset) AS preset,
           p.age_days + p.takeover_day - 1 AS age_at_takeover,
           CAST(coalesce(s.axis_burn_in_days, p.burn_in) AS INTEGER) AS burn_in, p.age_days, p.takeover_day,
           coalesce(s.axis_agents_speculators_quit_drawdown, p.quit) AS quit_drawdown,
           CAST(coalesce(s.axis_agents_speculators_count, p.speculators) AS INTEGER) AS speculators,
           coalesce(s.axis_agents_speculators_arrival_base_rate, p.base_rate) AS base_rate,
           coalesce(s.axis_agents_speculators_arrival_process, p.arrival) AS arrival,
           coalesce(s.axis_agents_speculators_arrival_recruit, p.recruit) AS recruit,
           CAST(coalesce(s.axis_subnets_meme_start_rank, p.start_rank) AS INTEGER) AS start_rank,
           CAST(coalesce(s.axis_agents_arbitrageurs_count, p.arbitrageurs) AS INTEGER) AS arbitrageurs,
           s.runs, s.captured, s.eligible, s.capture_lo, s.capture_hi, s.median_capture_day
    FROM read_parquet(['STUDY_DIR/cal-burnin-dose/summary.parquet',
                       'STUDY_DIR/cal-burnin-dose-head/summary.parquet',
                       'STUDY_DIR/cal-burnin-year/summary.parquet',
                       'STUDY_DIR/cal-burnin-open/summary.parquet',
                       'STUDY_DIR/cal-burnin-rank/summary.parquet',
                       'STUDY_DIR/cal-burnin-fresh/summary.parquet',
                       'STUDY_DIR/cal-burnin-fresh-30/summary.parquet',
                       'STUDY_DIR/cal-burnin-arb/summary.parquet',
                       'STUDY_DIR/cal-burnin-steady/summary.parquet',
                       'STUDY_DIR/cal-burnin-fresh-year/summary.parquet',
                       'STUDY_DIR/cal-burnin-fresh-year-arb/summary.parquet'],
                      filename = true, union_by_name = true) s
    JOIN parts p ON s.filename LIKE '%/' || p.part || '/summary.parquet')
SELECT part, preset, age_at_takeover,
       least(burn_in, age_days) + takeover_day - 1 AS days_before_takeover,
       burn_in >= age_days AS from_launch,
       quit_drawdown, speculators, base_rate, arrival, recruit, start_rank, arbitrageurs,
       runs, captured, eligible, capture_lo, capture_hi, median_capture_day
FROM cells
ORDER BY part, preset, days_before_takeover, quit_drawdown, speculators, base_rate DESC, arrival DESC, recruit DESC, start_rank, arbitrageurs DESC;
