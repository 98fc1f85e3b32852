package record

// runsTable is the descriptor of the "runs" table: one summary row per run. Column order
// follows RunRow's fields.
var runsTable = newTable("runs",
	keyColumns(func(r *RunRow) *RunKey { return &r.RunKey }),
	[]column[RunRow]{
		stringCol("scenario", "scenario name", func(r *RunRow) string { return r.Scenario }),
		stringCol("mechanism", "mechanism preset at the start", func(r *RunRow) string { return r.Mechanism }),
		stringCol("axes", `the cell's axis values as "name=value;name=value" (empty for a single run)`, func(r *RunRow) string { return r.Axes }),
		int64Col("blocks", "horizon in blocks", func(r *RunRow) int64 { return r.Blocks }),
		boolCol("captured", "meme subnets together held ≥ θ of emission for ≥ D days", func(r *RunRow) bool { return r.Captured }),
		int64Col("capture_block", "first block at which the capture condition was met; -1 if none", func(r *RunRow) int64 { return r.CaptureBlock }),
		float64Col("capture_day", "days from the start to capture_block; NaN if none", func(r *RunRow) float64 { return r.CaptureDay }),
		boolCol("rank_captured", "a meme subnet was in the top k by emission share for ≥ D days", func(r *RunRow) bool { return r.RankCaptured }),
		int64Col("rank_capture_block", "first block of the rank capture; -1 if none", func(r *RunRow) int64 { return r.RankCaptureBlock }),
		float64Col("peak_meme_share", "highest combined meme emission share at any block", func(r *RunRow) float64 { return r.PeakMemeShare }),
		float64Col("mean_meme_share", "time-average combined meme emission share", func(r *RunRow) float64 { return r.MeanMemeShare }),
		float64Col("cum_meme_tao", "TAO emitted to meme subnets over the run", func(r *RunRow) float64 { return r.CumMemeTAO }),
		float64Col("cum_tao", "TAO emitted to all subnets over the run", func(r *RunRow) float64 { return r.CumTAO }),
		boolCol("intervened", "an intervention happened", func(r *RunRow) bool { return r.Intervened }),
		int64Col("intervention_block", "block of the intervention; -1 if none", func(r *RunRow) int64 { return r.InterventionBlock }),
		float64Col("intervention_day", "days from the start to the intervention; NaN if none", func(r *RunRow) float64 { return r.InterventionDay }),
		float64Col("root_share_at_interv", "root validators' Yuma stake share in the meme subnet at the intervention; NaN if none", func(r *RunRow) float64 { return r.RootShareAtInterv }),
		float64Col("meme_share_at_interv", "combined meme emission share at the intervention; NaN if none", func(r *RunRow) float64 { return r.MemeShareAtInterv }),
		float64Col("holder_incentive", "holders' share of the miner incentive at the meme subnet's first epoch after the intervention (0: clipped); NaN if none", func(r *RunRow) float64 { return r.HolderIncentive }),
		float64Col("drawdown_24h", "1 − price 24 h after the intervention / price at it; NaN if none", func(r *RunRow) float64 { return r.Drawdown24h }),
		boolCol("intervention_success", "meme share fell below θ within W days of the intervention", func(r *RunRow) bool { return r.InterventionSuccess }),
		float64Col("final_meme_share", "combined meme emission share at the end", func(r *RunRow) float64 { return r.FinalMemeShare }),
		float64Col("mean_hhi", "time-average Herfindahl–Hirschman index of the subnets' emission shares, Σ s_i² (1/N when equal, 1 when one subnet takes all)", func(r *RunRow) float64 { return r.MeanHHI }),
		float64Col("final_hhi", "Herfindahl–Hirschman index of the emission shares at the last block", func(r *RunRow) float64 { return r.FinalHHI }),
		float64Col("final_root_prop_mean", "mean root proportion over subnets at the end", func(r *RunRow) float64 { return r.FinalRootPropMean }),
		float64Col("pnl_speculators", "TAO, final wealth marked to market minus initial capital", func(r *RunRow) float64 { return r.PnLSpeculators }),
		float64Col("pnl_yield_stakers", "TAO, as pnl_speculators", func(r *RunRow) float64 { return r.PnLYieldStakers }),
		float64Col("pnl_arbitrageurs", "TAO, as pnl_speculators", func(r *RunRow) float64 { return r.PnLArbitrageurs }),
		float64Col("pnl_noise", "TAO, as pnl_speculators", func(r *RunRow) float64 { return r.PnLNoise }),
		float64Col("pnl_root_validators", "TAO, as pnl_speculators", func(r *RunRow) float64 { return r.PnLRootValidators }),
		float64Col("pnl_subnet_cohorts", "TAO, miners, validators and owners of utility and revenue subnets", func(r *RunRow) float64 { return r.PnLSubnetCohorts }),
		int64Col("actions", "agent actions executed", func(r *RunRow) int64 { return r.Actions }),
	},
)

// RunColumns returns the columns of the "runs" table, in file order, all with min/max
// statistics (Column gives the Parquet types):
//
//	cell int32, replicate int32, seed uint64, scenario utf8, mechanism utf8, axes utf8,
//	blocks int64, captured bool, capture_block int64, capture_day float64,
//	rank_captured bool, rank_capture_block int64, peak_meme_share float64,
//	mean_meme_share float64, cum_meme_tao float64, cum_tao float64, intervened bool,
//	intervention_block int64, intervention_day float64, root_share_at_interv float64, meme_share_at_interv float64, holder_incentive float64,
//	drawdown_24h float64, intervention_success bool, final_meme_share float64, mean_hhi float64, final_hhi float64,
//	final_root_prop_mean float64, pnl_speculators float64, pnl_yield_stakers float64,
//	pnl_arbitrageurs float64, pnl_noise float64, pnl_root_validators float64,
//	pnl_subnet_cohorts float64, actions int64
//
// "None" is NaN in float columns and -1 in block columns. The slice is a copy; changing it
// changes nothing.
func RunColumns() []Column { return runsTable.columns() }

// RunWriter writes RunRows, one per run and as many runs as wanted, to a Parquet file whose
// "table" metadata is "runs"; see RunColumns for the columns. It behaves like SeriesWriter:
// atomic rename on Close, sticky errors, not safe for concurrent use.
type RunWriter struct{ w *writer[RunRow] }

// NewRunWriter creates the temporary file for a runs table that Close will rename to path.
// meta is written into the file's footer, along with "table" and "schema_version".
func NewRunWriter(path string, meta Meta, opts ...Option) (*RunWriter, error) {
	w, err := newWriter(runsTable, path, meta, opts)
	if err != nil {
		return nil, err
	}
	return &RunWriter{w}, nil
}

// Append adds one row. It does not retain r.
func (w *RunWriter) Append(r *RunRow) error { return w.w.add(r) }

// Close writes the remaining rows and the footer, fsyncs the file and renames it to its
// path, replacing any file there. If anything fails, the temporary file is removed, the
// path is left as it was and the error is returned. Close after a successful Close
// returns nil.
func (w *RunWriter) Close() error { return w.w.close() }

// Abort discards the file: the temporary file is removed and the path is not created.
// It does nothing after a successful Close or after a failure, so it can be deferred.
func (w *RunWriter) Abort() { w.w.abort() }
