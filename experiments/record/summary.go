package record

// SummaryRow is one grid cell's aggregate over its replicates (`dtaosim summarize`).
type SummaryRow struct {
	Cell             int32
	Axes             string  // "name=value;…"
	Runs             int32   // replicates found
	Captured         int32   // runs with a share capture
	CaptureRate      float64 // Captured / Runs
	CaptureLo        float64 // Wilson 95% interval of the capture probability
	CaptureHi        float64
	RankCaptureRate  float64
	RankCaptureLo    float64
	RankCaptureHi    float64
	MedianCaptureDay float64 // Kaplan–Meier median time to capture, days, censored at the horizon; NaN if not reached
	HorizonDays      float64
	PeakShareP10     float64 // quantiles of the per-run peak meme share
	PeakShareP50     float64
	PeakShareP90     float64
	MemeTAOShareP50  float64 // median share of the TAO emission that went to meme subnets
	Intervened       int32   // runs with an intervention
	InterventionRate float64 // share of intervened runs whose intervention succeeded; NaN if none
	InterventionLo   float64
	InterventionHi   float64
	DrawdownP50      float64 // median 24 h price drawdown after the intervention; NaN if none
}

var summaryTable = newTable("summary", []column[SummaryRow]{
	int32Col("cell", "grid cell index", func(r *SummaryRow) int32 { return r.Cell }),
	stringCol("axes", `the cell's axis values as "name=value;name=value"`, func(r *SummaryRow) string { return r.Axes }),
	int32Col("runs", "replicates of the cell found", func(r *SummaryRow) int32 { return r.Runs }),
	int32Col("captured", "runs with a share capture", func(r *SummaryRow) int32 { return r.Captured }),
	float64Col("capture_rate", "share of runs with a capture", func(r *SummaryRow) float64 { return r.CaptureRate }),
	float64Col("capture_lo", "Wilson 95% interval of the capture probability, lower end", func(r *SummaryRow) float64 { return r.CaptureLo }),
	float64Col("capture_hi", "Wilson 95% interval of the capture probability, upper end", func(r *SummaryRow) float64 { return r.CaptureHi }),
	float64Col("rank_capture_rate", "share of runs with a rank capture", func(r *SummaryRow) float64 { return r.RankCaptureRate }),
	float64Col("rank_capture_lo", "Wilson 95% interval, lower end", func(r *SummaryRow) float64 { return r.RankCaptureLo }),
	float64Col("rank_capture_hi", "Wilson 95% interval, upper end", func(r *SummaryRow) float64 { return r.RankCaptureHi }),
	float64Col("median_capture_day", "Kaplan–Meier median days to capture, censored at the horizon; NaN if not reached", func(r *SummaryRow) float64 { return r.MedianCaptureDay }),
	float64Col("horizon_days", "run length, days", func(r *SummaryRow) float64 { return r.HorizonDays }),
	float64Col("peak_share_p10", "10% quantile of the per-run peak meme share", func(r *SummaryRow) float64 { return r.PeakShareP10 }),
	float64Col("peak_share_p50", "median of the per-run peak meme share", func(r *SummaryRow) float64 { return r.PeakShareP50 }),
	float64Col("peak_share_p90", "90% quantile of the per-run peak meme share", func(r *SummaryRow) float64 { return r.PeakShareP90 }),
	float64Col("meme_tao_share_p50", "median share of the run's TAO emission that went to meme subnets", func(r *SummaryRow) float64 { return r.MemeTAOShareP50 }),
	int32Col("intervened", "runs with an intervention", func(r *SummaryRow) int32 { return r.Intervened }),
	float64Col("intervention_rate", "share of interventions that succeeded; NaN if none", func(r *SummaryRow) float64 { return r.InterventionRate }),
	float64Col("intervention_lo", "Wilson 95% interval, lower end; NaN if none", func(r *SummaryRow) float64 { return r.InterventionLo }),
	float64Col("intervention_hi", "Wilson 95% interval, upper end; NaN if none", func(r *SummaryRow) float64 { return r.InterventionHi }),
	float64Col("drawdown_p50", "median price drawdown 24 h after the intervention; NaN if none", func(r *SummaryRow) float64 { return r.DrawdownP50 }),
})

