package experiments

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"dtaosim/experiments/record"
	"dtaosim/experiments/stats"
)

// TestPriceProtectionEffect measures (issue 12) what a price-protection setting changes,
// paired on held-out seeds 2001–2000+PRICE_LIMIT_N (30 unless given): every arm runs once
// with protection off for every class and once with PRICE_LIMIT_MODE (strict unless
// given) at tolerance PRICE_LIMIT_SLIP (the clients' 0.005 unless given) for the classes
// in PRICE_LIMIT_CLASSES (comma-separated YAML names, "speculators,yield_stakers" unless
// given) and off for the others, so it does not depend on the shipped defaults. Parts
// (PRICE_LIMIT_PARTS, all unless given): "week1", the week-one SN28 scenario without and
// with intervention (halvings within 24 h of the decision without it, McNemar between
// settings; the intervention's paired effect on the meme share after the decision and
// the 24 h price change in each setting); "late", sn28-late (meme capture, peak meme
// share, arbitrageurs' volume and P&L); "buyback", btc-buyback (arbitrageurs' volume and
// P&L). PRICE_LIMIT_WORKERS runs that many seeds at once (1 unless given); results do not
// depend on it. It runs only with PRICE_LIMIT_EFFECT=1 and asserts nothing.
func TestPriceProtectionEffect(t *testing.T) {
	if os.Getenv("PRICE_LIMIT_EFFECT") == "" {
		t.Skip("set PRICE_LIMIT_EFFECT=1: 120 week-one runs and more")
	}
	on := PriceProtection{Mode: envString("PRICE_LIMIT_MODE", "strict"), Tolerance: envFloat(t, "PRICE_LIMIT_SLIP", ClientTolerance)}
	classes := strings.Split(envString("PRICE_LIMIT_CLASSES", "speculators,yield_stakers"), ",")
	seeds := make([]uint64, int(envFloat(t, "PRICE_LIMIT_N", 30)))
	for i := range seeds {
		seeds[i] = uint64(2001 + i)
	}
	workers := int(envFloat(t, "PRICE_LIMIT_WORKERS", 1))
	parts := envString("PRICE_LIMIT_PARTS", "week1,late,buyback")
	setting := fmt.Sprintf("%s %g for %v", on.Mode, on.Tolerance, classes)
	t.Logf("setting: %s; seeds %d–%d", setting, seeds[0], seeds[len(seeds)-1])
	if strings.Contains(parts, "week1") {
		protectionWeek1(t, on, classes, seeds, workers)
	}
	for _, name := range []string{"late", "buyback"} {
		if !strings.Contains(parts, name) {
			continue
		}
		preset := map[string]string{"late": "sn28-late", "buyback": "btc-buyback"}[name]
		sc, err := LoadPreset(preset)
		if err != nil {
			t.Fatal(err)
		}
		off, with := protectionArm(t, sc, PriceProtection{}, nil, seeds, workers), protectionArm(t, sc, on, classes, seeds, workers)
		for _, x := range []struct {
			name string
			rows []*record.RunRow
		}{{"off", off}, {setting, with}} {
			traded, pnl, captured := 0, 0, 0
			for _, r := range x.rows {
				if r.VolumeArbitrageurs > 0 && r.TradesArbitrageurs > 0 {
					traded++
				}
				if r.PnLArbitrageurs != 0 {
					pnl++
				}
				if r.Captured {
					captured++
				}
			}
			t.Logf("%s, %s: arbitrageurs traded in %d and P&L ≠ 0 in %d of %d runs; mean volume %.0f TAO, mean P&L %.1f TAO; meme captured in %d",
				preset, x.name, traded, pnl, len(x.rows), meanOf(x.rows, func(r *record.RunRow) float64 { return r.VolumeArbitrageurs }),
				meanOf(x.rows, func(r *record.RunRow) float64 { return r.PnLArbitrageurs }), captured)
		}
		capturedPairs(t, preset, off, with)
		paired(t, preset+": setting − off, peak meme share", with, off, func(r *record.RunRow) float64 { return r.PeakMemeShare })
		paired(t, preset+": setting − off, arbitrageurs' volume", with, off, func(r *record.RunRow) float64 { return r.VolumeArbitrageurs })
		paired(t, preset+": setting − off, speculators' volume", with, off, func(r *record.RunRow) float64 { return r.VolumeSpeculators })
	}
}

