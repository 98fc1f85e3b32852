package market

import (
	"math"
	"testing"
)

// near reports whether x and y agree to 1e-12 relative (absolute near 0): the hand
// calculations below are exact in decimals, the code's in binary floating point.
func near(x, y float64) bool {
	return math.Abs(x-y) <= 1e-12*math.Max(1, math.Abs(y))
}

func sameShares(t *testing.T, what string, got, want []float64) {
	t.Helper()
	for i := range want {
		if !near(got[i], want[i]) {
			t.Errorf("%s: share %d = %v, want %v (all: %v)", what, i, got[i], want[i], got)
			return
		}
	}
}

// TestCapShares checks the share cap (spec §18.1) against hand calculations.
func TestCapShares(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		shares []float64
		limit  float64
		want   []float64
	}{
		// Nobody above the cap: unchanged.
		{"slack", []float64{0.3, 0.3, 0.4}, 0.5, []float64{0.3, 0.3, 0.4}},
		// 0.5 → 0.4; the excess 0.1 goes to 0.3 and 0.2 pro rata: ×0.6/0.5 = 1.2,
		// giving 0.36 and 0.24.
		{"one capped", []float64{0.5, 0.3, 0.2}, 0.4, []float64{0.4, 0.36, 0.24}},
		// 0.6 → 0.38; ×0.62/0.4 = 1.55 lifts 0.35 to 0.5425 > 0.38, so it is capped
		// too; the last gets 1 − 2·0.38 = 0.24 (×4.8).
		{"cascade", []float64{0.6, 0.35, 0.05}, 0.38, []float64{0.38, 0.38, 0.24}},
		// Exactly feasible: four subnets at 0.25 each.
		{"tight", []float64{0.7, 0.1, 0.1, 0.1}, 0.25, []float64{0.25, 0.25, 0.25, 0.25}},
		// Infeasible, 0.2·3 < 1: every positive share gets 0.2, 0.4 is not emitted.
		{"infeasible", []float64{0.5, 0.3, 0.2}, 0.2, []float64{0.2, 0.2, 0.2}},
		// A zero share (a disabled subnet) receives nothing: 0.8 → 0.5 and 0.2 → 0.5.
		{"zero stays zero", []float64{0.8, 0, 0.2}, 0.5, []float64{0.5, 0, 0.5}},
		// Infeasible with a zero share: K = 1, the one subnet gets 0.5 and 0.5 is not emitted.
		{"single", []float64{0, 1, 0}, 0.5, []float64{0, 0.5, 0}},
		// All zero (no TAO this block): unchanged.
		{"all zero", []float64{0, 0}, 0.3, []float64{0, 0}},
	}
	for _, tc := range cases {
		sh := append([]float64(nil), tc.shares...)
		capShares(sh, tc.limit, make([]bool, len(sh)))
		sameShares(t, tc.name, sh, tc.want)
	}
}

