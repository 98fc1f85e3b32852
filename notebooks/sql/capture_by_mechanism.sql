-- Capture rate per mechanism preset, pooled over every other axis, filtered and grouped on
-- the typed axis column (axis_ + the axis's path with dots as underscores).
SELECT axis_mechanism_preset                                     AS mechanism,
       count(*)                                                  AS runs,
       avg(captured::INT) FILTER (WHERE NOT at_theta_at_takeover) AS capture_rate,
       avg(cum_meme_tao / cum_tao)                               AS meme_tao_share
FROM read_parquet('RESULTS_DIR/runs/*/*.parquet', hive_partitioning = true)
GROUP BY ALL
ORDER BY ALL;
