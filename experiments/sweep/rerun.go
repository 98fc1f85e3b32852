package sweep

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"strconv"

	"dtaosim/experiments"
	"dtaosim/experiments/record"
)

// Rerun is one cell of a finished experiment run again: the cell's summary row as the
// experiment's folder holds it and as the new runs give it.
type Rerun struct {
	Cell        int
	Axes        string
	Want, Got   record.SummaryRow
	ToolVersion string   // the tool that produced the folder
	Diffs       []string // "column: want … got …", empty when the cell is reproduced
	// Unchecked says why the plan could not be checked against the recorded one (a
	// manifest of an earlier hash scheme), empty when it was.
	Unchecked string
	// Rule says that the cell reran under the dividend rule of its manifest's hash scheme
	// rather than today's default (legacyFallback), empty for a manifest of today's scheme.
	Rule string
}

// ErrRerunInput marks the errors of RerunCell that are about its input (the folder, the
// cell, the manifest's plan), not about running the cell.
var ErrRerunInput = errors.New("rerun")

// RerunCell runs cell c of the experiment recorded in dir (its manifest.json and
// summary.parquet, as `dtaosim summarize` leaves them; the runs files are not needed)
// into opt.Out, and compares the new summary row of the cell with the recorded one,
// column by column (NaN equals NaN). The experiment is the manifest's own copy of the
// experiment file; a base given as a file path is resolved against baseDir. It is an
// error if the plan expanded from that copy is not the recorded plan (plan_hash), since
// the runs would then not be the recorded runs; a manifest of an earlier hash scheme,
// whose hash cannot be recomputed, is rerun without that check (Rerun.Unchecked says so).
func RerunCell(ctx context.Context, dir string, c int, baseDir string, opt Options) (*Rerun, error) {
	p, m, want, notes, err := rerunInput(dir, c, baseDir)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRerunInput, err)
	}
	opt.Cells = []int{c}
	opt.Shard, opt.Shards = 0, 1
	if _, err := Run(ctx, p, opt); err != nil {
		return nil, err
	}
	runs, stop, err := readCell(opt.Out, p.Exp.Replicates, c)
	if err != nil {
		return nil, err
	}
	got := cellSummary(int32(c), m.Cells[c].Axes, runs)
	got.StoppedAt, got.StopReason = int32(stop.At), stop.Reason
	got.AxisValues = TypedValues(m.Columns(), m.cellValues(c))
	return &Rerun{Cell: c, Axes: m.Cells[c].Axes, Want: want, Got: got, ToolVersion: m.ToolVersion,
		Diffs: rowDiffs(want, got), Unchecked: notes.unchecked, Rule: notes.rule}, nil
}

// rerunNotes are what rerunInput tells of how the cell will rerun (Rerun.Unchecked,
// Rerun.Rule).
type rerunNotes struct{ unchecked, rule string }