// protectionWeek1 is TestPriceProtectionEffect's week-one part.
func protectionWeek1(t *testing.T, on PriceProtection, classes []string, seeds []uint64, workers int) {
	base := week1(t)
	run := func(policy string, p PriceProtection, cls []string) []*record.RunRow {
		sc := *base
		sc.Agents.RootValidators.Policy = policy
		return protectionArm(t, &sc, p, cls, seeds, workers)
	}
	pass0, int0 := run("passive", PriceProtection{}, nil), run("intervene", PriceProtection{}, nil)
	pass1, int1 := run("passive", on, classes), run("intervene", on, classes)
	halved := func(r *record.RunRow) bool { return r.PriceChange24h <= -0.5 }
	var h0, h1, b, c int // b: halved off only; c: with the setting only
	for i := range seeds {
		x, y := halved(pass0[i]), halved(pass1[i])
		h0, h1 = h0+b2i(x), h1+b2i(y)
		b, c = b+b2i(x && !y), c+b2i(!x && y)
	}
	lo0, hi0 := stats.ClopperPearson(h0, len(seeds), 0.95)
	lo1, hi1 := stats.ClopperPearson(h1, len(seeds), 0.95)
	t.Logf("week one, no intervention: halved within 24 h in %d of %d off [%.2f, %.2f], %d of %d with the setting [%.2f, %.2f]; discordant %d/%d, exact McNemar p = %.3g",
		h0, len(seeds), lo0, hi0, h1, len(seeds), lo1, hi1, b, c, stats.McNemarExact(b, c))
	for _, x := range []struct {
		name       string
		pass, intv []*record.RunRow
	}{{"off", pass0, int0}, {"setting", pass1, int1}} {
		paired(t, "week one, "+x.name+": passive − intervene, meme share over the week after the decision", x.pass, x.intv, func(r *record.RunRow) float64 { return r.MemeShareAfter })
		paired(t, "week one, "+x.name+": passive − intervene, 24 h price change", x.pass, x.intv, func(r *record.RunRow) float64 { return r.PriceChange24h })
		ch := make([]float64, len(seeds))
		for i, r := range x.pass {
			ch[i] = r.PriceChange24h
		}
		t.Logf("week one, %s: passive 24 h log change min %.3f median %.3f max %.3f; passive meme share after, median %.4f; speculators' volume mean %.0f TAO",
			x.name, stats.Quantile(0, ch), stats.Quantile(0.5, ch), stats.Quantile(1, ch),
			stats.Quantile(0.5, column(x.pass, func(r *record.RunRow) float64 { return r.MemeShareAfter })), meanOf(x.pass, func(r *record.RunRow) float64 { return r.VolumeSpeculators }))
	}
	paired(t, "week one, passive: setting − off, meme share after the decision", pass1, pass0, func(r *record.RunRow) float64 { return r.MemeShareAfter })
	paired(t, "week one, intervene: setting − off, meme share after the decision", int1, int0, func(r *record.RunRow) float64 { return r.MemeShareAfter })
	for i := range seeds {
		t.Logf("  seed %d: 24 h change passive/intervene off %+.3f/%+.3f, setting %+.3f/%+.3f; share after off %.4f/%.4f, setting %.4f/%.4f",
			seeds[i], pass0[i].PriceChange24h, int0[i].PriceChange24h, pass1[i].PriceChange24h, int1[i].PriceChange24h,
			pass0[i].MemeShareAfter, int0[i].MemeShareAfter, pass1[i].MemeShareAfter, int1[i].MemeShareAfter)
	}
}

// protectionArm runs sc on every seed with protection p for the named classes (YAML
// names) and off for the others, workers seeds at a time.
func protectionArm(t *testing.T, base *Scenario, p PriceProtection, classes []string, seeds []uint64, workers int) []*record.RunRow {
	t.Helper()
	sc := *base
	ag := &sc.Agents
	for _, q := range []*PriceProtection{&ag.Speculators.PriceProtection, &ag.YieldStakers.PriceProtection, &ag.Arbitrageurs.PriceProtection, &ag.Noise.PriceProtection} {
		*q = offProtection()
	}
	byName := map[string]*PriceProtection{"speculators": &ag.Speculators.PriceProtection, "yield_stakers": &ag.YieldStakers.PriceProtection,
		"arbitrageurs": &ag.Arbitrageurs.PriceProtection, "noise": &ag.Noise.PriceProtection}
	for _, c := range classes {
		q, ok := byName[c]
		if !ok {
			t.Fatalf("PRICE_LIMIT_CLASSES: unknown class %q", c)
		}
		*q = p
	}
	rows := make([]*record.RunRow, len(seeds))
	errs := make([]error, len(seeds))
	sem := make(chan struct{}, max(workers, 1))
	var wg sync.WaitGroup
	for i, seed := range seeds {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			rows[i], errs[i] = Run(context.Background(), &sc, Options{Streams: Streams{Master: seed}})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return rows
}

// capturedPairs logs the paired capture table of two arms and its exact McNemar test.
func capturedPairs(t *testing.T, what string, off, with []*record.RunRow) {
	t.Helper()
	var b, c int
	for i := range off {
		b, c = b+b2i(off[i].Captured && !with[i].Captured), c+b2i(!off[i].Captured && with[i].Captured)
	}
	t.Logf("%s: captured off only %d, with the setting only %d, exact McNemar p = %.3g", what, b, c, stats.McNemarExact(b, c))
}

// paired logs outcome(a) − outcome(b) over the pairs: signs, the exact sign test and the
// mean difference with its 95% t interval.
func paired(t *testing.T, what string, a, b []*record.RunRow, outcome func(*record.RunRow) float64) {
	t.Helper()
	d := make([]float64, len(a))
	pos, neg := 0, 0
	for i := range a {
		d[i] = outcome(a[i]) - outcome(b[i])
		switch {
		case d[i] > 0:
			pos++
		case d[i] < 0:
			neg++
		}
	}
	mean, lo, hi, n := stats.PairedMean(d, 0.95)
	t.Logf("%s: > 0 in %d, < 0 in %d of %d, sign test p = %.2g; mean %.4g [%.4g, %.4g] (n %d)", what, pos, neg, len(a), stats.SignTest(d), mean, lo, hi, n)
}

func meanOf(rows []*record.RunRow, f func(*record.RunRow) float64) float64 {
	s := 0.0
	for _, r := range rows {
		s += f(r)
	}
	return s / float64(len(rows))
}

func column(rows []*record.RunRow, f func(*record.RunRow) float64) []float64 {
	out := make([]float64, len(rows))
	for i, r := range rows {
		out[i] = f(r)
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// envString returns the environment variable name, or def if it is unset or empty.
func envString(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
