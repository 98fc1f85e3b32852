package sweep

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"dtaosim/experiments/record"
	"dtaosim/experiments/stats"
)

// Summary is the per-cell aggregate of an experiment's runs, the paired comparisons of
// capture between cells that differ in one axis, and the paired effects on continuous
// outcomes between the same cells.
type Summary struct {
	Manifest    Manifest
	Cells       []record.SummaryRow
	Comparisons []record.ComparisonRow
	Effects     []record.EffectRow
	// Interactions are the experiment file's interactions, one row per combination of
	// the other axes' values; none when it declares none.
	Interactions []record.InteractionRow
	Outcomes     []EffectOutcome // the outcomes of Effects: EffectOutcomes less the Optional ones no run defines
	Missing      int             // runs of the plan not found (with adaptive replicates: before each cell's checkpoint)
	// Runs are the runs read, per cell and replicate: replicates 0 … stopped_at−1 of
	// each cell, nil where missing.
	Runs [][]*record.RunRow
}

// ReadManifest reads dir/manifest.json.
func ReadManifest(dir string) (*Manifest, error) {
	path := filepath.Join(dir, "manifest.json")
	m, err := readManifestFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no manifest.json (a sharded sweep needs dtaosim merge first)", dir)
		}
		return nil, err
	}
	if m.Replicates < 1 {
		return nil, fmt.Errorf("%s: not a sweep manifest (replicates %d)", path, m.Replicates)
	}
	return m, nil
}

// readManifestFile reads one manifest file: the file's own error if it cannot be read,
// or "path: error" if it is not a manifest's JSON.
func readManifestFile(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &m, nil
}

// readCell reads cell c's runs as the replicates rule reaches them: the rows of
// replicates 0 … stop.At−1, nil where a file is missing, and where the rule stops.
func readCell(dir string, rule Replicates, c int) ([]*record.RunRow, Stop, error) {
	var rows []*record.RunRow
	var readErr error
	read := func(r int) *record.RunRow {
		path := RunPath(dir, "runs", c, r)
		rr, err := record.ReadRuns(path)
		switch {
		case errors.Is(err, os.ErrNotExist):
			return nil
		case err != nil:
			readErr = err
		case len(rr) != 1:
			readErr = fmt.Errorf("%s: %d rows, want 1", path, len(rr))
		default:
			return &rr[0]
		}
		return nil
	}
	stop := rule.Walk(func(r int) Outcome {
		row := read(r)
		rows = append(rows, row)
		if row == nil {
			return Outcome{}
		}
		return outcomeOf(row)
	})
	for r := len(rows); r < stop.At && readErr == nil; r++ {
		rows = append(rows, read(r))
	}
	return rows, stop, readErr
}

// EffectOutcome is an outcome compared in pairs (EffectRow.Outcome), read from a run; NaN
// where the run does not define it. An Optional outcome is compared only in summaries
// where some run defines it (the revenue subnets' shares, NaN without a revenue subnet),
// so experiments without it write the effects they wrote before it existed.
type EffectOutcome struct {
	Name     string
	Get      func(*record.RunRow) float64
	Optional bool
}

// EffectOutcomes are the outcomes compared in pairs. All are continuous but halved_24h, a
// 0/1 indicator.
var EffectOutcomes = []EffectOutcome{
	{Name: "mean_meme_share", Get: func(r *record.RunRow) float64 { return r.MeanMemeShare }},
	{Name: "peak_meme_share", Get: func(r *record.RunRow) float64 { return r.PeakMemeShare }},
	{Name: "final_meme_share", Get: func(r *record.RunRow) float64 { return r.FinalMemeShare }},
	{Name: "meme_tao_share", Get: func(r *record.RunRow) float64 {
		if r.CumTAO <= 0 {
			return math.NaN()
		}
		return r.CumMemeTAO / r.CumTAO
	}},
	{Name: "meme_share_after", Get: func(r *record.RunRow) float64 { return r.MemeShareAfter }},
	{Name: "price_change_24h", Get: func(r *record.RunRow) float64 { return r.PriceChange24h }},
	{Name: "halved_24h", Get: halved24h},
	{Name: "meme_tao_after", Get: func(r *record.RunRow) float64 { return r.MemeTAOAfter }},
	{Name: "misallocation", Get: func(r *record.RunRow) float64 { return r.Misallocation }},
	{Name: "mean_revenue_share", Get: func(r *record.RunRow) float64 { return r.MeanRevenueShare }, Optional: true},
	{Name: "final_revenue_share", Get: func(r *record.RunRow) float64 { return r.FinalRevenueShare }, Optional: true},
	{Name: "meme_tao_speculators", Get: func(r *record.RunRow) float64 { return r.MemeTAOSpeculators }},
	{Name: "meme_tao_yield_stakers", Get: func(r *record.RunRow) float64 { return r.MemeTAOYieldStakers }},
	{Name: "meme_yield_stakers", Get: func(r *record.RunRow) float64 { return r.MemeYieldStakers }},
	{Name: "volume_yield_stakers", Get: func(r *record.RunRow) float64 { return r.VolumeYieldStakers }},
	{Name: "trades_yield_stakers", Get: func(r *record.RunRow) float64 { return float64(r.TradesYieldStakers) }},
}

