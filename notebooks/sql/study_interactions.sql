-- study_interactions.sql: the interactions a part declares (docs/experiments.md,
-- "Interactions"): STUDY_PART is v4-yield-stakers-clip-confirm, whose file asks whether
-- root's intervention (passive − intervening) prevents the meme's capture more with the
-- default 50 yield stakers than with none, within each rule and chain age, or
-- v4-yield-stakers-clip-window or -clip-hetero, the same within each chain age and
-- momentum window (or spread of windows) of the speculators, or v4-yield-stakers-clip-memory,
-- whether the intervention prevents more captures when the speculators do not buy back a
-- subnet sold at a loss for 30 (or 7) days than without that memory, within each chain
-- age and number of yield stakers (v4-yield-stakers-clip-memory-year: the same over a year;
-- v4-yield-stakers-clip-memory-head: under today's rule, without yield stakers) (docs/results.md, "What the screenings did not vary:
-- the yield stakers"). One row per
-- interaction and context, in the order of its first cell: the context; the four cells'
-- capture (arm A and arm B at by_1, then at by_2: captured/eligible from summary.parquet);
-- the replicates used; the two paired effects and their difference with its 95% interval;
-- the replicates whose difference is positive and negative; the exact sign-flip p,
-- Holm-adjusted over the part's interactions.
WITH i AS (
    SELECT * FROM read_parquet('STUDY_DIR/STUDY_PART/interactions.parquet')),
cells AS (
    SELECT cell, captured, eligible FROM read_parquet('STUDY_DIR/STUDY_PART/summary.parquet'))
SELECT i.context, i.arm_a, i.arm_b, i.by_1, i.by_2,
       a1.captured AS captured_a1, a1.eligible AS eligible_a1,
       b1.captured AS captured_b1, b1.eligible AS eligible_b1,
       a2.captured AS captured_a2, a2.eligible AS eligible_a2,
       b2.captured AS captured_b2, b2.eligible AS eligible_b2,
       i.replicates, i.effect_1, i.effect_2, i.diff, i.diff_lo, i.diff_hi,
       i.positive, i.negative, i.sign_flip_p_holm
FROM i
JOIN cells a1 ON a1.cell = i.cell_a1
JOIN cells b1 ON b1.cell = i.cell_b1
JOIN cells a2 ON a2.cell = i.cell_a2
JOIN cells b2 ON b2.cell = i.cell_b2
ORDER BY i.cell_a1, i.cell_b1;
