-- The Morris screening's ranking under today's defaults (the speculators' defaults of
-- 2026-12-03; docs/study/cal-screening/sensitivity.parquet, the same design points and
-- replicates as study_morris_ranking.sql's part): per output, the parameters by μ* with
-- its bootstrap 95% interval, σ, and the replicate-noise share. STUDY_DIR is docs/study.
SELECT output, rank, param, mu_star, mu_star_lo, mu_star_hi, mu, sigma, noise_crn_share
FROM read_parquet('STUDY_DIR/cal-screening/sensitivity.parquet')
WHERE design = 'morris'
ORDER BY output, rank;
