package experiments

import (
	"math/rand/v2"
	"slices"
	"testing"

	"dtaosim/agents"
)

// TestMemeHoldersScored: a meme subnet's miners are its holder_miners largest agent
// holders, most first and ties by account id, and a validator weights each by the alpha
// it holds; a utility subnet's miners are its quality cohorts.
func TestMemeHoldersScored(t *testing.T) {
	t.Parallel()
	const accounts, n = 6, 2
	w := &world{n: n, Kinds: []agents.Kind{agents.Utility, agents.Meme}, L: newLedger(accounts, n), hold: newHolderIndex(accounts, n)}
	for a, x := range []float64{3, 0, 5, 3, 1, 2} { // alpha of subnet 1 held by accounts 0..5
		if x > 0 {
			w.L.addAlpha(agents.AccountID(a), 1, x)
			w.hold.add(agents.AccountID(a), 1)
		}
	}
	v := validation{holderMiners: 3, quality: [][]float64{{1, 2}, {1, 2}}, rng: rand.New(rand.NewPCG(1, 1))}

	nm := v.pickMiners(w, 1)
	if want := []agents.AccountID{2, 0, 3}; nm != 3 || !slices.Equal(v.top, want) {
		t.Fatalf("meme miners %v (%d), want %v", v.top, nm, want)
	}
	dst := make([]float64, nm)
	v.score(w, 1, dst)
	if want := []float64{5, 3, 3}; !slices.Equal(dst, want) {
		t.Errorf("meme weights %v, want the alpha held %v", dst, want)
	}

	if nm := v.pickMiners(w, 0); nm != 2 {
		t.Fatalf("utility subnet: %d miner columns, want its 2 cohorts", nm)
	}
	dst = make([]float64, 2)
	v.score(w, 0, dst) // score noise 0: the weights are the qualities
	if want := []float64{1, 2}; !slices.Equal(dst, want) {
		t.Errorf("utility weights %v, want the qualities %v", dst, want)
	}
}

// TestMemePaidHolders: subnets.meme.paid_holders decides whose alpha a meme subnet
// scores: the agents' only (the default), also the miner cohort and owner ("cohorts"),
// also the alpha validators ("all"); cohort accounts holding none are not columns. The
// epoch's miner alpha paid to a cohort account is not the agents' holder payout.
func TestMemePaidHolders(t *testing.T) {
	t.Parallel()
	const n = 1
	var acct accounts
	for range 4 {
		acct.add("speculator")
	}
	acct.agents = 4
	acct.addCohorts(n, 2) // owner 4, miners 5, treasury 6, validators 7 and 8
	w := &world{n: n, Kinds: []agents.Kind{agents.Meme}, L: newLedger(acct.count(), n), hold: newHolderIndex(acct.agents, n),
		acct: acct, burned: make([]float64, n)}
	for a, x := range []float64{3, 1, 0, 2, 4, 10, 0, 6, 0} { // alpha of the subnet by account
		if x > 0 {
			w.L.addAlpha(agents.AccountID(a), 0, x)
			if a < acct.agents {
				w.hold.add(agents.AccountID(a), 0)
			}
		}
	}
	for _, c := range []struct {
		mode string
		want []agents.AccountID
	}{
		{"", []agents.AccountID{0, 3, 1}},
		{PaidAgents, []agents.AccountID{0, 3, 1}},
		{PaidCohorts, []agents.AccountID{5, 4, 0}},
		{PaidAll, []agents.AccountID{5, 7, 4}},
	} {
		v := validation{holderMiners: 3, paidHolders: c.mode}
		if nm := v.pickMiners(w, 0); nm != 3 || !slices.Equal(v.top, c.want) {
			t.Errorf("paid_holders %q: meme miners %v (%d), want %v", c.mode, v.top, nm, c.want)
		}
	}

	// Pay 6 alpha by incentive 0 (burn uid), 1/2, 1/3, 1/6 over the three columns of
	// "cohorts": accounts 5, 4 and 0.
	v := validation{holderMiners: 3, paidHolders: PaidCohorts}
	nm := v.pickMiners(w, 0)
	v.res.Incentive = []float64{0, 3, 2, 1} // burn uid, then the miner columns (V = R = 0)
	p := epochPay{minerCols: nm, incentive: 6}
	v.payMiners(w, 0, 6, &p)
	if p.holders != 1 || p.cohorts != 5 {
		t.Errorf("paid to agents %v and cohorts %v, want 1 and 5", p.holders, p.cohorts)
	}
	if got := []float64{w.L.Alpha(5, 0), w.L.Alpha(4, 0), w.L.Alpha(0, 0)}; !slices.Equal(got, []float64{13, 6, 4}) {
		t.Errorf("alpha after the epoch of accounts 5, 4, 0: %v, want [13 6 4]", got)
	}
}
