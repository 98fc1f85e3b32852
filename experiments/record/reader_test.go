package record

import (
	"math"
	"path/filepath"
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
	sameRows(t, got, want)
}
