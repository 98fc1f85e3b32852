-- A Morris screening's ranking (docs/study/STUDY_PART/sensitivity.parquet, written by
-- dtaosim sensitivity): per output, the parameters by μ* with its bootstrap 95% interval,
-- σ, and how much of the design points' variation is replicate noise (noise_crn_share:
-- above about 0.5 the indices mostly measure noise). STUDY_DIR is docs/study; STUDY_PART
-- the part: screening (the defaults before 2026-12-03) or cal-screening (today's, the
-- same design points and replicates).
SELECT output, rank, param, mu_star, mu_star_lo, mu_star_hi, mu, sigma, noise_crn_share
FROM read_parquet('STUDY_DIR/STUDY_PART/sensitivity.parquet')
WHERE design = 'morris'
ORDER BY output, rank;
