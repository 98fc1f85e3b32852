package experiments

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"gonum.org/v1/gonum/mat"

	"dtaosim/agents"
	"dtaosim/experiments/record"
	"dtaosim/market"
	"dtaosim/market/yuma"
)

// Options are the inputs of one run besides its scenario.
type Options struct {
	Streams Streams       // the run's random streams
	Key     record.RunKey // written into every output row
	// Series and Events receive the run's rows as they are produced; nil discards them.
	// An error from either stops the run.
	Series func(*record.SeriesRow) error
	Events func(*record.EventRow) error
	// Check, if set, is called after every block (tests use it for conservation).
	Check func(*Sim) error
}

// Validator take on dividends, 11796/65535 (spec §8.2, §13).
const validatorTake = 11796.0 / 65535

// Sim is the state of one run: the chain, the ledger, the agents and the metrics. It is
// created by NewSim and advanced block by block by Step; Run does both. A Sim is owned by
// one goroutine.
type Sim struct {
	sc    *Scenario
	C     *market.Chain
	n     int
	Kinds []agents.Kind // current kind of each subnet index
	L     Ledger

	agents   []agents.Agent
	classOf  []string // per account: P&L class
	cal      *agents.Calendar
	due      []int32
	orders   []agents.Order
	isSpec   []bool // per account
	holders  []int  // speculators holding each subnet
	nSpec    int
	memeAt   []bool // subnet becomes a meme subnet at the takeover
	revenue  []bool
	rev      []float64 // revenue per day, TAO
	revAcc   []float64 // revenue accrued since the last epoch, TAO
	external float64   // TAO that entered the system from outside (revenue)

	// accounts per subnet
	owner, minersAcct, treasury []agents.AccountID
	validators                  [][]agents.AccountID
	rootVal                     []agents.AccountID
	intervening                 []bool // per root validator
	nAgents                     int
	// holdersOf lists, per subnet, the agent accounts holding its alpha (any order);
	// slot[a*n+i] is a's position in holdersOf[i], −1 if absent. Epoch payouts and meme
	// miner selection loop over holders only.
	holdersOf [][]agents.AccountID
	slot      []int32

	// Yuma
	V, R, M   int // alpha validators, root validators, miner columns per subnet
	yumas     []*yuma.State
	res       yuma.Result
	ws        []*mat.Dense // per subnet: the epoch's weight matrix
	stake     []float64
	quality   [][]float64
	miner     []float64          // scratch: miner payouts
	vals      []float64          // scratch: validator payouts
	top       []agents.AccountID // scratch: holder accounts scored as miners
	deleg     []float64          // scratch: delegated alpha per validator
	Burned    []float64          // alpha burned by the run (owner-uid incentive), per subnet
	lastEp    []int64
	yield     []float64 // holder yield per day, per subnet
	payout    []float64 // alpha paid to agent holders per day, per subnet, at its last epoch
	holderA   []float64 // alpha held by agents, per subnet
	rootShare []float64 // root validators' Yuma stake share, per subnet, at its last epoch

	// observation
	daily    [][]float64 // ring of daily price snapshots
	dailyY   [][]float64 // ring of daily holder-yield snapshots
	dayCount int
	E        float64

	// schedule and events
	schedule  []scheduled
	takeover  int64
	flagged   []int64 // block a subnet was flagged for intervention (−1: not flagged)
	interv    []int64 // block intervention started (−1: none)
	decided   []int64 // block the root validators decided, under either policy (−1: not yet)
	startRank []int   // per subnet: rank of its initial emission share (1 = largest)

	m metrics

	rng struct {
		clock, order, validator, revenue *rand.Rand
		byClass                          map[string]*rand.Rand
	}
	opt     Options
	initW   []float64 // initial wealth per account, TAO
	actions int64
}

type scheduled struct {
	block  int64
	preset string
	params market.Params
}

