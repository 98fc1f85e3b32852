package record

// SummaryRow is one grid cell's aggregate over its replicates (`dtaosim summarize`).
type SummaryRow struct {
	Cell             int32
	Axes             string  // "name=value;…"
	Runs             int32   // replicates found
	StoppedAt        int32   // replicates the cell's stopping rule asked for: the fixed number, or the adaptive checkpoint where it stopped (or has reached, while incomplete)
	StopReason       string  // "fixed", "target" (interval narrow enough), "max" (maximum reached) or "incomplete"
	AtTheta          int32   // runs whose meme share was already ≥ θ at the takeover: counted apart, never captures
	Eligible         int32   // Runs − AtTheta: the runs the capture probability rests on
	Captured         int32   // eligible runs with a share capture
	CaptureRate      float64 // Captured / Eligible; NaN if none eligible
	CaptureLo        float64 // Wilson 95% interval of the capture probability
	CaptureHi        float64
	RankEligible     int32 // runs with no meme subnet in the top k at the takeover
	RankCaptured     int32
	RankCaptureRate  float64 // RankCaptured / RankEligible; NaN if none eligible
	RankCaptureLo    float64
	RankCaptureHi    float64
	MedianCaptureDay float64 // Kaplan–Meier median time to capture, days, censored at the last day a capture could still be confirmed; NaN if not reached
	HorizonDays      float64
	PeakShareP10     float64 // quantiles of the per-run peak meme share
	PeakShareP50     float64
	PeakShareP90     float64
	MemeTAOShareP50  float64 // median share of the TAO emission that went to meme subnets
	Intervened       int32   // runs with an intervention
	SuccessRuns      int32   // interventions at which the meme share was ≥ θ (success is defined)
	InterventionRate float64 // share of those whose intervention succeeded; NaN if none
	InterventionLo   float64
	InterventionHi   float64
	DrawdownP50      float64 // median 24 h price drawdown after the intervention; NaN if none
	Decided          int32   // runs with a decision block whose 24 h price change is defined
	Halved24h        int32   // of those, runs whose meme price fell by half or more in the 24 h after it

	// AxisValues are the cell's values on the experiment's axes (typed columns, WithAxes).
	AxisValues []AxisValue `record:"-"`
}

