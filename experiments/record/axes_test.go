package record

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TestAxisColumnsRoundTrip: a runs and a summary file written WithAxes have one typed
// column per axis, named from its path, after the fixed columns; the readers give the
// values back with their types.
func TestAxisColumnsRoundTrip(t *testing.T) {
	t.Parallel()
	cols := []AxisColumn{
		{Name: AxisColumnName("mechanism.preset"), Param: "mechanism.preset", Type: AxisString},
		{Name: AxisColumnName("chain.age_days"), Param: "chain.age_days", Type: AxisInt},
		{Name: AxisColumnName("agents.speculators.herding"), Param: "agents.speculators.herding", Type: AxisFloat},
		{Name: AxisColumnName("subnets.meme.control"), Param: "subnets.meme.control", Type: AxisBool},
	}
	vals := func(p string, age int64, h float64, b bool) []AxisValue {
		return []AxisValue{
			{Column: cols[0].Name, Type: AxisString, Str: p},
			{Column: cols[1].Name, Type: AxisInt, Int: age},
			{Column: cols[2].Name, Type: AxisFloat, Float: h},
			{Column: cols[3].Name, Type: AxisBool, Bool: b},
		}
	}
	dir := t.TempDir()
	runs := filepath.Join(dir, "runs.parquet")
	rw, err := NewRunWriter(runs, nil, WithAxes(cols))
	if err != nil {
		t.Fatal(err)
	}
	want := []RunRow{
		{RunKey: RunKey{Cell: 1}, Axes: "x", CaptureBlock: -1, AxisValues: vals("head", 90, 0.25, true)},
		{RunKey: RunKey{Cell: 2}, Axes: "y", CaptureBlock: 7, AxisValues: vals("launch", 7, 0, false)},
	}
	for i := range want {
		if err := rw.Append(&want[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := ReadRuns(runs)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("runs read back:\n got %+v\nwant %+v", got, want)
	}
	_, tbl := readBack(t, runs, memory.DefaultAllocator)
	defer tbl.Release()
	schema := tbl.Schema()
	n := len(RunColumns())
	if schema.NumFields() != n+len(cols) {
		t.Fatalf("%d columns, want %d fixed + %d axes", schema.NumFields(), n, len(cols))
	}
	wantTypes := []arrow.Type{arrow.STRING, arrow.INT64, arrow.FLOAT64, arrow.BOOL}
	for k, c := range cols {
		f := schema.Field(n + k)
		if f.Name != c.Name || f.Type.ID() != wantTypes[k] {
			t.Errorf("column %d: %s %s, want %s %s", n+k, f.Name, f.Type, c.Name, wantTypes[k])
		}
	}
	if cols[1].Name != "axis_chain_age_days" {
		t.Errorf("AxisColumnName(chain.age_days) = %s", cols[1].Name)
	}

	sum := filepath.Join(dir, "summary.parquet")
	sw, err := NewSummaryWriter(sum, nil, WithAxes(cols))
	if err != nil {
		t.Fatal(err)
	}
	srow := SummaryRow{Cell: 4, AxisValues: vals("head", 365, 1.5, false)}
	if err := sw.Append(&srow); err != nil {
		t.Fatal(err)
	}
	if err := sw.Close(); err != nil {
		t.Fatal(err)
	}
	srows, err := ReadSummary(sum)
	if err != nil {
		t.Fatal(err)
	}
	if len(srows) != 1 || !reflect.DeepEqual(srows[0].AxisValues, srow.AxisValues) {
		t.Errorf("summary axis values read back: %+v, want %+v", srows, srow.AxisValues)
	}
}

// TestAxisColumnsRefused: a row with the wrong number of axis values fails the file, and
// tables without axis columns refuse WithAxes; neither leaves a file behind.
func TestAxisColumnsRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cols := []AxisColumn{{Name: "axis_days", Param: "days", Type: AxisInt}}
	rw, err := NewRunWriter(filepath.Join(dir, "runs.parquet"), nil, WithAxes(cols))
	if err != nil {
		t.Fatal(err)
	}
	if err := rw.Append(&RunRow{}); err == nil || !strings.Contains(err.Error(), "0 axis values, the file has 1") {
		t.Errorf("row without axis values: err = %v", err)
	}
	if err := rw.Close(); err == nil {
		t.Error("Close after a failed Append succeeded")
	}
	if _, err := NewSeriesWriter(filepath.Join(dir, "series.parquet"), nil, WithAxes(cols)); err == nil ||
		!strings.Contains(err.Error(), "series table has no axis columns") {
		t.Errorf("series writer WithAxes: err = %v", err)
	}
	if _, err := NewRunWriter(filepath.Join(dir, "r2.parquet"), nil, WithAxes([]AxisColumn{{Name: "captured", Type: AxisBool}})); err == nil {
		t.Error("an axis column named like a fixed column was accepted")
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(left) != 0 {
		t.Errorf("files left behind: %v", left)
	}
}
