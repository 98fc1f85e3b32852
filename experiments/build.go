package experiments

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"dtaosim/agents"
	"dtaosim/experiments/snapshot"
	"dtaosim/market"
)

// NewSim builds the initial state of a run: the chain from the scenario's initial state
// and mechanism, the accounts (agents, subnet cohorts, root validators) and their
// balances, and every part of the run.
func NewSim(sc *Scenario, opt Options) (*Sim, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	sc = sc.started() // the burn-in, if any (burnin.go): from here on the scenario as run
	st := opt.Streams
	s := &Sim{sc: sc, opt: opt}
	s.n = sc.Subnets.Count
	params, err := sc.Params(sc.Mechanism.Preset, sc.Mechanism.Params, "mechanism")
	if err != nil {
		return nil, err
	}
	var cohortAlpha []float64
	var startRank []int
	if sc.Subnets.Init == "snapshot" {
		if s.C, cohortAlpha, startRank, err = snapshotChain(sc, params); err != nil {
			return nil, err
		}
	} else {
		var inits []market.SubnetInit
		inits, cohortAlpha, startRank = initialSubnets(sc, st.Stream("init"))
		if s.C, err = market.New(params, inits, sc.Chain.RootStake, 1); err != nil {
			return nil, err
		}
	}
	startFlowRule(sc, s.C, false)
	if s.sched, err = newSchedule(sc); err != nil {
		return nil, err
	}
	s.kinds, s.Kinds = newKinds(sc)
	s.kinds.startRank = startRank

	// Accounts: agents first, then per-subnet cohorts, then root validators.
	pop, initTAO := newPopulation(sc.Agents, &s.world, s.valueOf, st)
	s.pop = pop
	s.acct.addCohorts(s.n, sc.Subnets.Validators)
	s.acct.addRootValidators(sc.Agents.RootValidators.Count)
	s.fund(initTAO, cohortAlpha)
	s.hold = newHolderIndex(s.acct.agents, s.n)
	s.burned = make([]float64, s.n)

	if s.val, err = newValidation(sc, s.kinds.memeAt, st); err != nil {
		return nil, err
	}
	s.val.rules = sc.stakeRules(sc.Mechanism.Preset)
	s.dereg = newDeregistration(sc.deregSpec(sc.Mechanism.Preset), s.n, s.C.Block, st.Stream("registration"))
	s.root = newInterventions(sc.Agents.RootValidators, s.C.S.Netuid, st)
	if s.rev, err = newRevenue(sc.Subnets.Revenue, s.n, st.Stream("revenue")); err != nil {
		return nil, err
	}
	caps := make([]float64, s.n)
	for i := range caps {
		caps[i] = s.C.Price(i) * s.C.AlphaIssuance(i)
	}
	if s.worth, err = newValuation(sc.Subnets.Utility.Value, sc.Subnets.Revenue.Value == RevenueValueLatent, caps, st.Stream("value")); err != nil {
		return nil, err
	}
	s.assessor = newAssessor(sc.Mechanism.Assessment, s.n, st.Stream("assessment"))
	if err := s.assess(); err != nil {
		return nil, err
	}
	s.hist = newHistory(s.n)
	s.hist.snapshot(s.C, s.val.yield)
	if err := s.pop.start(sc, st); err != nil {
		return nil, err
	}
	s.obs = newObservers(sc, opt, &s.world, s.kinds.takeover)
	s.obs.initWealth = make([]float64, s.acct.count())
	for a := range s.obs.initWealth {
		s.obs.initWealth[a] = s.wealth(agents.AccountID(a))
	}
	return s, nil
}

// fund opens the ledger: the agents' capital (initTAO, in account order), the chain's
// root stake split by the root validators' policy, and each subnet's outstanding alpha
// (cohortAlpha) held by its cohorts: validators 50%, miners 30%, owner 20%.
func (s *Sim) fund(initTAO, cohortAlpha []float64) {
	s.L = newLedger(s.acct.count(), s.n)
	copy(s.L.TAO, initTAO)
	rv := s.sc.Agents.RootValidators
	for k, id := range s.acct.root {
		s.L.Root[id] = rootStakeShare(rv, k) * s.C.RootTAO
	}
	V := s.sc.Subnets.Validators
	for i := range s.n {
		o := cohortAlpha[i]
		for _, v := range s.acct.validators[i] {
			s.L.addAlpha(v, i, 0.5*o/float64(V))
		}
		s.L.addAlpha(s.acct.miners[i], i, 0.3*o)
		s.L.addAlpha(s.acct.owner[i], i, 0.2*o)
	}
}

// snapshotChain builds the chain of init "snapshot" (experiments/snapshot, Derive with
// subnets.snapshot_rules) under params, and returns it with each subnet's derived
// outstanding alpha (held by its cohorts, as for an aged state: fund) and its rank by
// spot price (1 = the highest; ties by netuid), the order of the price-share rules'
// emission. The run's blocks count from 1 as in every other start; the snapshot's block
// number is not used (it would only shift the epochs' phase). TAO issuance and root
// stake are the derived ones (snapshot_rules.tao_issuance, root_tao), not chain.*.
func snapshotChain(sc *Scenario, params market.Params) (*market.Chain, []float64, []int, error) {
	snap, err := loadSnapshot(sc.Subnets.Snapshot)
	if err != nil {
		return nil, nil, nil, err
	}
	start, err := snap.Derive(sc.Subnets.SnapshotRules)
	if err != nil {
		return nil, nil, nil, ferr("subnets.snapshot_rules", "%v", err)
	}
	params.TaoIssuance = start.TaoIssuance
	c, err := market.New(params, start.Subnets, start.RootTAO, 1)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("subnets.snapshot: %s: %w", snap.Name, err)
	}
	n := len(start.Subnets)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	price := func(i int) float64 { return start.Subnets[i].TaoReserve / start.Subnets[i].AlphaReserve }
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(price(b), price(a)) })
	rank := make([]int, n)
	for r, i := range order {
		rank[i] = r + 1
	}
	return c, start.AlphaOut, rank, nil
}

