package experiments

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"dtaosim/agents"
	"dtaosim/experiments/record"
	"dtaosim/experiments/stats"
)

// Diagnosis (docs/results-previous-model.md, "Which runs the intervention stops"): the
// meme subnet's
// state when root intervened and when root's hold on it ended, read run by run from one
// intervening cell of a finished sweep (its runs and series files), split by whether the
// meme captured. Only with DIAG_STATE set to the sweep folder, absolute or relative to
// experiments/ (e.g. $PWD/results/study/capture-from-launch from the repository root),
// and DIAG_STATE_CELL to the cell (default 0).
//
// It prints the median moving price at the intervention over all runs and the capture
// count per band of it, then, for the captured runs and the others, medians of: the days
// from the takeover to the intervention; the moving price there; the days from the
// takeover until root's Yuma stake share in the meme first falls below DIAG_STATE_CROSS
// after the intervention (the end of the clip: the Foundation's share of root stake times
// root's share falling below κ; default 0.5/0.6, κ = 0.5 and the Foundation's 60% of
// sn28-late); the meme's moving price, emission share, pool TAO and spot price at that
// crossing; its highest spot price in the 30 days after it; and the agents' alpha in the
// meme (which they delegate to its alpha validators, so it counts in its Yuma stake) and
// root's share at the intervention, 1 day and 5 days after it. Runs without an
// intervention are skipped; runs whose root share never crosses are counted apart. The
// series' sampling (metrics.record_every) sets the resolution of "at the intervention"
// and "at the crossing": the first sample at or after the event.
func TestDiagState(t *testing.T) {
	dir, cell, cellRuns := readCell(t, "DIAG_STATE", "DIAG_STATE_CELL")
	cross := envFloat(t, "DIAG_STATE_CROSS", 0.5/0.6)
	type state struct {
		captured                          bool
		intDays, movInt                   float64    // from the takeover; at the intervention
		crossDays                         float64    // from the takeover; NaN if root never crosses
		movX, shareX, poolX, priceX, peak float64    // at the crossing; highest price 30 days after it
		hold, root                        [3]float64 // agents' alpha in the meme and root's Yuma stake share in it: at, 1 and 5 days after the intervention
	}
	var runs []state
	for _, cr := range cellRuns {
		r, ser := &cr.row, cr.series
		if !r.Intervened || r.TakeoverBlock < 0 {
			continue
		}
		take := float64(r.TakeoverBlock) / agents.BlocksPerDay
		s := state{captured: r.Captured, intDays: r.InterventionDay - take,
			movInt: math.NaN(), crossDays: math.NaN()}
		s.hold, s.root = [3]float64{math.NaN(), math.NaN(), math.NaN()}, [3]float64{math.NaN(), math.NaN(), math.NaN()}
		after := [3]float64{0, 1, 5}
		for _, x := range ser {
			if x.Kind != "meme" || x.Block < r.InterventionBlock {
				continue
			}
			if math.IsNaN(s.movInt) {
				s.movInt = x.MovingPrice
			}
			for k, d := range after {
				if math.IsNaN(s.hold[k]) && float64(x.Block-r.InterventionBlock) >= d*agents.BlocksPerDay {
					s.hold[k], s.root[k] = x.HolderAlpha, x.RootStakeShare
				}
			}
			if math.IsNaN(s.crossDays) && x.RootStakeShare < cross {
				s.crossDays = x.Day - take
				s.movX, s.shareX, s.poolX, s.priceX = x.MovingPrice, x.EmissionShare, x.TaoReserve, x.Price
			}
			if !math.IsNaN(s.crossDays) && x.Day-take < s.crossDays+30 {
				s.peak = max(s.peak, x.Price)
			}
		}
		runs = append(runs, s)
	}
	fmt.Printf("%s, cell %d: %d intervening runs\n", dir, cell, len(runs))
	var all []float64
	for _, s := range runs {
		if !math.IsNaN(s.movInt) {
			all = append(all, s.movInt)
		}
	}
	if len(all) > 0 {
		fmt.Printf("median moving price at the intervention, all runs: %.3g\n", stats.Quantile(0.5, all))
	}
	fmt.Println("the meme's moving price at the intervention (TAO): captured / runs")
	edges := []float64{0, 0.015, 0.025, 0.04, 0.07, math.Inf(1)}
	for k := range len(edges) - 1 {
		n, c := 0, 0
		for _, s := range runs {
			if s.movInt >= edges[k] && s.movInt < edges[k+1] {
				n++
				if s.captured {
					c++
				}
			}
		}
		fmt.Printf("  [%g, %g): %d/%d\n", edges[k], edges[k+1], c, n)
	}
	median := func(group bool, f func(state) float64) string {
		var x []float64
		for _, s := range runs {
			if v := f(s); s.captured == group && !math.IsNaN(v) {
				x = append(x, v)
			}
		}
		if len(x) == 0 {
			return "-"
		}
		return strconv.FormatFloat(stats.Quantile(0.5, x), 'g', 3, 64)
	}
	for _, group := range []bool{true, false} {
		n, never := 0, 0
		for _, s := range runs {
			if s.captured == group {
				n++
				if math.IsNaN(s.crossDays) {
					never++
				}
			}
		}
		fmt.Printf("captured %v: %d runs (root's share never below %.3f after the intervention in %d); medians:\n", group, n, cross, never)
		fmt.Printf("  days from the takeover: to the intervention %s, to the crossing %s\n",
			median(group, func(s state) float64 { return s.intDays }), median(group, func(s state) float64 { return s.crossDays }))
		fmt.Printf("  moving price at the intervention %s; at the crossing: moving price %s, emission share %s, pool %s TAO, price %s; highest price in the 30 days after it %s\n",
			median(group, func(s state) float64 { return s.movInt }), median(group, func(s state) float64 { return s.movX }),
			median(group, func(s state) float64 { return s.shareX }), median(group, func(s state) float64 { return s.poolX }),
			median(group, func(s state) float64 { return s.priceX }), median(group, func(s state) float64 { return s.peak }))
		fmt.Printf("  agents' alpha in the meme (delegated to its alpha validators) at the intervention, 1 and 5 days after: %s, %s, %s; root's Yuma stake share then: %s, %s, %s\n",
			median(group, func(s state) float64 { return s.hold[0] }), median(group, func(s state) float64 { return s.hold[1] }),
			median(group, func(s state) float64 { return s.hold[2] }), median(group, func(s state) float64 { return s.root[0] }),
			median(group, func(s state) float64 { return s.root[1] }), median(group, func(s state) float64 { return s.root[2] }))
	}
}

