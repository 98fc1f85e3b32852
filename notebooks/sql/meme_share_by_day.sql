-- Combined meme emission share over time, per cell: median and 5%/95% quantiles across
-- the cell's replicates, at every recorded time.
WITH per_run AS (
  SELECT cell, replicate, day, sum(emission_share) AS meme_share
  FROM read_parquet('RESULTS_DIR/series/*/*.parquet', hive_partitioning = true)
  WHERE kind = 'meme'
  GROUP BY cell, replicate, day
)
SELECT cell, day,
       median(meme_share)             AS median,
       quantile_cont(meme_share, 0.05) AS p05,
       quantile_cont(meme_share, 0.95) AS p95,
       count(*)                       AS runs
FROM per_run
GROUP BY cell, day
ORDER BY cell, day;
