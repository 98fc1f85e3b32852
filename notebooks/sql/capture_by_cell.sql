-- Capture rate per grid cell, with the cell's axis values (one row per cell).
-- RESULTS_DIR is the experiment's output folder, e.g. results/meme-capture.
SELECT cell,
       any_value(axes)                  AS axes,
       count(*)                         AS runs,
       sum(captured::INT)::BIGINT       AS captured,
       avg(captured::INT)               AS capture_rate,
       avg(rank_captured::INT)          AS rank_capture_rate,
       median(peak_meme_share)          AS peak_share_median
FROM read_parquet('RESULTS_DIR/runs/*/*.parquet', hive_partitioning = true)
GROUP BY cell
ORDER BY cell;
