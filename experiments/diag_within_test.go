package experiments

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"dtaosim/agents"
	"dtaosim/experiments/record"
	"dtaosim/experiments/stats"
)

// Diagnosis (docs/results-previous-model.md, "Does capture depend on the run's first
// day?"): capture
// confirmed within a window after the takeover, paired replicate by replicate between two
// finished sweeps whose takeovers come on different days (a burn-in part and the part it
// shifts). Per cell: captures within DIAG_WINDOW days (default 104) of each folder's
// takeover - capture day from the takeover + metrics.min_days (7, the default every study
// part uses) ≤ window - over the pairs eligible in both (below θ at the takeover), with
// the paired difference (Newcombe 95% interval) and the exact McNemar p. Only with DIAG_WITHIN_A and DIAG_WITHIN_B set
// to the folders, absolute or relative to experiments/ (e.g. $PWD/results/study/capture-burnin
// and $PWD/results/study/capture-year from the repository root, written by scripts/study.sh).
// Cells pair by index unless DIAG_WITHIN_CELLS maps them, as A:B pairs, e.g. "0:2,1:3"
// (two files whose axes differ: study-capture-burnin-105.yaml's cells 0 and 1 are
// study-capture-head.yaml's year-old cells 2 and 3); a mapped cell is printed under A's
// index.
func TestDiagWithin(t *testing.T) {
	dirA, dirB := os.Getenv("DIAG_WITHIN_A"), os.Getenv("DIAG_WITHIN_B")
	if dirA == "" || dirB == "" {
		t.Skip("set DIAG_WITHIN_A and DIAG_WITHIN_B to two sweep folders")
	}
	window := envFloat(t, "DIAG_WINDOW", 104)
	const minDays = 7
	// outcome per (cell, replicate): captured within the window; runs at or above θ at
	// the takeover are not eligible (at_theta_at_takeover) and leave their pair out.
	type outcome struct{ eligible, within bool }
	read := func(dir string) map[[2]int32]outcome {
		files, err := filepath.Glob(filepath.Join(dir, "runs", "cell=*", "*.parquet"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no runs/cell=*/*.parquet", dir)
		}
		out := map[[2]int32]outcome{}
		for _, f := range files {
			rows, err := record.ReadRuns(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				after := float64(r.CaptureBlock-r.TakeoverBlock) / agents.BlocksPerDay // days from the takeover
				out[[2]int32{r.Cell, r.Replicate}] = outcome{
					eligible: r.TakeoverBlock >= 0 && !r.AtThetaAtTakeover,
					within:   r.Captured && after+minDays <= window,
				}
			}
		}
		return out
	}
	cellOf, err := parseCellMap(os.Getenv("DIAG_WITHIN_CELLS"))
	if err != nil {
		t.Fatalf("DIAG_WITHIN_CELLS: %v", err)
	}
	a, b := read(dirA), read(dirB)
	tables := map[int32]*[4]int{} // per cell: n11, n10 (A only), n01 (B only), n00
	for key, x := range a {
		bKey := key
		if cellOf != nil {
			c, ok := cellOf[key[0]]
			if !ok {
				continue
			}
			bKey[0] = c
		}
		y, ok := b[bKey]
		if !ok || !x.eligible || !y.eligible {
			continue
		}
		tb := tables[key[0]]
		if tb == nil {
			tb = new([4]int)
			tables[key[0]] = tb
		}
		switch {
		case x.within && y.within:
			tb[0]++
		case x.within:
			tb[1]++
		case y.within:
			tb[2]++
		default:
			tb[3]++
		}
	}
	ids := slices.Sorted(maps.Keys(tables))
	fmt.Printf("capture within %.0f days of the takeover, A = %s, B = %s\n", window, dirA, dirB)
	for _, id := range ids {
		tb := tables[id]
		n := tb[0] + tb[1] + tb[2] + tb[3]
		d, lo, hi := stats.PairedDiffNewcombe(tb[0], tb[1], tb[2], tb[3], 0.95)
		label := fmt.Sprint(id)
		if cellOf != nil {
			label = fmt.Sprintf("%d (B cell %d)", id, cellOf[id])
		}
		fmt.Printf("cell %s: A %d/%d, B %d/%d, A − B %+.2f [%+.2f, %+.2f], discordant A only %d, B only %d, exact McNemar p = %.2g\n",
			label, tb[0]+tb[1], n, tb[0]+tb[2], n, d, lo, hi, tb[1], tb[2], stats.McNemarExact(tb[1], tb[2]))
	}
}

// parseCellMap reads "a:b,c:d" into {a: b, c: d}; empty gives nil (cells pair by index).
func parseCellMap(v string) (map[int32]int32, error) {
	if v == "" {
		return nil, nil
	}
	m := map[int32]int32{}
	for _, pair := range strings.Split(v, ",") {
		as, bs, ok := strings.Cut(strings.TrimSpace(pair), ":")
		if !ok {
			return nil, fmt.Errorf("%q: want A:B, two cell indices", pair)
		}
		x, err1 := strconv.ParseInt(as, 10, 32)
		y, err2 := strconv.ParseInt(bs, 10, 32)
		if err1 != nil || err2 != nil || x < 0 || y < 0 {
			return nil, fmt.Errorf("%q: want A:B, two cell indices", pair)
		}
		if _, dup := m[int32(x)]; dup {
			return nil, fmt.Errorf("cell %d mapped twice", x)
		}
		m[int32(x)] = int32(y)
	}
	return m, nil
}
