-- The Sobol' study's indices under today's defaults (the speculators' defaults of
-- 2026-12-03; docs/study/cal-screening-sobol/sensitivity.parquet): per output,
-- first-order S1 and total ST with bootstrap 95% intervals, ranked by ST.
-- STUDY_DIR is docs/study.
SELECT output, rank, param, S1, S1_lo, S1_hi, ST, ST_lo, ST_hi, variance, noise_crn_share
FROM read_parquet('STUDY_DIR/cal-screening-sobol/sensitivity.parquet')
WHERE design = 'sobol'
ORDER BY output, rank;