// effectOutcomes returns the outcomes a summary of these runs (per cell and replicate)
// compares: every outcome that is not Optional, and each Optional one that some run
// defines.
func effectOutcomes(runs [][]*record.RunRow) []EffectOutcome {
	var out []EffectOutcome
	for _, o := range EffectOutcomes {
		if !o.Optional || definesAny(o.Get, runs) {
			out = append(out, o)
		}
	}
	return out
}

// definesAny reports whether get is a number (not NaN) for some run.
func definesAny(get func(*record.RunRow) float64, runs [][]*record.RunRow) bool {
	for _, cell := range runs {
		for _, r := range cell {
			if r != nil && !math.IsNaN(get(r)) {
				return true
			}
		}
	}
	return false
}

// halved24h is 1 when the meme price fell by half or more in the 24 h after the run's
// decision block (price_change_24h ≤ −0.5), 0 when it did not, NaN without a decision
// or when the run ended first. As a paired effect its mean difference is the difference
// of the two arms' halving rates, and its sign test is the exact McNemar test.
func halved24h(r *record.RunRow) float64 {
	switch {
	case math.IsNaN(r.PriceChange24h):
		return math.NaN()
	case r.PriceChange24h <= -0.5:
		return 1
	}
	return 0
}

// Summarize reads dir's manifest.json and every runs file and aggregates them per cell
// (docs/schema.md, summary.parquet): the capture probability over the runs below θ at the
// takeover with a Wilson 95% interval (runs already at θ counted apart), the rank-capture
// probability likewise, the Kaplan–Meier median time to capture censored at the last day
// a capture could still be confirmed, quantiles of the peak meme share, the median share
// of emission to meme subnets, and the intervention success rate where it is defined.
//
// Cells are compared only when they share random numbers and differ in exactly one axis,
// or are the two arms of one of the manifest's contrasts (in every setting of the axes it
// does not name):
// for capture, the paired difference with Newcombe's interval and the exact McNemar test;
// for each of EffectOutcomes, the mean paired difference with a t interval and the exact
// sign test. p-values are Holm-adjusted over the summary's capture comparisons, and over
// its effects on each outcome. Each interaction the manifest declares is computed in
// every combination of the other axes' values (interact): the difference between two
// paired effects on capture with its MOVER interval and the exact sign-flip test, Holm
// over the interactions.
func Summarize(dir string) (*Summary, error) {
	s := &Summary{}
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	s.Manifest = *m
	m = &s.Manifest
	rule := m.Rule()
	s.Runs = make([][]*record.RunRow, len(m.Cells))
	stops := make([]Stop, len(m.Cells))
	for c := range m.Cells {
		if s.Runs[c], stops[c], err = readCell(dir, rule, c); err != nil {
			return nil, err
		}
		for _, r := range s.Runs[c] {
			if r == nil {
				s.Missing++
			}
		}
	}
	runs := s.Runs
	cols := m.Columns()
	for c, cell := range m.Cells {
		row := cellSummary(int32(c), cell.Axes, runs[c])
		row.StoppedAt, row.StopReason = int32(stops[c].At), stops[c].Reason
		row.AxisValues = TypedValues(cols, m.cellValues(c))
		s.Cells = append(s.Cells, row)
	}
	s.Outcomes = effectOutcomes(runs)
	for _, pr := range append(oneAxisPairs(m), contrastPairs(m)...) {
		s.Comparisons = append(s.Comparisons, compare(m, pr, runs[pr.a], runs[pr.b]))
		for _, o := range s.Outcomes {
			s.Effects = append(s.Effects, effect(m, pr, o.Name, o.Get, runs[pr.a], runs[pr.b]))
		}
	}
	holm(s.Comparisons, s.Effects)
	for _, q := range interactionQuads(m) {
		s.Interactions = append(s.Interactions, interact(m, q, runs))
	}
	holmInteractions(s.Interactions)
	return s, nil
}

// cellValues returns cell c's axis values in axis order.
func (m *Manifest) cellValues(c int) []any {
	vals := make([]any, len(m.Axes))
	for a, name := range m.Axes {
		vals[a] = m.Cells[c].Values[name]
	}
	return vals
}

