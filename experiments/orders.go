package experiments

import (
	"slices"

	"dtaosim/agents"
)

// execute carries out one order through the chain's pool, clipped to the account's
// balance and, for a class with price protection, clipped to its limit (partial) or
// rejected whole if it would pass it (strict; limited), and books it in the ledger, the
// holder index and the trade tally. Refused trades (min_reserve) are dropped.
func (w *world) execute(o agents.Order) {
	a, i := o.Account, o.Subnet
	if o.Sell {
		amt := w.limited(o, min(o.Amount, w.L.Alpha(a, i)))
		if amt <= 0 {
			return
		}
		tao, err := w.C.Sell(i, amt)
		if err != nil {
			return
		}
		w.L.sell(a, i, amt, tao)
		w.trades.add(w.acct.classID[a], tao)
		w.hold.alpha[i] -= amt
		if w.L.Alpha(a, i) == 0 {
			w.hold.drop(a, i)
			if w.acct.speculator(a) {
				w.hold.speculators[i]--
			}
		}
		return
	}
	amt := w.limited(o, min(o.Amount, w.L.TAO[a]))
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
	w.trades.add(w.acct.classID[a], amt)
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

// PriceProtection is a class's price-limit orders (agents.<class>.price_protection):
// subtensor's add_stake_limit and remove_stake_limit ("safe staking"), which BTCLI and
// the Python SDK send with a limit price of the price at submission times 1 + Tolerance
// (stake) or 1 − Tolerance (unstake). Mode "strict" sends them with allow_partial =
// false: the chain rejects the whole order if executing it would take the pool price
// past the limit. Mode "partial" sends allow_partial = true: the order executes up to the
// amount whose swap brings the price to the limit and the rest is not executed. Mode
// "off" sends plain add_stake/remove_stake. docs/agents.md gives the clients' defaults
// over time and their sources.
type PriceProtection struct {
	Mode      string  `yaml:"mode"`      // "off", "strict" or "partial"
	Tolerance float64 `yaml:"tolerance"` // in (0, 1): the limit's distance from the price seen
}

// ClientTolerance is BTCLI's and the Python SDK's default rate tolerance, 0.5%: BTCLI's
// Defaults.rate_tolerance since its first dTAO release (v9.0.0, 2025-02-13; commit
// f9df8835) and the SDK's rate_tolerance argument since v9.1.0 (2025-03-13), both
// unchanged in their 2026 sources (docs/agents.md).
const ClientTolerance = 0.005

// offProtection is plain orders, with the clients' tolerance ready for a mode: the
// default of every class but the speculators.
func offProtection() PriceProtection { return PriceProtection{Mode: "off", Tolerance: ClientTolerance} }

// clientProtection is the speculators' default since 2026-12-03: orders limited at the
// clients' tolerance, the part that fits under the limit executed and the rest sent
// again at the next actions (partial mode; a person who follows BTCLI's rejection of a
// strict order by staking in parts), docs/agents.md "Price protection" and
// docs/calibration.md §7.
func clientProtection() PriceProtection {
	return PriceProtection{Mode: "partial", Tolerance: ClientTolerance}
}

// protectionModes are the modes agents.<class>.price_protection.mode accepts.
var protectionModes = []string{"off", "strict", "partial"}

// priceLimits are the agents' price-limit orders: an agent of a class with protection
// sets its limit at Tolerance above (buy) or below (sell) the price it saw when it
// decided, the subnet's price at the start of the block's agent phase. What its order
// may trade up to the limit is market.Chain.MaxBuy or MaxSell on the pool as the order
// finds it: other orders of the block that executed first may leave it less room, or
// none. In partial mode the rest of the order is dropped; in strict mode an order that
// does not fit is dropped whole. The agent sees what it still holds at its next action
// (a speculator then buys the rest of a clipped entry: agents.Speculator).
type priceLimits struct {
	tol    []float64 // tolerance per agent account, 0 without protection; nil when no class has one
	strict []bool    // per agent account: strict (true) or partial
	ref    []float64 // each subnet's price at the start of the block's agent phase
}

// newPriceLimits returns the protection of the population's accounts (the first
// accounts, in class order), none if no class has one.
func newPriceLimits(cls []agentClass) priceLimits {
	on := false
	for _, c := range cls {
		on = on || c.protect.Mode != "off"
	}
	if !on {
		return priceLimits{}
	}
	var pl priceLimits
	for _, c := range cls {
		tol := c.protect.Tolerance
		if c.protect.Mode == "off" {
			tol = 0
		}
		for range c.count {
			pl.tol = append(pl.tol, tol)
			pl.strict = append(pl.strict, c.protect.Mode == "strict")
		}
	}
	return pl
}

// markOrders records the price the block's agents saw at each subnet the block's orders
// trade, before any of them executes; a no-op when off. limited reads no other subnet's
// entry, so recording every subnet's price would give the same limits at many more
// divisions (a block's orders touch a few of the subnets, most blocks none).
func (w *world) markOrders(orders []agents.Order) {
	if w.limits.tol == nil || len(orders) == 0 {
		return
	}
	if len(w.limits.ref) != w.n {
		w.limits.ref = make([]float64, w.n)
	}
	for _, o := range orders {
		w.limits.ref[o.Subnet] = w.C.Price(o.Subnet)
	}
}

// limited returns what order o, already clipped to its account's balance (amt: TAO for
// a buy, alpha for a sell), may trade under its account's price protection: amt without
// one; at most what reaches the limit in partial mode; amt if it fits within the limit,
// else 0, in strict mode.
func (w *world) limited(o agents.Order, amt float64) float64 {
	a := int(o.Account)
	if a >= len(w.limits.tol) || w.limits.tol[a] <= 0 {
		return amt
	}
	s, p := w.limits.tol[a], w.limits.ref[o.Subnet]
	var room float64
	if o.Sell {
		room = w.C.MaxSell(o.Subnet, p*(1-s))
	} else {
		room = w.C.MaxBuy(o.Subnet, p*(1+s))
	}
	switch {
	case amt <= room:
		return amt
	case w.limits.strict[a]:
		return 0
	default:
		return room
	}
}

// validateProtection checks every class's price protection: a known mode and, unless
// off, a tolerance in (0, 1).
func (ag *AgentsSpec) validateProtection() error {
	for _, c := range []struct {
		path string
		p    PriceProtection
	}{
		{"agents.speculators", ag.Speculators.PriceProtection}, {"agents.yield_stakers", ag.YieldStakers.PriceProtection},
		{"agents.arbitrageurs", ag.Arbitrageurs.PriceProtection}, {"agents.noise", ag.Noise.PriceProtection},
		{"agents.value_investors", ag.ValueInvestors.PriceProtection},
	} {
		path := c.path + ".price_protection."
		if !slices.Contains(protectionModes, c.p.Mode) {
			return ferr(path+"mode", "expected one of %q, got %q", protectionModes, c.p.Mode)
		}
		if c.p.Mode != "off" && !(c.p.Tolerance > 0 && c.p.Tolerance < 1) {
			return ferr(path+"tolerance", "expected a number in (0, 1) with mode %q, got %v", c.p.Mode, c.p.Tolerance)
		}
		if err := fracBelow1(path+"tolerance", c.p.Tolerance); err != nil {
			return err
		}
	}
	return nil
}
