-- Two Morris screenings side by side (docs/study/A_PART and B_PART, sensitivity.parquet
-- of each, written by dtaosim sensitivity): per output and parameter, each part's rank
-- and μ* with its bootstrap 95% interval; a parameter screened in one part only has
-- NULLs for the other. Ranks are within each part, so where B screens more parameters
-- its ranks run further. STUDY_DIR is docs/study. Bindings the study uses: A_PART
-- cal-screening (20 days) against B_PART cal-screening-104d (105 days, three more
-- parameters), and cal-screening-104d against cal-screening-104d-cohorts (the meme
-- paying its cohorts too; the same design points and replicates); and each cal- part
-- against its v4- twin (the same file, design points and replicates under the chain's
-- dividend rule, hash scheme 4): cal-screening-104d and v4-screening-104d, the -cohorts
-- pair, cal-screening and v4-screening.
WITH a AS (
    SELECT output, param, rank, mu_star, mu_star_lo, mu_star_hi
    FROM read_parquet('STUDY_DIR/A_PART/sensitivity.parquet')
    WHERE design = 'morris'
), b AS (
    SELECT output, param, rank, mu_star, mu_star_lo, mu_star_hi
    FROM read_parquet('STUDY_DIR/B_PART/sensitivity.parquet')
    WHERE design = 'morris'
)
SELECT coalesce(a.output, b.output) AS output,
       coalesce(a.param, b.param) AS param,
       a.rank AS rank_a, a.mu_star AS mu_star_a, a.mu_star_lo AS mu_star_a_lo, a.mu_star_hi AS mu_star_a_hi,
       b.rank AS rank_b, b.mu_star AS mu_star_b, b.mu_star_lo AS mu_star_b_lo, b.mu_star_hi AS mu_star_b_hi
FROM a FULL OUTER JOIN b ON a.output = b.output AND a.param = b.param
ORDER BY output, coalesce(b.rank, 1000), coalesce(a.rank, 1000), param;