// loadSnapshot reads the snapshot subnets.snapshot names: a shipped file by its name, or
// else a file path. Its netuids must be 1..N, since the run indexes subnet i by netuid
// i+1.
func loadSnapshot(name string) (*snapshot.Snapshot, error) {
	if name == "" {
		return nil, ferr("subnets.snapshot", "expected a shipped snapshot (%s) or a file path with subnets.init \"snapshot\"", strings.Join(snapshot.ShippedNames(), ", "))
	}
	var snap *snapshot.Snapshot
	var err error
	if slices.Contains(snapshot.ShippedNames(), name) {
		snap, err = snapshot.Shipped(name)
	} else {
		snap, err = snapshot.ReadFile(name)
	}
	if err != nil {
		return nil, ferr("subnets.snapshot", "%v", err)
	}
	seen := make([]bool, len(snap.Subnets)+1)
	for _, r := range snap.Subnets {
		if r.Netuid < 1 || r.Netuid > len(snap.Subnets) || seen[r.Netuid] {
			return nil, ferr("subnets.snapshot", "%s: expected netuids 1..%d, each once; got %d", snap.Name, len(snap.Subnets), r.Netuid)
		}
		seen[r.Netuid] = true
	}
	return snap, nil
}

// startFlowRule applies subnets.flow_ema_init when a flow share rule has just come
// into force on c: at the start of the run (wasFlow false), or at a scheduled switch from
// a price rule (not between the two flow rules, whose EMAs carry over). With "price" it
// sets every subnet's EMA of user TAO flow to min(moving price, spot price), read as TAO
// per block: what the chain's migration of 2025-11-05 (1f520ed95, migrate_init_tao_flow
// and the 10⁹ factor on a price in TAO per alpha, giving rao per block) made of every
// subnet's EMA when the flow share rule began. Flow shares then start out as the price
// shares, and the EMA's 30-day half-life hands them over to the flows. With "zero" the
// EMAs are left as they are (0: price rules do not move them).
func startFlowRule(sc *Scenario, c *market.Chain, wasFlow bool) {
	if wasFlow || !flowRule(c.P.ShareRule) || sc.Subnets.FlowEMAInit != "price" {
		return
	}
	for i := range c.N() {
		c.S.FlowEMA[i] = min(c.S.MovingPrice[i], c.Price(i))
	}
}

// flowRule reports whether a share rule reads the flow EMAs.
func flowRule(r market.ShareRule) bool {
	return r == market.ShareTaoFlow || r == market.ShareNetTaoFlow
}

// initialSubnets builds the subnets' initial pools and returns them with the outstanding
// alpha of each (held by its cohorts) and the rank of each in the initial emission split
// (1 = the largest).
func initialSubnets(sc *Scenario, rng *rand.Rand) ([]market.SubnetInit, []float64, []int) {
	n := sc.Subnets.Count
	// Zipf weights over a random permutation of ranks: the pre-dTAO emission split.
	perm := rng.Perm(n)
	// subnets.meme.start_rank puts the first meme subnet at that rank by swapping ranks
	// with the subnet that drew it: the draw, and so every other stream, is unchanged.
	if r := sc.Subnets.Meme.StartRank; r > 0 {
		m := sc.Subnets.Meme.Netuids[0] - 1
		j := slices.Index(perm, r-1)
		perm[m], perm[j] = perm[j], perm[m]
	}
	rank := make([]int, n)
	for i := range n {
		rank[i] = perm[i] + 1
	}
	wts := make([]float64, n)
	sum := 0.0
	for i := range n {
		wts[i] = math.Pow(float64(perm[i]+1), -sc.Subnets.EmissionSkew)
		sum += wts[i]
	}
	inits := make([]market.SubnetInit, n)
	out := make([]float64, n)
	for i := range n {
		w := wts[i] / sum
		in := market.SubnetInit{Netuid: i + 1, BlocksSinceStart: market.DefaultBlocksSinceStart}
		if sc.Subnets.Init == "launch" {
			// spec §3: every pool at 1 TAO / 1 alpha; the moving price from the old
			// emission values, which sum to 1.
			in.TaoReserve, in.AlphaReserve, in.AlphaIssuance, in.MovingPrice = 1, 1, 1, w
		} else {
			iss := min(1+sc.Subnets.IssuancePerBlock*agents.BlocksPerDay*sc.Chain.AgeDays, market.TotalSupply)
			price := sc.Subnets.PriceSum * w
			in.AlphaReserve = sc.Subnets.PoolShare * iss
			in.TaoReserve = price * in.AlphaReserve
			in.AlphaIssuance = iss
			in.MovingPrice = min(price, 1)
			in.BlocksSinceStart = max(sc.Chain.AgeDays*agents.BlocksPerDay, 1)
			out[i] = iss - in.AlphaReserve
		}
		inits[i] = in
	}
	return inits, out, rank
}
