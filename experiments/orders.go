package experiments

import (
	"math"

	"dtaosim/agents"
)

// execute carries out one order through the chain's pool, clipped to the account's
// balance and, for a class with a price-limit tolerance, to its limit (limit), and books
// it in the ledger, the holder index and the trade tally. Refused trades (min_reserve)
// are dropped.
func (w *world) execute(o agents.Order) {
	a, i := o.Account, o.Subnet
	if o.Sell {
		amt := min(o.Amount, w.L.Alpha(a, i), w.limit(o))
		if amt <= 0 {
			return
		}
		tao, err := w.C.Sell(i, amt)
		if err != nil {
			return
		}
		w.L.sell(a, i, amt, tao)
		w.trades.add(w.acct.class[a], tao)
		w.hold.alpha[i] -= amt
		if w.L.Alpha(a, i) == 0 {
			w.hold.drop(a, i)
			if w.acct.speculator(a) {
				w.hold.speculators[i]--
			}
		}
		return
	}
	amt := min(o.Amount, w.L.TAO[a], w.limit(o))
	if amt <= 0 {
		return
	}
	alpha, err := w.C.Buy(i, amt)
	if err != nil {
		return
	}
	if w.L.Alpha(a, i) == 0 {
		w.hold.add(a, i)
		if w.acct.speculator(a) {
			w.hold.speculators[i]++
		}
	}
	w.L.buy(a, i, amt, alpha)
	w.trades.add(w.acct.class[a], amt)
	w.hold.alpha[i] += alpha
}

// sellCohort sells amt alpha of a cohort account a on subnet i for TAO (the emission
// sellers); a refused sell is dropped.
func (w *world) sellCohort(a agents.AccountID, i int, amt float64) {
	amt = min(amt, w.L.Alpha(a, i))
	if amt <= 0 {
		return
	}
	if tao, err := w.C.Sell(i, amt); err == nil {
		w.L.sell(a, i, amt, tao)
	}
}

// priceLimits are the agents' price-limit orders (subtensor's add_stake_limit and
// remove_stake_limit with allow_partial, "safe staking"; agents.<class>.max_slippage,
// off by default): an agent of a class with tolerance s > 0 sets its limit at s above
// (buy) or below (sell) the price it saw when it decided, the subnet's price at the start
// of the block's agent phase. Its order executes only up to the amount whose swap
// reaches the limit (market.Chain.MaxBuy, MaxSell): other orders of the block that
// executed first may leave it less room, or none. The rest of the order is dropped; the
// agent sees what it still holds at its next action.
type priceLimits struct {
	slip []float64 // tolerance per agent account; nil when no class has one
	ref  []float64 // each subnet's price at the start of the block's agent phase
}

// newPriceLimits returns the tolerances of the population's accounts (the first
// accounts, in class order), none if no class has one.
func newPriceLimits(cls []agentClass) priceLimits {
	var slip []float64
	for _, c := range cls {
		if c.slip > 0 {
			slip = []float64{}
		}
	}
	if slip == nil {
		return priceLimits{}
	}
	for _, c := range cls {
		for range c.count {
			slip = append(slip, c.slip)
		}
	}
	return priceLimits{slip: slip}
}

// markPrices records the subnets' prices the block's agents saw; a no-op when off.
func (w *world) markPrices() {
	if w.limits.slip == nil {
		return
	}
	w.limits.ref = w.limits.ref[:0]
	for i := range w.n {
		w.limits.ref = append(w.limits.ref, w.C.Price(i))
	}
}

// limit is the most order o may trade under its account's price limit — TAO for a buy,
// alpha for a sell — or +Inf without one.
func (w *world) limit(o agents.Order) float64 {
	s := 0.0
	if a := int(o.Account); a < len(w.limits.slip) {
		s = w.limits.slip[a]
	}
	if s <= 0 {
		return math.Inf(1)
	}
	p := w.limits.ref[o.Subnet]
	if o.Sell {
		return w.C.MaxSell(o.Subnet, p*(1-s))
	}
	return w.C.MaxBuy(o.Subnet, p*(1+s))
}

// validateSlippage checks every class's price-limit tolerance, in [0, 1).
func (ag *AgentsSpec) validateSlippage() error {
	for _, c := range []struct {
		path string
		s    float64
	}{
		{"agents.speculators", ag.Speculators.MaxSlippage}, {"agents.yield_stakers", ag.YieldStakers.MaxSlippage},
		{"agents.arbitrageurs", ag.Arbitrageurs.MaxSlippage}, {"agents.noise", ag.Noise.MaxSlippage},
	} {
		if err := fracBelow1(c.path+".max_slippage", c.s); err != nil {
			return err
		}
	}
	return nil
}