// NewSim builds the initial state of a run.
func NewSim(sc *Scenario, opt Options) (*Sim, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	s := &Sim{sc: sc, opt: opt, n: sc.Subnets.Count}
	n := s.n
	st := opt.Streams
	s.rng.clock = st.Stream("clock")
	s.rng.order = st.Stream("order")
	s.rng.validator = st.Stream("validator")
	s.rng.revenue = st.Stream("revenue")
	s.rng.byClass = map[string]*rand.Rand{}
	initRNG := st.Stream("init")

	params, err := sc.Params(sc.Mechanism.Preset, sc.Mechanism.Params, "mechanism")
	if err != nil {
		return nil, err
	}
	inits, cohortAlpha := s.initialSubnets(initRNG)
	s.C, err = market.New(params, inits, sc.Chain.RootStake, 1)
	if err != nil {
		return nil, err
	}
	for k, sw := range sc.Mechanism.Schedule {
		p, err := sc.Params(sw.Preset, sw.Params, fmt.Sprintf("mechanism.schedule[%d]", k))
		if err != nil {
			return nil, err
		}
		s.schedule = append(s.schedule, scheduled{block: 1 + int64(math.Round(sw.Day*agents.BlocksPerDay)), preset: sw.Preset, params: p})
	}

	// Kinds.
	s.Kinds = make([]agents.Kind, n)
	s.memeAt = make([]bool, n)
	s.revenue = make([]bool, n)
	for _, u := range sc.Subnets.Meme.Netuids {
		s.memeAt[u-1] = true
	}
	for _, u := range sc.Subnets.Revenue.Netuids {
		s.revenue[u-1] = true
		s.Kinds[u-1] = agents.Revenue
	}
	s.takeover = 1 + int64(math.Round(sc.Subnets.Meme.TakeoverDay*agents.BlocksPerDay))

	// Accounts: agents first, then per-subnet cohorts, then root validators.
	s.V, s.R = sc.Subnets.Validators, sc.Agents.RootValidators.Count
	s.M = max(sc.Subnets.Miners, sc.Subnets.Meme.HolderMiners)
	var accounts int
	newAcct := func(class string) agents.AccountID {
		s.classOf = append(s.classOf, class)
		accounts++
		return agents.AccountID(accounts - 1)
	}
	capital := st.Stream("capital")
	var initTAO []float64
	addAgents := func(class string, count int, cs CapitalSpec, mk func(id agents.AccountID, capital float64) agents.Agent) {
		for range count {
			id := newAcct(class)
			c := cs.Min
			if cs.Dist == "pareto" {
				c = cs.Min * math.Pow(1-capital.Float64(), -1/cs.Alpha)
			}
			initTAO = append(initTAO, c)
			s.agents = append(s.agents, mk(id, c))
		}
	}
	ag := sc.Agents
	addAgents("speculator", ag.Speculators.Count, ag.Speculators.Capital, func(id agents.AccountID, _ float64) agents.Agent {
		return agents.NewSpeculator(id, ag.Speculators.SpeculatorParams)
	})
	s.nSpec = ag.Speculators.Count
	addAgents("yield_staker", ag.YieldStakers.Count, ag.YieldStakers.Capital, func(id agents.AccountID, _ float64) agents.Agent {
		return &agents.YieldStaker{ID: id, P: ag.YieldStakers.YieldStakerParams}
	})
	addAgents("arbitrageur", ag.Arbitrageurs.Count, ag.Arbitrageurs.Capital, func(id agents.AccountID, c float64) agents.Agent {
		return &agents.Arbitrageur{ID: id, P: ag.Arbitrageurs.ArbitrageurParams, Capital: c, Reserves: func(i int) (float64, float64) {
			return s.C.S.TaoReserve[i], s.C.S.AlphaReserve[i]
		}}
	})
	addAgents("noise", ag.Noise.Count, ag.Noise.Capital, func(id agents.AccountID, _ float64) agents.Agent {
		return &agents.Noise{ID: id, P: ag.Noise.NoiseParams}
	})
	s.nAgents = len(s.agents)
	s.owner = make([]agents.AccountID, n)
	s.minersAcct = make([]agents.AccountID, n)
	s.treasury = make([]agents.AccountID, n)
	s.validators = make([][]agents.AccountID, n)
	for i := range n {
		s.owner[i] = newAcct("subnet_cohorts")
		s.minersAcct[i] = newAcct("subnet_cohorts")
		s.treasury[i] = newAcct("subnet_cohorts")
		for range s.V {
			s.validators[i] = append(s.validators[i], newAcct("subnet_cohorts"))
		}
	}
	rv := ag.RootValidators
	s.intervening = make([]bool, s.R)
	for range s.R {
		s.rootVal = append(s.rootVal, newAcct("root_validator"))
	}
	s.L = newLedger(accounts, n)
	copy(s.L.TAO, initTAO)
	// Root stake: validator 0 (the Foundation and those who follow it) holds
	// intervene_share of it and the others share the rest equally, under either policy,
	// so that the policy arms differ only in what validator 0 does once it decides.
	for k, id := range s.rootVal {
		share := 1.0
		if s.R > 1 {
			share = (1 - rv.InterveneShare) / float64(s.R-1)
			if k == 0 {
				share = rv.InterveneShare
			}
		}
		s.L.Root[id] = share * sc.Chain.RootStake
	}
	s.intervening[0] = rv.Policy == "intervene"
	// Initial outstanding alpha belongs to the subnet's cohorts: validators 50%, miners
	// 30%, owner 20%.
	for i := range n {
		o := cohortAlpha[i]
		for _, v := range s.validators[i] {
			s.L.addAlpha(v, i, 0.5*o/float64(s.V))
		}
		s.L.addAlpha(s.minersAcct[i], i, 0.3*o)
		s.L.addAlpha(s.owner[i], i, 0.2*o)
	}
	s.holdersOf = make([][]agents.AccountID, n)
	s.slot = make([]int32, s.nAgents*n)
	for k := range s.slot {
		s.slot[k] = -1
	}
	s.isSpec = make([]bool, accounts)
	for k := range s.nSpec {
		s.isSpec[k] = true
	}
	s.holders = make([]int, n)

	// Yuma: uid 0 burn, 1..V alpha validators, then R root validators, then M miners.
	// Meme subnets need room for their holder-miners; the others only for their cohorts.
	yp := yuma.DefaultParams()
	s.yumas = make([]*yuma.State, n)
	s.ws = make([]*mat.Dense, n)
	s.quality = make([][]float64, n)
	qrng := st.Stream("quality")
	nu := 0
	for i := range n {
		ni := 1 + s.V + s.R + sc.Subnets.Miners
		if s.memeAt[i] {
			ni = 1 + s.V + s.R + s.M
		}
		nu = max(nu, ni)
		if s.yumas[i], err = yuma.New(ni, yp); err != nil {
			return nil, err
		}
		s.ws[i] = mat.NewDense(ni, ni, nil)
		s.quality[i] = make([]float64, sc.Subnets.Miners)
		for j := range s.quality[i] {
			s.quality[i][j] = math.Exp(sc.Subnets.Utility.QualitySigma * qrng.NormFloat64())
		}
	}
	s.stake = make([]float64, nu)
	s.miner = make([]float64, nu)
	s.vals = make([]float64, nu)
	s.deleg = make([]float64, s.V)
	s.Burned = make([]float64, n)
	s.lastEp = make([]int64, n)
	for i := range s.lastEp {
		s.lastEp[i] = 1
	}
	s.yield = make([]float64, n)
	s.payout = make([]float64, n)
	s.holderA = make([]float64, n)
	s.rootShare = make([]float64, n)
	s.rev = make([]float64, n)
	s.revAcc = make([]float64, n)
	for i := range n {
		if s.revenue[i] {
			s.rev[i] = sc.Subnets.Revenue.TaoPerDay
		}
	}
	s.flagged = make([]int64, n)
	s.interv = make([]int64, n)
	s.decided = make([]int64, n)
	for i := range n {
		s.flagged[i], s.interv[i], s.decided[i] = -1, -1, -1
	}
	s.daily = make([][]float64, 32)
	s.dailyY = make([][]float64, 32)
	for d := range s.daily {
		s.daily[d] = make([]float64, n)
		s.dailyY[d] = make([]float64, n)
	}
	s.snapshotDay()

	s.cal = agents.NewCalendar(8192)
	arrive := 1 + int64(math.Round(sc.Agents.Speculators.ArriveDay*agents.BlocksPerDay))
	for k, a := range s.agents {
		start := int64(1)
		if k < s.nSpec {
			start = arrive
		}
		s.cal.Push(start+agents.NextDelay(a.Rate(), s.rng.clock)-1, int32(k))
	}
	s.initW = make([]float64, accounts)
	for a := range accounts {
		s.initW[a] = s.wealth(agents.AccountID(a))
	}
	s.m.init(s)
	return s, nil
}

