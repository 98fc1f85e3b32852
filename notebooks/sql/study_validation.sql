-- The study's validation table (docs/study/validate/validate.csv, written by
-- dtaosim validate --seeds 5 --csv): every scored moment, its band, the simulated mean over
-- seeds and whether it is inside; the last row of `dtaosim validate` is the count of
-- in_band = true over these rows. STUDY_DIR is the study's folder, docs/study.
SELECT id, moment, real, band_lo, band_hi, mean, "min", "max", seeds_in_band, in_band, scenario
FROM read_csv('STUDY_DIR/validate/validate.csv', header = true, all_varchar = false,
              types = {'id': 'VARCHAR', 'band_lo': 'DOUBLE', 'band_hi': 'DOUBLE', 'mean': 'DOUBLE',
                       'min': 'DOUBLE', 'max': 'DOUBLE', 'in_band': 'BOOLEAN'})
WHERE kind = 'scored'
ORDER BY TRY_CAST(regexp_extract(id, '^[0-9]+') AS INTEGER), id;
