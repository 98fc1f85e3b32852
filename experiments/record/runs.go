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
		boolCol("takeover", "a meme takeover happened (false in a control arm)", func(r *RunRow) bool { return r.Takeover }),
		int64Col("takeover_block", "block of the takeover, or of the control arm's would-be takeover; -1 if none", func(r *RunRow) int64 { return r.TakeoverBlock }),
		int32Col("meme_start_rank", "rank of the meme subnet's initial emission share among all subnets (1 = largest); 0 if no meme subnet", func(r *RunRow) int32 { return r.MemeStartRank }),
		float64Col("meme_share_at_takeover", "combined meme emission share at takeover_block; NaN if none", func(r *RunRow) float64 { return r.MemeShareAtTakeover }),
		int32Col("meme_rank_at_takeover", "best rank of a meme subnet by emission share at takeover_block (1 = largest); 0 if none", func(r *RunRow) int32 { return r.MemeRankAtTakeover }),
		boolCol("in_top_k_at_takeover", "a meme subnet was already in the top k by emission share at the takeover; such a run is never a rank capture", func(r *RunRow) bool { return r.InTopKAtTakeover }),
		boolCol("at_theta_at_takeover", "the combined meme share was already ≥ θ at the takeover; such a run is never a capture", func(r *RunRow) bool { return r.AtThetaAtTakeover }),
		float64Col("capture_min_days", "D: days the meme share must hold ≥ θ to count as a capture", func(r *RunRow) float64 { return r.CaptureMinDays }),
		float64Col("meme_price_at_takeover", "price of the (first) meme subnet at takeover_block, TAO per alpha; NaN if none", func(r *RunRow) float64 { return r.MemePriceAtTakeover }),
		float64Col("peak_meme_price", "its highest price from takeover_block on; NaN if none", func(r *RunRow) float64 { return r.PeakMemePrice }),
		float64Col("final_meme_price", "its price at the end; NaN if no meme subnet", func(r *RunRow) float64 { return r.FinalMemePrice }),
		boolCol("captured", "from below θ at the takeover, meme subnets together then held ≥ θ of emission for ≥ D days", func(r *RunRow) bool { return r.Captured }),
		int64Col("capture_block", "first block of the run of blocks ≥ θ that made the capture; -1 if none", func(r *RunRow) int64 { return r.CaptureBlock }),
		float64Col("capture_day", "days from the start to capture_block; NaN if none", func(r *RunRow) float64 { return r.CaptureDay }),
		boolCol("rank_captured", "from outside the top k at the takeover, a meme subnet then stayed in the top k by emission share for ≥ D days", func(r *RunRow) bool { return r.RankCaptured }),
		int64Col("rank_capture_block", "first block of the rank capture; -1 if none", func(r *RunRow) int64 { return r.RankCaptureBlock }),
		float64Col("peak_meme_share", "highest combined meme emission share at any block", func(r *RunRow) float64 { return r.PeakMemeShare }),
		float64Col("mean_meme_share", "time-average combined meme emission share", func(r *RunRow) float64 { return r.MeanMemeShare }),
		float64Col("cum_meme_tao", "TAO emitted to meme subnets over the run", func(r *RunRow) float64 { return r.CumMemeTAO }),
		float64Col("cum_tao", "TAO emitted to all subnets over the run", func(r *RunRow) float64 { return r.CumTAO }),
		int64Col("decision_block", "block at which the intervening root validators act, or would act under the passive policy; -1 if never", func(r *RunRow) int64 { return r.DecisionBlock }),
		float64Col("decision_day", "days from the start to decision_block; NaN if none", func(r *RunRow) float64 { return r.DecisionDay }),
		float64Col("meme_share_at_decision", "combined meme emission share at decision_block; NaN if none", func(r *RunRow) float64 { return r.MemeShareAtDecision }),
		float64Col("meme_share_after", "mean combined meme emission share over the success window after decision_block (to the end if shorter); NaN if none", func(r *RunRow) float64 { return r.MemeShareAfter }),
		float64Col("price_change_24h", "meme price 24 h after decision_block / price at it − 1; NaN if none or the run ended first", func(r *RunRow) float64 { return r.PriceChange24h }),
		float64Col("meme_tao_after", "TAO emitted to meme subnets from decision_block to the end; NaN if none", func(r *RunRow) float64 { return r.MemeTAOAfter }),
		boolCol("intervened", "an intervention happened", func(r *RunRow) bool { return r.Intervened }),
		int64Col("intervention_block", "block of the intervention; -1 if none", func(r *RunRow) int64 { return r.InterventionBlock }),
		float64Col("intervention_day", "days from the start to the intervention; NaN if none", func(r *RunRow) float64 { return r.InterventionDay }),
		float64Col("root_share_at_interv", "root validators' Yuma stake share in the meme subnet at the intervention; NaN if none", func(r *RunRow) float64 { return r.RootShareAtInterv }),
		float64Col("meme_share_at_interv", "combined meme emission share at the intervention; NaN if none", func(r *RunRow) float64 { return r.MemeShareAtInterv }),
		float64Col("holder_incentive", "holders' share of the miner incentive at the meme subnet's first epoch after the intervention (0: clipped); NaN if none", func(r *RunRow) float64 { return r.HolderIncentive }),
		float64Col("drawdown_24h", "1 − price 24 h after the intervention / price at it; NaN if none", func(r *RunRow) float64 { return r.Drawdown24h }),
		float64Col("intervention_success", "1 if the meme share, ≥ θ at the intervention, stayed below θ for the whole success window after it, else 0; NaN if it was below θ at the intervention, or no intervention", func(r *RunRow) float64 { return r.InterventionSuccess }),
		float64Col("final_meme_share", "combined meme emission share at the end", func(r *RunRow) float64 { return r.FinalMemeShare }),
		float64Col("mean_hhi", "time-average Herfindahl–Hirschman index of the subnets' emission shares, Σ s_i² (1/N when equal, 1 when one subnet takes all)", func(r *RunRow) float64 { return r.MeanHHI }),
		float64Col("final_hhi", "Herfindahl–Hirschman index of the emission shares at the last block", func(r *RunRow) float64 { return r.FinalHHI }),
		float64Col("misallocation", "time-mean over blocks of ½Σ|emission share − value share| over subnets: 0 when emission follows value, 1 when it all goes where there is none (value: latent for utility subnets, net revenue for revenue subnets or their latent value under subnets.revenue.value \"latent\", none for meme subnets); NaN if never defined", func(r *RunRow) float64 { return r.Misallocation }),
		float64Col("final_misallocation", "misallocation at the last block; NaN if undefined there", func(r *RunRow) float64 { return r.FinalMisallocation }),
		float64Col("mean_revenue_share", "time-mean of the revenue subnets' combined emission share; NaN without revenue subnets", func(r *RunRow) float64 { return r.MeanRevenueShare }),
		float64Col("final_revenue_share", "the revenue subnets' combined emission share at the last block; NaN without revenue subnets", func(r *RunRow) float64 { return r.FinalRevenueShare }),
		float64Col("meme_tao_speculators", "TAO: the value at spot price of the meme alpha the speculators hold, averaged over the daily snapshots (each day's last block) from the takeover block to the end (in a control arm too); NaN if the run ends before the takeover's first snapshot or has no meme subnet", func(r *RunRow) float64 { return r.MemeTAOSpeculators }),
		float64Col("meme_tao_yield_stakers", "TAO: as meme_tao_speculators, the yield stakers'", func(r *RunRow) float64 { return r.MemeTAOYieldStakers }),
		float64Col("meme_yield_stakers", "yield stakers holding meme alpha (summed over the meme subnets), averaged over the same daily snapshots; NaN as meme_tao_speculators", func(r *RunRow) float64 { return r.MemeYieldStakers }),
		float64Col("final_root_prop_mean", "mean root proportion over subnets at the end", func(r *RunRow) float64 { return r.FinalRootPropMean }),
		float64Col("pnl_speculators", "TAO, final wealth marked to market minus initial capital", func(r *RunRow) float64 { return r.PnLSpeculators }),
		float64Col("pnl_yield_stakers", "TAO, as pnl_speculators", func(r *RunRow) float64 { return r.PnLYieldStakers }),
		float64Col("pnl_arbitrageurs", "TAO, as pnl_speculators", func(r *RunRow) float64 { return r.PnLArbitrageurs }),
		float64Col("pnl_noise", "TAO, as pnl_speculators", func(r *RunRow) float64 { return r.PnLNoise }),
		float64Col("pnl_value_investors", "TAO, as pnl_speculators", func(r *RunRow) float64 { return r.PnLValueInvestors }),
		float64Col("pnl_root_validators", "TAO, as pnl_speculators", func(r *RunRow) float64 { return r.PnLRootValidators }),
		float64Col("pnl_subnet_cohorts", "TAO, miners, validators and owners of utility and revenue subnets", func(r *RunRow) float64 { return r.PnLSubnetCohorts }),
		int64Col("actions", "agent actions executed", func(r *RunRow) int64 { return r.Actions }),
		float64Col("volume_speculators", "TAO traded by speculators: paid for buys plus received for sells, orders executed only", func(r *RunRow) float64 { return r.VolumeSpeculators }),
		int64Col("trades_speculators", "speculators' orders executed (clipped to nothing or refused by the chain: not counted)", func(r *RunRow) int64 { return r.TradesSpeculators }),
		float64Col("volume_yield_stakers", "TAO, as volume_speculators", func(r *RunRow) float64 { return r.VolumeYieldStakers }),
		int64Col("trades_yield_stakers", "as trades_speculators", func(r *RunRow) int64 { return r.TradesYieldStakers }),
		float64Col("volume_arbitrageurs", "TAO, as volume_speculators", func(r *RunRow) float64 { return r.VolumeArbitrageurs }),
		int64Col("trades_arbitrageurs", "as trades_speculators", func(r *RunRow) int64 { return r.TradesArbitrageurs }),
		float64Col("volume_noise", "TAO, as volume_speculators", func(r *RunRow) float64 { return r.VolumeNoise }),
		int64Col("trades_noise", "as trades_speculators", func(r *RunRow) int64 { return r.TradesNoise }),
		float64Col("volume_value_investors", "TAO, as volume_speculators", func(r *RunRow) float64 { return r.VolumeValueInvestors }),
		int64Col("trades_value_investors", "as trades_speculators", func(r *RunRow) int64 { return r.TradesValueInvestors }),
	},
)