// initialSubnets builds the subnets' initial pools and returns them with the outstanding
// alpha of each (held by its cohorts).
func (s *Sim) initialSubnets(rng *rand.Rand) ([]market.SubnetInit, []float64) {
	sc := s.sc
	n := s.n
	// Zipf weights over a random permutation of ranks: the pre-dTAO emission split.
	perm := rng.Perm(n)
	// subnets.meme.start_rank puts the first meme subnet at that rank by swapping ranks
	// with the subnet that drew it: the draw, and so every other stream, is unchanged.
	if r := sc.Subnets.Meme.StartRank; r > 0 {
		m := sc.Subnets.Meme.Netuids[0] - 1
		j := slices.Index(perm, r-1)
		perm[m], perm[j] = perm[j], perm[m]
	}
	s.startRank = make([]int, n)
	for i := range n {
		s.startRank[i] = perm[i] + 1
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
	return inits, out
}

// Run simulates sc and returns its summary row. It stops early, with ctx's error, when
// ctx is cancelled.
func Run(ctx context.Context, sc *Scenario, opt Options) (*record.RunRow, error) {
	s, err := NewSim(sc, opt)
	if err != nil {
		return nil, err
	}
	blocks := int64(math.Round(sc.Days * agents.BlocksPerDay))
	for b := int64(0); b < blocks; b++ {
		if b%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err := s.Step(); err != nil {
			return nil, fmt.Errorf("block %d: %w", s.C.Block-1, err)
		}
	}
	return s.Finish(), nil
}

// Step runs one block: scheduled switches, agents' orders, the chain's coinbase,
// epochs with Yuma and payouts, then metrics and recording (DESIGN.md §3).
func (s *Sim) Step() error {
	b := s.C.Block
	for len(s.schedule) > 0 && s.schedule[0].block == b {
		sw := s.schedule[0]
		s.schedule = s.schedule[1:]
		if err := s.C.SetParams(sw.params); err != nil {
			return err
		}
		if err := s.event(b, "preset_switch", -1, 0, sw.preset); err != nil {
			return err
		}
	}
	if b == s.takeover && s.sc.Subnets.Meme.Takeover {
		for i := range s.n {
			if s.memeAt[i] {
				s.Kinds[i] = agents.Meme
				s.yumas[i].Reset()
				if err := s.event(b, "takeover", i, s.C.Price(i), "validators score miners by alpha held"); err != nil {
					return err
				}
				if s.sc.Agents.RootValidators.Detect == "holdings" && s.flagged[i] < 0 {
					s.flagged[i] = b
				}
			}
		}
	}
	if err := s.interventions(b); err != nil {
		return err
	}

	// Agents whose clocks fire decide; orders execute in a seeded random order.
	s.due = s.cal.Due(b, s.due[:0])
	s.orders = s.orders[:0]
	for _, k := range s.due {
		a := s.agents[k]
		s.orders = a.Act(s, s.classRNG(a.Class()), s.orders)
		s.cal.Push(b+agents.NextDelay(a.Rate(), s.rng.clock), k)
		s.actions++
	}
	s.rng.order.Shuffle(len(s.orders), func(i, j int) { s.orders[i], s.orders[j] = s.orders[j], s.orders[i] })
	for _, o := range s.orders {
		s.execute(o)
	}

	prevE := s.C.E
	s.C.Step()
	s.E = s.C.E
	if prevE != 0 && s.E != prevE {
		if err := s.event(b, "halving", -1, s.E, "TAO block emission changed"); err != nil {
			return err
		}
	}
	for i := range s.n {
		if s.C.Last.Epoch[i] {
			s.epoch(i, b)
		}
	}
	if (b-s.C.StartBlock)%agents.BlocksPerDay == agents.BlocksPerDay-1 {
		s.snapshotDay()
		s.updateRevenue()
		if err := s.detectPumps(b); err != nil {
			return err
		}
	}
	if err := s.m.observe(s, b); err != nil {
		return err
	}
	if s.opt.Series != nil && (b-s.C.StartBlock)%int64(s.sc.RecordEvery) == 0 {
		if err := s.record(b); err != nil {
			return err
		}
	}
	if s.opt.Check != nil {
		return s.opt.Check(s)
	}
	return nil
}

func (s *Sim) classRNG(class string) *rand.Rand {
	r, ok := s.rng.byClass[class]
	if !ok {
		r = s.opt.Streams.Stream("agent:" + class)
		s.rng.byClass[class] = r
	}
	return r
}

// execute carries out one order through the market, clipped to the account's balance.
// Refused trades (min_reserve) are dropped.
func (s *Sim) execute(o agents.Order) {
	a, i := o.Account, o.Subnet
	if o.Sell {
		amt := min(o.Amount, s.L.Alpha(a, i))
		if amt <= 0 {
			return
		}
		tao, err := s.C.Sell(i, amt)
		if err != nil {
			return
		}
		s.L.sell(a, i, amt, tao)
		s.holderA[i] -= amt
		if s.L.Alpha(a, i) == 0 {
			s.dropHolder(a, i)
			if s.isSpec[a] {
				s.holders[i]--
			}
		}
		return
	}
	amt := min(o.Amount, s.L.TAO[a])
	if amt <= 0 {
		return
	}
	alpha, err := s.C.Buy(i, amt)
	if err != nil {
		return
	}
	if s.L.Alpha(a, i) == 0 {
		s.addHolder(a, i)
		if s.isSpec[a] {
			s.holders[i]++
		}
	}
	s.L.buy(a, i, amt, alpha)
	s.holderA[i] += alpha
}

// addHolder puts agent account a into subnet i's holder set.
func (s *Sim) addHolder(a agents.AccountID, i int) {
	k := int(a)*s.n + i
	if s.slot[k] >= 0 {
		return
	}
	s.slot[k] = int32(len(s.holdersOf[i]))
	s.holdersOf[i] = append(s.holdersOf[i], a)
}

// dropHolder removes agent account a from subnet i's holder set.
func (s *Sim) dropHolder(a agents.AccountID, i int) {
	k := int(a)*s.n + i
	pos := s.slot[k]
	if pos < 0 {
		return
	}
	h := s.holdersOf[i]
	last := h[len(h)-1]
	h[pos] = last
	s.slot[int(last)*s.n+i] = pos
	s.holdersOf[i] = h[:len(h)-1]
	s.slot[k] = -1
}

// sellCohort sells amt alpha of account a on subnet i for TAO (emission sellers).
func (s *Sim) sellCohort(a agents.AccountID, i int, amt float64) {
	amt = min(amt, s.L.Alpha(a, i))
	if amt <= 0 {
		return
	}
	if tao, err := s.C.Sell(i, amt); err == nil {
		s.L.sell(a, i, amt, tao)
	}
}

// epoch runs Yuma for subnet i and pays out the epoch's alpha and root dividends
// (spec §8.2, §12; DESIGN.md §3 step 3).
func (s *Sim) epoch(i int, b int64) {
	c := s.C
	V, R := s.V, s.R
	kind := s.Kinds[i]
	// Stake: alpha validators hold their own alpha plus what agents delegate to them
	// (agent a delegates to validator a mod V); root validators weigh in with
	// tao_weight × root stake (spec §12.1).
	clear(s.deleg)
	holderAlpha := 0.0
	for _, a := range s.holdersOf[i] {
		x := s.L.Alpha(a, i)
		s.deleg[int(a)%V] += x
		holderAlpha += x
	}
	nu := s.yumas[i].N()
	stake := s.stake[:nu]
	clear(stake)
	alphaStake := 0.0
	for v, id := range s.validators[i] {
		stake[1+v] = s.L.Alpha(id, i) + s.deleg[v]
		alphaStake += stake[1+v]
	}
	rootStake := 0.0
	for r, id := range s.rootVal {
		stake[1+V+r] = c.P.TaoWeight * s.L.Root[id]
		rootStake += stake[1+V+r]
	}
	if total := alphaStake + rootStake; total > 0 {
		s.rootShare[i] = rootStake / total
	}

	// Miner columns and weights.
	w := s.ws[i]
	w.Zero()
	s.top = s.top[:0]
	nm := 0
	if kind == agents.Meme {
		s.top = s.topHolders(i, s.sc.Subnets.Meme.HolderMiners, s.top)
		nm = len(s.top)
	} else {
		nm = len(s.quality[i])
	}
	noise := s.sc.Subnets.Utility.ScoreNoise
	intervene := s.interv[i] >= 0
	for u := 1; u <= V+R; u++ {
		if u > V && intervene && s.intervening[u-1-V] {
			w.Set(u, 0, 1) // all weight on the burn uid
			continue
		}
		dst := w.RawRowView(u)[1+V+R : 1+V+R+nm]
		if kind == agents.Meme {
			for k, a := range s.top {
				dst[k] = s.L.Alpha(a, i)
			}
		} else {
			agents.QualityWeights(dst, s.quality[i], noise, s.rng.validator)
		}
	}
	y := s.yumas[i]
	if err := y.Epoch(&s.res, stake, w, nil); err != nil {
		panic(fmt.Sprintf("experiments: Yuma inputs are built by the run and must be valid: %v", err))
	}
	r := &s.res

	// Incentive decides the miner bucket; with no incentive at all, validators get it too
	// (spec §8.2). Validators are paid first, on the stakes the epoch was run with.
	distMiner := c.Last.DistMiner[i]
	distVal := c.Last.DistValidator[i]
	sumI := 0.0
	for _, x := range r.Incentive {
		sumI += x
	}
	if sumI == 0 {
		distVal += distMiner
	}
	paidHolders := 0.0

	// Validators: the alpha bucket among alpha validators by dividends (by stake if
	// none has dividends); each keeps its take and pays the rest to its stakers pro rata
	// (spec §8.2, simplified: no child keys).
	dsum := 0.0
	for v := range V {
		dsum += r.Dividends[1+v]
	}
	valGotBefore := 0.0
	for _, id := range s.validators[i] {
		valGotBefore += s.L.Alpha(id, i)
	}
	for v, id := range s.validators[i] {
		var x float64
		switch {
		case dsum > 0:
			x = distVal * r.Dividends[1+v] / dsum
		case alphaStake > 0:
			x = distVal * stake[1+v] / alphaStake
		default:
			x = distVal / float64(V)
		}
		take := validatorTake * x
		rest := x - take
		own := s.L.Alpha(id, i)
		st := stake[1+v]
		s.L.addAlpha(id, i, take)
		if st <= 0 {
			s.L.addAlpha(id, i, rest)
			continue
		}
		s.L.addAlpha(id, i, rest*own/st)
		if s.deleg[v] > 0 {
			for _, a := range s.holdersOf[i] {
				if int(a)%V != v {
					continue
				}
				pay := rest * s.L.Alpha(a, i) / st
				s.L.addAlpha(a, i, pay)
				paidHolders += pay
			}
		}
	}
	// Miners: incentive share of the miner bucket; the burn uid's share is burned; if
	// no uid has incentive, validators get the miner bucket too (spec §8.2).
	minerGot := 0.0
	if sumI > 0 {
		s.Burned[i] += distMiner * r.Incentive[0] / sumI
		for k := range nm {
			x := distMiner * r.Incentive[1+V+R+k] / sumI
			if x == 0 {
				continue
			}
			if kind == agents.Meme {
				s.L.addAlpha(s.top[k], i, x)
				paidHolders += x
			} else {
				s.L.addAlpha(s.minersAcct[i], i, x)
				minerGot += x
			}
		}
	}

	valGot := -valGotBefore
	for _, id := range s.validators[i] {
		valGot += s.L.Alpha(id, i)
	}
	s.L.addAlpha(s.owner[i], i, c.Last.DistOwner[i])

	// Root: TAO (sell modes) or alpha (claim_keep, refused sells) among root validators
	// by dividends (by root stake if none has dividends).
	rsum := 0.0
	for k := range R {
		rsum += r.Dividends[1+V+k]
	}
	for k, id := range s.rootVal {
		var share float64
		switch {
		case rsum > 0:
			share = r.Dividends[1+V+k] / rsum
		case rootStake > 0:
			share = stake[1+V+k] / rootStake
		default:
			share = 1 / float64(R)
		}
		if paid := c.Last.RootTAOPaid[i] * share; paid > 0 {
			if c.P.RootCompound {
				s.L.Root[id] += paid
			} else {
				s.L.TAO[id] += paid
			}
		}
		// Root alpha is paid as alpha unless the chain sold it at the epoch.
		if ra := c.Last.DistRootAlpha[i] * share; ra > 0 && c.P.RootMode != market.RootClaimSellAtEpoch {
			s.L.addAlpha(id, i, ra)
		}
	}

	s.holderA[i] = holderAlpha + paidHolders // exact after the epoch's payouts
	days := float64(b-s.lastEp[i]) / agents.BlocksPerDay
	s.lastEp[i] = b
	s.yield[i], s.payout[i] = 0, 0
	if days > 0 {
		s.payout[i] = paidHolders / days
		if holderAlpha > 0 {
			s.yield[i] = s.payout[i] / holderAlpha
		}
	}
	if s.interv[i] >= 0 && math.IsNaN(s.m.clip[i]) {
		holderShare := 0.0
		if sumI > 0 {
			for k := range nm {
				holderShare += r.Incentive[1+V+R+k] / sumI
			}
		}
		s.m.clipped(i, holderShare)
		s.event(b, "intervention_clip", i, holderShare, "holders' share of miner incentive at the first epoch after the intervention")
	}

	// Emission sellers and buybacks (utility and revenue subnets).
	if kind != agents.Meme {
		u := s.sc.Subnets.Utility
		s.sellCohort(s.minersAcct[i], i, u.MinerSell*minerGot)
		for _, id := range s.validators[i] {
			s.sellCohort(id, i, u.ValidatorSell*max(valGot, 0)/float64(V))
		}
		s.sellCohort(s.owner[i], i, u.OwnerSell*c.Last.DistOwner[i])
	}
	if s.revenue[i] && s.revAcc[i] > 0 {
		spend := s.sc.Subnets.Revenue.BuybackFraction * s.revAcc[i]
		s.revAcc[i] = 0
		t := s.treasury[i]
		s.L.TAO[t] += spend
		s.external += spend
		if alpha, err := s.C.Buy(i, spend); err == nil {
			s.L.buy(t, i, spend, alpha)
			if s.sc.Subnets.Revenue.Burn {
				s.L.addAlpha(t, i, -alpha)
				s.Burned[i] += alpha
			}
		}
	}
}

// topHolders returns up to k agent accounts holding the most alpha of subnet i, most
// first (ties by account id).
func (s *Sim) topHolders(i, k int, dst []agents.AccountID) []agents.AccountID {
	dst = append(dst, s.holdersOf[i]...)
	sort.Slice(dst, func(x, y int) bool {
		ax, ay := s.L.Alpha(dst[x], i), s.L.Alpha(dst[y], i)
		if ax != ay {
			return ax > ay
		}
		return dst[x] < dst[y]
	})
	if len(dst) > k {
		dst = dst[:k]
	}
	return dst
}

// interventions takes the root validators' decision on subnets flagged for at least the
// detection delay, under either policy, so that the arms pair up; only with the policy
// "intervene" does the decision start the intervention.
func (s *Sim) interventions(b int64) error {
	rv := s.sc.Agents.RootValidators
	delay := int64(math.Round(rv.DetectionDelayDays * agents.BlocksPerDay))
	for i := range s.n {
		if s.flagged[i] >= 0 && s.decided[i] < 0 && b >= s.flagged[i]+delay {
			s.decided[i] = b
			s.m.decide(s, i, b)
			if rv.Policy != "intervene" {
				if err := s.event(b, "decision", i, s.rootShare[i], "passive policy: the root validators would intervene now and do not"); err != nil {
					return err
				}
				continue
			}
			s.interv[i] = b
			s.m.startIntervention(s, i, b)
			if err := s.event(b, "intervention", i, s.rootShare[i], "root validators' Yuma stake share in the subnet at its last epoch"); err != nil {
				return err
			}
		}
	}
	return nil
}

// detectPumps flags pumped subnets under the "pump" rule, once a day, under either policy.
func (s *Sim) detectPumps(b int64) error {
	rv := s.sc.Agents.RootValidators
	if rv.Detect != "pump" {
		return nil
	}
	for i := range s.n {
		if s.flagged[i] < 0 && agents.PumpDetected(s.Kinds[i], s.C.Price(i), s.PriceDaysAgo(i, rv.PumpDays), rv.PumpFactor) {
			s.flagged[i] = b
			if err := s.event(b, "flagged", i, s.C.Price(i), "price pump without revenue"); err != nil {
				return err
			}
		}
	}
	return nil
}

// updateRevenue advances each revenue subnet's revenue one day along a geometric
// Brownian motion and accrues it.
func (s *Sim) updateRevenue() {
	rv := s.sc.Subnets.Revenue
	const dt = 1.0 / 365
	for i := range s.n {
		if !s.revenue[i] {
			continue
		}
		s.revAcc[i] += s.rev[i]
		s.rev[i] *= math.Exp((rv.Drift-rv.Volatility*rv.Volatility/2)*dt + rv.Volatility*math.Sqrt(dt)*s.rng.revenue.NormFloat64())
	}
}

func (s *Sim) snapshotDay() {
	d := s.daily[s.dayCount%len(s.daily)]
	for i := range s.n {
		d[i] = s.C.Price(i)
	}
	copy(s.dailyY[s.dayCount%len(s.dailyY)], s.yield)
	s.dayCount++
}

func (s *Sim) event(b int64, typ string, i int, value float64, detail string) error {
	netuid := int32(-1)
	if i >= 0 {
		netuid = int32(s.C.S.Netuid[i])
	}
	s.m.events++
	if s.opt.Events == nil {
		return nil
	}
	return s.opt.Events(&record.EventRow{RunKey: s.opt.Key, Block: b, Day: float64(b-s.C.StartBlock) / agents.BlocksPerDay,
		Type: typ, Netuid: netuid, Value: value, Detail: detail})
}

func (s *Sim) record(b int64) error {
	c := s.C
	for i := range s.n {
		ha := s.holderA[i]
		row := record.SeriesRow{
			RunKey: s.opt.Key, Block: b, Day: float64(b-c.StartBlock) / agents.BlocksPerDay,
			Netuid: int32(c.S.Netuid[i]), Kind: s.Kinds[i].String(), Mechanism: s.mechanismName(),
			Price: c.Price(i), MovingPrice: c.S.MovingPrice[i], TaoReserve: c.S.TaoReserve[i], AlphaReserve: c.S.AlphaReserve[i],
			AlphaOutstanding: c.S.AlphaOut[i], AlphaIssuance: c.AlphaIssuance(i), EmissionShare: c.Last.Share[i],
			TaoEmission: c.Last.TaoEmission[i], RootProp: c.Last.RootProp[i], RootStakeShare: s.rootShare[i],
			HolderAlpha: ha, FlowEMA: c.S.FlowEMA[i], TaoIssuance: c.TaoIssuance, RootTAO: c.RootTAO,
		}
		if err := s.opt.Series(&row); err != nil {
			return err
		}
	}
	return nil
}

func (s *Sim) mechanismName() string {
	name := s.sc.Mechanism.Preset
	for _, sw := range s.sc.Mechanism.Schedule {
		if 1+int64(math.Round(sw.Day*agents.BlocksPerDay)) <= s.C.Block-1 {
			name = sw.Preset
		}
	}
	return name
}

// wealth marks an account to market: free TAO, root stake, and alpha at spot prices.
func (s *Sim) wealth(a agents.AccountID) float64 {
	w := s.L.TAO[a] + s.L.Root[a]
	for i := range s.n {
		if x := s.L.Alpha(a, i); x != 0 {
			w += x * s.C.Price(i)
		}
	}
	return w
}

// Finish computes the run's summary row.
func (s *Sim) Finish() *record.RunRow {
	return s.m.finish(s)
}

// The agents.View implementation.

func (s *Sim) Block() int64                { return s.C.Block }
func (s *Sim) N() int                      { return s.n }
func (s *Sim) Kind(i int) agents.Kind      { return s.Kinds[i] }
func (s *Sim) Price(i int) float64         { return s.C.Price(i) }
func (s *Sim) EmissionShare(i int) float64 { return s.C.Last.Share[i] }
func (s *Sim) TaoEmissionPerDay(i int) float64 {
	return s.C.E * s.C.Last.Share[i] * agents.BlocksPerDay
}
func (s *Sim) HolderYield(i int) float64  { return s.yield[i] }
func (s *Sim) HolderPayout(i int) float64 { return s.payout[i] }
func (s *Sim) HolderAlpha(i int) float64  { return s.holderA[i] }
func (s *Sim) AlphaPerDay(i int) float64 {
	return (s.C.Last.AlphaIn[i] + s.C.Last.AlphaEmission[i]) * agents.BlocksPerDay
}
func (s *Sim) BuybackPerDay(i int) float64 {
	if !s.revenue[i] {
		return 0
	}
	return s.sc.Subnets.Revenue.BuybackFraction * s.rev[i]
}
func (s *Sim) AlphaIssuance(i int) float64            { return s.C.AlphaIssuance(i) }
func (s *Sim) QuoteBuy(i int, tao float64) float64    { return s.C.QuoteBuy(i, tao) }
func (s *Sim) QuoteSell(i int, alpha float64) float64 { return s.C.QuoteSell(i, alpha) }
func (s *Sim) TAO(a agents.AccountID) float64         { return s.L.TAO[a] }
func (s *Sim) Alpha(a agents.AccountID, i int) float64 {
	return s.L.Alpha(a, i)
}
func (s *Sim) Cost(a agents.AccountID, i int) float64 { return s.L.Cost[int(a)*s.n+i] }
func (s *Sim) Holders(i int) int                      { return s.holders[i] }
func (s *Sim) Speculators() int                       { return s.nSpec }

// PriceDaysAgo returns the price at the daily snapshot `days` ago (the oldest kept if
// the run is younger).
func (s *Sim) PriceDaysAgo(i int, days int) float64 {
	d := min(days, s.dayCount-1, len(s.daily)-1)
	return s.daily[(s.dayCount-1-d)%len(s.daily)][i]
}

// HolderYieldDaysAgo returns the holder yield at the daily snapshot `days` ago.
func (s *Sim) HolderYieldDaysAgo(i int, days int) float64 {
	d := min(days, s.dayCount-1, len(s.dailyY)-1)
	return s.dailyY[(s.dayCount-1-d)%len(s.dailyY)][i]
}

var _ agents.View = (*Sim)(nil)
