-- Root proportion of subnet 1 over time: median across every run of the experiment.
SELECT day,
       median(root_prop)              AS root_prop_median,
       quantile_cont(root_prop, 0.05) AS p05,
       quantile_cont(root_prop, 0.95) AS p95
FROM read_parquet('RESULTS_DIR/series/*/*.parquet', hive_partitioning = true)
WHERE netuid = 1
GROUP BY day
ORDER BY day;