var summaryTable = newTable("summary", []column[SummaryRow]{
	int32Col("cell", "grid cell index", func(r *SummaryRow) int32 { return r.Cell }),
	stringCol("axes", `the cell's axis values as "name=value;name=value"`, func(r *SummaryRow) string { return r.Axes }),
	int32Col("runs", "replicates of the cell found", func(r *SummaryRow) int32 { return r.Runs }),
	int32Col("stopped_at", "replicates the cell's stopping rule asked for: the fixed number, or where adaptive replicates stopped (the checkpoint reached so far while incomplete)", func(r *SummaryRow) int32 { return r.StoppedAt }),
	stringCol("stop_reason", `why the cell stopped there: "fixed" (a fixed number of replicates), "target" (the capture rate's Wilson 95% half-width reached ci_halfwidth), "max" (adaptive maximum reached first), "incomplete" (runs missing before that point)`, func(r *SummaryRow) string { return r.StopReason }),
	int32Col("at_theta", "runs whose meme share was already ≥ θ at the takeover (counted apart, never captures)", func(r *SummaryRow) int32 { return r.AtTheta }),
	int32Col("eligible", "runs below θ at the takeover: the runs capture_rate rests on", func(r *SummaryRow) int32 { return r.Eligible }),
	int32Col("captured", "eligible runs with a share capture", func(r *SummaryRow) int32 { return r.Captured }),
	float64Col("capture_rate", "captured / eligible; NaN if none eligible", func(r *SummaryRow) float64 { return r.CaptureRate }),
	float64Col("capture_lo", "Wilson 95% interval of the capture probability, lower end", func(r *SummaryRow) float64 { return r.CaptureLo }),
	float64Col("capture_hi", "Wilson 95% interval of the capture probability, upper end", func(r *SummaryRow) float64 { return r.CaptureHi }),
	int32Col("rank_eligible", "runs with no meme subnet in the top k at the takeover", func(r *SummaryRow) int32 { return r.RankEligible }),
	int32Col("rank_captured", "rank-eligible runs with a rank capture", func(r *SummaryRow) int32 { return r.RankCaptured }),
	float64Col("rank_capture_rate", "rank_captured / rank_eligible; NaN if none eligible", func(r *SummaryRow) float64 { return r.RankCaptureRate }),
	float64Col("rank_capture_lo", "Wilson 95% interval, lower end", func(r *SummaryRow) float64 { return r.RankCaptureLo }),
	float64Col("rank_capture_hi", "Wilson 95% interval, upper end", func(r *SummaryRow) float64 { return r.RankCaptureHi }),
	float64Col("median_capture_day", "Kaplan–Meier median days to capture over eligible runs, censored at the last day a capture could still be confirmed (horizon − D); NaN if not reached", func(r *SummaryRow) float64 { return r.MedianCaptureDay }),
	float64Col("horizon_days", "run length, days", func(r *SummaryRow) float64 { return r.HorizonDays }),
	float64Col("peak_share_p10", "10% quantile of the per-run peak meme share", func(r *SummaryRow) float64 { return r.PeakShareP10 }),
	float64Col("peak_share_p50", "median of the per-run peak meme share", func(r *SummaryRow) float64 { return r.PeakShareP50 }),
	float64Col("peak_share_p90", "90% quantile of the per-run peak meme share", func(r *SummaryRow) float64 { return r.PeakShareP90 }),
	float64Col("meme_tao_share_p50", "median share of the run's TAO emission that went to meme subnets", func(r *SummaryRow) float64 { return r.MemeTAOShareP50 }),
	int32Col("intervened", "runs with an intervention", func(r *SummaryRow) int32 { return r.Intervened }),
	int32Col("success_runs", "interventions at which the meme share was ≥ θ, where success is defined", func(r *SummaryRow) int32 { return r.SuccessRuns }),
	float64Col("intervention_rate", "share of success_runs whose intervention succeeded; NaN if none", func(r *SummaryRow) float64 { return r.InterventionRate }),
	float64Col("intervention_lo", "Wilson 95% interval, lower end; NaN if none", func(r *SummaryRow) float64 { return r.InterventionLo }),
	float64Col("intervention_hi", "Wilson 95% interval, upper end; NaN if none", func(r *SummaryRow) float64 { return r.InterventionHi }),
	float64Col("drawdown_p50", "median price drawdown 24 h after the intervention; NaN if none", func(r *SummaryRow) float64 { return r.DrawdownP50 }),
	int32Col("decided", "runs with a decision block (the intervention, or the passive arm's recorded decision) whose 24 h price change is defined", func(r *SummaryRow) int32 { return r.Decided }),
	int32Col("halved_24h", "of those, runs whose meme price fell by half or more in the 24 h after the decision (price_change_24h ≤ −0.5)", func(r *SummaryRow) int32 { return r.Halved24h }),
})

// SummaryColumns returns the fixed columns of the "summary" table in file order (typed
// axis columns follow them; see WithAxes).
func SummaryColumns() []Column { return summaryTable.columns() }

// SummaryWriter writes SummaryRows (see SeriesWriter for its behaviour).
type SummaryWriter struct {
	w    *writer[SummaryRow]
	axes int // axis columns
}

// NewSummaryWriter creates the temporary file that Close renames to path.
// With WithAxes, the file also has one typed column per experiment axis (see NewRunWriter).
func NewSummaryWriter(path string, meta Meta, opts ...Option) (*SummaryWriter, error) {
	t, err := withAxisColumns(summaryTable, opts, func(r *SummaryRow) []AxisValue { return r.AxisValues })
	if err != nil {
		return nil, err
	}
	w, err := newWriter(t, path, meta, opts)
	if err != nil {
		return nil, err
	}
	return &SummaryWriter{w, len(t.cols) - len(summaryTable.cols)}, nil
}

// Append adds one row. It does not retain r. Its AxisValues must match the file's axis
// columns.
func (w *SummaryWriter) Append(r *SummaryRow) error {
	if err := checkAxisValues(summaryTable, w.axes, r.AxisValues); err != nil {
		return w.w.fail(err)
	}
	return w.w.add(r)
}

// Close finishes the file and renames it to its path.
func (w *SummaryWriter) Close() error { return w.w.close() }

// Abort discards the file.
func (w *SummaryWriter) Abort() { w.w.abort() }

// ComparisonRow is a paired comparison of the capture outcome between two cells that
// share random numbers per replicate and differ in exactly one axis, or in the axes a
// contrast of the experiment file names.
type ComparisonRow struct {
	Group        int32  // CRN group of the two cells
	Axis         string // the one axis whose value differs (a contrast: its axes joined by "+")
	Context      string // the other axes' values, "name=value;…"
	ArmA         string // arm A: "axis=value" (a contrast: "axis=value;axis=value")
	ArmB         string
	CellA        int32
	CellB        int32
	Pairs        int32   // replicates present in both arms, neither at θ at the takeover
	Excluded     int32   // replicates present in both arms, left out because one arm was at θ at the takeover
	N11          int32   // both captured
	N10          int32   // A captured, B not
	N01          int32   // B captured, A not
	N00          int32   // neither
	Diff         float64 // capture rate A − B over the pairs
	DiffLo       float64 // 95% interval of the paired difference (Newcombe 1998, method 10)
	DiffHi       float64
	McNemarP     float64 // exact McNemar p-value (two-sided binomial on the discordant pairs)
	McNemarPHolm float64 // McNemarP adjusted by Holm's method over all comparisons of the summary
}

