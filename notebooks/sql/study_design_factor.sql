-- study_design_factor.sql: a designs part crossed with a second factor (docs/results.md,
-- "Three times the capital against the designs" and "The designs with root passive").
-- STUDY_PART is v4-designs-capital-7d-year with FACTOR agents.speculators.capital.min
-- (100 and 300) or v4-designs-root-7d-year with FACTOR agents.root_validators.policy
-- (intervene and passive): today's rule, the 90-day window and the value blend a week
-- after launch over a year, on common random numbers over both axes; or
-- v4-revenue-designs-7d with FACTOR agents.root_validators.policy (today's rule, the value
-- blend, a 90-day window and a 25% share cap a week after launch over 104 days, with a
-- Bitcoin-mining subnet buying back half its revenue). One row per cell,
-- in cell order: the mechanism and the factor's level; capture from below θ
-- (captured/eligible with its Wilson 95% interval), the Kaplan–Meier median day of
-- capture and the median peak meme share; the paired capture comparison with today's
-- rule (price_burn_2026_06) at the same level (this mechanism minus today's rule: pairs,
-- pairs captured only under this mechanism, only under today's rule, the difference with
-- its Newcombe 95% interval, exact McNemar p Holm-adjusted over the part's comparisons;
-- empty on today's rule's rows); and the same comparison with the previous level of the
-- factor under the same mechanism (this level minus that one; empty on the first level).
-- Levels are ordered as text (100 < 300, intervene < passive).
WITH cells AS (
    SELECT cell, axis_mechanism_preset AS mechanism,
           regexp_extract(axes, '(^|;)FACTOR=([^;]*)', 2) AS level,
           runs, captured, eligible, capture_lo, capture_hi, median_capture_day, peak_share_p50
    FROM read_parquet('STUDY_DIR/STUDY_PART/summary.parquet')),
heads AS (
    SELECT c.cell, h.cell AS other
    FROM cells c JOIN cells h ON h.level = c.level AND h.mechanism = 'price_burn_2026_06'
    WHERE c.mechanism <> 'price_burn_2026_06'),
prev AS (
    SELECT c.cell, max(p.level) AS prev_level
    FROM cells c JOIN cells p ON p.mechanism = c.mechanism AND p.level < c.level
    GROUP BY c.cell),
steps AS (
    SELECT c.cell, p.cell AS other
    FROM cells c JOIN prev v ON v.cell = c.cell
                 JOIN cells p ON p.mechanism = c.mechanism AND p.level = v.prev_level),
cmp AS (
    SELECT * FROM read_parquet('STUDY_DIR/STUDY_PART/comparisons.parquet')),
-- Each comparison both ways round, as arm minus other (0 - x rather than -x, so that a
-- difference of 0 is not printed as -0).
oriented AS (
    SELECT axis, cell_a AS cell, cell_b AS other, pairs, n10 AS only_this, n01 AS only_other,
           diff, diff_lo, diff_hi, mcnemar_p_holm
    FROM cmp
    UNION ALL
    SELECT axis, cell_b, cell_a, pairs, n01, n10, 0 - diff, 0 - diff_hi, 0 - diff_lo, mcnemar_p_holm
    FROM cmp),
vh AS (
    SELECT q.cell, o.pairs, o.only_this, o.only_other, o.diff, o.diff_lo, o.diff_hi, o.mcnemar_p_holm
    FROM heads q JOIN oriented o ON o.cell = q.cell AND o.other = q.other AND o.axis = 'mechanism.preset'),
vs AS (
    SELECT q.cell, o.pairs, o.only_this, o.only_other, o.diff, o.diff_lo, o.diff_hi, o.mcnemar_p_holm
    FROM steps q JOIN oriented o ON o.cell = q.cell AND o.other = q.other AND o.axis = 'FACTOR')
SELECT c.mechanism, c.level,
       c.runs, c.captured, c.eligible, c.capture_lo, c.capture_hi, c.median_capture_day, c.peak_share_p50,
       vh.pairs AS head_pairs, vh.only_this AS only_mechanism, vh.only_other AS only_head,
       vh.diff AS head_diff, vh.diff_lo AS head_diff_lo, vh.diff_hi AS head_diff_hi, vh.mcnemar_p_holm AS head_p_holm,
       vs.pairs AS step_pairs, vs.only_this AS only_this_level, vs.only_other AS only_prev_level,
       vs.diff AS step_diff, vs.diff_lo AS step_diff_lo, vs.diff_hi AS step_diff_hi, vs.mcnemar_p_holm AS step_p_holm
FROM cells c LEFT JOIN vh ON vh.cell = c.cell LEFT JOIN vs ON vs.cell = c.cell
ORDER BY c.cell;
