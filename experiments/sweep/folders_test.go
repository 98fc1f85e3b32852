package sweep

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dtaosim/experiments/record"
)

// TestCompareFolders: two sweeps of the same seed that differ in their base scenario are
// paired cell by cell and replicate by replicate: the capture table counts the runs as
// read from the files, the effects are the mean of B's outcome subtracted from A's over
// the pairs, a folder against itself differs by nothing, cells either folder lacks are
// reported, and folders of different seeds or with runs missing are refused.
func TestCompareFolders(t *testing.T) {
	dir := t.TempDir()
	run := func(name, src string) string { return swSweep(t, filepath.Join(dir, name), src) }
	a := run("a", swTinyYAML)
	b := run("b", strings.Replace(swTinyYAML, "speculators: {count: 20,", "speculators: {count: 20, capital: {min: 50},", 1))
	fc, err := CompareFolders(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if fc.A != "a" || fc.B != "b" || len(fc.Comparisons) != 4 || len(fc.Effects) != 4*len(fc.Outcomes) || len(fc.Outcomes) != len(EffectOutcomes)-2 || len(fc.Skipped) != 0 {
		t.Fatalf("%s vs %s: %d comparisons, %d effects, skipped %v", fc.A, fc.B, len(fc.Comparisons), len(fc.Effects), fc.Skipped)
	}
	for _, c := range fc.Comparisons {
		var n10, n01, pairs int32
		var meanA, meanB float64
		for r := range 3 {
			x, y := readRun(t, a, int(c.CellA), r), readRun(t, b, int(c.CellB), r)
			meanA += x.PeakMemeShare / 3
			meanB += y.PeakMemeShare / 3
			if x.AtThetaAtTakeover || y.AtThetaAtTakeover {
				continue
			}
			pairs++
			n10 += b2i32(x.Captured && !y.Captured)
			n01 += b2i32(!x.Captured && y.Captured)
		}
		if c.Pairs != pairs || c.N10 != n10 || c.N01 != n01 || c.ArmA != "folder=a" || c.ArmB != "folder=b" {
			t.Errorf("[%s]: %+v; from the files pairs %d, discordant %d/%d", c.Context, c, pairs, n10, n01)
		}
		for _, e := range fc.Effects {
			if e.CellA == c.CellA && e.Outcome == "peak_meme_share" && (e.Pairs != 3 || !near(e.MeanA, meanA) || !near(e.MeanB, meanB) || !near(e.Diff, meanA-meanB)) {
				t.Errorf("[%s] peak_meme_share: %+v; from the files A %v, B %v", c.Context, e, meanA, meanB)
			}
		}
	}
	self, err := CompareFolders(a, a)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range self.Effects {
		if e.Pairs > 0 && e.Diff != 0 {
			t.Errorf("a folder against itself: %s [%s] differs by %v", e.Outcome, e.Context, e.Diff)
		}
	}
	if self.A == self.B {
		t.Errorf("a folder against itself: both arms named %q", self.A)
	}
	fewer := run("fewer", strings.Replace(swTinyYAML, "values: [passive, intervene]", "values: [passive]", 1))
	if fc, err := CompareFolders(a, fewer); err != nil || len(fc.Comparisons) != 2 || len(fc.Skipped) != 2 || len(fc.Unmatched) != 0 {
		t.Errorf("against a folder with half the cells: %v, %+v", err, fc)
	}
	if fc, err := CompareFolders(fewer, a); err != nil || len(fc.Comparisons) != 2 || len(fc.Skipped) != 0 || len(fc.Unmatched) != 2 {
		t.Errorf("a folder with half the cells against the whole: %v, %+v", err, fc)
	}
	if err := os.Remove(RunPath(b, "runs", 1, 2)); err != nil {
		t.Fatal(err)
	}
	if _, err := CompareFolders(a, b); err == nil || !strings.Contains(err.Error(), "1 runs missing") {
		t.Errorf("a folder with a run missing: %v", err)
	}
	other := run("other", strings.Replace(swTinyYAML, "seed: 11", "seed: 12", 1))
	if _, err := CompareFolders(a, other); err == nil || !strings.Contains(err.Error(), "master seeds") {
		t.Errorf("different seeds: %v", err)
	}
}

func readRun(t *testing.T, dir string, cell, rep int) record.RunRow {
	t.Helper()
	rows, err := record.ReadRuns(RunPath(dir, "runs", cell, rep))
	if err != nil || len(rows) != 1 {
		t.Fatalf("%s cell %d rep %d: %v", dir, cell, rep, err)
	}
	return rows[0]
}

func b2i32(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

func near(x, y float64) bool { return x-y < 1e-12 && y-x < 1e-12 }
