package market

import (
	"errors"
	"fmt"
	"math"
)

// SubnetInit is the initial state of one subnet (replay.md, "subnets").
type SubnetInit struct {
	Netuid           int     // > 0
	TaoReserve       float64 // SubnetTAO, TAO
	AlphaReserve     float64 // SubnetAlphaIn, alpha
	AlphaIssuance    float64 // SubnetAlphaIn + SubnetAlphaOut, alpha (≥ AlphaReserve)
	MovingPrice      float64 // SubnetMovingPrice, TAO/alpha
	BlocksSinceStart float64 // blocks since start_call at the first block (EMA warm-up)
	FlowEMA          float64 // EMA of user TAO flow, TAO/block
	ProtocolFlowEMA  float64 // EMA of protocol TAO flow, TAO/block
	MinerBurned      float64 // share of miner emission withheld, fraction
	EmissionDisabled bool    // true: zero TAO share, others renormalised
	QuoteWeight      float64 // balancer TAO weight; 0 means 0.5 (constant product)
}

// DefaultBlocksSinceStart is the subnet age assumed when a scenario gives none: old
// enough that the EMA warm-up factor b/(b+h) is ≈ 0.98 at h = 201,600.
const DefaultBlocksSinceStart = 1e7

// Subnets holds the per-subnet state as a structure of arrays, indexed 0..N−1 in
// ascending netuid order. Amounts are in tokens (TAO or alpha).
type Subnets struct {
	Netuid          []int
	TaoReserve      []float64 // T_i, TAO
	AlphaReserve    []float64 // A_i, alpha
	AlphaOut        []float64 // O_i, outstanding alpha
	QuoteWeight     []float64 // balancer TAO weight w_T (0.5 = constant product)
	MovingPrice     []float64 // m_i, TAO/alpha
	AgeAtStart      []float64 // blocks since start_call at the chain's start block
	FlowAcc         []float64 // F_i, user TAO flow since the last share computation
	FlowEMA         []float64 // S_i
	ProtoAcc        []float64 // Q_i, protocol TAO flow since the last share computation
	ProtoEMA        []float64 // P_i
	MinerBurned     []float64 // B_i
	EmissionEnabled []bool
	NextEpoch       []int64 // absolute block of the subnet's next epoch

	PendingMiner     []float64 // alpha
	PendingValidator []float64 // alpha
	PendingOwner     []float64 // alpha
	PendingRootAlpha []float64 // alpha
	PendingRootTAO   []float64 // TAO (sell-per-block mode)

	ProtocolAlpha []float64 // chain-bought alpha held by the protocol (SubnetProtocolAlpha), part of AlphaOut
	Recycled      []float64 // alpha removed from issuance so far
	Burned        []float64 // alpha left undistributed but still issued (subsidised root alpha)

	// Registration (spec §19): the block each subnet registered at (for a subnet of the
	// initial state, StartBlock − BlocksSinceStart: start_call taken as registration),
	// and whether it registered during the run (Register).
	RegisteredAt []int64
	Fresh        []bool
}

// BlockRecord holds what happened to each subnet in the last block (one replay CSV row
// per subnet). Indexed like Subnets.
type BlockRecord struct {
	Share         []float64 // s_i
	TaoEmission   []float64 // E·s_i, TAO
	TaoIn         []float64 // TAO injected into the reserve
	AlphaIn       []float64 // alpha injected into the reserve
	ExcessTAO     []float64 // TAO spent by the chain buying alpha
	BoughtAlpha   []float64 // alpha obtained by that chain buy
	AlphaEmission []float64 // a_i minted as outstanding alpha
	RootProp      []float64 // ρ_i used for the root alpha
	RootAlpha     []float64 // root-dividend alpha carved out
	RootSoldTAO   []float64 // TAO from selling root alpha (per-block sell or claim)
	Epoch         []bool    // the subnet's epoch ran
	DistMiner     []float64 // alpha distributed at the epoch
	DistValidator []float64
	DistOwner     []float64
	DistRootAlpha []float64
	RootTAOPaid   []float64 // TAO paid to root stakers at the epoch
}

// Totals are running sums over the whole chain for the conservation identities of
// replay.md. All in TAO.
type Totals struct {
	UserTAOIn    float64 // TAO spent by users on buys (gross, fee included)
	UserTAOOut   float64 // TAO received by users from sells (net of fees)
	FeesOut      float64 // fees that left the system (author)
	Emitted      float64 // tao_in + excess TAO put into pools
	RootTAOTaken float64 // TAO taken out of pools by root sells
	RootTAOPaid  float64 // TAO paid to root stakers at epochs

	RegLocked     float64 // TAO locked into new pools by registrations (from outside, spec §19.3)
	DeregPaid     float64 // TAO paid to holders of dissolved subnets (spec §19.2)
	DeregRecycled float64 // pool TAO of dissolved subnets not paid to holders: recycled
	DeregRootTAO  float64 // pending root TAO of dissolved subnets (taken from pools before): recycled
}