var comparisonTable = newTable("comparisons", []column[ComparisonRow]{
	int32Col("crn_group", "group of cells sharing random numbers per replicate", func(r *ComparisonRow) int32 { return r.Group }),
	stringCol("axis", "the one axis whose value differs between the arms; for a contrast of the experiment file, the axes it names joined by \"+\"", func(r *ComparisonRow) string { return r.Axis }),
	stringCol("context", "values of the axes the two arms share", func(r *ComparisonRow) string { return r.Context }),
	stringCol("arm_a", `arm A: "axis=value" (a contrast: "axis=value;axis=value")`, func(r *ComparisonRow) string { return r.ArmA }),
	stringCol("arm_b", "arm B", func(r *ComparisonRow) string { return r.ArmB }),
	int32Col("cell_a", "cell of arm A", func(r *ComparisonRow) int32 { return r.CellA }),
	int32Col("cell_b", "cell of arm B", func(r *ComparisonRow) int32 { return r.CellB }),
	int32Col("pairs", "replicates present in both arms with neither at θ at the takeover", func(r *ComparisonRow) int32 { return r.Pairs }),
	int32Col("excluded", "replicates present in both arms but left out: one arm was at θ at the takeover", func(r *ComparisonRow) int32 { return r.Excluded }),
	int32Col("n11", "pairs where both captured", func(r *ComparisonRow) int32 { return r.N11 }),
	int32Col("n10", "pairs where A captured and B did not", func(r *ComparisonRow) int32 { return r.N10 }),
	int32Col("n01", "pairs where B captured and A did not", func(r *ComparisonRow) int32 { return r.N01 }),
	int32Col("n00", "pairs where neither captured", func(r *ComparisonRow) int32 { return r.N00 }),
	float64Col("diff", "capture rate of A minus that of B", func(r *ComparisonRow) float64 { return r.Diff }),
	float64Col("diff_lo", "95% interval of the paired difference (Newcombe 1998, method 10), lower end", func(r *ComparisonRow) float64 { return r.DiffLo }),
	float64Col("diff_hi", "upper end", func(r *ComparisonRow) float64 { return r.DiffHi }),
	float64Col("mcnemar_p", "exact McNemar p-value: two-sided binomial test on the discordant pairs", func(r *ComparisonRow) float64 { return r.McNemarP }),
	float64Col("mcnemar_p_holm", "mcnemar_p adjusted by Holm's step-down method over all comparisons of the summary", func(r *ComparisonRow) float64 { return r.McNemarPHolm }),
})

// ComparisonColumns returns the columns of the "comparisons" table in file order.
func ComparisonColumns() []Column { return comparisonTable.columns() }

// ComparisonWriter writes ComparisonRows (see SeriesWriter for its behaviour).
type ComparisonWriter struct{ w *writer[ComparisonRow] }

// NewComparisonWriter creates the temporary file that Close renames to path.
func NewComparisonWriter(path string, meta Meta, opts ...Option) (*ComparisonWriter, error) {
	w, err := newWriter(comparisonTable, path, meta, opts)
	if err != nil {
		return nil, err
	}
	return &ComparisonWriter{w}, nil
}

// Append adds one row. It does not retain r.
func (w *ComparisonWriter) Append(r *ComparisonRow) error { return w.w.add(r) }

// Close finishes the file and renames it to its path.
func (w *ComparisonWriter) Close() error { return w.w.close() }

// Abort discards the file.
func (w *ComparisonWriter) Abort() { w.w.abort() }

// EffectRow is the paired effect on one continuous outcome between two cells that differ
// in exactly one axis (or in a contrast's axes): the mean over replicates of (A − B), its
// t interval and an exact sign test.
type EffectRow struct {
	Axis      string // the one axis whose value differs (a contrast: its axes joined by "+")
	Context   string // the other axes' values
	ArmA      string // "axis=value" (a contrast: "axis=value;axis=value")
	ArmB      string
	CellA     int32
	CellB     int32
	Outcome   string  // a runs column (or derived quantity, see docs/schema.md)
	Pairs     int32   // replicates where the outcome is defined in both arms
	MeanA     float64 // mean of the outcome in arm A over those pairs
	MeanB     float64
	Diff      float64 // mean paired difference A − B
	DiffLo    float64 // Student-t 95% interval of the mean difference
	DiffHi    float64
	SignP     float64 // exact two-sided sign test of the differences
	SignPHolm float64 // SignP adjusted by Holm's method over the summary's effects on the same outcome
}

