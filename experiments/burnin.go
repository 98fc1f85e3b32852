package experiments

import (
	"math"
	"slices"

	"dtaosim/agents"
	"dtaosim/experiments/arrival"
	"dtaosim/market"
)

// BurnInShift is the number of days the run starts before the scenario's nominal start
// (Scenario.BurnInDays): min(burn_in_days, chain.age_days) for an aged chain, 0 for a
// chain that starts at its launch (it has no earlier state) or with no burn-in.
func (s *Scenario) BurnInShift() float64 {
	if s.BurnInDays <= 0 || s.Subnets.Init != "aged" {
		return 0
	}
	return min(s.BurnInDays, s.Chain.AgeDays)
}

// RunDays is the horizon actually simulated: days plus the burn-in shift.
func (s *Scenario) RunDays() float64 { return s.Days + s.BurnInShift() }

// started returns the scenario the run simulates: s itself without a burn-in, else a copy
// that starts shift = BurnInShift() days earlier and describes the same chain at the
// nominal start:
//
//   - chain.age_days − shift; when that reaches 0 (a chain no older than the burn-in) the
//     run starts from the launch state instead (subnets.init "launch", age 0), since an
//     aged state constructed at age 0 is not the launch;
//   - chain.tao_issuance less the TAO the chain issues in shift days (issuedBefore), so
//     the halving comes at the same date;
//   - days, subnets.meme.takeover_day, every mechanism.schedule day and a "lump"
//     arrival's day each + shift, so that they fall on the same chain date.
//
// Everything else keeps its value: a time-mean over the run (mean_meme_share,
// misallocation) and the day columns of the outputs count from the run's first block,
// the burn-in included; the takeover is at takeover_block.
func (s *Scenario) started() *Scenario {
	if s.BurnInDays <= 0 || s.Subnets.Init != "aged" {
		return s
	}
	shift := s.BurnInShift() // may be 0: an aged chain of age 0 still starts at the launch
	c := *s
	c.BurnInDays = 0
	c.Days += shift
	c.Chain.TaoIssuance = issuedBefore(s.Chain.TaoIssuance, int64(math.Round(shift*agents.BlocksPerDay)))
	c.Chain.AgeDays -= shift
	if c.Chain.AgeDays <= 0 {
		c.Chain.AgeDays, c.Subnets.Init = 0, "launch"
	}
	c.Subnets.Meme.TakeoverDay += shift
	c.Mechanism.Schedule = slices.Clone(s.Mechanism.Schedule)
	for k := range c.Mechanism.Schedule {
		c.Mechanism.Schedule[k].Day += shift
	}
	for _, a := range []*arrival.Config{&c.Agents.Speculators.Arrival, &c.Agents.YieldStakers.Arrival} {
		if a.Process == arrival.Lump {
			a.Day += shift
		}
	}
	return &c
}

// issuedBefore is the chain's TAO issuance `blocks` blocks before it stood at issued:
// each block back takes off the block emission (market.BlockEmission, 1 TAO below the
// first halving) of the issuance one TAO below, so that a step across a halving is off
// by at most half a TAO. Never below 0.
func issuedBefore(issued float64, blocks int64) float64 {
	for range blocks {
		if issued <= 0 {
			return 0
		}
		issued -= market.BlockEmission(max(issued-1, 0))
	}
	return max(issued, 0)
}
