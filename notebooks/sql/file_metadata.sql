-- The key-value metadata of every runs file: plan, seed, tool version, cell, axes.
SELECT file_name, decode(key) AS key, decode(value) AS value
FROM parquet_kv_metadata('RESULTS_DIR/runs/*/*.parquet')
ORDER BY file_name, key;
