package record

import (
	"math"
	"path/filepath"
	"reflect"
	"testing"
)

// TestReadRunsRoundTrip: ReadRuns returns exactly the rows RunWriter wrote, NaNs included,
// and every field of RunRow maps to a column.
func TestReadRunsRoundTrip(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "runs.parquet")
	w, err := NewRunWriter(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []RunRow{
		{RunKey: RunKey{Cell: 3, Replicate: 7, Seed: 1 << 63}, Scenario: "s", Mechanism: "m", Axes: "a=1", Blocks: 99,
			Captured: true, CaptureBlock: 12, CaptureDay: 0.5, RankCaptured: true, PeakMemeShare: 0.3, CumMemeTAO: 4,
			InterventionDay: math.NaN(), Drawdown24h: math.NaN(), RootShareAtInterv: 0.2, PnLSubnetCohorts: -5, Actions: 42},
		{RunKey: RunKey{Cell: 4}, CaptureBlock: -1, CaptureDay: math.NaN(), HolderIncentive: math.NaN()},
	}
	for i := range want {
		if err := w.Append(&want[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := ReadRuns(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("read %d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if !sameRow(got[i], want[i]) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// sameRow compares two rows field by field, treating NaN as equal to NaN.
func sameRow(a, b RunRow) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	var eq func(x, y reflect.Value) bool
	eq = func(x, y reflect.Value) bool {
		switch x.Kind() {
		case reflect.Struct:
			for i := range x.NumField() {
				if !eq(x.Field(i), y.Field(i)) {
					return false
				}
			}
			return true
		case reflect.Float64:
			fx, fy := x.Float(), y.Float()
			return fx == fy || (math.IsNaN(fx) && math.IsNaN(fy))
		default:
			return x.Interface() == y.Interface()
		}
	}
	return eq(va, vb)
}
