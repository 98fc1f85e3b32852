package experiments

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"dtaosim/agents"
	"dtaosim/experiments/record"
	"dtaosim/experiments/stats"
)

// Diagnosis (docs/results.md, "Does capture depend on the run's first day?"): capture
// confirmed within a window after the takeover, paired replicate by replicate between two
// finished sweeps whose takeovers come on different days (a burn-in part and the part it
// shifts). Per cell: captures within DIAG_WINDOW days (default 104) of each folder's
// takeover - capture day from the takeover + metrics.min_days (7) ≤ window - and the
// discordant pairs with the exact McNemar p. Only with DIAG_WITHIN_A and DIAG_WITHIN_B set
// to the folders, absolute or relative to experiments/ (e.g. $PWD/results/study/capture-burnin
// and $PWD/results/study/capture-year from the repository root, written by scripts/study.sh).
func TestDiagWithin(t *testing.T) {
	dirA, dirB := os.Getenv("DIAG_WITHIN_A"), os.Getenv("DIAG_WITHIN_B")
	if dirA == "" || dirB == "" {
		t.Skip("set DIAG_WITHIN_A and DIAG_WITHIN_B to two sweep folders")
	}
	window := envFloat(t, "DIAG_WINDOW", 104)
	const minDays = 7
	read := func(dir string) map[[2]int32]bool {
		files, err := filepath.Glob(filepath.Join(dir, "runs", "cell=*", "*.parquet"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no runs/cell=*/*.parquet", dir)
		}
		out := map[[2]int32]bool{}
		for _, f := range files {
			rows, err := record.ReadRuns(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				after := float64(r.CaptureBlock-r.TakeoverBlock) / agents.BlocksPerDay // days from the takeover
				out[[2]int32{r.Cell, r.Replicate}] = r.Captured && r.TakeoverBlock >= 0 && after+minDays <= window
			}
		}
		return out
	}
	a, b := read(dirA), read(dirB)
	type tally struct{ n, ka, kb, ab, ba int }
	cells := map[int32]*tally{}
	for key, x := range a {
		y, ok := b[key]
		if !ok {
			continue
		}
		c := cells[key[0]]
		if c == nil {
			c = &tally{}
			cells[key[0]] = c
		}
		c.n++
		if x {
			c.ka++
		}
		if y {
			c.kb++
		}
		if x && !y {
			c.ab++
		}
		if y && !x {
			c.ba++
		}
	}
	var ids []int32
	for id := range cells {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	fmt.Printf("capture within %.0f days of the takeover, A = %s, B = %s\n", window, dirA, dirB)
	for _, id := range ids {
		c := cells[id]
		fmt.Printf("cell %d: A %d/%d, B %d/%d, discordant A only %d, B only %d, exact McNemar p = %.2g\n",
			id, c.ka, c.n, c.kb, c.n, c.ab, c.ba, stats.McNemarExact(c.ab, c.ba))
	}
}
