-- study_dividend_fallback.sql: what the chain's rule for a clipped meme's validator alpha
-- does to capture (docs/results.md, "The chain's rule for a clipped meme's validator
-- alpha"). STUDY_PART is a part with the axis mechanism.dividend_fallback (stake: the
-- model's rule, by stake; none: the chain's, to no one): cal-dividend-fallback-confirm
-- (aged chains of 30 and 90 days, both rules of emission, the Foundation holding 0.6 or
-- all of root stake) or cal-dividend-fallback-7d (a week after launch from the launch
-- state, both rules, root passive or intervening); common random numbers over the axes.
-- One row per setting of the other axes (other_axes, the cell's axes without the
-- fallback), in cell order: each rule's capture from below θ (runs, captured/eligible
-- with its Wilson 95% interval, the Kaplan–Meier median day, the median peak meme share),
-- then the paired comparison stake − none (pairs, pairs captured only under stake, only
-- under none, the difference with its Newcombe 95% interval, exact McNemar p
-- Holm-adjusted over the part's comparisons).
WITH cells AS (
    SELECT cell, axis_mechanism_dividend_fallback AS fallback,
           rtrim(regexp_replace(axes, 'mechanism\.dividend_fallback=[a-z]+;?', ''), ';') AS other_axes,
           runs, captured, eligible, capture_lo, capture_hi, median_capture_day, peak_share_p50
    FROM read_parquet('STUDY_DIR/STUDY_PART/summary.parquet')),
pairs AS (
    SELECT s.other_axes, s.cell AS stake_cell, n.cell AS none_cell
    FROM cells s JOIN cells n ON n.other_axes = s.other_axes
    WHERE s.fallback = 'stake' AND n.fallback = 'none'),
cmp AS (
    SELECT * FROM read_parquet('STUDY_DIR/STUDY_PART/comparisons.parquet')
    WHERE axis = 'mechanism.dividend_fallback'),
-- Each comparison oriented as stake minus none (0 - x rather than -x, so that a
-- difference of 0 is not printed as -0).
vs AS (
    SELECT q.stake_cell, m.pairs, m.n10 AS only_stake, m.n01 AS only_none,
           m.diff, m.diff_lo, m.diff_hi, m.mcnemar_p_holm
    FROM pairs q JOIN cmp m ON m.cell_a = q.stake_cell AND m.cell_b = q.none_cell
    UNION ALL
    SELECT q.stake_cell, m.pairs, m.n01, m.n10, 0 - m.diff, 0 - m.diff_hi, 0 - m.diff_lo, m.mcnemar_p_holm
    FROM pairs q JOIN cmp m ON m.cell_a = q.none_cell AND m.cell_b = q.stake_cell)
SELECT q.other_axes,
       s.runs AS stake_runs, s.captured AS stake_captured, s.eligible AS stake_eligible,
       s.capture_lo AS stake_lo, s.capture_hi AS stake_hi, s.median_capture_day AS stake_km_median,
       s.peak_share_p50 AS stake_peak_p50,
       n.runs AS none_runs, n.captured AS none_captured, n.eligible AS none_eligible,
       n.capture_lo AS none_lo, n.capture_hi AS none_hi, n.median_capture_day AS none_km_median,
       n.peak_share_p50 AS none_peak_p50,
       v.pairs, v.only_stake, v.only_none, v.diff, v.diff_lo, v.diff_hi, v.mcnemar_p_holm
FROM pairs q JOIN cells s ON s.cell = q.stake_cell
             JOIN cells n ON n.cell = q.none_cell
             LEFT JOIN vs v ON v.stake_cell = q.stake_cell
ORDER BY q.stake_cell;