var effectTable = newTable("effects", []column[EffectRow]{
	stringCol("axis", "the one axis whose value differs between the arms; for a contrast of the experiment file, the axes it names joined by \"+\"", func(r *EffectRow) string { return r.Axis }),
	stringCol("context", "values of the axes the two arms share", func(r *EffectRow) string { return r.Context }),
	stringCol("arm_a", `arm A: "axis=value" (a contrast: "axis=value;axis=value")`, func(r *EffectRow) string { return r.ArmA }),
	stringCol("arm_b", "arm B", func(r *EffectRow) string { return r.ArmB }),
	int32Col("cell_a", "cell of arm A", func(r *EffectRow) int32 { return r.CellA }),
	int32Col("cell_b", "cell of arm B", func(r *EffectRow) int32 { return r.CellB }),
	stringCol("outcome", "the outcome compared (a runs column, or meme_tao_share = cum_meme_tao / cum_tao)", func(r *EffectRow) string { return r.Outcome }),
	int32Col("pairs", "replicates where the outcome is defined in both arms", func(r *EffectRow) int32 { return r.Pairs }),
	float64Col("mean_a", "mean of the outcome in arm A over the pairs", func(r *EffectRow) float64 { return r.MeanA }),
	float64Col("mean_b", "mean of the outcome in arm B over the pairs", func(r *EffectRow) float64 { return r.MeanB }),
	float64Col("diff", "mean paired difference A − B", func(r *EffectRow) float64 { return r.Diff }),
	float64Col("diff_lo", "Student-t 95% interval of the mean paired difference, lower end; NaN with fewer than 2 pairs", func(r *EffectRow) float64 { return r.DiffLo }),
	float64Col("diff_hi", "upper end", func(r *EffectRow) float64 { return r.DiffHi }),
	float64Col("sign_p", "exact two-sided sign test of the paired differences (zeros dropped)", func(r *EffectRow) float64 { return r.SignP }),
	float64Col("sign_p_holm", "sign_p adjusted by Holm's method over the summary's effects on the same outcome", func(r *EffectRow) float64 { return r.SignPHolm }),
})

// EffectColumns returns the columns of the "effects" table in file order.
func EffectColumns() []Column { return effectTable.columns() }

// EffectWriter writes EffectRows (see SeriesWriter for its behaviour).
type EffectWriter struct{ w *writer[EffectRow] }

// NewEffectWriter creates the temporary file that Close renames to path.
func NewEffectWriter(path string, meta Meta, opts ...Option) (*EffectWriter, error) {
	w, err := newWriter(effectTable, path, meta, opts)
	if err != nil {
		return nil, err
	}
	return &EffectWriter{w}, nil
}

// Append adds one row. It does not retain r.
func (w *EffectWriter) Append(r *EffectRow) error { return w.w.add(r) }

// Close finishes the file and renames it to its path.
func (w *EffectWriter) Close() error { return w.w.close() }

// Abort discards the file.
func (w *EffectWriter) Abort() { w.w.abort() }

// InteractionRow is a paired interaction declared by the experiment file: how the
// paired effect on capture of one axis (arm A against arm B) changes between two values
// of another axis (by_1 against by_2), within one combination of the other axes' values.
// Over the replicates present and below θ at the takeover in all four cells, with
// xᵢ = capturedᵢ(A, by_1) − capturedᵢ(B, by_1) and zᵢ the same at by_2, the interaction
// is mean(x) − mean(z) (a difference in differences).
type InteractionRow struct {
	Group         int32  // CRN group of the four cells
	Axis          string // the axis whose paired effect is measured
	ArmA          string // "axis=value"
	ArmB          string
	By            string // the axis across whose two values the effect is compared
	By1           string // "axis=value"
	By2           string
	Context       string  // the other axes' values, "name=value;…"
	CellA1        int32   // cell of arm A at by_1
	CellB1        int32   // arm B at by_1
	CellA2        int32   // arm A at by_2
	CellB2        int32   // arm B at by_2
	Replicates    int32   // replicates present in all four cells, none at θ at the takeover
	Excluded      int32   // replicates present in all four but left out: one was at θ at the takeover
	Effect1       float64 // capture rate A − B at by_1 over those replicates
	Effect2       float64 // capture rate A − B at by_2
	Diff          float64 // Effect1 − Effect2
	DiffLo        float64 // 95% interval (MOVER from two Newcombe intervals; stats.PairedInteraction)
	DiffHi        float64
	Positive      int32   // replicates with xᵢ − zᵢ > 0
	Negative      int32   // replicates with xᵢ − zᵢ < 0
	SignFlipP     float64 // exact two-sided sign-flip test of xᵢ − zᵢ (stats.SignFlipExact)
	SignFlipPHolm float64 // SignFlipP adjusted by Holm's method over the summary's interactions
}

