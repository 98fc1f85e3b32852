package experiments

import (
	"math/rand/v2"

	"dtaosim/experiments/mining"
)

// revenue is the exogenous process of revenue subnets (docs/agents.md "Subnet kinds",
// issue 12 item 6): each mines Bitcoin (package mining, subnets.revenue.mining), earning
// its hashrate share × block reward × BTC price in TAO, net of costs, per day. One
// mining.Process drives every revenue subnet (one BTC price path), advanced one day at a
// time on stream "revenue"; a day's net revenue accrues at the day's end. At each of its
// epochs a subnet spends buyback_fraction of its accrued revenue on its own alpha, which
// its treasury holds or burns; the rest pays its miners outside the model.
type revenue struct {
	spec     RevenueSpec
	earns    []bool          // per subnet: a revenue subnet
	proc     *mining.Process // nil without revenue subnets
	perDay   []float64       // per subnet: net revenue per day now, TAO
	accrued  []float64       // per subnet: revenue accrued since its last epoch, TAO
	external float64         // TAO that entered the system from outside so far
	rng      *rand.Rand      // stream "revenue"
}

func newRevenue(spec RevenueSpec, n int, rng *rand.Rand) (revenue, error) {
	r := revenue{spec: spec, earns: make([]bool, n), perDay: make([]float64, n), accrued: make([]float64, n), rng: rng}
	if len(spec.Netuids) == 0 {
		return r, nil
	}
	p, err := mining.New(spec.Mining)
	if err != nil {
		return r, ferr("subnets.revenue.mining", "%v", err)
	}
	r.proc = p
	for _, u := range spec.Netuids {
		r.earns[u-1] = true
	}
	r.setRates()
	return r, nil
}

// setRates sets every revenue subnet's revenue per day from the mining state.
func (r *revenue) setRates() {
	net := r.proc.State().NetTAO
	for i, earns := range r.earns {
		if earns {
			r.perDay[i] = net
		}
	}
}

// daily accrues a day's revenue and advances the mining process one day.
func (r *revenue) daily() {
	if r.proc == nil {
		return
	}
	for i, earns := range r.earns {
		if earns {
			r.accrued[i] += r.perDay[i]
		}
	}
	r.proc.Advance(1, r.rng)
	r.setRates()
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