// rerunInput reads what RerunCell needs from dir: the plan expanded from the manifest's
// copy of the experiment (checked against the recorded plan), the manifest, and cell c's
// recorded summary row. A manifest of hash scheme 1 or 2 (experiments.SpecHashScheme)
// recorded a hash today's tool cannot recompute or compare; its plan is not checked, and
// notes.unchecked says so. A plan of a scheme before 4 reruns under the dividend rule it
// ran under (legacyFallback), and notes.rule says so if cell c leaves the rule out.
func rerunInput(dir string, c int, baseDir string) (p *Plan, m *Manifest, want record.SummaryRow, notes rerunNotes, err error) {
	if m, err = ReadManifest(dir); err != nil {
		return nil, nil, want, notes, err
	}
	if m.Experiment == "" {
		return nil, nil, want, notes, fmt.Errorf("%s: the manifest holds no copy of the experiment file", filepath.Join(dir, "manifest.json"))
	}
	if c < 0 || c >= len(m.Cells) {
		return nil, nil, want, notes, fmt.Errorf("cell %d: expected 0 to %d (the experiment has %d cells)", c, len(m.Cells)-1, len(m.Cells))
	}
	if p, err = Parse([]byte(m.Experiment), baseDir); err != nil {
		return nil, nil, want, notes, fmt.Errorf("%s: the manifest's experiment: %w", dir, err)
	}
	scheme := max(m.HashScheme, 1)
	switch {
	case scheme > experiments.SpecHashScheme:
		return nil, nil, want, notes, fmt.Errorf("%s: the manifest's hashes are of scheme %d, this tool knows schemes up to %d (tool then: %s)",
			dir, scheme, experiments.SpecHashScheme, m.ToolVersion)
	case scheme == 2:
		notes.unchecked = fmt.Sprintf("the manifest's plan hash %s is of hash scheme 2, the defaults before 2026-12-03 (the speculators "+
			"without price protection, quitting or a holding period; docs/calibration.md §7): this tool runs the experiment under "+
			"today's defaults but the dividend rule of then, so its numbers may differ; the tool that wrote it (%s) reproduces it", m.PlanHash, m.ToolVersion)
	case scheme == 1:
		notes.unchecked = fmt.Sprintf("the manifest's plan hash %s is of hash scheme %d (the whole scenario as its tool encoded it), "+
			"which this tool cannot recompute: the plan is not checked, only the cell's summary row", m.PlanHash, scheme)
	case p.Hash != m.PlanHash: // scheme 4 encodes as scheme 3 did: only a default changed
		return nil, nil, want, notes, fmt.Errorf("%s: the experiment expands to plan %s, the manifest records plan %s: "+
			"a shipped scenario or preset it builds on has changed since (tool then: %s)", dir, p.Hash, m.PlanHash, m.ToolVersion)
	}
	if scheme < chainRuleScheme && legacyFallback(p, c) {
		notes.rule = fmt.Sprintf("the manifest is of hash scheme %d, before the chain's dividend rule became the default (2026-12-06): "+
			"the cell, which leaves mechanism.dividend_fallback out, reran under \"stake\", the rule it ran under", scheme)
	}
	want, err = recordedRow(dir, c)
	return p, m, want, notes, err
}

// chainRuleScheme is the first hash scheme whose default dividend rule is the chain's
// (experiments.SpecHashScheme).
const chainRuleScheme = 4

// legacyFallback gives every cell of a plan written before hash scheme 4 that leaves
// mechanism.dividend_fallback out the rule it then ran under, "stake" (today's default is
// the chain's "none"; experiments.SpecHashScheme), and rehashes the plan, so that its
// cells rerun as they ran and a rerun's own manifest names the plan it ran. It reports
// whether cell c was one of them.
func legacyFallback(p *Plan, c int) (changed bool) {
	for k, cell := range p.Cells {
		if cell.Scenario.Mechanism.DividendFallback == "" {
			cell.Scenario.Mechanism.DividendFallback = experiments.FallbackStake
			changed = changed || k == c
		}
	}
	p.Hash = p.planHash()
	return changed
}

// recordedRow reads cell c's row of dir/summary.parquet.
func recordedRow(dir string, c int) (record.SummaryRow, error) {
	path := filepath.Join(dir, "summary.parquet")
	rows, err := record.ReadSummary(path)
	if err != nil {
		return record.SummaryRow{}, err
	}
	for _, r := range rows {
		if int(r.Cell) == c {
			return r, nil
		}
	}
	return record.SummaryRow{}, fmt.Errorf("%s: no row for cell %d", path, c)
}

// rowDiffs lists the columns in which two summary rows differ, by their Parquet names.
func rowDiffs(want, got record.SummaryRow) []string {
	var out []string
	cols := record.SummaryColumns()
	wv, gv := reflect.ValueOf(want), reflect.ValueOf(got)
	for i := range wv.NumField() {
		f := wv.Type().Field(i)
		if f.Tag.Get("record") == "-" {
			continue
		}
		a, b := wv.Field(i).Interface(), gv.Field(i).Interface()
		if sameValue(a, b) {
			continue
		}
		name := f.Name
		if i < len(cols) {
			name = cols[i].Name
		}
		out = append(out, fmt.Sprintf("%s: recorded %v, rerun %v", name, a, b))
	}
	for i := range min(len(want.AxisValues), len(got.AxisValues)) {
		if !reflect.DeepEqual(want.AxisValues[i], got.AxisValues[i]) {
			out = append(out, "axis column "+strconv.Itoa(i)+": recorded and rerun values differ")
		}
	}
	return out
}

// sameValue is equality in which NaN equals NaN.
func sameValue(a, b any) bool {
	if x, ok := a.(float64); ok {
		y := b.(float64)
		return x == y || (math.IsNaN(x) && math.IsNaN(y))
	}
	return a == b
}
