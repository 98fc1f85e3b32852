package market

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// limitChain is a one-subnet chain with the given pool (a balancer pool unless wT is
// 0.5) and fees (fees leave the system).
func limitChain(t *testing.T, tao, alpha, wT, feeRate, feeFlat float64) *Chain {
	t.Helper()
	p, err := PresetParams("launch_2025_02")
	if err != nil {
		t.Fatal(err)
	}
	p.FeeRate, p.FeeFlat, p.FeeDestination, p.MinReserve = feeRate, feeFlat, FeeToAuthor, 0
	if wT != 0.5 {
		p.PoolModel = PoolBalancer
	}
	c, err := New(p, []SubnetInit{{Netuid: 1, TaoReserve: tao, AlphaReserve: alpha, AlphaIssuance: 2 * alpha, MovingPrice: 0.25, QuoteWeight: wT}}, 1000, 0)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestLimitAmounts: the amounts a price-limit order may trade, by hand.
func TestLimitAmounts(t *testing.T) {
	t.Parallel()
	eq := func(what string, got, want float64) {
		t.Helper()
		if !scalar.EqualWithinAbsOrRel(got, want, 1e-12, 1e-12) {
			t.Errorf("%s = %.15g, want %.15g", what, got, want)
		}
	}
	// Constant product T = 100, A = 400, p = 0.25. A buy limited to 21% above the price
	// (0.3025): √1.21 = 1.1, so 100·0.1 = 10 TAO; after it T = 110, A = 400·100/110 and
	// the price is 110²/40000 = 0.3025. A sell limited to 19% below (0.2025):
	// √(0.25/0.2025) = 1/0.9, so 400/9 = 44.44 alpha; after it A = 4000/9, T = 90.
	c := limitChain(t, 100, 400, 0.5, 0, 0)
	eq("constant-product MaxBuy", c.MaxBuy(0, 0.3025), 10)
	eq("constant-product MaxSell", c.MaxSell(0, 0.2025), 400.0/9)
	// Balancer at wT = 0.2 (wA = 0.8): T = 100, A = 1600, p = 4·100/1600 = 0.25. A limit of
	// 32·p: 32^0.8 = 16, so 100·15 = 1500 TAO (the swap kernels' hand case: it leaves
	// T = 1600, A = 800, p = 4·1600/800 = 8 = 32·0.25).
	eq("balancer MaxBuy", limitChain(t, 100, 1600, 0.2, 0, 0).MaxBuy(0, 8), 1500)
	// At wT = 0.8: T = 100, A = 100, p = 0.25; a limit of p/32: 32^0.8 = 16, so 1500 alpha
	// (selling 1500 leaves T = 50, A = 1600, p = 0.25·50/1600 = p/32).
	eq("balancer MaxSell", limitChain(t, 100, 100, 0.8, 0, 0).MaxSell(0, 0.25/32), 1500)
	// Fees are paid on top: a 10% proportional and 0.5 TAO flat fee on the 10 TAO swap:
	// (10 + 0.5)/0.9; on the sell, 400/9/0.9 alpha.
	f := limitChain(t, 100, 400, 0.5, 0.1, 0.5)
	eq("MaxBuy with fees", f.MaxBuy(0, 0.3025), 10.5/0.9)
	eq("MaxSell with a fee", f.MaxSell(0, 0.2025), 400.0/9/0.9)
	// A limit the price has already passed allows nothing; no limit allows everything.
	for _, x := range []float64{c.MaxBuy(0, 0.25), c.MaxBuy(0, 0.2), c.MaxSell(0, 0.25), c.MaxSell(0, 0.3)} {
		if x != 0 {
			t.Errorf("a limit at or past the price allowed %v", x)
		}
	}
	if !math.IsInf(c.MaxBuy(0, math.Inf(1)), 1) || !math.IsInf(c.MaxSell(0, 0), 1) {
		t.Error("no limit should allow any amount")
	}
}

// TestLimitFillsToTheLimit: trading exactly the allowed amount leaves the price at the
// limit, and TAO and alpha are conserved (the user's TAO in equals the reserve's gain
// plus the fees that left; the alpha out of the reserve is the alpha the user got).
func TestLimitFillsToTheLimit(t *testing.T) {
	t.Parallel()
	for _, wT := range []float64{0.5, 0.2, 0.8} {
		c := limitChain(t, 100, 400, wT, 0, 5e-5)
		p0 := c.Price(0)
		t0, a0 := c.S.TaoReserve[0], c.S.AlphaReserve[0]
		x := c.MaxBuy(0, 1.1*p0)
		got, err := c.Buy(0, x)
		if err != nil {
			t.Fatal(err)
		}
		if p := c.Price(0); !scalar.EqualWithinAbsOrRel(p, 1.1*p0, 1e-12, 1e-12) {
			t.Errorf("wT %v: a buy of the allowed %v TAO left the price at %v, want %v", wT, x, p, 1.1*p0)
		}
		if d := c.S.TaoReserve[0] - t0 + c.Tot.FeesOut - x; math.Abs(d) > 1e-12 {
			t.Errorf("wT %v: buy TAO not conserved by %v", wT, d)
		}
		if d := a0 - c.S.AlphaReserve[0] - got; math.Abs(d) > 1e-12 {
			t.Errorf("wT %v: buy alpha not conserved by %v", wT, d)
		}
		p1, t1, a1 := c.Price(0), c.S.TaoReserve[0], c.S.AlphaReserve[0]
		y := c.MaxSell(0, 0.95*p1)
		tao, err := c.Sell(0, y)
		if err != nil {
			t.Fatal(err)
		}
		// The flat fee returns to the TAO reserve, so the price ends a hair above the limit.
		if p := c.Price(0); !(p >= 0.95*p1) || !scalar.EqualWithinAbsOrRel(p, 0.95*p1, 0, 1e-6) {
			t.Errorf("wT %v: a sell of the allowed %v alpha left the price at %v, want %v", wT, y, p, 0.95*p1)
		}
		if d := t1 - c.S.TaoReserve[0] - tao; math.Abs(d) > 1e-12 {
			t.Errorf("wT %v: sell TAO not conserved by %v", wT, d)
		}
		if d := c.S.AlphaReserve[0] - a1 - y; math.Abs(d) > 1e-12 {
			t.Errorf("wT %v: sell alpha not conserved by %v", wT, d)
		}
	}
}
