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
