-- study_dividend_rule.sql: a part of the study rerun under today's defaults (hash scheme 4:
-- the chain's rule for a subnet's validator alpha at an epoch where no alpha validator
-- has dividends, paid to no one; docs/mechanism.md §12) beside the same experiment file
-- under the defaults of 2026-12-03 (scheme 3: the model's rule, shared by stake);
-- docs/results.md, "Results under today's defaults". NEW_PART is the v4- part, OLD_PART
-- the cal- part of the same file (the same cells and master seed): e.g.
-- v4-capture-from-launch and cal-capture-from-launch; or a v4- part that holds some of
-- the cal- part's cells (v4-capture-cohorts-7d: the week-old cells of cal-capture-cohorts),
-- paired by their axis values. One row per cell of NEW_PART, in its cell order:
-- each version's capture from below θ (runs, captured/eligible with its Wilson 95%
-- interval, the Kaplan–Meier median day, the median peak meme share) and the difference
-- of the capture rates, new − old. The two parts share their random numbers replicate by
-- replicate, but with adaptive replicates a cell may stop at another count, and the paired
-- test of the rule is in cal-dividend-fallback-7d (study_dividend_fallback.sql): this
-- difference is descriptive.
WITH old AS (SELECT * FROM read_parquet('STUDY_DIR/OLD_PART/summary.parquet')),
new AS (SELECT * FROM read_parquet('STUDY_DIR/NEW_PART/summary.parquet'))
SELECT n.cell, n.axes,
       o.runs AS old_runs, o.captured AS old_captured, o.eligible AS old_eligible,
       o.capture_lo AS old_lo, o.capture_hi AS old_hi, o.median_capture_day AS old_km_median,
       o.peak_share_p50 AS old_peak_p50,
       n.runs AS new_runs, n.captured AS new_captured, n.eligible AS new_eligible,
       n.capture_lo AS new_lo, n.capture_hi AS new_hi, n.median_capture_day AS new_km_median,
       n.peak_share_p50 AS new_peak_p50,
       n.captured / n.eligible - o.captured / o.eligible AS rate_diff
FROM new n JOIN old o ON o.axes = n.axes
ORDER BY n.cell;
