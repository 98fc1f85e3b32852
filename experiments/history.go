package experiments

import "dtaosim/market"

// historyDays is how many daily snapshots history keeps (a ring): enough for the
// longest lookback a scenario allows (agents.speculators.lookback_days and
// agents.root_validators.pump_days are at most 30).
const historyDays = 32

// history keeps daily snapshots of every subnet's price and holder yield, the past the
// agents' View offers (PriceDaysAgo, HolderYieldDaysAgo) and the pump rule reads. The
// ring is indexed modulo the constant historyDays (a mask, where a modulo by the slice
// length would be a division on every speculator's score).
type history struct {
	price, yield [][]float64 // ring of daily snapshots, per subnet
	days         int         // snapshots taken
}

func newHistory(n int) history {
	h := history{price: make([][]float64, historyDays), yield: make([][]float64, historyDays)}
	for d := range h.price {
		h.price[d] = make([]float64, n)
		h.yield[d] = make([]float64, n)
	}
	return h
}

// snapshot records today's prices and holder yields.
func (h *history) snapshot(c *market.Chain, yield []float64) {
	d := h.price[h.days%historyDays]
	for i := range d {
		d[i] = c.Price(i)
	}
	copy(h.yield[h.days%historyDays], yield)
	h.days++
}

// priceDaysAgo returns subnet i's price at the snapshot `days` ago (the oldest kept if
// there are fewer).
func (h *history) priceDaysAgo(i, days int) float64 {
	d := min(days, h.days-1, historyDays-1)
	return h.price[(h.days-1-d)%historyDays][i]
}

// yieldDaysAgo returns subnet i's holder yield at the snapshot `days` ago.
func (h *history) yieldDaysAgo(i, days int) float64 {
	d := min(days, h.days-1, historyDays-1)
	return h.yield[(h.days-1-d)%historyDays][i]
}

// restart gives subnet i a history that begins now at price p, for a new subnet
// registered at a reused netuid (dereg.go): every kept snapshot of i becomes p with
// holder yield 0, so a look back across the registration reads the newcomer's first
// price rather than the pruned subnet's (whose price, the lowest on the chain, would
// otherwise read as a jump to the registration price: a momentum of about 2 in
// chain-2026-08). A new subnet has no past; from its registration its series is its own.
func (h *history) restart(i int, p float64) {
	for d := range h.price {
		h.price[d][i], h.yield[d][i] = p, 0
	}
}