func cellSummary(c int32, axes string, runs []*record.RunRow) record.SummaryRow {
	nan := math.NaN()
	row := record.SummaryRow{Cell: c, Axes: axes, MedianCaptureDay: nan, InterventionRate: nan,
		InterventionLo: nan, InterventionHi: nan, DrawdownP50: nan,
		PeakShareP10: nan, PeakShareP50: nan, PeakShareP90: nan, MemeTAOShareP50: nan,
		CaptureRate: nan, RankCaptureRate: nan, CaptureLo: nan, CaptureHi: nan, RankCaptureLo: nan, RankCaptureHi: nan}
	var times, peaks, memeTAO, drawdowns []float64
	var events []bool
	success := 0
	for _, r := range runs {
		if r == nil {
			continue
		}
		row.Runs++
		horizon := float64(r.Blocks) / 7200
		row.HorizonDays = horizon
		peaks = append(peaks, r.PeakMemeShare)
		if r.CumTAO > 0 {
			memeTAO = append(memeTAO, r.CumMemeTAO/r.CumTAO)
		}
		if !r.InTopKAtTakeover {
			row.RankEligible++
			if r.RankCaptured {
				row.RankCaptured++
			}
		}
		if r.Intervened {
			row.Intervened++
			if !math.IsNaN(r.InterventionSuccess) {
				row.SuccessRuns++
				if r.InterventionSuccess == 1 {
					success++
				}
			}
			if !math.IsNaN(r.Drawdown24h) {
				drawdowns = append(drawdowns, r.Drawdown24h)
			}
		}
		if h := halved24h(r); !math.IsNaN(h) {
			row.Decided++
			row.Halved24h += int32(h)
		}
		if r.AtThetaAtTakeover {
			row.AtTheta++
			continue
		}
		row.Eligible++
		// A capture is dated by the first block of its run above θ and confirmed D days
		// later, so a run not captured is censored at the last day a capture could still
		// have started and been confirmed.
		if r.Captured {
			row.Captured++
			times = append(times, r.CaptureDay)
		} else {
			times = append(times, math.Max(horizon-r.CaptureMinDays, 0))
		}
		events = append(events, r.Captured)
	}
	if row.Eligible > 0 {
		row.CaptureRate = float64(row.Captured) / float64(row.Eligible)
		row.CaptureLo, row.CaptureHi = stats.Wilson(int(row.Captured), int(row.Eligible), 0.95)
		if med, ok := stats.KaplanMeier(times, events).Median(); ok {
			row.MedianCaptureDay = med
		}
	}
	if row.RankEligible > 0 {
		row.RankCaptureRate = float64(row.RankCaptured) / float64(row.RankEligible)
		row.RankCaptureLo, row.RankCaptureHi = stats.Wilson(int(row.RankCaptured), int(row.RankEligible), 0.95)
	}
	if len(peaks) > 0 {
		row.PeakShareP10 = stats.Quantile(0.1, peaks)
		row.PeakShareP50 = stats.Quantile(0.5, peaks)
		row.PeakShareP90 = stats.Quantile(0.9, peaks)
	}
	if len(memeTAO) > 0 {
		row.MemeTAOShareP50 = stats.Quantile(0.5, memeTAO)
	}
	if row.SuccessRuns > 0 {
		row.InterventionRate = float64(success) / float64(row.SuccessRuns)
		row.InterventionLo, row.InterventionHi = stats.Wilson(success, int(row.SuccessRuns), 0.95)
	}
	if len(drawdowns) > 0 {
		row.DrawdownP50 = stats.Quantile(0.5, drawdowns)
	}
	return row
}

// compare pairs two cells' capture outcomes by replicate. A replicate where either arm
// was at θ at the takeover is left out (Excluded): capture is undefined there.
func compare(m *Manifest, pr cellPair, ra, rb []*record.RunRow) record.ComparisonRow {
	axis, armA, armB := pr.arms(m)
	row := record.ComparisonRow{Group: int32(m.Cells[pr.a].CRNGroup), Axis: axis, Context: pr.context,
		ArmA: armA, ArmB: armB, CellA: int32(pr.a), CellB: int32(pr.b)}
	var t captureTable
	t.add(ra, rb)
	row.Pairs, row.Excluded = int32(t.pairs()), int32(t.excluded)
	row.N11, row.N10, row.N01, row.N00 = int32(t.n11), int32(t.n10), int32(t.n01), int32(t.n00)
	row.Diff, row.DiffLo, row.DiffHi, row.McNemarP, row.McNemarPHolm = math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()
	if row.Pairs > 0 {
		row.Diff, row.DiffLo, row.DiffHi = stats.PairedDiffNewcombe(int(row.N11), int(row.N10), int(row.N01), int(row.N00), 0.95)
		row.McNemarP = stats.McNemarExact(int(row.N10), int(row.N01))
	}
	return row
}

