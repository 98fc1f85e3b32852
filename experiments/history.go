package experiments

import (
	"math"

	"dtaosim/market"
)

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
	sq           [][]float64 // ring of running sums of squared daily log returns, per subnet
	days         int         // snapshots taken
}

func newHistory(n int) history {
	h := history{price: make([][]float64, historyDays), yield: make([][]float64, historyDays), sq: make([][]float64, historyDays)}
	for d := range h.price {
		h.price[d] = make([]float64, n)
		h.yield[d] = make([]float64, n)
		h.sq[d] = make([]float64, n)
	}
	return h
}

// snapshot records today's prices and holder yields (record).
func (h *history) snapshot(c *market.Chain, yield []float64) {
	d := h.price[h.days%historyDays]
	for i := range d {
		d[i] = c.Price(i)
	}
	copy(h.yield[h.days%historyDays], yield)
	h.record()
}

// record completes the snapshot whose prices are in place: it adds the squared log
// return since the last snapshot to each subnet's running sum (nothing for the first
// snapshot, or where either price is not positive) and counts the day.
func (h *history) record() {
	if h.days > 0 { // the first snapshot's sums stay at their initial 0
		d, sq := h.price[h.days%historyDays], h.sq[h.days%historyDays]
		prev, prevSq := h.price[(h.days-1)%historyDays], h.sq[(h.days-1)%historyDays]
		for i := range d {
			sq[i] = prevSq[i]
			if d[i] > 0 && prev[i] > 0 {
				r := math.Log(d[i] / prev[i])
				sq[i] += r * r
			}
		}
	}
	h.days++
}

// volatility returns subnet i's realised volatility over the last `days` daily
// returns (fewer if fewer are kept): the root mean square of its daily log returns
// between snapshots, about zero. 0 before a second snapshot. A day without a return (a
// non-positive price at either end, or before the subnet's restart) counts as a return
// of 0, so a subnet registered a few days ago reads calmer than its days alone would.
func (h *history) volatility(i, days int) float64 {
	d := min(days, h.days-1, historyDays-1)
	if d <= 0 {
		return 0
	}
	last := h.days - 1
	v := (h.sq[last%historyDays][i] - h.sq[(last-d)%historyDays][i]) / float64(d)
	return math.Sqrt(max(v, 0))
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
		h.price[d][i], h.yield[d][i], h.sq[d][i] = p, 0, 0
	}
}
