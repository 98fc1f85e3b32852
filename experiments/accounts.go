package experiments

import (
	"slices"

	"dtaosim/agents"
)

// accounts is the run's account layout. An account id is its row in the ledger. Agents
// come first, in the order of the population's classes (so agent k trades from account
// k, and speculators are accounts 0..speculators−1); then, per subnet, its cohorts: the
// owner, the miners, the treasury and the alpha validators; then the root validators.
type accounts struct {
	class       []string // per account: its P&L class ("speculator", …, "subnet_cohorts", "root_validator")
	classID     []int    // per account: its class's index in classes (the trade tally's slot)
	classes     []string // the P&L classes in the order of their first account
	agents      int      // agent accounts
	speculators int      // speculator accounts

	owner, miners, treasury []agents.AccountID   // per subnet
	validators              [][]agents.AccountID // per subnet: its alpha validators
	root                    []agents.AccountID   // root validators
}

// add opens an account of a P&L class.
func (a *accounts) add(class string) agents.AccountID {
	id := slices.Index(a.classes, class)
	if id < 0 {
		id = len(a.classes)
		a.classes = append(a.classes, class)
	}
	a.class = append(a.class, class)
	a.classID = append(a.classID, id)
	return agents.AccountID(len(a.class) - 1)
}

// count returns the number of accounts.
func (a *accounts) count() int { return len(a.class) }

// speculator reports whether account id is a speculator's.
func (a *accounts) speculator(id agents.AccountID) bool { return int(id) < a.speculators }

// addCohorts opens each of n subnets' cohort accounts, with v alpha validators each.
func (a *accounts) addCohorts(n, v int) {
	a.owner = make([]agents.AccountID, n)
	a.miners = make([]agents.AccountID, n)
	a.treasury = make([]agents.AccountID, n)
	a.validators = make([][]agents.AccountID, n)
	for i := range n {
		a.owner[i] = a.add("subnet_cohorts")
		a.miners[i] = a.add("subnet_cohorts")
		a.treasury[i] = a.add("subnet_cohorts")
		for range v {
			a.validators[i] = append(a.validators[i], a.add("subnet_cohorts"))
		}
	}
}

// addRootValidators opens r root validator accounts.
func (a *accounts) addRootValidators(r int) {
	for range r {
		a.root = append(a.root, a.add("root_validator"))
	}
}
