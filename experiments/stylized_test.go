package experiments

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/sync/errgroup"

	"dtaosim/experiments/record"
	"dtaosim/experiments/stats"
)

// subnet1Series runs sc with seed and returns the series rows of netuid 1.
func subnet1Series(t *testing.T, sc *Scenario, seed uint64) []record.SeriesRow {
	t.Helper()
	var rows []record.SeriesRow
	_, err := Run(context.Background(), sc, Options{
		Streams: Streams{Master: seed},
		Series: func(r *record.SeriesRow) error {
			if r.Netuid == 1 {
				rows = append(rows, *r)
			}
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// at returns the last series row at or before day.
func at(rows []record.SeriesRow, day float64) record.SeriesRow {
	var out record.SeriesRow
	for _, r := range rows {
		if r.Day <= day {
			out = r
		}
	}
	return out
}

// stylizedPreset skips in -short mode (the stylized facts take several long runs), marks
// the test parallel and loads the shipped scenario.
func stylizedPreset(t *testing.T, name string) *Scenario {
	t.Helper()
	if testing.Short() {
		t.Skip("stylized facts: several runs of the " + name + " scenario")
	}
	t.Parallel()
	sc, err := LoadPreset(name)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// pairedSeeds are the replicates of the paired stylized-fact tests: each fact is a
// tendency, tested as a paired difference between two arms on the same random numbers
// with an exact test at p < 0.01 (issue: "stylized facts as paired statistical tests").
var pairedSeeds = func() []uint64 {
	out := make([]uint64, 30)
	for i := range out {
		out[i] = uint64(1001 + i)
	}
	return out
}()

// runRows runs sc once per seed, on two workers, and returns the runs' rows in seed order.
func runRows(t *testing.T, sc *Scenario, seeds []uint64) []*record.RunRow {
	t.Helper()
	rows := make([]*record.RunRow, len(seeds))
	var g errgroup.Group
	g.SetLimit(2)
	for i, seed := range seeds {
		g.Go(func() error {
			row, err := Run(context.Background(), sc, Options{Streams: Streams{Master: seed}})
			rows[i] = row
			return err
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// pairedFact tests that outcome is larger in arm a than in arm b on the same seeds: the
// exact two-sided sign test must give p < 0.01 with more seeds where a > b than b > a.
// It logs the mean difference with its t interval and every pair.
func pairedFact(t *testing.T, what string, a, b []*record.RunRow, outcome func(*record.RunRow) float64) {
	t.Helper()
	d := make([]float64, len(a))
	var pairs []string
	pos, neg := 0, 0
	for i := range a {
		x, y := outcome(a[i]), outcome(b[i])
		d[i] = x - y
		switch {
		case d[i] > 0:
			pos++
		case d[i] < 0:
			neg++
		}
		pairs = append(pairs, fmt.Sprintf("%.3g/%.3g", x, y))
	}
	p := stats.SignTest(d)
	mean, lo, hi, n := stats.PairedMean(d, 0.95)
	t.Logf("%s: a > b in %d, a < b in %d of %d pairs, sign test p = %.2g; mean difference %.4g [%.4g, %.4g] (n %d)\npairs a/b: %s",
		what, pos, neg, len(a), p, mean, lo, hi, n, strings.Join(pairs, " "))
	if !(p < 0.01 && pos > neg) {
		t.Errorf("%s: not shown: a > b in %d, a < b in %d of %d pairs, sign test p = %.3g (want p < 0.01 with a > b)", what, pos, neg, len(a), p)
	}
}

// detectionSpan is the days from a takeover that cover its detection in the shipped
// scenarios: the pump window, then up to four mean delays (a gamma delay of shape 4
// exceeds four times its mean with probability below 0.001).
func detectionSpan(sc *Scenario) float64 {
	return float64(sc.Agents.RootValidators.PumpDays) + 4*sc.Agents.RootValidators.DetectionDelayDays
}

// week1 is the SN28 scenario a week after launch, shortened to cover the takeover
// (day 7), the detection and decision after it and the success window after that.
func week1(t *testing.T) *Scenario {
	sc := stylizedPreset(t, "sn28")
	sc.Days = sc.Subnets.Meme.TakeoverDay + detectionSpan(sc) + sc.Metrics.SuccessWindowDays + 1
	return sc
}

// TestSN28TakeoverEffect: against the same seeds without a takeover (the control arm),
// the takeover raises the meme subnet's emission share and its price, with the root
// validators passive in both arms.
func TestSN28TakeoverEffect(t *testing.T) {
	sc := week1(t)
	sc.Agents.RootValidators.Policy = "passive"
	control := *sc
	control.Subnets.Meme.Takeover = false
	with, without := runRows(t, sc, pairedSeeds), runRows(t, &control, pairedSeeds)
	for i := range with {
		if with[i].Intervened || without[i].Intervened || !with[i].Takeover || without[i].Takeover {
			t.Fatalf("seed %d: intervened %v/%v, takeover %v/%v; want no intervention, a takeover only in the first arm",
				pairedSeeds[i], with[i].Intervened, without[i].Intervened, with[i].Takeover, without[i].Takeover)
		}
	}
	pairedFact(t, "takeover vs none: mean meme emission share", with, without, func(r *record.RunRow) float64 { return r.MeanMemeShare })
	pairedFact(t, "takeover vs none: peak meme emission share", with, without, func(r *record.RunRow) float64 { return r.PeakMemeShare })
	pairedFact(t, "takeover vs none: peak meme price after the takeover", with, without, func(r *record.RunRow) float64 { return r.PeakMemePrice })
}

// TestSN28InterventionEffect: a week after launch, against the same seeds with the root
// validators passive, the intervention lowers the meme subnet's emission share over the
// week after the decision and causes the price fall: both arms are measured over the same
// 24 h from the same decision block. With root above κ its clip is exact in every run.
func TestSN28InterventionEffect(t *testing.T) {
	sc := week1(t)
	passive := *sc
	passive.Agents.RootValidators.Policy = "passive"
	interv, pass := runRows(t, sc, pairedSeeds), runRows(t, &passive, pairedSeeds)
	for i, r := range interv {
		if !r.Intervened || pass[i].Intervened || r.DecisionBlock != pass[i].DecisionBlock {
			t.Fatalf("seed %d: intervened %v/%v, decision blocks %d/%d; want one intervention, at the passive arm's decision block",
				pairedSeeds[i], r.Intervened, pass[i].Intervened, r.DecisionBlock, pass[i].DecisionBlock)
		}
		if r.RootShareAtInterv > 0.5 && !(r.HolderIncentive <= 1e-9) {
			t.Errorf("seed %d: root holds %.3f of the Yuma stake (> κ) yet the holders kept %.3g of the miner incentive; want 0",
				pairedSeeds[i], r.RootShareAtInterv, r.HolderIncentive)
		}
	}
	pairedFact(t, "passive vs intervene: mean meme share over the week after the decision", pass, interv,
		func(r *record.RunRow) float64 { return r.MemeShareAfter })
	pairedFact(t, "passive vs intervene: meme price change over the 24 h after the decision", pass, interv,
		func(r *record.RunRow) float64 { return r.PriceChange24h })
	halved := 0
	for _, r := range pass {
		if r.PriceChange24h <= -0.5 {
			halved++
		}
	}
	t.Logf("without the intervention the meme price halved within the same 24 h in %d of %d runs", halved, len(pass))
}

// TestSN28LateInterventionFails: a year later the same intervention cannot clip the meme
// miners, because root's Yuma stake share in the subnet is below κ: the holders keep most
// of the incentive in significantly more than half of the runs (exact binomial test,
// p < 0.01), and root's share is below κ in every run.
func TestSN28LateInterventionFails(t *testing.T) {
	sc := stylizedPreset(t, "sn28-late")
	sc.Days = sc.Subnets.Meme.TakeoverDay + detectionSpan(sc) + 2
	rows := runRows(t, sc, pairedSeeds)
	kept := 0
	for i, r := range rows {
		if !r.Intervened {
			t.Fatalf("seed %d: no intervention", pairedSeeds[i])
		}
		if r.RootShareAtInterv > 0.5 {
			t.Errorf("seed %d: root stake share %.3f a year in; want < κ = 0.5", pairedSeeds[i], r.RootShareAtInterv)
		}
		if r.HolderIncentive >= 0.9 {
			kept++
		}
	}
	p := stats.McNemarExact(kept, len(rows)-kept) / 2 // one-sided: P(X ≥ kept) under Binomial(n, 1/2)
	t.Logf("a year later the holders kept ≥ 90%% of the miner incentive in %d of %d runs (one-sided binomial p = %.2g)", kept, len(rows), p)
	if !(p < 0.01 && 2*kept > len(rows)) {
		t.Errorf("holders kept the incentive in only %d of %d runs (p = %.3g); the late intervention should fail to clip them", kept, len(rows), p)
	}
}

// TestRootDecay: the root proportion of an early subnet falls from above 0.9 at launch to
// 0.1–0.3 after a year (spec §9.5).
func TestRootDecay(t *testing.T) {
	sc := stylizedPreset(t, "root-decay")
	sc.Days = 366
	// The root proportion follows from issuance; a light population keeps the test fast.
	sc.Agents.YieldStakers.Count, sc.Agents.Noise.Count, sc.Agents.Arbitrageurs.Count = 5, 10, 1
	for _, seed := range pairedSeeds[:2] {
		first := subnet1Series(t, sc, seed)
		early, year := at(first, 1), at(first, 365)
		t.Logf("seed %d: root prop day 1 %.3f, day 365 %.3f", seed, early.RootProp, year.RootProp)
		if early.RootProp <= 0.9 {
			t.Errorf("seed %d: root proportion %.3f on day 1; want > 0.9", seed, early.RootProp)
		}
		if year.RootProp < 0.1 || year.RootProp > 0.3 {
			t.Errorf("seed %d: root proportion %.3f after a year; want 0.1–0.3", seed, year.RootProp)
		}
	}
}
