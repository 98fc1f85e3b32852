-- Capture rate per mechanism preset, pooled over every other axis.
SELECT regexp_extract(axes, 'mechanism\.preset=([^;]+)', 1) AS mechanism,
       count(*)                                            AS runs,
       avg(captured::INT)                                  AS capture_rate,
       avg(cum_meme_tao / cum_tao)                         AS meme_tao_share
FROM read_parquet('RESULTS_DIR/runs/*/*.parquet', hive_partitioning = true)
GROUP BY ALL
ORDER BY ALL;
