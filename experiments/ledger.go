package experiments

import "dtaosim/agents"

// Ledger holds every account's balances: free TAO, TAO staked on root, and alpha per
// subnet (stake held with the subnet's validators), with the TAO paid for the alpha still
// held (average cost basis). Accounts are agents, subnet cohorts (owner, miners,
// validators, treasury) and root validators. Nothing enters or leaves the ledger except
// through the market (trades, emission payouts) or the run's documented external flows
// (revenue), so TAO and alpha are conserved across ledger, pools and pending emission.
type Ledger struct {
	TAO   []float64 // free TAO per account
	Root  []float64 // root stake per account, TAO
	alpha []float64 // accounts × subnets
	Cost  []float64 // accounts × subnets, TAO
	n     int       // subnets
}

func newLedger(accounts, subnets int) Ledger {
	return Ledger{
		TAO: make([]float64, accounts), Root: make([]float64, accounts),
		alpha: make([]float64, accounts*subnets), Cost: make([]float64, accounts*subnets), n: subnets,
	}
}

// Alpha returns the alpha of subnet index i held by account a.
func (l *Ledger) Alpha(a agents.AccountID, i int) float64 { return l.alpha[int(a)*l.n+i] }

// addAlpha credits (or debits, x < 0) alpha received for free (emission): the cost
// basis is unchanged.
func (l *Ledger) addAlpha(a agents.AccountID, i int, x float64) { l.alpha[int(a)*l.n+i] += x }

// buy records a purchase of alpha for tao.
func (l *Ledger) buy(a agents.AccountID, i int, tao, alpha float64) {
	k := int(a)*l.n + i
	l.TAO[a] -= tao
	l.alpha[k] += alpha
	l.Cost[k] += tao
}

// sell records a sale of alpha for tao; the cost basis falls pro rata. Selling all of
// a holding leaves exactly zero alpha and cost.
func (l *Ledger) sell(a agents.AccountID, i int, alpha, tao float64) {
	k := int(a)*l.n + i
	l.TAO[a] += tao
	if alpha >= l.alpha[k] {
		l.alpha[k], l.Cost[k] = 0, 0
		return
	}
	l.Cost[k] *= 1 - alpha/l.alpha[k]
	l.alpha[k] -= alpha
}

// Accounts returns the number of accounts.
func (l *Ledger) Accounts() int { return len(l.TAO) }
