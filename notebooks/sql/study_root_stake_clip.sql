-- study_root_stake_clip.sql: root's stake against capture where root's intervention clips
-- or not (docs/results.md, "A confirmatory test of the lead" and "The rule of thumb on
-- older chains"). STUDY_PART is v4-root-stake-clip-confirm (a 30-day chain, the launch
-- rule), v4-root-stake-clip-head-confirm (the same under today's rule) or
-- v4-root-stake-clip-age-confirm (chains of 60 and 90 days, the launch rule) or
-- v4-root-stake-clip-age-head-confirm (the same under today's rule): each has
-- chain.root_stake (3M and 6M TAO) and the Foundation's share of root stake
-- (agents.root_validators.intervene_share) as axes, 80 replicates on common random
-- numbers. One row per cell, grouped by the cell's other axes (`others`, its axes
-- without chain.root_stake): capture from below θ (captured/eligible with its Wilson 95%
-- interval), the Kaplan–Meier median day of capture, the median peak meme share, and,
-- from the second stake on, the paired capture comparison with the next smaller stake at
-- the same other axes (this stake minus that one: pairs, pairs captured only with this
-- stake, only with the smaller one, the difference with its Newcombe 95% interval, exact
-- McNemar p Holm-adjusted over the part's comparisons).
WITH cells AS (
    SELECT cell, axis_chain_root_stake AS root_stake,
           rtrim(regexp_replace(axes, 'chain\.root_stake=[^;]*;?', ''), ';') AS others,
           runs, captured, eligible, capture_lo, capture_hi, median_capture_day, peak_share_p50
    FROM read_parquet('STUDY_DIR/STUDY_PART/summary.parquet')),
prev AS (
    SELECT c.cell, max(p.root_stake) AS prev_stake
    FROM cells c JOIN cells p ON p.others = c.others AND p.root_stake < c.root_stake
    GROUP BY c.cell),
pairs AS (
    SELECT c.cell, p.cell AS prev_cell
    FROM cells c JOIN prev v ON v.cell = c.cell
                 JOIN cells p ON p.others = c.others AND p.root_stake = v.prev_stake),
cmp AS (
    SELECT * FROM read_parquet('STUDY_DIR/STUDY_PART/comparisons.parquet')
    WHERE axis = 'chain.root_stake'),
-- Each comparison oriented as this stake minus the smaller (0 - x rather than -x, so
-- that a difference of 0 is not printed as -0).
vs AS (
    SELECT q.cell, m.pairs, m.n10 AS only_this, m.n01 AS only_smaller,
           m.diff, m.diff_lo, m.diff_hi, m.mcnemar_p_holm
    FROM pairs q JOIN cmp m ON m.cell_a = q.cell AND m.cell_b = q.prev_cell
    UNION ALL
    SELECT q.cell, m.pairs, m.n01, m.n10, 0 - m.diff, 0 - m.diff_hi, 0 - m.diff_lo, m.mcnemar_p_holm
    FROM pairs q JOIN cmp m ON m.cell_a = q.prev_cell AND m.cell_b = q.cell)
SELECT c.others, c.root_stake,
       c.runs, c.captured, c.eligible, c.capture_lo, c.capture_hi, c.median_capture_day, c.peak_share_p50,
       v.pairs, v.only_this, v.only_smaller, v.diff, v.diff_lo, v.diff_hi, v.mcnemar_p_holm
FROM cells c LEFT JOIN vs v ON v.cell = c.cell
ORDER BY c.others, c.root_stake;
