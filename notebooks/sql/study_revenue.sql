-- study_revenue.sql: a revenue subnet that buys back its token (docs/results.md, "A revenue
-- subnet that buys back its token"). STUDY_PART is v4-revenue-7d or v4-revenue-7d-300 (a
-- week after launch, buyback 0.5 or none under today's rule and the launch rule, root
-- passive and intervening: the headline grid's week-old cells with the takeover at
-- capital 100 or 300),
-- v4-revenue-90d (subnet 14 mines Bitcoin
-- and buys back half its net revenue or none, under today's rule, the launch rule and the
-- value blend, its value counted as its revenue or as its latent value, three months after
-- launch) or v4-revenue-365d (buying back 0.5, 0.04 or none under today's rule a year after
-- launch, with and without the meme's takeover) or v4-revenue-90d-confirm, on common
-- random numbers. One row per
-- buying-back cell (buyback_fraction > 0), in cell order: the cell's other axes (context)
-- and its buyback; the revenue subnet's time-mean emission share with this buyback and
-- with none, and the paired difference (this buyback minus none, t 95% interval, exact
-- sign test Holm-adjusted over the part's effects on the outcome); the same for the
-- misallocation; and the meme's capture from below θ in both cells (captured/eligible)
-- with the paired comparison (pairs, captured only with the buyback, only without, the
-- difference with its Newcombe 95% interval, exact McNemar p Holm-adjusted over the part's
-- comparisons).
WITH cells AS (
    SELECT cell, axis_subnets_revenue_buyback_fraction AS buyback,
           trim(regexp_replace(axes, '(^|;)subnets[.]revenue[.]buyback_fraction=[^;]*', ''), ';') AS context,
           captured, eligible
    FROM read_parquet('STUDY_DIR/STUDY_PART/summary.parquet')),
twins AS (
    SELECT b.cell, n.cell AS other, b.context, b.buyback,
           b.captured, b.eligible, n.captured AS captured_none, n.eligible AS eligible_none
    FROM cells b JOIN cells n ON n.context = b.context AND n.buyback = 0
    WHERE b.buyback > 0),
eff AS (
    SELECT * FROM read_parquet('STUDY_DIR/STUDY_PART/effects.parquet')
    WHERE axis = 'subnets.revenue.buyback_fraction'),
-- Each effect and comparison both ways round, as this cell minus the other (0 - x rather
-- than -x, so that a difference of 0 is not printed as -0).
eff_oriented AS (
    SELECT outcome, cell_a AS cell, cell_b AS other, mean_a AS mean_this, mean_b AS mean_other,
           diff, diff_lo, diff_hi, sign_p_holm
    FROM eff
    UNION ALL
    SELECT outcome, cell_b, cell_a, mean_b, mean_a, 0 - diff, 0 - diff_hi, 0 - diff_lo, sign_p_holm
    FROM eff),
cmp AS (
    SELECT * FROM read_parquet('STUDY_DIR/STUDY_PART/comparisons.parquet')
    WHERE axis = 'subnets.revenue.buyback_fraction'),
cmp_oriented AS (
    SELECT cell_a AS cell, cell_b AS other, pairs, n10 AS only_this, n01 AS only_other,
           diff, diff_lo, diff_hi, mcnemar_p_holm
    FROM cmp
    UNION ALL
    SELECT cell_b, cell_a, pairs, n01, n10, 0 - diff, 0 - diff_hi, 0 - diff_lo, mcnemar_p_holm
    FROM cmp)
SELECT w.context, w.buyback,
       r.mean_this AS revenue_share_buyback, r.mean_other AS revenue_share_none,
       r.diff AS revenue_share_diff, r.diff_lo AS revenue_share_diff_lo, r.diff_hi AS revenue_share_diff_hi,
       r.sign_p_holm AS revenue_share_p_holm,
       m.mean_this AS misallocation_buyback, m.mean_other AS misallocation_none,
       m.diff AS misallocation_diff, m.diff_lo AS misallocation_diff_lo, m.diff_hi AS misallocation_diff_hi,
       m.sign_p_holm AS misallocation_p_holm,
       w.captured, w.eligible, w.captured_none, w.eligible_none,
       c.pairs AS capture_pairs, c.only_this AS only_buyback, c.only_other AS only_none,
       c.diff AS capture_diff, c.diff_lo AS capture_diff_lo, c.diff_hi AS capture_diff_hi,
       c.mcnemar_p_holm AS capture_p_holm
FROM twins w
JOIN eff_oriented r ON r.cell = w.cell AND r.other = w.other AND r.outcome = 'mean_revenue_share'
JOIN eff_oriented m ON m.cell = w.cell AND m.other = w.other AND m.outcome = 'misallocation'
JOIN cmp_oriented c ON c.cell = w.cell AND c.other = w.other
ORDER BY w.cell;
