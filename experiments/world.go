package experiments

import (
	"slices"

	"dtaosim/agents"
	"dtaosim/market"
)

// world is the run's shared state (docs/agents.md, "The block loop"): the chain, the
// ledger, who each account is, each subnet's current kind, the index of agent holders,
// and the alpha the run burned. Every part of the run reads it; each field's comment says
// which part writes it. The parts' own state (Yuma, clocks, flags, metrics) lives in the
// parts.
type world struct {
	C      *market.Chain // pools and emission: order execution, the coinbase, buybacks
	L      Ledger        // balances: order execution, epoch payouts, emission sellers, buybacks
	n      int           // subnets
	Kinds  []agents.Kind // current kind per subnet: the meme takeover (takeover)
	acct   accounts      // who is who: fixed by NewSim
	hold   holderIndex   // agent holders per subnet: order execution, epoch payouts
	burned []float64     // alpha burned by the run, per subnet: owner-uid incentive, buybacks that burn
	trades tradeTally    // agents' executed orders per P&L class: order execution
	limits priceLimits   // agents' price-limit tolerances (fixed by NewSim) and the block's prices: order execution
}

// tradeTally counts the agents' executed orders per P&L class (issue 12 item 4): the TAO
// traded (TAO paid for a buy, received for a sell) and the number of orders executed.
// Orders clipped to nothing or refused by the chain are not counted. Its slots are the
// classes' indices in accounts.classes (a slice, not a map: it is added to on every
// executed order).
type tradeTally struct {
	volume []float64
	count  []int64
}

func (t *tradeTally) add(class int, tao float64) {
	if class >= len(t.volume) {
		t.volume = append(t.volume, make([]float64, class+1-len(t.volume))...)
		t.count = append(t.count, make([]int64, class+1-len(t.count))...)
	}
	t.volume[class] += tao
	t.count[class]++
}

// of returns the TAO traded and the orders executed by class's accounts (0 and 0 for a
// class without accounts or orders).
func (t *tradeTally) of(a *accounts, class string) (float64, int64) {
	id := slices.Index(a.classes, class)
	if id < 0 || id >= len(t.volume) {
		return 0, 0
	}
	return t.volume[id], t.count[id]
}

// wealth marks an account to market: free TAO, root stake, and alpha at spot prices.
func (w *world) wealth(a agents.AccountID) float64 {
	v := w.L.TAO[a] + w.L.Root[a]
	for i := range w.n {
		if x := w.L.Alpha(a, i); x != 0 {
			v += x * w.C.Price(i)
		}
	}
	return v
}
