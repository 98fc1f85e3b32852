-- Who holds the meme, over time, per cell: at every recorded time from the takeover on,
-- the mean over the cell's replicates of the TAO value at spot price of the meme's
-- alpha held by yield stakers and by speculators, and of how many of each hold it
-- (series columns yield_staker_alpha, speculator_alpha, yield_stakers, speculators;
-- docs/schema.md). With several memes, their holdings are added. Means, not medians:
-- in most runs of a cell few or none of a class may hold the meme at a given time. A
-- control arm (no takeover) has no 'meme' rows, so its cells are absent here; the runs
-- columns meme_tao_* cover it.
WITH per_run AS (
  SELECT cell, replicate, day,
         sum(yield_staker_alpha * price) AS yield_staker_tao,
         sum(speculator_alpha * price)   AS speculator_tao,
         sum(yield_stakers)              AS yield_stakers,
         sum(speculators)                AS speculators
  FROM read_parquet('RESULTS_DIR/series/*/*.parquet', hive_partitioning = true)
  WHERE kind = 'meme'
  GROUP BY cell, replicate, day
)
SELECT cell, day,
       avg(yield_staker_tao)    AS yield_staker_tao,
       avg(speculator_tao)      AS speculator_tao,
       avg(yield_stakers)       AS yield_stakers,
       avg(speculators)         AS speculators,
       count(*)                 AS runs
FROM per_run
GROUP BY cell, day
ORDER BY cell, day;