// Chain is the chain-side state of dTAO: subnet pools, issuance, root stake and the
// pending emission. It is deterministic and uses no randomness. Chain is not safe for
// concurrent use.
type Chain struct {
	P           Params
	StartBlock  int64   // first block processed
	Block       int64   // the block the next Step processes
	TaoIssuance float64 // TAO issued, TAO
	RootTAO     float64 // R, TAO staked on root
	E           float64 // TAO block emission of the last Step

	S    Subnets
	Last BlockRecord
	Tot  Totals

	subsidised []bool    // per subnet, this block (subsidy rule)
	capped     []bool    // per subnet, scratch of the share cap (design switch share_cap)
	assessed   []float64 // per subnet, the assessed value of SetAssessedValue
	hasValue   bool      // SetAssessedValue has given an assessment
	fired      []int     // subnets whose epoch ran in the last block
	nextEpoch  int64     // earliest of Subnets.NextEpoch
}

// Errors returned by the trade methods.
var (
	ErrMinReserve  = errors.New("market: trade refused, output reserve would fall below min_reserve")
	ErrAmount      = errors.New("market: amount must be finite and > 0")
	ErrNoSubnet    = errors.New("market: no such subnet")
	ErrOutstanding = errors.New("market: sell exceeds outstanding alpha")
)

// New returns a chain in state inits (any order; stored in ascending netuid order) with
// parameters p, root stake rootTAO, whose first block is startBlock. It reports invalid
// parameters or initial states.
func New(p Params, inits []SubnetInit, rootTAO float64, startBlock int64) (*Chain, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if !(rootTAO >= 0) || math.IsInf(rootTAO, 0) {
		return nil, fmt.Errorf("root tao_stake: expected a finite number >= 0, got %v", rootTAO)
	}
	n := len(inits)
	c := &Chain{P: p, StartBlock: startBlock, Block: startBlock, TaoIssuance: p.TaoIssuance, RootTAO: rootTAO}
	s := &c.S
	f := func() []float64 { return make([]float64, n) }
	s.Netuid = make([]int, n)
	s.TaoReserve, s.AlphaReserve, s.AlphaOut, s.QuoteWeight, s.MovingPrice = f(), f(), f(), f(), f()
	s.AgeAtStart, s.FlowAcc, s.FlowEMA, s.ProtoAcc, s.ProtoEMA, s.MinerBurned = f(), f(), f(), f(), f(), f()
	s.EmissionEnabled = make([]bool, n)
	s.RegisteredAt, s.Fresh = make([]int64, n), make([]bool, n)
	s.NextEpoch = make([]int64, n)
	s.PendingMiner, s.PendingValidator, s.PendingOwner, s.PendingRootAlpha, s.PendingRootTAO = f(), f(), f(), f(), f()
	s.Recycled, s.Burned, s.ProtocolAlpha = f(), f(), f()
	r := &c.Last
	r.Share, r.TaoEmission, r.TaoIn, r.AlphaIn, r.ExcessTAO, r.BoughtAlpha = f(), f(), f(), f(), f(), f()
	r.AlphaEmission, r.RootProp, r.RootAlpha, r.RootSoldTAO = f(), f(), f(), f()
	r.Epoch = make([]bool, n)
	r.DistMiner, r.DistValidator, r.DistOwner, r.DistRootAlpha, r.RootTAOPaid = f(), f(), f(), f(), f()
	c.subsidised = make([]bool, n)
	c.capped = make([]bool, n)
	c.assessed = make([]float64, n)
	c.fired = make([]int, 0, n)

	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	// Insertion sort by netuid: n is small and this keeps New free of extra imports.
	for i := 1; i < n; i++ {
		for j := i; j > 0 && inits[order[j]].Netuid < inits[order[j-1]].Netuid; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	for i, k := range order {
		in := inits[k]
		if err := checkInit(in, p); err != nil {
			return nil, fmt.Errorf("subnet %d: %w", in.Netuid, err)
		}
		if i > 0 && s.Netuid[i-1] == in.Netuid {
			return nil, fmt.Errorf("subnet %d: netuid appears twice", in.Netuid)
		}
		s.Netuid[i] = in.Netuid
		s.TaoReserve[i] = in.TaoReserve
		s.AlphaReserve[i] = in.AlphaReserve
		s.AlphaOut[i] = in.AlphaIssuance - in.AlphaReserve
		s.QuoteWeight[i] = in.QuoteWeight
		if s.QuoteWeight[i] == 0 {
			s.QuoteWeight[i] = 0.5
		}
		s.MovingPrice[i] = in.MovingPrice
		s.AgeAtStart[i] = in.BlocksSinceStart
		s.FlowEMA[i] = in.FlowEMA
		s.ProtoEMA[i] = in.ProtocolFlowEMA
		s.MinerBurned[i] = in.MinerBurned
		s.EmissionEnabled[i] = !in.EmissionDisabled
		s.RegisteredAt[i] = startBlock - int64(math.Round(in.BlocksSinceStart))
	}
	c.scheduleEpochs()
	return c, nil
}

func checkInit(in SubnetInit, p Params) error {
	if in.Netuid <= 0 {
		return fmt.Errorf("netuid: expected an integer > 0, got %d", in.Netuid)
	}
	fields := []struct {
		name string
		v    float64
	}{
		{"tao_reserve", in.TaoReserve}, {"alpha_reserve", in.AlphaReserve},
		{"alpha_issuance", in.AlphaIssuance}, {"moving_price", in.MovingPrice},
		{"blocks_since_start", in.BlocksSinceStart}, {"miner_burned", in.MinerBurned},
	}
	for _, f := range fields {
		if !(f.v >= 0) || math.IsInf(f.v, 0) {
			return fmt.Errorf("%s: expected a finite number >= 0, got %v", f.name, f.v)
		}
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"flow_ema", in.FlowEMA}, {"protocol_flow_ema", in.ProtocolFlowEMA}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return fmt.Errorf("%s: expected a finite number, got %v", f.name, f.v)
		}
	}
	if in.AlphaIssuance < in.AlphaReserve {
		return fmt.Errorf("alpha_issuance: expected >= alpha_reserve (%v), got %v", in.AlphaReserve, in.AlphaIssuance)
	}
	if in.AlphaIssuance > TotalSupply {
		return fmt.Errorf("alpha_issuance: expected <= 21e6, got %v", in.AlphaIssuance)
	}
	if in.QuoteWeight != 0 {
		if !(in.QuoteWeight >= minQuoteWeight && in.QuoteWeight <= maxQuoteWeight) {
			return fmt.Errorf("quote_weight: expected a number in [0.01, 0.99], got %v", in.QuoteWeight)
		}
		if p.PoolModel == PoolCPMM && in.QuoteWeight != 0.5 {
			return fmt.Errorf("quote_weight: expected 0.5 with pool_model \"cpmm\", got %v", in.QuoteWeight)
		}
	}
	return nil
}

