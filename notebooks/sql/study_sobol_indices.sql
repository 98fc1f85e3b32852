-- A Sobol' study's indices (docs/study/STUDY_PART/sensitivity.parquet): per output,
-- first-order S1 and total ST with bootstrap 95% intervals, ranked by ST. STUDY_DIR is
-- docs/study; STUDY_PART the part: screening-sobol (the defaults before 2026-12-03) or
-- cal-screening-sobol (today's).
SELECT output, rank, param, S1, S1_lo, S1_hi, ST, ST_lo, ST_hi, variance, noise_crn_share
FROM read_parquet('STUDY_DIR/STUDY_PART/sensitivity.parquet')
WHERE design = 'sobol'
ORDER BY output, rank;
