package sweep

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// TestRevenueEffects: a sweep whose scenario has a revenue subnet compares its emission
// share in pairs (mean_revenue_share, final_revenue_share: the mean over replicates of
// A − B read from the runs files), and a sweep without one writes no rows for them, so
// its effects are those written before the two outcomes existed; two folders compared
// cell by cell compare them only if both have a revenue subnet.
func TestRevenueEffects(t *testing.T) {
	dir := t.TempDir()
	withRevenue := strings.Replace(swTinyYAML, "meme: {netuids: [3], takeover_day: 0.1}}",
		"meme: {netuids: [3], takeover_day: 0.1}, revenue: {netuids: [5], buyback_fraction: 0.5}}", 1)
	src := strings.Replace(withRevenue, "  - {param: agents.root_validators.policy, values: [passive, intervene]}",
		"  - {param: subnets.revenue.buyback_fraction, values: [0.5, 0]}", 1)
	if withRevenue == swTinyYAML || !strings.Contains(src, "buyback_fraction, values") {
		t.Fatal("the tiny experiment did not take the revenue subnet")
	}
	rev := swSweep(t, filepath.Join(dir, "rev"), src)
	s, err := Summarize(rev)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Outcomes) != len(EffectOutcomes) {
		t.Fatalf("%d outcomes compared, want all %d", len(s.Outcomes), len(EffectOutcomes))
	}
	found := map[string]int{}
	for _, e := range s.Effects {
		if e.Axis != "subnets.revenue.buyback_fraction" || (e.Outcome != "mean_revenue_share" && e.Outcome != "final_revenue_share") {
			continue
		}
		found[e.Outcome]++
		var meanA, meanB float64
		for r := range 3 {
			x, y := readRun(t, rev, int(e.CellA), r), readRun(t, rev, int(e.CellB), r)
			get := x.MeanRevenueShare
			other := y.MeanRevenueShare
			if e.Outcome == "final_revenue_share" {
				get, other = x.FinalRevenueShare, y.FinalRevenueShare
			}
			if math.IsNaN(get) || math.IsNaN(other) || get <= 0 || get >= 1 {
				t.Fatalf("cell %d rep %d: %s %v, %v: want a share in (0, 1)", e.CellA, r, e.Outcome, get, other)
			}
			meanA += get / 3
			meanB += other / 3
		}
		if e.Pairs != 3 || !near(e.MeanA, meanA) || !near(e.MeanB, meanB) || math.Abs(e.Diff-(meanA-meanB)) > 1e-12 {
			t.Errorf("[%s] %s: %+v; from the files A %v, B %v", e.Context, e.Outcome, e, meanA, meanB)
		}
	}
	if found["mean_revenue_share"] != 2 || found["final_revenue_share"] != 2 {
		t.Errorf("buyback comparisons per revenue outcome %v, want 2 each (one per preset)", found)
	}

	plain := swSweep(t, filepath.Join(dir, "plain"), swTinyYAML)
	p, err := Summarize(plain)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(EffectOutcomes) - 2; len(p.Outcomes) != want || len(p.Effects) != want*len(p.Comparisons) {
		t.Fatalf("without a revenue subnet: %d outcomes, %d effects over %d comparisons; want %d outcomes", len(p.Outcomes), len(p.Effects), len(p.Comparisons), want)
	}
	for _, e := range p.Effects {
		if strings.Contains(e.Outcome, "revenue") {
			t.Errorf("without a revenue subnet the summary compares %s", e.Outcome)
		}
	}

	// Folders compared cell by cell compare an Optional outcome only where both define it.
	withRev := swSweep(t, filepath.Join(dir, "with-revenue"), withRevenue)
	for _, c := range []struct {
		a, b string
		want int
	}{{withRev, plain, len(EffectOutcomes) - 2}, {plain, withRev, len(EffectOutcomes) - 2}, {withRev, withRev, len(EffectOutcomes)}} {
		fc, err := CompareFolders(c.a, c.b)
		if err != nil {
			t.Fatal(err)
		}
		if len(fc.Outcomes) != c.want || len(fc.Effects) != c.want*len(fc.Comparisons) {
			t.Errorf("%s vs %s: %d outcomes, %d effects over %d comparisons; want %d outcomes",
				filepath.Base(c.a), filepath.Base(c.b), len(fc.Outcomes), len(fc.Effects), len(fc.Comparisons), c.want)
		}
	}
}