// SummaryColumns returns the columns of the "summary" table in file order.
func SummaryColumns() []Column { return summaryTable.columns() }

// SummaryWriter writes SummaryRows (see SeriesWriter for its behaviour).
type SummaryWriter struct{ w *writer[SummaryRow] }

// NewSummaryWriter creates the temporary file that Close renames to path.
func NewSummaryWriter(path string, meta Meta, opts ...Option) (*SummaryWriter, error) {
	w, err := newWriter(summaryTable, path, meta, opts)
	if err != nil {
		return nil, err
	}
	return &SummaryWriter{w}, nil
}

// Append adds one row. It does not retain r.
func (w *SummaryWriter) Append(r *SummaryRow) error { return w.w.add(r) }

// Close finishes the file and renames it to its path.
func (w *SummaryWriter) Close() error { return w.w.close() }

// Abort discards the file.
func (w *SummaryWriter) Abort() { w.w.abort() }

// ComparisonRow is a paired comparison of the capture outcome between two arms of the
// common-random-number axes (e.g. two mechanism presets) that share seeds per replicate.
type ComparisonRow struct {
	Group    int32  // CRN group: the cells' values on the other axes are equal
	Context  string // those other axes' values
	ArmA     string // the first arm's CRN-axis values
	ArmB     string
	CellA    int32
	CellB    int32
	Pairs    int32   // replicates present in both arms
	N11      int32   // both captured
	N10      int32   // A captured, B not
	N01      int32   // B captured, A not
	N00      int32   // neither
	Diff     float64 // capture rate A − B
	DiffLo   float64 // 95% interval of the paired difference (Wald, Agresti §10.1)
	DiffHi   float64
	McNemarP float64 // exact McNemar p-value (two-sided binomial on the discordant pairs)
}

var comparisonTable = newTable("comparisons", []column[ComparisonRow]{
	int32Col("crn_group", "group of cells sharing random numbers per replicate", func(r *ComparisonRow) int32 { return r.Group }),
	stringCol("context", "values of the axes the two arms share", func(r *ComparisonRow) string { return r.Context }),
	stringCol("arm_a", "arm A: its values on the common-random-number axes", func(r *ComparisonRow) string { return r.ArmA }),
	stringCol("arm_b", "arm B", func(r *ComparisonRow) string { return r.ArmB }),
	int32Col("cell_a", "cell of arm A", func(r *ComparisonRow) int32 { return r.CellA }),
	int32Col("cell_b", "cell of arm B", func(r *ComparisonRow) int32 { return r.CellB }),
	int32Col("pairs", "replicates present in both arms", func(r *ComparisonRow) int32 { return r.Pairs }),
	int32Col("n11", "pairs where both captured", func(r *ComparisonRow) int32 { return r.N11 }),
	int32Col("n10", "pairs where A captured and B did not", func(r *ComparisonRow) int32 { return r.N10 }),
	int32Col("n01", "pairs where B captured and A did not", func(r *ComparisonRow) int32 { return r.N01 }),
	int32Col("n00", "pairs where neither captured", func(r *ComparisonRow) int32 { return r.N00 }),
	float64Col("diff", "capture rate of A minus that of B", func(r *ComparisonRow) float64 { return r.Diff }),
	float64Col("diff_lo", "95% interval of the paired difference (Newcombe 1998, method 10), lower end", func(r *ComparisonRow) float64 { return r.DiffLo }),
	float64Col("diff_hi", "upper end", func(r *ComparisonRow) float64 { return r.DiffHi }),
	float64Col("mcnemar_p", "exact McNemar p-value: two-sided binomial test on the discordant pairs", func(r *ComparisonRow) float64 { return r.McNemarP }),
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
