package record

import (
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sameRows compares two slices of rows field by field, treating NaN as equal to NaN.
func sameRows[T any](t *testing.T, got, want []T) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("read %d rows, want %d", len(got), len(want))
	}
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
		case reflect.Slice:
			if x.Len() != y.Len() {
				return false
			}
			for i := range x.Len() {
				if !eq(x.Index(i), y.Index(i)) {
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
	for i := range want {
		if !eq(reflect.ValueOf(got[i]), reflect.ValueOf(want[i])) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// TestReadRowsRoundTrip: ReadSeries, ReadEvents, ReadSummary and ReadComparisons return
// exactly the rows their writers wrote, NaNs included — ComparisonRow.Group included,
// whose column ("crn_group") is not its field name snake-cased.
func TestReadRowsRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	series := []SeriesRow{
		{RunKey: RunKey{Cell: 1, Replicate: 2, Seed: 3}, Block: 600, Day: 1.0 / 12, Netuid: 28, Kind: "meme", Mechanism: "launch_2025_02",
			Price: 0.5, RootProp: 0.9, RootStakeShare: math.NaN(), FlowEMA: -1, RootTAO: 5e6},
		{RunKey: RunKey{Cell: 1, Replicate: 2, Seed: 3}, Block: 600, Netuid: 1, Kind: "utility", EmissionShare: 0.2},
	}
	events := []EventRow{{RunKey: RunKey{Cell: 4}, Block: 7201, Day: 1, Type: "intervention", Netuid: 28, Value: 0.91, Detail: "root share"}}
	summary := []SummaryRow{{Cell: 2, Axes: "a=1;b=x", Runs: 8, StoppedAt: 10, StopReason: "incomplete", Captured: 3, CaptureRate: 0.375, CaptureLo: 0.1, CaptureHi: 0.7,
		MedianCaptureDay: math.NaN(), InterventionRate: math.NaN(), DrawdownP50: 0.9}}
	comparisons := []ComparisonRow{{Group: 5, Context: "b=x", ArmA: "a=1", ArmB: "a=2", CellA: 0, CellB: 1, Pairs: 8,
		N11: 1, N10: 2, N01: 0, N00: 5, Diff: 0.25, DiffLo: -0.1, DiffHi: 0.6, McNemarP: 0.5}}

	sw, _ := NewSeriesWriter(filepath.Join(dir, "series.parquet"), nil)
	for i := range series {
		sw.Append(&series[i])
	}
	ew, _ := NewEventWriter(filepath.Join(dir, "events.parquet"), nil)
	for i := range events {
		ew.Append(&events[i])
	}
	uw, _ := NewSummaryWriter(filepath.Join(dir, "summary.parquet"), nil)
	for i := range summary {
		uw.Append(&summary[i])
	}
	cw, _ := NewComparisonWriter(filepath.Join(dir, "comparisons.parquet"), nil)
	for i := range comparisons {
		cw.Append(&comparisons[i])
	}
	sens := []SensitivityRow{
		{Design: "morris", Output: "capture_probability", Param: "a", Rank: 1, Points: 40, Runs: 400, OutputMean: 0.2,
			MuStar: 0.3, MuStarLo: 0.2, MuStarHi: 0.4, Mu: -0.1, Sigma: 0.25, S1: math.NaN(), S1Lo: math.NaN(), S1Hi: math.NaN(),
			ST: math.NaN(), STLo: math.NaN(), STHi: math.NaN(), Variance: math.NaN(), NoiseWithin: 0.16, NoiseTotal: 0.2,
			NoiseMeans: 0.04, NoiseShare: 0.8, NoiseMeansShare: 0.4, NoiseCRNShare: math.NaN()},
	}
	nw, _ := NewSensitivityWriter(filepath.Join(dir, "sensitivity.parquet"), nil)
	for i := range sens {
		nw.Append(&sens[i])
	}
	for _, c := range []interface{ Close() error }{sw, ew, uw, cw, nw} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	gotS, err := ReadSeries(filepath.Join(dir, "series.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, gotS, series)
	gotE, err := ReadEvents(filepath.Join(dir, "events.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, gotE, events)
	gotU, err := ReadSummary(filepath.Join(dir, "summary.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, gotU, summary)
	gotC, err := ReadComparisons(filepath.Join(dir, "comparisons.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, gotC, comparisons)

	gotN, err := ReadSensitivity(filepath.Join(dir, "sensitivity.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, gotN, sens)

	// ReadColumns: numbers of any type as float64, booleans as 0/1, absent names listed.
	cols, absent, err := ReadColumns(filepath.Join(dir, "series.parquet"), []string{"block", "root_stake_share", "misallocation", "netuid"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"misallocation"}; !reflect.DeepEqual(absent, want) {
		t.Errorf("ReadColumns absent = %v, want %v", absent, want)
	}
	if cols[2] != nil || !reflect.DeepEqual(cols[0], []float64{600, 600}) || !reflect.DeepEqual(cols[3], []float64{28, 1}) ||
		!math.IsNaN(cols[1][0]) || cols[1][1] != 0 {
		t.Errorf("ReadColumns = %v", cols)
	}
	if _, _, err := ReadColumns(filepath.Join(dir, "series.parquet"), []string{"kind"}); err == nil || !strings.Contains(err.Error(), "not numeric") {
		t.Errorf("ReadColumns of a string column: err %v, want a not-numeric error", err)
	}

	// A file of another table lacks the columns: the error names the missing one.
	if _, err := ReadSeries(filepath.Join(dir, "events.parquet")); err == nil || !strings.Contains(err.Error(), `no column "kind" (the file's schema version is `+SchemaVersion) {
		t.Errorf("ReadSeries(events file) = %v, want a missing-column error", err)
	}
}
