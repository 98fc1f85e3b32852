-- Every intervention: the root validators' Yuma stake share in the meme subnet, whether
-- the holders' miner incentive was clipped, the 24 h price change and the success flag
-- (1, 0, or NaN when the meme share was already below θ at the intervention).
SELECT cell, replicate, axes,
       intervention_day,
       root_share_at_interv,
       holder_incentive,
       holder_incentive < 1e-9     AS clipped,
       price_change_24h,
       intervention_success
FROM read_parquet('RESULTS_DIR/runs/*/*.parquet', hive_partitioning = true)
WHERE intervened
ORDER BY cell, replicate;
