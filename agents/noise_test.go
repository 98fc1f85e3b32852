package agents

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

const noiseID AccountID = 11

// TestNoiseOrderFlow checks the noise trader's order flow against its analytic moments.
// Every action with TAO and a holding gives exactly one order: a buy with probability ½
// (binomial count, sd √(n/4)), of a uniformly chosen subnet (each with probability 1/N
// among buys), or a sell of a uniformly chosen holding. Counts are allowed 4 sd (a false
// alarm about once in 16 000 seeds per check; the seed is fixed).
func TestNoiseOrderFlow(t *testing.T) {
	t.Parallel()
	const n = 20000
	v := newFakeView(4, 3)
	v.tao[noiseID] = 1000
	held := []float64{0, 10, 20, 30}
	for i, a := range held {
		v.hold(noiseID, i, a, a)
	}
	p := DefaultNoise()
	agent := &Noise{ID: noiseID, P: p}
	rng := newRand(1)
	var buys, sells [4]int
	for range n {
		got := agent.Act(v, rng, nil)
		if len(got) != 1 || got[0].Account != noiseID {
			t.Fatalf("orders %v, want exactly one", got)
		}
		o := got[0]
		if o.Sell {
			sells[o.Subnet]++
			// TradeFraction of the holding, up to one rounding.
			if !scalar.EqualWithinRel(o.Amount, p.TradeFraction*held[o.Subnet], 1e-15) {
				t.Fatalf("sells %g of subnet %d, want %g", o.Amount, o.Subnet, p.TradeFraction*held[o.Subnet])
			}
		} else {
			buys[o.Subnet]++
			if !scalar.EqualWithinRel(o.Amount, p.TradeFraction*1000, 1e-15) {
				t.Fatalf("buys with %g TAO, want %g", o.Amount, p.TradeFraction*1000)
			}
		}
	}
	nb := 0
	for _, c := range buys {
		nb += c
	}
	ns := n - nb
	if sd := math.Sqrt(n / 4.0); math.Abs(float64(nb)-n/2.0) > 4*sd {
		t.Errorf("%d buys of %d actions, want %d ± %.0f", nb, n, n/2, 4*sd)
	}
	for i, c := range buys {
		want, sd := float64(nb)/4, math.Sqrt(float64(nb)*3/16)
		if math.Abs(float64(c)-want) > 4*sd {
			t.Errorf("subnet %d bought %d times, want %.0f ± %.0f", i, c, want, 4*sd)
		}
	}
	if sells[0] != 0 {
		t.Errorf("sold subnet 0, which it does not hold, %d times", sells[0])
	}
	for i := 1; i < 4; i++ {
		want, sd := float64(ns)/3, math.Sqrt(float64(ns)*2/9)
		if math.Abs(float64(sells[i])-want) > 4*sd {
			t.Errorf("subnet %d sold %d times, want %.0f ± %.0f", i, sells[i], want, 4*sd)
		}
	}
}

func TestNoiseNoSellWithoutHoldings(t *testing.T) {
	t.Parallel()
	const n = 4000
	v := newFakeView(3, 3)
	v.tao[noiseID] = 1000
	agent := &Noise{ID: noiseID, P: DefaultNoise()}
	rng := newRand(1)
	nb := 0
	for range n {
		got := agent.Act(v, rng, nil)
		for _, o := range got {
			if o.Sell {
				t.Fatalf("sell %v with nothing held", o)
			}
		}
		nb += len(got)
	}
	// Tails gives no order: buys are binomial(n, ½); 4 sd.
	if sd := math.Sqrt(n / 4.0); math.Abs(float64(nb)-n/2.0) > 4*sd {
		t.Errorf("%d buys of %d actions, want %d ± %.0f", nb, n, n/2, 4*sd)
	}
}

func TestNoiseNoDust(t *testing.T) {
	t.Parallel()
	v := newFakeView(2, 3)
	v.tao[noiseID] = 0.01 // 5% of it is below the minimum trade
	agent := &Noise{ID: noiseID, P: DefaultNoise()}
	rng := newRand(1)
	for range 1000 {
		if got := agent.Act(v, rng, nil); len(got) != 0 {
			t.Fatalf("orders %v, want none", got)
		}
	}
}