// N returns the number of subnets.
func (c *Chain) N() int { return len(c.S.Netuid) }

// Index returns the array index of netuid, or −1.
func (c *Chain) Index(netuid int) int {
	for i, u := range c.S.Netuid {
		if u == netuid {
			return i
		}
	}
	return -1
}

// Price returns the spot price of subnet index i, TAO per alpha.
func (c *Chain) Price(i int) float64 {
	return spotPrice(c.S.TaoReserve[i], c.S.AlphaReserve[i], c.S.QuoteWeight[i])
}

// AlphaIssuance returns A_i + O_i for subnet index i.
func (c *Chain) AlphaIssuance(i int) float64 { return c.S.AlphaReserve[i] + c.S.AlphaOut[i] }

// RootProp returns ρ_i = w·R/(w·R + I_i) for subnet index i at the current state (spec §9.2).
func (c *Chain) RootProp(i int) float64 {
	return rootProp(c.P.TaoWeight*c.RootTAO, c.AlphaIssuance(i))
}

func rootProp(wR, issuance float64) float64 {
	if wR+issuance <= 0 {
		return 0
	}
	return wR / (wR + issuance)
}

// SetParams replaces the mechanism parameters between blocks (a preset switch). Epoch
// schedules are recomputed from the current block if the epoch rule or tempo changed.
// Pool weights are kept: after a balancer → cpmm switch a pool whose weight left 0.5
// keeps trading on its weighted curve, and only new injections stop re-solving it.
func (c *Chain) SetParams(p Params) error {
	if err := p.Validate(); err != nil {
		return err
	}
	old := c.P
	c.P = p
	if old.Tempo != p.Tempo || old.EpochRule != p.EpochRule {
		c.scheduleEpochs()
	}
	return nil
}

// scheduleEpochs sets every subnet's next epoch to its first legacy slot at or after the
// current block (spec §8.4: the interval rule also starts on the legacy slot).
func (c *Chain) scheduleEpochs() {
	period := int64(c.P.Tempo) + 1
	for i, u := range c.S.Netuid {
		// smallest b ≥ Block with (b + u + 1) mod period = 0
		r := (c.Block + int64(u) + 1) % period
		if r < 0 {
			r += period
		}
		next := c.Block
		if r != 0 {
			next += period - r
		}
		c.S.NextEpoch[i] = next
	}
	c.nextEpoch = math.MaxInt64
	for _, next := range c.S.NextEpoch {
		c.nextEpoch = min(c.nextEpoch, next)
	}
}

// Fired returns the subnets whose epoch ran in the last Step (those with c.Last.Epoch
// set), in index order. The slice is the chain's: read it before the next Step.
func (c *Chain) Fired() []int { return c.fired }
