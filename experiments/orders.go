package experiments

import "dtaosim/agents"

// execute carries out one order through the chain's pool, clipped to the account's
// balance, and books it in the ledger and the holder index. Refused trades
// (min_reserve) are dropped.
func (w *world) execute(o agents.Order) {
	a, i := o.Account, o.Subnet
	if o.Sell {
		amt := min(o.Amount, w.L.Alpha(a, i))
		if amt <= 0 {
			return
		}
		tao, err := w.C.Sell(i, amt)
		if err != nil {
			return
		}
		w.L.sell(a, i, amt, tao)
		w.hold.alpha[i] -= amt
		if w.L.Alpha(a, i) == 0 {
			w.hold.drop(a, i)
			if w.acct.speculator(a) {
				w.hold.speculators[i]--
			}
		}
		return
	}
	amt := min(o.Amount, w.L.TAO[a])
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
