-- Capture rate per grid cell, with the cell's axis values (one row per cell). Capture is
-- counted from below θ at the takeover: runs already at θ then (at_theta_at_takeover) are
-- counted apart and left out of the rate, as in dtaosim summarize.
-- RESULTS_DIR is the experiment's output folder, e.g. results/meme-capture.
SELECT cell,
       any_value(axes)                                          AS axes,
       count(*)                                                 AS runs,
       sum(captured::INT)::BIGINT                               AS captured,
       avg(captured::INT) FILTER (WHERE NOT at_theta_at_takeover) AS capture_rate,
       count(*) FILTER (WHERE at_theta_at_takeover)             AS at_theta,
       avg(rank_captured::INT) FILTER (WHERE NOT in_top_k_at_takeover) AS rank_capture_rate,
       median(peak_meme_share)                                  AS peak_share_median
FROM read_parquet('RESULTS_DIR/runs/*/*.parquet', hive_partitioning = true)
GROUP BY cell
ORDER BY cell;