var interactionTable = newTable("interactions", []column[InteractionRow]{
	int32Col("crn_group", "group of cells sharing random numbers per replicate", func(r *InteractionRow) int32 { return r.Group }),
	stringCol("axis", "the axis whose paired effect on capture is measured (arm A − arm B)", func(r *InteractionRow) string { return r.Axis }),
	stringCol("arm_a", `arm A: "axis=value"`, func(r *InteractionRow) string { return r.ArmA }),
	stringCol("arm_b", "arm B", func(r *InteractionRow) string { return r.ArmB }),
	stringCol("by", "the axis across whose two values the effect is compared", func(r *InteractionRow) string { return r.By }),
	stringCol("by_1", `its first value: "axis=value"`, func(r *InteractionRow) string { return r.By1 }),
	stringCol("by_2", "its second value", func(r *InteractionRow) string { return r.By2 }),
	stringCol("context", "values of the axes the four cells share", func(r *InteractionRow) string { return r.Context }),
	int32Col("cell_a1", "cell of arm A at by_1", func(r *InteractionRow) int32 { return r.CellA1 }),
	int32Col("cell_b1", "cell of arm B at by_1", func(r *InteractionRow) int32 { return r.CellB1 }),
	int32Col("cell_a2", "cell of arm A at by_2", func(r *InteractionRow) int32 { return r.CellA2 }),
	int32Col("cell_b2", "cell of arm B at by_2", func(r *InteractionRow) int32 { return r.CellB2 }),
	int32Col("replicates", "replicates present in all four cells with none at θ at the takeover", func(r *InteractionRow) int32 { return r.Replicates }),
	int32Col("excluded", "replicates present in all four cells but left out: one was at θ at the takeover", func(r *InteractionRow) int32 { return r.Excluded }),
	float64Col("effect_1", "capture rate of A minus that of B at by_1, over the replicates", func(r *InteractionRow) float64 { return r.Effect1 }),
	float64Col("effect_2", "the same at by_2", func(r *InteractionRow) float64 { return r.Effect2 }),
	float64Col("diff", "the interaction: effect_1 − effect_2", func(r *InteractionRow) float64 { return r.Diff }),
	float64Col("diff_lo", "95% interval of the interaction (MOVER, Zou & Donner 2008, from the two effects' Newcombe intervals and their continuity-corrected correlation), lower end", func(r *InteractionRow) float64 { return r.DiffLo }),
	float64Col("diff_hi", "upper end", func(r *InteractionRow) float64 { return r.DiffHi }),
	int32Col("positive", "replicates whose difference of paired differences is positive", func(r *InteractionRow) int32 { return r.Positive }),
	int32Col("negative", "replicates whose difference of paired differences is negative", func(r *InteractionRow) int32 { return r.Negative }),
	float64Col("sign_flip_p", "exact two-sided sign-flip (randomization) test of the replicates' differences of paired differences", func(r *InteractionRow) float64 { return r.SignFlipP }),
	float64Col("sign_flip_p_holm", "sign_flip_p adjusted by Holm's method over the summary's interactions", func(r *InteractionRow) float64 { return r.SignFlipPHolm }),
})

// InteractionColumns returns the columns of the "interactions" table in file order.
func InteractionColumns() []Column { return interactionTable.columns() }

// InteractionWriter writes InteractionRows (see SeriesWriter for its behaviour).
type InteractionWriter struct{ w *writer[InteractionRow] }

// NewInteractionWriter creates the temporary file that Close renames to path.
func NewInteractionWriter(path string, meta Meta, opts ...Option) (*InteractionWriter, error) {
	w, err := newWriter(interactionTable, path, meta, opts)
	if err != nil {
		return nil, err
	}
	return &InteractionWriter{w}, nil
}

// Append adds one row. It does not retain r.
func (w *InteractionWriter) Append(r *InteractionRow) error { return w.w.add(r) }

// Close finishes the file and renames it to its path.
func (w *InteractionWriter) Close() error { return w.w.close() }

// Abort discards the file.
func (w *InteractionWriter) Abort() { w.w.abort() }
