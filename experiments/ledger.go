package experiments

import "dtaosim/agents"

// Ledger holds every account's balances: free TAO, TAO staked on root, and alpha per
// subnet (stake held with the subnet's validators), with the TAO paid for the alpha still
// held (average cost basis). Accounts are agents, subnet cohorts (owner, miners,
// validators, treasury) and root validators. Nothing enters or leaves the ledger except
// through the market (trades, emission payouts) or the run's documented external flows
// (revenue), so TAO and alpha are conserved across ledger, pools and pending emission.
//
// Alpha and cost are stored subnet by subnet (subnets × accounts): an epoch walks one
// subnet's holders, whose balances then lie in one row of the accounts' width rather
// than each in its own account row (of every subnet).
type Ledger struct {
	TAO   []float64 // free TAO per account
	Root  []float64 // root stake per account, TAO
	alpha []float64 // subnets × accounts
	cost  []float64 // subnets × accounts, TAO
	m     int       // accounts
}

func newLedger(accounts, subnets int) Ledger {
	return Ledger{
		TAO: make([]float64, accounts), Root: make([]float64, accounts),
		alpha: make([]float64, accounts*subnets), cost: make([]float64, accounts*subnets), m: accounts,
	}
}

// Alpha returns the alpha of subnet index i held by account a.
func (l *Ledger) Alpha(a agents.AccountID, i int) float64 { return l.alpha[i*l.m+int(a)] }

// Cost returns the TAO account a paid for the alpha of subnet index i it still holds.
func (l *Ledger) Cost(a agents.AccountID, i int) float64 { return l.cost[i*l.m+int(a)] }

// addAlpha credits (or debits, x < 0) alpha received for free (emission): the cost
// basis is unchanged.
func (l *Ledger) addAlpha(a agents.AccountID, i int, x float64) { l.alpha[i*l.m+int(a)] += x }

// buy records a purchase of alpha for tao.
func (l *Ledger) buy(a agents.AccountID, i int, tao, alpha float64) {
	k := i*l.m + int(a)
	l.TAO[a] -= tao
	l.alpha[k] += alpha
	l.cost[k] += tao
}

// sell records a sale of alpha for tao; the cost basis falls pro rata. Selling all of
// a holding leaves exactly zero alpha and cost.
func (l *Ledger) sell(a agents.AccountID, i int, alpha, tao float64) {
	k := i*l.m + int(a)
	l.TAO[a] += tao
	if alpha >= l.alpha[k] {
		l.alpha[k], l.cost[k] = 0, 0
		return
	}
	l.cost[k] *= 1 - alpha/l.alpha[k]
	l.alpha[k] -= alpha
}

// Accounts returns the number of accounts.
func (l *Ledger) Accounts() int { return len(l.TAO) }
