-- study_intervention.sql: the Foundation's intervention, paired, in the capture parts of
-- the study (docs/study/capture-*; the parts named -300 with the speculators' capital
-- minimum at 300 TAO, the others at 100). Per preset, capital and chain age, passive −
-- intervene on the same replicates: the capture difference (Newcombe 95% interval,
-- discordant pairs, exact McNemar p; comparisons.parquet) and the mean paired differences
-- (Student-t 95% intervals; effects.parquet) in the meme's share of emission over the
-- week after root's decision (meme_share_after), the 24 h log price change after it
-- (price_change_24h) and whether the price halved in those 24 h (halved_24h: the
-- difference of halving rates). Positive = the intervention lowered it.
WITH c AS (
    SELECT CASE WHEN filename LIKE '%capture-launch%' THEN 'launch_2025_02' ELSE 'price_burn_2026_06' END AS preset,
           CASE WHEN filename LIKE '%-300/comparisons.parquet' THEN 300 ELSE 100 END AS capital,
           context, pairs, n10, n01, diff, diff_lo, diff_hi, mcnemar_p
    FROM read_parquet('STUDY_DIR/capture-[hl]*/comparisons.parquet', filename = true)
    WHERE axis = 'agents.root_validators.policy'
      AND arm_a = 'agents.root_validators.policy=passive' AND arm_b = 'agents.root_validators.policy=intervene'
), e AS (
    SELECT CASE WHEN filename LIKE '%capture-launch%' THEN 'launch_2025_02' ELSE 'price_burn_2026_06' END AS preset,
           CASE WHEN filename LIKE '%-300/effects.parquet' THEN 300 ELSE 100 END AS capital,
           context, outcome, pairs, diff, diff_lo, diff_hi
    FROM read_parquet('STUDY_DIR/capture-[hl]*/effects.parquet', filename = true)
    WHERE axis = 'agents.root_validators.policy'
      AND arm_a = 'agents.root_validators.policy=passive' AND arm_b = 'agents.root_validators.policy=intervene'
)
SELECT c.preset, c.capital, CAST(replace(c.context, 'chain.age_days=', '') AS INTEGER) AS age_days,
       c.pairs AS capture_pairs, c.n10 AS captured_passive_only, c.n01 AS captured_intervene_only,
       c.diff AS capture_diff, c.diff_lo AS capture_lo, c.diff_hi AS capture_hi, c.mcnemar_p,
       s.pairs AS share_pairs, s.diff AS share_after_diff, s.diff_lo AS share_after_lo, s.diff_hi AS share_after_hi,
       p.diff AS price_change_diff, p.diff_lo AS price_change_lo, p.diff_hi AS price_change_hi,
       h.diff AS halved_diff, h.diff_lo AS halved_lo, h.diff_hi AS halved_hi
FROM c
LEFT JOIN e s ON s.preset = c.preset AND s.capital = c.capital AND s.context = c.context AND s.outcome = 'meme_share_after'
LEFT JOIN e p ON p.preset = c.preset AND p.capital = c.capital AND p.context = c.context AND p.outcome = 'price_change_24h'
LEFT JOIN e h ON h.preset = c.preset AND h.capital = c.capital AND h.context = c.context AND h.outcome = 'halved_24h'
ORDER BY c.preset DESC, c.capital, age_days;