// Diagnosis (docs/calibration.md §5, "The week-one crash without the intervention"): how
// often the meme's price halves within 24 h at any time after the takeover, against how
// often it does in the 24 h after root's decision, from one cell of a finished sweep (its
// runs and series files). Only with DIAG_HALVED set to the sweep folder, absolute or
// relative to experiments/, and DIAG_HALVED_CELL to the cell (default 0). A window starts
// at every series sample of the meme in the DIAG_HALVED_DAYS days (default 14) after the
// takeover and ends at the sample 24 h later (the sampling, metrics.record_every, must
// divide a day); "before the decision" counts the windows that start before the decision
// block. Read on a passive cell, it tells whether the decision falls where a price halves
// more often than elsewhere.
func TestDiagHalved(t *testing.T) {
	dir, cell, cellRuns := readCell(t, "DIAG_HALVED", "DIAG_HALVED_CELL")
	span := envFloat(t, "DIAG_HALVED_DAYS", 14)
	var all, before, decided [2]int // windows (or decisions), and those in which the price halved
	for _, cr := range cellRuns {
		r := &cr.row
		if r.TakeoverBlock < 0 {
			continue
		}
		var block []int64
		var price []float64
		for _, x := range cr.series {
			if x.Kind == "meme" {
				block, price = append(block, x.Block), append(price, x.Price)
			}
		}
		if len(block) < 2 || agents.BlocksPerDay%(block[1]-block[0]) != 0 {
			t.Fatalf("%s, cell %d, replicate %d: the meme's series samples are not a divisor of a day apart", dir, cell, r.Replicate)
		}
		lag := int(agents.BlocksPerDay / (block[1] - block[0]))
		for k := 0; k+lag < len(block); k++ {
			if block[k] < r.TakeoverBlock || float64(block[k]-r.TakeoverBlock) > span*agents.BlocksPerDay {
				continue
			}
			h := 0
			if price[k+lag] <= price[k]/2 {
				h = 1
			}
			all[0]++
			all[1] += h
			if r.DecisionBlock < 0 || block[k] < r.DecisionBlock {
				before[0]++
				before[1] += h
			}
		}
		if r.DecisionBlock >= 0 && !math.IsNaN(r.PriceChange24h) {
			decided[0]++
			if r.PriceChange24h <= -0.5 {
				decided[1]++
			}
		}
	}
	share := func(x [2]int) float64 { return float64(x[1]) / float64(max(x[0], 1)) }
	fmt.Printf("%s, cell %d: the meme's price halved within 24 h in %d of %d windows starting in the %g days after the takeover (%.3f), %d of %d starting before the decision (%.3f), and after the decision in %d of %d runs (%.3f)\n",
		dir, cell, all[1], all[0], span, share(all), before[1], before[0], share(before), decided[1], decided[0], share(decided))
}

// cellRun is one run of a finished sweep's cell: its runs row and the series rows of
// that run.
type cellRun struct {
	row    record.RunRow
	series []record.SeriesRow
}

// readCell reads one cell of the finished sweep in the folder named by the environment
// variable dirVar (the test is skipped when it is unset), the cell given by cellVar
// (default 0): each run's runs row with its series rows (runs/cell=C/*.parquet and the
// series files of the same names).
func readCell(t *testing.T, dirVar, cellVar string) (dir string, cell int, runs []cellRun) {
	dir = os.Getenv(dirVar)
	if dir == "" {
		t.Skipf("set %s to a sweep folder (and %s to a cell)", dirVar, cellVar)
	}
	cell, err := strconv.Atoi(envString(cellVar, "0"))
	if err != nil || cell < 0 {
		t.Fatalf("%s: want a cell index, got %q", cellVar, os.Getenv(cellVar))
	}
	files, err := filepath.Glob(filepath.Join(dir, "runs", fmt.Sprintf("cell=%d", cell), "*.parquet"))
	if err != nil || len(files) == 0 {
		t.Fatalf("%s: no runs/cell=%d/*.parquet", dir, cell)
	}
	for _, f := range files {
		rows, err := record.ReadRuns(f)
		if err != nil {
			t.Fatal(err)
		}
		ser, err := record.ReadSeries(filepath.Join(dir, "series", filepath.Base(filepath.Dir(f)), filepath.Base(f)))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			var own []record.SeriesRow
			for _, x := range ser {
				if x.Cell == r.Cell && x.Replicate == r.Replicate {
					own = append(own, x)
				}
			}
			runs = append(runs, cellRun{row: r, series: own})
		}
	}
	return dir, cell, runs
}