// captureTable is the paired 2×2 table of capture outcomes between two arms, over the
// replicates present in both; a replicate where either arm was at θ at the takeover is
// left out (excluded): capture is undefined there.
type captureTable struct{ n11, n10, n01, n00, excluded int }

func (t *captureTable) pairs() int { return t.n11 + t.n10 + t.n01 + t.n00 }

// add pairs arm A's runs ra with arm B's rb by replicate.
func (t *captureTable) add(ra, rb []*record.RunRow) {
	for r := range ra {
		if ra[r] == nil || r >= len(rb) || rb[r] == nil {
			continue
		}
		if ra[r].AtThetaAtTakeover || rb[r].AtThetaAtTakeover {
			t.excluded++
			continue
		}
		switch ca, cb := ra[r].Captured, rb[r].Captured; {
		case ca && cb:
			t.n11++
		case ca:
			t.n10++
		case cb:
			t.n01++
		default:
			t.n00++
		}
	}
}

// effect pairs two cells' values of one outcome by replicate, over the replicates where
// both define it.
func effect(m *Manifest, pr cellPair, outcome string, get func(*record.RunRow) float64, ra, rb []*record.RunRow) record.EffectRow {
	axis, armA, armB := pr.arms(m)
	row := record.EffectRow{Axis: axis, Context: pr.context, ArmA: armA, ArmB: armB,
		CellA: int32(pr.a), CellB: int32(pr.b), Outcome: outcome, SignPHolm: math.NaN()}
	var d []float64
	sa, sb := 0.0, 0.0
	for r := range ra {
		if ra[r] == nil || r >= len(rb) || rb[r] == nil {
			continue
		}
		x, y := get(ra[r]), get(rb[r])
		if math.IsNaN(x) || math.IsNaN(y) {
			continue
		}
		d = append(d, x-y)
		sa += x
		sb += y
	}
	row.Pairs = int32(len(d))
	row.MeanA, row.MeanB, row.SignP = math.NaN(), math.NaN(), math.NaN()
	row.Diff, row.DiffLo, row.DiffHi, _ = stats.PairedMean(d, 0.95)
	if len(d) > 0 {
		row.MeanA, row.MeanB = sa/float64(len(d)), sb/float64(len(d))
		row.SignP = stats.SignTest(d)
	}
	return row
}

// Write stores the summary as dir/summary.parquet (with one typed column per axis),
// dir/comparisons.parquet and dir/effects.parquet, and, when the experiment file declares
// interactions, dir/interactions.parquet.
func (s *Summary) Write(dir, version string) error {
	meta := record.Meta{"plan_hash": s.Manifest.PlanHash, "experiment": s.Manifest.Name, "tool_version": version,
		"master_seed": fmt.Sprint(s.Manifest.MasterSeed)}
	sw, err := record.NewSummaryWriter(filepath.Join(dir, "summary.parquet"), meta, record.WithAxes(s.Manifest.Columns()))
	if err != nil {
		return err
	}
	if err := writeAll(sw, s.Cells); err != nil {
		return err
	}
	if err := writePairs(dir, meta, s.Comparisons, s.Effects); err != nil {
		return err
	}
	if len(s.Manifest.Interactions) == 0 {
		return nil
	}
	iw, err := record.NewInteractionWriter(filepath.Join(dir, "interactions.parquet"), meta)
	if err != nil {
		return err
	}
	return writeAll(iw, s.Interactions)
}

// writePairs stores paired comparisons and effects as dir/comparisons.parquet and
// dir/effects.parquet.
func writePairs(dir string, meta record.Meta, cmp []record.ComparisonRow, eff []record.EffectRow) error {
	cw, err := record.NewComparisonWriter(filepath.Join(dir, "comparisons.parquet"), meta)
	if err != nil {
		return err
	}
	if err := writeAll(cw, cmp); err != nil {
		return err
	}
	ew, err := record.NewEffectWriter(filepath.Join(dir, "effects.parquet"), meta)
	if err != nil {
		return err
	}
	return writeAll(ew, eff)
}

// rowWriter is a record writer of rows of type T.
type rowWriter[T any] interface {
	Append(*T) error
	Close() error
	Abort()
}

// writeAll appends rows to w and closes it, or aborts it on the first error.
func writeAll[T any](w rowWriter[T], rows []T) error {
	for i := range rows {
		if err := w.Append(&rows[i]); err != nil {
			w.Abort()
			return err
		}
	}
	return w.Close()
}
