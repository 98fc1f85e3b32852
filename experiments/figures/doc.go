// Package figures draws the paper figures (listed below) from an experiment's outputs,
// with gonum.org/v1/plot: PNG (300 dpi by default) and SVG (fonts embedded). PDF is not
// offered, since gonum/plot's PDF backend draws raster layers upside down.
//
// Load reads a results folder into an Experiment — a sweep's folder (manifest.json, the
// per-run files under runs/, series/, events/; counts, Wilson intervals and paired
// comparisons from sweep.Summarize) or a `dtaosim run` folder — reducing each run's
// series as it goes. The figure functions are pure: they draw an Experiment, so tests
// build one by hand. A figure whose data is missing returns a *Skipped error naming what
// is missing; All draws every figure it can and collects the skips, and Write saves them.
//
// The figures and how each is derived:
//
//   - capture-heatmap (CaptureHeatmap): the capture probability over the first two axes,
//     in the experiment's order, that are not mechanism.preset and have two or more
//     values (x, then y); one panel column per mechanism preset. Of the remaining axes,
//     the leading ones (in the experiment's order) with at most four combinations get a
//     row of panels per combination, and the cells of the axes after them are pooled
//     (all, when the first has more than four values): order an experiment's axes so that
//     those to pool come last. A cell shows p = captured/runs and its Wilson 95% interval: the
//     summary's for a single grid cell, stats.Wilson on the pooled counts otherwise.
//     Colours follow ColorBrewer's YlOrRd on [0, 1], with a colour bar.
//   - share-fan (ShareFan): per run and recorded time, the summed emission share of the
//     subnets of each kind (a subnet counts under the kind it has then, so a taken-over
//     subnet turns "meme"); across runs, the median and the central 50% and 90% (type-7
//     quantiles). One panel per mechanism preset, pooling all cells with that preset, or
//     one panel per cell listed in Options.FanCells.
//   - sn28-episode (EpisodeFigure): per mechanism preset (up to three), the first
//     intervened run, in cell then replicate order, whose partner cell — equal on every
//     axis but agents.root_validators.policy and in the same common-random-number group —
//     has a run of the same replicate without intervention. For the subnet the
//     "intervention" event names: its price (log scale), emission share and the root
//     validators' share of its Yuma stake (leading zeros, before its first epoch, left
//     out), with and without, the intervention day marked.
//   - intervention-success (InterventionSuccess): against the chain's age at the attack
//     in months (chain.age_days / 30.4), the share of intervened runs whose intervention
//     succeeded, with its Wilson interval on the counts pooled over the other axes, and
//     below it the root stake share at the intervention (median, central 90%); one line
//     per mechanism preset, dodged sideways.
//   - root-proportion (RootProportion): subnet 1's root proportion ρ, median and central
//     90% over runs at each time, one band per chain age on an axis of days since launch
//     (age + day) when the experiment varies chain.age_days, else days from the start;
//     with spec §9.5's curve w·R/(w·R + I₀ + 1.8·7200·t). Its assumptions: R constant at
//     the runs' initial root TAO (root stake does not compound), w solved from the first
//     record's ρ, I and R, issuance growing by exactly 1.8 alpha a block from I₀, the
//     first record's issuance carried back to launch; medians over runs.
//   - mechanism-comparison (MechanismComparison): the comparisons between cells that
//     differ only in mechanism.preset (sweep.Summarize pairs cells differing in any of the
//     crn_axes; those varying another CRN axis too are left out), per context: the
//     difference of capture rates A − B with Newcombe's 95% interval as a dot and
//     whisker, presets ordered as the axis lists them; with one pair of presets, the
//     number of pairs and the exact McNemar p-value at the right.
//   - design-tradeoff (DesignTradeoff): each mechanism of the mechanism axis against the
//     head preset price_burn_2026_06 (sweep.Summary.HeadDiffs), pooled over contexts
//     without the control arm: x the mean paired difference of time-mean misallocation
//     (t 95% interval), y the paired difference of capture rates (Newcombe 95%
//     interval), both as whiskers, one labelled point per mechanism.
//   - sensitivity-morris, sensitivity-sobol (SensitivityFigure): for a folder whose
//     design is morris or sobol, the indices sweep.Sensitivity computes (as
//     `dtaosim sensitivity` does), one panel per output whose indices are defined and not
//     all zero. Morris: the μ*–σ plane, each parameter a marker with μ*'s bootstrap 95%
//     interval as a horizontal bar, and the dashed line σ = μ*. Sobol': per parameter,
//     bars of S1 and ST with their bootstrap 95% intervals.
//
// Styling: Liberation Sans throughout; axis labels with units; legends in a row under the
// title, off the data; notes under the panels say what is drawn and what is pooled. Subnet
// kinds and mechanism presets have fixed colours by name (kindColors, presetColors), the
// same in every figure and experiment.
package figures
