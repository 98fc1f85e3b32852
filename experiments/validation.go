package experiments

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"

	"dtaosim/agents"
	"dtaosim/market/yuma"
)

// validation is the third phase of a block (docs/agents.md, "The block loop" step 3): at
// each subnet's epoch, its validators' stakes, their weights by the subnet kind's rule
// (kinds.go), Yuma consensus (market/yuma), and the payouts (payouts.go). It owns each
// subnet's Yuma state and what the epochs tell agents: the holder yield and payout.
//
// Each subnet's Yuma has uid 0, the burn uid; uids 1..V, its alpha validators; V+1..V+R,
// the root validators; then its miner columns (quality cohorts, or on a meme subnet its
// largest holders).
type validation struct {
	V, R         int // alpha and root validators per subnet
	yumas        []*yuma.State
	ws           []*mat.Dense // per subnet: the epoch's weight matrix
	res          yuma.Result
	quality      [][]float64 // per subnet: its miner cohorts' latent quality
	noise        float64     // validators' relative score noise
	holderMiners int         // a meme subnet's miners: its largest holders
	paidHolders  string      // whose alpha a meme subnet scores (subnets.meme.paid_holders)
	unpaid       bool        // mechanism.dividend_fallback "none" or "": without alpha validator dividends, no one gets the validator alpha
	rng          *rand.Rand  // stream "validator": score noise

	stake    []float64          // scratch: the epoch's stake per uid
	deleg    []float64          // scratch: alpha agents delegate to each alpha validator
	ranked   []holding          // scratch: a meme subnet's holders, most alpha first
	cohorts  []agents.AccountID // scratch: the cohort accounts a meme subnet also scores (paidCohorts)
	top      []agents.AccountID // scratch: holder accounts scored as miners
	holdings []float64          // scratch: their alpha
	colW     []float64          // scratch: consensus weight per miner column
	colHold  []float64          // scratch: alpha held per miner column's account

	rules  StakeRules // validation-level designs in force (stakedesign.go)
	ystake []float64  // scratch: the stake Yuma sees under them
	sorted []float64  // scratch: positive validator stakes, sorted

	lastEpoch []int64   // per subnet: block of its last epoch
	yield     []float64 // per subnet: holder yield per day at its last epoch
	payout    []float64 // per subnet: alpha paid to agent holders per day at its last epoch
	rootShare []float64 // per subnet: root validators' Yuma stake share at its last epoch
}

// newValidation sizes every subnet's Yuma (meme subnets get room for their holder
// miners), with the version and κ of the scenario's preset and mechanism.yuma, and draws the miner cohorts' latent quality from stream "quality".
func newValidation(sc *Scenario, memeAt []bool, st Streams) (validation, error) {
	n, sn := sc.Subnets.Count, sc.Subnets
	v := validation{
		V: sn.Validators, R: sc.Agents.RootValidators.Count,
		yumas: make([]*yuma.State, n), ws: make([]*mat.Dense, n), quality: make([][]float64, n),
		noise: sn.Utility.ScoreNoise, holderMiners: sn.Meme.HolderMiners, paidHolders: sn.Meme.PaidHolders, rng: st.Stream("validator"),
		unpaid:    sc.Mechanism.DividendFallback != FallbackStake,
		lastEpoch: make([]int64, n), yield: make([]float64, n), payout: make([]float64, n), rootShare: make([]float64, n),
	}
	yp, err := sc.Yuma(sc.Mechanism.Preset, sc.Mechanism.Yuma, "mechanism")
	if err != nil {
		return v, err
	}
	qrng := st.Stream("quality")
	nu := 0
	for i := range n {
		ni := 1 + v.V + v.R + sn.Miners
		if memeAt[i] {
			ni = 1 + v.V + v.R + max(sn.Miners, sn.Meme.HolderMiners)
		}
		nu = max(nu, ni)
		if v.yumas[i], err = yuma.New(ni, yp); err != nil {
			return v, err
		}
		v.ws[i] = mat.NewDense(ni, ni, nil)
		v.quality[i] = make([]float64, sn.Miners)
		for j := range v.quality[i] {
			v.quality[i][j] = math.Exp(sn.Utility.QualitySigma * qrng.NormFloat64())
		}
		v.lastEpoch[i] = 1
	}
	v.stake = make([]float64, nu)
	v.deleg = make([]float64, v.V)
	return v, nil
}

// validate is the third phase of block b: every subnet whose epoch fired runs Yuma and
// pays out; the observers learn whether an intervention clipped the holders; utility
// and revenue subnets' cohorts sell, and revenue subnets buy back.
func (s *Sim) validate(b int64) error {
	for _, i := range s.C.Fired() { // those with C.Last.Epoch[i], in index order
		kind := s.Kinds[i]
		p := s.val.epoch(&s.world, i, b, s.root.burning(i))
		if s.root.watching(i) {
			if err := s.root.observeWeights(b, i, s.val.holdingsCorrelation(&s.world, i), s.C.Last.Share[i], &s.obs.ev); err != nil {
				return err
			}
		}
		if s.root.started[i] >= 0 {
			if err := s.obs.interv.epoch(b, i, s.val.holderIncentive(p), &s.obs.ev); err != nil {
				return err
			}
		}
		s.kinds.sellEmission(&s.world, i, kind, p)
		s.rev.buyback(&s.world, i)
	}
	return nil
}