// designChain is three subnets under preset with moving prices m and root stake 0
// (so no root alpha), at TAO issuance 8e6 (E = 1).
func designChain(t *testing.T, preset string, m []float64, edit func(*Params)) *Chain {
	t.Helper()
	p, err := PresetParams(preset)
	if err != nil {
		t.Fatal(err)
	}
	p.TaoIssuance = 8e6
	edit(&p)
	inits := make([]SubnetInit, len(m))
	for i := range m {
		inits[i] = SubnetInit{Netuid: i + 1, TaoReserve: 1000 * m[i], AlphaReserve: 1000,
			AlphaIssuance: 2000, MovingPrice: m[i], BlocksSinceStart: 1e7}
	}
	c, err := New(p, inits, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestShareCapStep: the cap acts on the shares of a block, after the share rule, under
// the launch preset (price-EMA shares m/Σm = 0.5, 0.3, 0.2) and the head preset (the
// same prices, no burn): e_i = E·s_i with E = 1 becomes 0.4, 0.36, 0.24 at cap 0.4.
func TestShareCapStep(t *testing.T) {
	t.Parallel()
	for _, preset := range []string{"launch_2025_02", "price_burn_2026_06"} {
		c := designChain(t, preset, []float64{0.5, 0.3, 0.2}, func(p *Params) { p.ShareCap = 0.4 })
		c.Step()
		sameShares(t, preset+" shares", c.Last.Share, []float64{0.4, 0.36, 0.24})
		sameShares(t, preset+" TAO emission", c.Last.TaoEmission, []float64{0.4, 0.36, 0.24})
		// Off: cap 1 leaves the price shares.
		c = designChain(t, preset, []float64{0.5, 0.3, 0.2}, func(p *Params) { p.ShareCap = 1 })
		c.Step()
		sameShares(t, preset+" cap 1", c.Last.Share, []float64{0.5, 0.3, 0.2})
	}
	// Infeasible (0.25·3 < 1): each gets 0.25 and 0.25 TAO is not issued. Under the
	// launch rule all of e_i is injected, so the issuance rises by 0.75.
	c := designChain(t, "launch_2025_02", []float64{0.5, 0.3, 0.2}, func(p *Params) { p.ShareCap = 0.25 })
	before := c.TaoIssuance
	c.Step()
	sameShares(t, "infeasible", c.Last.Share, []float64{0.25, 0.25, 0.25})
	if d := c.TaoIssuance - before; !near(d, 0.75) {
		t.Errorf("infeasible cap: issuance rose by %v, want 0.75", d)
	}
}

// TestMovingHalfLife: moving_half_life_days d replaces moving_alpha by α = 1 − 2^(−1/H),
// H = 7200·d blocks. Two subnets at spot price 0.5 (T = 500, A = 1000) under the launch
// preset without root stake keep that price exactly: each injects e = 0.5 TAO and
// e/p = 1 alpha, so T = 500 + 0.5k and A = 1000 + k. Their moving prices start at 0.2
// and, with no warm-up, after H blocks the gap to 0.5 has halved: 0.5 − 0.3/2 = 0.35.
// One block moves 0.2 by α·0.3.
func TestMovingHalfLife(t *testing.T) {
	t.Parallel()
	for _, days := range []float64{30, 90} {
		H := int(days * BlocksPerDay)
		c := designChain(t, "launch_2025_02", []float64{0.2, 0.2}, func(p *Params) { p.MovingHalfLifeDays = days })
		c.S.TaoReserve[0], c.S.TaoReserve[1] = 500, 500
		// 1 − 2^(−1/H) cancels about 18 bits at H ≈ 2·10⁵ (the code uses expm1, which does
		// not): hence 1e-9.
		alpha := 1 - math.Pow(2, -1/float64(H))
		if got := c.P.movingAlpha(); math.Abs(got-alpha) > 1e-9*alpha {
			t.Fatalf("%v days: coefficient %v, want 1 − 2^(−1/%d) = %v", days, got, H, alpha)
		}
		alpha = c.P.movingAlpha()
		c.Step()
		if want := 0.2 + alpha*0.3; !near(c.S.MovingPrice[0], want) {
			t.Errorf("%v days, one block: moving price %v, want %v", days, c.S.MovingPrice[0], want)
		}
		for range H - 1 {
			c.Step()
		}
		if c.Price(0) != 0.5 {
			t.Fatalf("%v days: the price left 0.5: %v", days, c.Price(0))
		}
		// H steps accumulate about H·eps of relative rounding.
		if m := c.S.MovingPrice[0]; math.Abs(m-0.35) > 1e-9 {
			t.Errorf("%v days, after %d blocks: moving price %v, want 0.35", days, H, m)
		}
	}
	// Off (0): the preset's moving_alpha, 0.000003 at launch.
	c := designChain(t, "launch_2025_02", []float64{0.2, 0.2}, func(*Params) {})
	if got := c.P.movingAlpha(); got != MovingAlphaLaunch {
		t.Errorf("no override: coefficient %v, want %v", got, MovingAlphaLaunch)
	}
}

// TestAdaptiveEMA: with ema_adaptive_k = k the coefficient is α/(1 + k·max(0, x/m − 1)),
// x the clamped spot price after the block's injection, m the moving price before.
// Subnet 1 trades at 0.8 against a moving price of 0.2 (rising fast: x/m ≈ 4, so with
// k = 1 the coefficient is about α/4); subnet 2 at 0.3 against 0.6 (falling: α); subnet 3
// at 3 against 0.5: x is clamped at 1, so x/m = 2 and the coefficient is α/2 exactly
// (its price, above the cap, does not enter).
func TestAdaptiveEMA(t *testing.T) {
	t.Parallel()
	m0 := []float64{0.2, 0.6, 0.5}
	for _, preset := range []string{"launch_2025_02", "price_burn_2026_06"} {
		c := designChain(t, preset, m0, func(p *Params) {
			p.EMAAdaptiveK = 1
			p.EMAHalvingBlocks = 0
		})
		c.S.TaoReserve[0], c.S.TaoReserve[1], c.S.TaoReserve[2] = 800, 300, 3000
		alpha := c.P.MovingAlpha
		c.Step()
		x := []float64{c.Price(0), c.Price(1), 1}
		if x[0] < 0.79 || x[1] > 0.31 || c.Price(2) < 1 {
			t.Fatalf("%s: prices moved too far for the test: %v %v %v", preset, x[0], x[1], c.Price(2))
		}
		coef := []float64{alpha / (1 + (x[0]/m0[0] - 1)), alpha, alpha / 2}
		for i := range m0 {
			want := coef[i]*x[i] + (1-coef[i])*m0[i]
			if !near(c.S.MovingPrice[i], want) {
				t.Errorf("%s subnet %d: moving price %v, want %v", preset, i, c.S.MovingPrice[i], want)
			}
		}
		// k = 0: the preset's rule, α for every subnet.
		c = designChain(t, preset, m0, func(p *Params) { p.EMAHalvingBlocks = 0 })
		c.S.TaoReserve[0] = 800
		c.Step()
		if want := alpha*c.Price(0) + (1-alpha)*m0[0]; !near(c.S.MovingPrice[0], want) {
			t.Errorf("%s, k = 0: moving price %v, want %v", preset, c.S.MovingPrice[0], want)
		}
	}
}

// TestValueBlend: value_weight w blends the rule's shares with the assessed-value shares
// v_i/Σv. Price shares 0.5, 0.3, 0.2 and assessed values 0, 1, 3 (value shares 0, 0.25,
// 0.75) at w = 0.5 give 0.25, 0.275, 0.475. With a cap of 0.4 on top, 0.475 → 0.4 and
// the others are scaled by 0.6/0.525 = 8/7: 2/7 and 2.2/7.
func TestValueBlend(t *testing.T) {
	t.Parallel()
	m := []float64{0.5, 0.3, 0.2}
	v := []float64{0, 1, 3}
	for _, preset := range []string{"launch_2025_02", "price_burn_2026_06"} {
		c := designChain(t, preset, m, func(p *Params) { p.ValueWeight = 0.5 })
		if err := c.SetAssessedValue(v); err != nil {
			t.Fatal(err)
		}
		v[2] = 100 // the chain keeps its own copy
		c.Step()
		sameShares(t, preset+" blend", c.Last.Share, []float64{0.25, 0.275, 0.475})
		sameShares(t, preset+" blend TAO", c.Last.TaoEmission, []float64{0.25, 0.275, 0.475})
		v[2] = 3

		c = designChain(t, preset, m, func(p *Params) { p.ValueWeight = 0.5; p.ShareCap = 0.4 })
		if err := c.SetAssessedValue(v); err != nil {
			t.Fatal(err)
		}
		c.Step()
		sameShares(t, preset+" blend and cap", c.Last.Share, []float64{2.0 / 7, 2.2 / 7, 0.4})

		// No assessment: w has no effect.
		c = designChain(t, preset, m, func(p *Params) { p.ValueWeight = 0.5 })
		c.Step()
		sameShares(t, preset+" no assessment", c.Last.Share, m)
		// w = 1: the value shares alone.
		c = designChain(t, preset, m, func(p *Params) { p.ValueWeight = 1 })
		if err := c.SetAssessedValue(v); err != nil {
			t.Fatal(err)
		}
		c.Step()
		sameShares(t, preset+" w = 1", c.Last.Share, []float64{0, 0.25, 0.75})
		// Removed again: back to the price shares (the moving prices have moved by
		// one block, so compare with m'/Σm').
		if err := c.SetAssessedValue(nil); err != nil || c.AssessedValue() != nil {
			t.Fatalf("SetAssessedValue(nil): %v, %v", err, c.AssessedValue())
		}
		M := append([]float64(nil), c.S.MovingPrice...) // the prices the shares read
		sum := M[0] + M[1] + M[2]
		c.Step()
		sameShares(t, preset+" removed", c.Last.Share, []float64{M[0] / sum, M[1] / sum, M[2] / sum})
	}
}

// TestValueBlendDisabled: a subnet with emission disabled gets 0, and the value shares
// are taken over the enabled subnets: price shares 0.5/0.8, 0, 0.3/0.8 (subnet 2 off);
// values 1, 5, 1 → 0.5, 0, 0.5 over the enabled; w = 0.2 gives 0.8·0.625 + 0.1 = 0.6,
// 0, 0.8·0.375 + 0.1 = 0.4. With every value 0, w = 0.2 of the TAO is not emitted.
func TestValueBlendDisabled(t *testing.T) {
	t.Parallel()
	c := designChain(t, "price_burn_2026_06", []float64{0.5, 0.3, 0.3}, func(p *Params) { p.ValueWeight = 0.2 })
	c.S.EmissionEnabled[1] = false
	if err := c.SetAssessedValue([]float64{1, 5, 1}); err != nil {
		t.Fatal(err)
	}
	c.Step()
	sameShares(t, "disabled", c.Last.Share, []float64{0.6, 0, 0.4})
	if err := c.SetAssessedValue([]float64{0, 0, 0}); err != nil {
		t.Fatal(err)
	}
	M := append([]float64(nil), c.S.MovingPrice...) // the prices the shares read
	c.Step()
	sameShares(t, "zero values", c.Last.Share, []float64{0.8 * M[0] / (M[0] + M[2]), 0, 0.8 * M[2] / (M[0] + M[2])})
}

func TestSetAssessedValueErrors(t *testing.T) {
	t.Parallel()
	c := designChain(t, "price_burn_2026_06", []float64{0.5, 0.3}, func(*Params) {})
	for _, v := range [][]float64{{1}, {1, 2, 3}, {1, -1}, {math.NaN(), 1}, {1, math.Inf(1)}} {
		if err := c.SetAssessedValue(v); err == nil {
			t.Errorf("SetAssessedValue(%v): no error", v)
		}
	}
	if c.AssessedValue() != nil {
		t.Errorf("a refused assessment was kept: %v", c.AssessedValue())
	}
}

// TestDesignStepAllocatesNothing: Step allocates nothing with every design switch on.
func TestDesignStepAllocatesNothing(t *testing.T) {
	for _, preset := range PresetNames() {
		c := designChain(t, preset, []float64{0.5, 0.3, 0.2}, func(p *Params) {
			p.Tempo = 3
			p.ShareCap, p.MovingHalfLifeDays, p.EMAAdaptiveK, p.ValueWeight = 0.4, 30, 1, 0.5
		})
		if err := c.SetAssessedValue([]float64{1, 2, 3}); err != nil {
			t.Fatal(err)
		}
		if a := testing.AllocsPerRun(100, c.Step); a != 0 {
			t.Errorf("%s: Step allocates %v times per block", preset, a)
		}
	}
}

// designKeys are the parameters of spec §18, the only ones a named design may change.
var designKeys = map[string]bool{"share_cap": true, "moving_half_life_days": true, "ema_adaptive_k": true, "value_weight": true}

// TestDesigns: every named design is valid, reachable through PresetParams, named
// design_…, and differs from the head preset only in design switches, at least one of them.
func TestDesigns(t *testing.T) {
	t.Parallel()
	head, err := PresetParams(DesignBase)
	if err != nil {
		t.Fatal(err)
	}
	ds := Designs()
	if len(ds) < 6 {
		t.Errorf("%d designs, want at least 6", len(ds))
	}
	seen := map[string]bool{}
	for _, name := range PresetNames() {
		seen[name] = true
	}
	for _, d := range ds {
		if seen[d.Name] || len(d.Name) < 8 || d.Name[:7] != "design_" {
			t.Errorf("design name %q: duplicate or not design_…", d.Name)
		}
		seen[d.Name] = true
		if err := d.Params.Validate(); err != nil {
			t.Errorf("%s: %v", d.Name, err)
		}
		p, err := PresetParams(d.Name)
		if err != nil || p != d.Params {
			t.Errorf("PresetParams(%q): %v", d.Name, err)
		}
		changed := 0
		for _, key := range ParamNames() {
			x, _ := head.Param(key)
			y, _ := d.Params.Param(key)
			if x != y {
				if !designKeys[key] {
					t.Errorf("%s changes %s, not a design switch", d.Name, key)
				}
				changed++
			}
		}
		if changed == 0 {
			t.Errorf("%s: no switch set", d.Name)
		}
	}
	if _, err := PresetParams("design_nothing"); err == nil {
		t.Error("PresetParams(design_nothing): no error")
	}
}

// BenchmarkStepDesign measures Step on the head preset at 64 subnets with each named
// design's switches on (design=…) next to the head preset itself (design=off), so the
// cost of a switch is read side by side under the same load.
func BenchmarkStepDesign(b *testing.B) {
	const n = 64
	value := make([]float64, n)
	for i := range value {
		value[i] = float64(1 + i%5)
	}
	run := func(b *testing.B, p Params) {
		c := benchChain(b, DesignBase, n)
		if err := c.SetParams(p); err != nil {
			b.Fatal(err)
		}
		if err := c.SetAssessedValue(value); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			c.Step()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/subnet-block")
	}
	head, _ := PresetParams(DesignBase)
	b.Run("design=off", func(b *testing.B) { run(b, head) })
	for _, d := range Designs() {
		b.Run("design="+d.Name, func(b *testing.B) { run(b, d.Params) })
	}
}
