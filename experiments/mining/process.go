package mining

import (
	"math"
	"math/rand/v2"
)

// State is the mining revenue at one moment: the prices, the hashrates and the reward,
// and the revenue per day they give. Revenues are rates in TAO per day at that moment.
type State struct {
	Day             float64 // days since Config.Start
	BTCPrice        float64 // USD per BTC
	TAOPrice        float64 // USD per TAO
	BlockReward     float64 // BTC per block
	NetworkHashrate float64 // EH/s
	SubnetHashrate  float64 // EH/s
	Share           float64 // the subnet's share of Bitcoin's hashrate, min(subnet/network, 1)
	GrossTAO        float64 // Share × BlockReward × BlocksPerDay × BTCPrice/TAOPrice, TAO per day
	CostTAO         float64 // CostShare × GrossTAO, TAO per day
	NetTAO          float64 // GrossTAO − CostTAO ≥ 0, TAO per day
}

// Process is a subnet's Bitcoin-mining revenue through time. The BTC and TAO prices are
// geometric Brownian motions stepped exactly; hashrates grow deterministically and the
// block reward halves on its dates, both as functions of the day. A Process is not safe
// for concurrent use.
type Process struct {
	c        Config
	day      float64
	btc, tao float64
	halving  float64 // day of the next halving after Start
}

// New returns the process at day 0 of c, or c's validation error.
func New(c Config) (*Process, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &Process{c: c, btc: c.BTCPrice, tao: c.TAOPrice, halving: c.halvingDay()}, nil
}

// Config returns the process's configuration.
func (p *Process) Config() Config { return p.c }

// Advance moves the process days forward (days ≥ 0; any length, e.g. one day or one
// epoch), drawing two standard normals z₁, z₂ from rng whatever the parameters, so that
// runs differing only in a parameter share their shocks. With Δ = days/365,
//
//	BTC ← BTC·exp((μ − σ²/2)Δ + σ√Δ·z₁)
//	TAO ← TAO·exp((μ_T − σ_T²/2)Δ + σ_T√Δ·(ρ·z₁ + √(1−ρ²)·z₂))
//
// the exact transition of a GBM over Δ (Glasserman 2003, Monte Carlo Methods in
// Financial Engineering, §3.2). It panics if days is negative or NaN.
func (p *Process) Advance(days float64, rng *rand.Rand) {
	if !(days >= 0) || math.IsInf(days, 0) {
		panic("mining: Advance: days must be finite and >= 0")
	}
	z1, z2 := rng.NormFloat64(), rng.NormFloat64()
	dt := days / DaysPerYear
	c := &p.c
	p.btc *= math.Exp((c.BTCDrift-c.BTCVolatility*c.BTCVolatility/2)*dt + c.BTCVolatility*math.Sqrt(dt)*z1)
	zt := c.Correlation*z1 + math.Sqrt(1-c.Correlation*c.Correlation)*z2
	p.tao *= math.Exp((c.TAODrift-c.TAOVolatility*c.TAOVolatility/2)*dt + c.TAOVolatility*math.Sqrt(dt)*zt)
	p.day += days
}

// Halvings returns how many halvings have happened by day (since Start): none before the
// next halving's date, then one more every HalvingIntervalDays.
func (p *Process) Halvings(day float64) int {
	if day < p.halving {
		return 0
	}
	return 1 + int(math.Floor((day-p.halving)/p.c.HalvingIntervalDays))
}

// State returns the revenue now.
func (p *Process) State() State {
	c := &p.c
	years := p.day / DaysPerYear
	s := State{
		Day:             p.day,
		BTCPrice:        p.btc,
		TAOPrice:        p.tao,
		BlockReward:     math.Ldexp(c.BlockReward, -p.Halvings(p.day)),
		NetworkHashrate: c.NetworkHashrate * math.Pow(1+c.NetworkHashrateGrowth, years),
		SubnetHashrate:  c.SubnetHashrate * math.Pow(1+c.SubnetHashrateGrowth, years),
	}
	s.Share = min(s.SubnetHashrate/s.NetworkHashrate, 1)
	s.GrossTAO = s.Share * s.BlockReward * c.BlocksPerDay * s.BTCPrice / s.TAOPrice
	s.CostTAO = c.CostShare * s.GrossTAO
	s.NetTAO = max(s.GrossTAO-s.CostTAO, 0)
	return s
}