// epoch runs subnet i's epoch at block b (spec §8.2, §12): stakes, weights, Yuma, and
// payouts. Root validators marked in burn (nil: none) put all their weight on the burn
// uid instead of scoring miners. It returns what the epoch paid.
func (v *validation) epoch(w *world, i int, b int64, burn []bool) epochPay {
	alphaStake, rootStake, holderAlpha := v.stakes(w, i)
	nm := v.weights(w, i, burn)
	if err := v.yumas[i].Epoch(&v.res, v.yumaStake(i), v.ws[i], nil); err != nil {
		panic(fmt.Sprintf("experiments: Yuma inputs are built by the run and must be valid: %v", err))
	}
	p := v.pay(w, i, nm, alphaStake, rootStake)
	v.settle(w, i, b, holderAlpha, p.holders)
	return p
}

// stakes fills the stake of subnet i's uids (spec §12.1): an alpha validator holds its
// own alpha plus what agents delegate to it (agent a delegates to validator a mod V:
// buying alpha is staking it); a root validator weighs in with tao_weight × its root
// stake. It returns the alpha validators' and root validators' totals and the alpha
// agents hold, and records root's share.
func (v *validation) stakes(w *world, i int) (alphaStake, rootStake, holderAlpha float64) {
	clear(v.deleg)
	group := w.hold.groups(v.V) // a mod V
	for _, a := range w.hold.of[i] {
		x := w.L.Alpha(a, i)
		v.deleg[group[a]] += x
		holderAlpha += x
	}
	stake := v.stake[:v.yumas[i].N()]
	clear(stake)
	for k, id := range w.acct.validators[i] {
		stake[1+k] = w.L.Alpha(id, i) + v.deleg[k]
		alphaStake += stake[1+k]
	}
	for r, id := range w.acct.root {
		stake[1+v.V+r] = w.C.P.TaoWeight * w.L.Root[id]
		rootStake += stake[1+v.V+r]
	}
	if total := alphaStake + rootStake; total > 0 {
		v.rootShare[i] = rootStake / total
	}
	return alphaStake, rootStake, holderAlpha
}

// weights fills subnet i's weight matrix: every validator scores the miners by the
// subnet kind's rule (pickMiners, score), except root validators marked in burn. It
// returns the number of miner columns.
func (v *validation) weights(w *world, i int, burn []bool) int {
	m := v.ws[i]
	m.Zero()
	nm := v.pickMiners(w, i)
	first := 1 + v.V + v.R // first miner column
	for u := 1; u <= v.V+v.R; u++ {
		if u > v.V && burn != nil && burn[u-1-v.V] {
			m.Set(u, 0, 1) // all weight on the burn uid
			continue
		}
		v.score(w, i, m.RawRowView(u)[first:first+nm])
	}
	return nm
}

// holdingsCorrelation returns what the chain shows of subnet i's last epoch (its
// weights and balances, which are public): the correlation, across its miner columns,
// of its validators' stake-weighted mean weight (each validator's row normalized) with
// the alpha held by each column's account before the epoch paid out
// (agents.HoldingsCorrelation). A meme subnet's columns are its largest holders; a
// utility or revenue subnet's cohorts are all paid into one account, so their holdings
// do not vary across columns and the correlation is 0.
func (v *validation) holdingsCorrelation(w *world, i int) float64 {
	nm := len(v.quality[i])
	if w.Kinds[i] == agents.Meme {
		nm = len(v.holdings)
	}
	first := 1 + v.V + v.R
	v.colW = slices.Grow(v.colW[:0], nm)[:nm]
	clear(v.colW)
	for u := 1; u < first; u++ {
		row := v.ws[i].RawRowView(u)[first : first+nm]
		sum := 0.0
		for _, x := range row {
			sum += x
		}
		if sum <= 0 {
			continue
		}
		for j, x := range row {
			v.colW[j] += v.stake[u] * x / sum
		}
	}
	v.colHold = v.colHold[:0]
	if w.Kinds[i] == agents.Meme {
		v.colHold = append(v.colHold, v.holdings...)
	} else {
		h := w.L.Alpha(w.acct.miners[i], i)
		for range nm {
			v.colHold = append(v.colHold, h)
		}
	}
	return agents.HoldingsCorrelation(v.colW, v.colHold)
}

// settle records what subnet i's agent holders were paid at its epoch at block b:
// their exact alpha, and the holder payout and yield per day since the last epoch.
func (v *validation) settle(w *world, i int, b int64, holderAlpha, paid float64) {
	w.hold.alpha[i] = holderAlpha + paid
	days := float64(b-v.lastEpoch[i]) / agents.BlocksPerDay
	v.lastEpoch[i] = b
	v.yield[i], v.payout[i] = 0, 0
	if days > 0 {
		v.payout[i] = paid / days
		if holderAlpha > 0 {
			v.yield[i] = v.payout[i] / holderAlpha
		}
	}
}

// holderIncentive returns the miners' share of the last epoch's incentive (p its
// payouts): on a meme subnet, what its holder miners earn (the agents and, under
// subnets.meme.paid_holders, the cohorts' accounts); 0 when the intervention clipped
// them.
func (v *validation) holderIncentive(p epochPay) float64 {
	share := 0.0
	if p.incentive > 0 {
		for k := range p.minerCols {
			share += v.res.Incentive[1+v.V+v.R+k] / p.incentive
		}
	}
	return share
}
