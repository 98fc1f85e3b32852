package sweep

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"dtaosim/experiments"
	"dtaosim/experiments/record"
)

// A cell rerun from a finished folder's manifest reproduces the cell's summary row, and
// runs that cell's replicates only.
func TestRerunCellReproduces(t *testing.T) {
	p := swParse(t, swTinyYAML)
	dir := t.TempDir()
	if _, err := Run(context.Background(), p, Options{Out: dir, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	s, err := Summarize(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(dir, "test"); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	r, err := RerunCell(context.Background(), dir, 2, ".", Options{Out: out, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Diffs) != 0 {
		t.Errorf("rerun of cell 2 differs: %v", r.Diffs)
	}
	if r.Got.Runs != 3 || r.Want.Runs != 3 {
		t.Errorf("runs: recorded %d, rerun %d, want 3 each", r.Want.Runs, r.Got.Runs)
	}
	files := swRunFiles(t, out)
	if len(files) != 3*3 {
		t.Errorf("rerun wrote %d run files, want 9 (3 replicates of one cell × 3 kinds): %v", len(files), files)
	}
	for _, f := range files {
		if !strings.Contains(f, "cell=2/") {
			t.Errorf("rerun wrote %s, outside cell 2", f)
		}
	}
	if r.Unchecked != "" || r.Rule != "" {
		t.Errorf("a manifest of today's scheme: plan unchecked (%s), rule %q", r.Unchecked, r.Rule)
	}

	// A manifest of hash scheme 1 (no hash_scheme; a hash today's tool cannot recompute)
	// is rerun without the plan check, and says so; one of scheme 2 names the change of
	// defaults and the tool that wrote it; one of a later scheme is refused.
	m, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.HashScheme != experiments.SpecHashScheme {
		t.Errorf("manifest hash_scheme %d, want %d", m.HashScheme, experiments.SpecHashScheme)
	}
	m.HashScheme, m.PlanHash = 0, "0123456789abcdef"
	if err := m.write(dir, 0, 1); err != nil {
		t.Fatal(err)
	}
	r, err = RerunCell(context.Background(), dir, 2, ".", Options{Out: t.TempDir(), Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	// (Its cells rerun under the dividend rule of then, "stake", which this folder, written
	// under today's "none", did not: TestRerunLegacyFallback; so the rows may differ.)
	if !strings.Contains(r.Unchecked, "hash scheme 1") || !strings.Contains(r.Unchecked, "0123456789abcdef") || !strings.Contains(r.Rule, `"stake"`) {
		t.Errorf("scheme-1 manifest: unchecked %q, rule %q", r.Unchecked, r.Rule)
	}
	m.HashScheme, m.ToolVersion = 2, "v0-scheme2"
	if err := m.write(dir, 0, 1); err != nil {
		t.Fatal(err)
	}
	r, err = RerunCell(context.Background(), dir, 2, ".", Options{Out: t.TempDir(), Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Unchecked, "before 2026-12-03") || !strings.Contains(r.Unchecked, "v0-scheme2") {
		t.Errorf("scheme-2 manifest: unchecked %q, want the change of defaults and the tool that wrote it", r.Unchecked)
	}
	m.HashScheme = experiments.SpecHashScheme + 1
	if err := m.write(dir, 0, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := RerunCell(context.Background(), dir, 2, ".", Options{Out: t.TempDir()}); err == nil ||
		!errors.Is(err, ErrRerunInput) || !strings.Contains(err.Error(), "this tool knows schemes up to") {
		t.Errorf("a later scheme: err = %v", err)
	}
}

// A changed recorded row is reported column by column; a cell out of range and a plan
// that no longer expands to the recorded one are errors.
func TestRerunCellDiffsAndErrors(t *testing.T) {
	want := record.SummaryRow{Cell: 1, Runs: 3, CaptureRate: 0.5, MedianCaptureDay: math.NaN()}
	got := want
	if d := rowDiffs(want, got); len(d) != 0 {
		t.Errorf("identical rows (NaN included) differ: %v", d)
	}
	got.CaptureRate = 0.25
	d := rowDiffs(want, got)
	if len(d) != 1 || !strings.HasPrefix(d[0], "capture_rate:") {
		t.Errorf("diffs = %v, want one naming capture_rate", d)
	}

	p := swParse(t, swTinyYAML)
	dir := t.TempDir()
	if _, err := Run(context.Background(), p, Options{Out: dir, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	if _, err := RerunCell(context.Background(), dir, 4, ".", Options{Out: t.TempDir()}); err == nil ||
		!errors.Is(err, ErrRerunInput) || !strings.Contains(err.Error(), "cell 4: expected 0 to 3") {
		t.Errorf("cell out of range: err = %v", err)
	}
	m, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	m.Experiment = strings.Replace(m.Experiment, "days: 0.3", "days: 0.4", 1)
	if err := m.write(dir, 0, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := RerunCell(context.Background(), dir, 0, ".", Options{Out: t.TempDir()}); err == nil ||
		!strings.Contains(err.Error(), "the manifest records plan") {
		t.Errorf("changed plan: err = %v", err)
	}
	if _, err := RerunCell(context.Background(), filepath.Join(dir, "nowhere"), 0, ".", Options{Out: t.TempDir()}); err == nil {
		t.Error("a folder without a manifest: no error")
	}
}

// The summary columns are the row's fields in order, so rowDiffs names columns right.
func TestSummaryColumnsFollowFields(t *testing.T) {
	cols := record.SummaryColumns()
	typ := reflect.TypeOf(record.SummaryRow{})
	n := 0
	for i := range typ.NumField() {
		if typ.Field(i).Tag.Get("record") == "-" {
			continue
		}
		if n >= len(cols) {
			t.Fatalf("field %s has no column", typ.Field(i).Name)
		}
		if got, want := strings.ReplaceAll(cols[n].Name, "_", ""), strings.ToLower(typ.Field(i).Name); got != want {
			t.Errorf("column %d is %s, field is %s", n, cols[n].Name, typ.Field(i).Name)
		}
		n++
	}
	if n != len(cols) {
		t.Errorf("%d fields, %d columns", n, len(cols))
	}
}

// A plan recorded before hash scheme 4 reruns under the dividend rule it ran under: its
// cells that leave mechanism.dividend_fallback out get "stake" (today's default is the
// chain's "none"), cells that name a rule keep it, and the plan is rehashed; a plan of
// today's scheme is left as it is. The rerun's note names the rule for exactly the cells
// given it.
func TestRerunLegacyFallback(t *testing.T) {
	const src = swTinyYAML + "  - {param: mechanism.dividend_fallback, values: [\"\", none]}\n"
	for _, scheme := range []int{1, 2, 3, experiments.SpecHashScheme} {
		p := swParse(t, src)
		dir := t.TempDir()
		m := newManifest(p, Options{}, time.Now())
		m.HashScheme = scheme
		if err := m.write(dir, 0, 1); err != nil {
			t.Fatal(err)
		}
		sw, err := record.NewSummaryWriter(filepath.Join(dir, "summary.parquet"), nil, record.WithAxes(m.Columns()))
		if err != nil {
			t.Fatal(err)
		}
		var rows []record.SummaryRow
		for c := range p.Cells {
			rows = append(rows, record.SummaryRow{Cell: int32(c), AxisValues: TypedValues(m.Columns(), m.cellValues(c))})
		}
		if err := writeAll(sw, rows); err != nil {
			t.Fatal(err)
		}
		for c, cell := range p.Cells {
			_, _, _, notes, err := rerunInput(dir, c, ".")
			if err != nil {
				t.Fatalf("scheme %d, cell %d: %v", scheme, c, err)
			}
			if named := notes.rule != ""; named != (scheme < chainRuleScheme && cell.Values[2] == "") {
				t.Errorf("scheme %d, cell %s: rule note %q", scheme, cell.Label, notes.rule)
			}
		}
		got, _, _, _, err := rerunInput(dir, 0, ".")
		if err != nil {
			t.Fatalf("scheme %d: %v", scheme, err)
		}
		for _, c := range got.Cells {
			want := ""
			if c.Values[2] == "none" {
				want = experiments.FallbackNone
			} else if scheme < chainRuleScheme {
				want = experiments.FallbackStake
			}
			if f := c.Scenario.Mechanism.DividendFallback; f != want {
				t.Errorf("scheme %d, cell %s: dividend_fallback %q, want %q", scheme, c.Label, f, want)
			}
		}
		if changed := got.Hash != p.Hash; changed != (scheme < chainRuleScheme) {
			t.Errorf("scheme %d: plan hash %s → %s", scheme, p.Hash, got.Hash)
		}
	}
}