// RunColumns returns the columns of the "runs" table, in file order, all with min/max
// statistics (Column gives the Parquet types):
//
//	cell int32, replicate int32, seed uint64, scenario utf8, mechanism utf8, axes utf8,
//	blocks int64, then the takeover and start position, capture, rank capture, shares,
//	the decision and its paired outcomes, the intervention, HHI, misallocation, revenue
//	share, root proportion, P&L, actions, and each agent class's traded volume and
//	trade count (docs/schema.md lists them all with their meaning).
//
// "None" is NaN in float columns and -1 in block columns. The slice is a copy; changing it
// changes nothing.
func RunColumns() []Column { return runsTable.columns() }

// RunWriter writes RunRows, one per run and as many runs as wanted, to a Parquet file whose
// "table" metadata is "runs"; see RunColumns for the columns. It behaves like SeriesWriter:
// atomic rename on Close, sticky errors, not safe for concurrent use.
type RunWriter struct {
	w    *writer[RunRow]
	axes int // axis columns
}

// NewRunWriter creates the temporary file for a runs table that Close will rename to path.
// meta is written into the file's footer, along with "table" and "schema_version".
// With WithAxes, the file also has one typed column per experiment axis, after the fixed
// columns, filled from each row's AxisValues.
func NewRunWriter(path string, meta Meta, opts ...Option) (*RunWriter, error) {
	t, err := withAxisColumns(runsTable, opts, func(r *RunRow) []AxisValue { return r.AxisValues })
	if err != nil {
		return nil, err
	}
	w, err := newWriter(t, path, meta, opts)
	if err != nil {
		return nil, err
	}
	return &RunWriter{w, len(t.cols) - len(runsTable.cols)}, nil
}

// Append adds one row. It does not retain r. Its AxisValues must match the file's axis
// columns (none without WithAxes).
func (w *RunWriter) Append(r *RunRow) error {
	if err := checkAxisValues(runsTable, w.axes, r.AxisValues); err != nil {
		return w.w.fail(err)
	}
	return w.w.add(r)
}

// Close writes the remaining rows and the footer, fsyncs the file and renames it to its
// path, replacing any file there. If anything fails, the temporary file is removed, the
// path is left as it was and the error is returned. Close after a successful Close
// returns nil.
func (w *RunWriter) Close() error { return w.w.close() }

// Abort discards the file: the temporary file is removed and the path is not created.
// It does nothing after a successful Close or after a failure, so it can be deferred.
func (w *RunWriter) Abort() { w.w.abort() }
