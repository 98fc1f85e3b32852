package experiments

import (
	"math"
	"math/rand/v2"
)

// revenue is the exogenous process of revenue subnets (DESIGN.md §4): each earns TAO
// from outside the system, tao_per_day at the start, following a geometric Brownian
// motion (hashrate share × BTC price in TAO) advanced and accrued once a day; at each
// of its epochs buyback_fraction of the accrued revenue buys back its alpha, which the
// treasury holds or burns.
type revenue struct {
	spec     RevenueSpec
	earns    []bool     // per subnet: a revenue subnet
	perDay   []float64  // per subnet: revenue per day now, TAO
	accrued  []float64  // per subnet: revenue accrued since its last epoch, TAO
	external float64    // TAO that entered the system from outside so far
	rng      *rand.Rand // stream "revenue"
}

func newRevenue(spec RevenueSpec, n int, rng *rand.Rand) revenue {
	r := revenue{spec: spec, earns: make([]bool, n), perDay: make([]float64, n), accrued: make([]float64, n), rng: rng}
	for _, u := range spec.Netuids {
		r.earns[u-1] = true
		r.perDay[u-1] = spec.TaoPerDay
	}
	return r
}

// daily accrues a day's revenue and advances the revenue one day along the GBM.
func (r *revenue) daily() {
	rv := r.spec
	const dt = 1.0 / 365
	for i, earns := range r.earns {
		if !earns {
			continue
		}
		r.accrued[i] += r.perDay[i]
		r.perDay[i] *= math.Exp((rv.Drift-rv.Volatility*rv.Volatility/2)*dt + rv.Volatility*math.Sqrt(dt)*r.rng.NormFloat64())
	}
}

// buyback spends buyback_fraction of subnet i's accrued revenue on its alpha at its
// epoch, through the treasury account; with burn the alpha bought is burned.
func (r *revenue) buyback(w *world, i int) {
	if !(r.earns[i] && r.accrued[i] > 0) {
		return
	}
	spend := r.spec.BuybackFraction * r.accrued[i]
	r.accrued[i] = 0
	t := w.acct.treasury[i]
	w.L.TAO[t] += spend
	r.external += spend
	if alpha, err := w.C.Buy(i, spend); err == nil {
		w.L.buy(t, i, spend, alpha)
		if r.spec.Burn {
			w.L.addAlpha(t, i, -alpha)
			w.burned[i] += alpha
		}
	}
}

// buybackPerDay is the TAO per day subnet i spends on buybacks at today's revenue.
func (r *revenue) buybackPerDay(i int) float64 {
	if !r.earns[i] {
		return 0
	}
	return r.spec.BuybackFraction * r.perDay[i]
}
