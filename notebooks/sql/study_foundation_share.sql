-- study_foundation_share.sql: how much of root's stake the Foundation must control for
-- its intervention to stop a meme, by the chain's age (docs/results.md "How much of root
-- the Foundation must control" and "Where the threshold lies between the ages"). STUDY_PART
-- is cal-foundation-share (chains of 30, 90 and 365 days, the Foundation's share of root
-- stake, agents.root_validators.intervene_share, 0.3-0.9) or cal-foundation-threshold
-- (30, 60, 90 and 180 days, 0.6-1.0); both with the meme paying its agent holders, 40
-- replicates on common random numbers. Under today's defaults: v4-foundation-share,
-- v4-foundation-threshold and v4-foundation-threshold-head (today's rule, 30 and 90
-- days), and the confirmatory v4-foundation-threshold-chain-confirm and
-- v4-foundation-threshold-head-chain-confirm (80 replicates, fresh seeds).
-- One row per cell: capture from below θ (captured/eligible with its Wilson 95%
-- interval), the Kaplan–Meier median day of capture, the median peak meme share, and,
-- from the second share on, the paired capture comparison with the next smaller share at
-- the same age (this share minus that one: pairs, pairs captured only at this share, only
-- at the smaller one, the difference with its Newcombe 95% interval, exact McNemar p
-- Holm-adjusted over the part's comparisons).
WITH cells AS (
    SELECT cell, axis_chain_age_days AS age_days,
           axis_agents_root_validators_intervene_share AS share,
           runs, captured, eligible, capture_lo, capture_hi, median_capture_day, peak_share_p50
    FROM read_parquet('STUDY_DIR/STUDY_PART/summary.parquet')),
prev AS (
    SELECT c.cell, max(p.share) AS prev_share
    FROM cells c JOIN cells p ON p.age_days = c.age_days AND p.share < c.share
    GROUP BY c.cell),
pairs AS (
    SELECT c.cell, p.cell AS prev_cell
    FROM cells c JOIN prev v ON v.cell = c.cell
                 JOIN cells p ON p.age_days = c.age_days AND p.share = v.prev_share),
cmp AS (
    SELECT * FROM read_parquet('STUDY_DIR/STUDY_PART/comparisons.parquet')
    WHERE axis = 'agents.root_validators.intervene_share'),
-- Each comparison oriented as this share minus the smaller (0 - x rather than -x, so
-- that a difference of 0 is not printed as -0).
vs AS (
    SELECT q.cell, m.pairs, m.n10 AS only_this, m.n01 AS only_smaller,
           m.diff, m.diff_lo, m.diff_hi, m.mcnemar_p_holm
    FROM pairs q JOIN cmp m ON m.cell_a = q.cell AND m.cell_b = q.prev_cell
    UNION ALL
    SELECT q.cell, m.pairs, m.n01, m.n10, 0 - m.diff, 0 - m.diff_hi, 0 - m.diff_lo, m.mcnemar_p_holm
    FROM pairs q JOIN cmp m ON m.cell_a = q.prev_cell AND m.cell_b = q.cell)
SELECT c.age_days, c.share,
       c.runs, c.captured, c.eligible, c.capture_lo, c.capture_hi, c.median_capture_day, c.peak_share_p50,
       v.pairs, v.only_this, v.only_smaller, v.diff, v.diff_lo, v.diff_hi, v.mcnemar_p_holm
FROM cells c LEFT JOIN vs v ON v.cell = c.cell
ORDER BY c.age_days, c.share;
