package experiments

import (
	"dtaosim/agents"
	"dtaosim/market"
)

// world is the run's shared state (DESIGN.md §3): the chain, the ledger, who each
// account is, each subnet's current kind, the index of agent holders, and the alpha the
// run burned. Every part of the run reads it; each field's comment says which part
// writes it. The parts' own state (Yuma, clocks, flags, metrics) lives in the parts.
type world struct {
	C      *market.Chain // pools and emission: order execution, the coinbase, buybacks
	L      Ledger        // balances: order execution, epoch payouts, emission sellers, buybacks
	n      int           // subnets
	Kinds  []agents.Kind // current kind per subnet: the meme takeover (takeover)
	acct   accounts      // who is who: fixed by NewSim
	hold   holderIndex   // agent holders per subnet: order execution, epoch payouts
	burned []float64     // alpha burned by the run, per subnet: owner-uid incentive, buybacks that burn
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
