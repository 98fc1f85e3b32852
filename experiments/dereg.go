package experiments

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"

	"dtaosim/agents"
	"dtaosim/market"
)

// This file is subnet deregistration (docs/designs.md "Deregistration", docs/mechanism.md
// §19, issue 13 item 6): new subnets arrive, and on a full chain each takes the netuid of
// the lowest-moving-price subnet past its immunity period, whose holders are paid out.

// DeregSpec is the deregistration switch (mechanism.deregistration). Off when
// RatePerWeek is 0. The run's subnets are a full chain (the chain has been at its limit
// of 128 subnets since 2025-09): every registration prunes one, and the subnet count
// stays the scenario's.
type DeregSpec struct {
	// RatePerWeek is the mean rate of registration attempts, per week: attempts are a
	// renewal process whose gap is the rate limit plus a gamma-distributed wait of shape
	// GapShape and mean 7/RatePerWeek − RateLimitDays days. The chain's, 1.007 (a mean
	// gap of 6.95 days), and GapShape 3.7 are fitted to the prune log of 2025-10..2026-10
	// (experiments/validate/testdata/prune_log_2025-10_to_2026-10.csv) by the mean and
	// variance of its gaps less 2 days: the gaps are far more regular than a Poisson
	// process's (SD 2.6 days on a mean of 6.95; the registration lock doubles at each
	// registration and decays over 8 days, so registrants bunch about a week apart).
	// A statistical model of that, not the lock-cost dynamics themselves.
	RatePerWeek float64 `yaml:"rate_per_week"`
	// GapShape is the gamma shape of the wait after the rate limit (1: exponential, the
	// most dispersed; larger: more regular).
	GapShape float64 `yaml:"gap_shape"`
	// ImmunityDays: a subnet registered less than this long ago is never pruned
	// (NetworkImmunityPeriod, 864,000 blocks = 120 days since subtensor 77ceec290).
	// Subnets of the initial state count as registered at their start (age at start).
	ImmunityDays float64 `yaml:"immunity_days"`
	// RateLimitDays: at most one registration per this interval (NetworkRateLimit); the
	// gap between attempts is never shorter. 2 days: the prune log's shortest gap is
	// 14,401 blocks (the code's migration of 2025-09 sets 4 days; the sudo key set 2).
	RateLimitDays float64 `yaml:"rate_limit_days"`
	// LockTAO is the TAO a registrant locks into the new pool (from outside the run's
	// accounts). 500: about the median lock of the prune log (165–2,633 TAO).
	LockTAO float64 `yaml:"lock_tao"`
	// StartDelayDays: a new subnet mints no alpha, and its moving price stays 0, until
	// this long after it registered (the owner's start call). 7: an assumption.
	StartDelayDays float64 `yaml:"start_delay_days"`
	// EmissionEnableDays: the new subnet's TAO emission (SubnetEmissionEnabled, false at
	// registration since 2026-06-23) is switched on this long after it registered, and
	// not before its start; 0 = at its start call, −1 = not in the run. The switch is
	// the root/sudo key's (admin-utils sudo_set_subnet_emission_enabled), not the
	// owner's, so when it comes is a governance decision, not a chain rule. The chain's
	// (ChainDereg): −1, from the snapshot of 2026-08-02: of the 4 subnets registered
	// since the rule (8.3, 18.7, 25.1 and 33.6 days before), 3 still had emission
	// disabled and the fourth burned all its miner emission, so none received TAO. An
	// assumption beyond that snapshot's horizon (about a month).
	EmissionEnableDays float64 `yaml:"emission_enable_days"`
}

// ChainDereg returns the deregistration parameters of the chain since 2025-09-17.
func ChainDereg() DeregSpec {
	return DeregSpec{RatePerWeek: 7 / 6.95, GapShape: 3.7, ImmunityDays: 120, RateLimitDays: 2, LockTAO: 500, StartDelayDays: 7,
		EmissionEnableDays: -1}
}

func (d DeregSpec) on() bool { return d.RatePerWeek > 0 }

func (d DeregSpec) validate(path string) error {
	if !d.on() {
		if d.RatePerWeek < 0 || math.IsNaN(d.RatePerWeek) {
			return ferr(path+".rate_per_week", "expected registrations per week >= 0 (0 = off; the chain's 1.007), got %v", d.RatePerWeek)
		}
		return nil
	}
	fields := []struct {
		name string
		v    float64
		pos  bool
	}{{"rate_per_week", d.RatePerWeek, true}, {"gap_shape", d.GapShape, true}, {"immunity_days", d.ImmunityDays, false},
		{"rate_limit_days", d.RateLimitDays, false}, {"lock_tao", d.LockTAO, true}, {"start_delay_days", d.StartDelayDays, false}}
	for _, f := range fields {
		if !(f.v >= 0) || math.IsInf(f.v, 0) || (f.pos && f.v == 0) {
			return ferr(path+"."+f.name, "expected a finite number %s, got %v", map[bool]string{true: "> 0", false: ">= 0"}[f.pos], f.v)
		}
	}
	if e := d.EmissionEnableDays; e != -1 && (!(e >= 0) || math.IsInf(e, 0)) {
		return ferr(path+".emission_enable_days", "expected a finite number >= 0, or -1 (not in the run), got %v", e)
	}
	if 7/d.RatePerWeek <= d.RateLimitDays {
		return ferr(path+".rate_per_week", "expected a mean gap 7/rate_per_week longer than rate_limit_days (%v), got %v a week", d.RateLimitDays, d.RatePerWeek)
	}
	return nil
}

// deregistration is the run's registration process.
type deregistration struct {
	spec      DeregSpec
	rng       *rand.Rand // stream "registration"
	next      int64      // block of the next registration attempt
	immunity  int64      // blocks
	limit     int64      // blocks
	startAt   []int64    // per subnet: block of its start call, −1 if none pending
	enableAt  []int64    // per subnet: block its TAO emission is enabled, −1 if none pending
	count     int        // deregistrations so far
	cand      int        // the subnet PruneCandidate gives now, −1 if none
	candSince int64      // block from which cand has been the candidate
}

func newDeregistration(d DeregSpec, n int, start int64, rng *rand.Rand) deregistration {
	r := deregistration{spec: d, rng: rng, startAt: make([]int64, n), enableAt: make([]int64, n), cand: -1,
		immunity: int64(math.Round(d.ImmunityDays * agents.BlocksPerDay)),
		limit:    int64(math.Round(d.RateLimitDays * agents.BlocksPerDay))}
	for i := range r.startAt {
		r.startAt[i], r.enableAt[i] = -1, -1
	}
	if d.on() {
		r.next = start + r.gap()
	}
	return r
}

// gap draws the blocks from one attempt to the next: the rate limit plus a gamma wait
// of shape GapShape and mean 7/RatePerWeek − RateLimitDays days. The run starts just
// after an attempt.
func (r *deregistration) gap() int64 {
	k, mean := r.spec.GapShape, 7/r.spec.RatePerWeek-r.spec.RateLimitDays
	wait := distuv.Gamma{Alpha: k, Beta: k / mean, Src: r.rng}.Rand()
	return r.limit + max(1, int64(math.Round(wait*agents.BlocksPerDay)))
}

// deregister runs block b's registrations: starts the new subnets due and, at an
// attempt, prunes the lowest-moving-price non-immune subnet and registers the newcomer
// at its netuid. An attempt when every subnet is immune fails (SubnetLimitReached), as is
// one whose pool would exceed the 21e6 alpha cap (lock/median price; not a chain rule:
// the model caps every subnet's issuance).
func (s *Sim) deregister(b int64) error {
	r := &s.dereg
	if !r.spec.on() {
		return nil
	}
	for i, at := range r.startAt {
		if at == b {
			s.C.StartCall(i)
			r.startAt[i] = -1
			if err := s.obs.ev.emit(b, "subnet_start", i, s.C.Price(i), "a registered subnet's start call: its alpha emission starts"); err != nil {
				return err
			}
		}
		if r.enableAt[i] == b {
			s.C.EnableEmission(i)
			r.enableAt[i] = -1
			if err := s.obs.ev.emit(b, "emission_enabled", i, s.C.Price(i), "a registered subnet's TAO emission is enabled"); err != nil {
				return err
			}
		}
	}
	i := s.C.PruneCandidate(r.immunity)
	if i != r.cand {
		r.cand, r.candSince = i, b
	}
	if b < r.next {
		return nil
	}
	r.next = b + r.gap()
	if i < 0 || s.C.NewPoolAlpha(i, r.spec.LockTAO) > market.TotalSupply {
		return nil // every subnet immune, or prices so low that the lock buys more than the alpha cap
	}
	return s.replace(b, i)
}

// replace dissolves subnet i, pays its holders, and registers a new utility subnet at
// its index (the same netuid): the accounts that held its alpha get the chain's TAO per
// alpha for it and hold none; its kind becomes utility (a meme subnet stops being one:
// its capture ends, as the meme share no longer counts it; a revenue subnet stops
// earning, its revenue not yet spent on buybacks lost); Yuma starts afresh; the
// cohort accounts of the index (owner, miners, validators, their latent quality) become
// the newcomer's.
func (s *Sim) replace(b int64, i int) error {
	pot, m := s.C.S.TaoReserve[i], s.C.S.MovingPrice[i]
	rank1 := 0.0 // days i had been the prune candidate (0 if it was not tracked as one)
	if d := &s.dereg; d.cand == i {
		rank1 = float64(b-d.candSince) / agents.BlocksPerDay
	}
	s.dereg.cand = -1
	held := 0.0
	for a := range s.L.Accounts() {
		held += s.L.Alpha(agents.AccountID(a), i)
	}
	q, err := s.C.Dissolve(i, held)
	if err != nil {
		return err
	}
	for a := range s.L.Accounts() {
		id := agents.AccountID(a)
		if x := s.L.Alpha(id, i); x != 0 {
			s.L.sell(id, i, x, x*q)
		}
	}
	for _, a := range append([]agents.AccountID(nil), s.hold.of[i]...) {
		s.hold.drop(a, i)
	}
	s.hold.alpha[i], s.hold.speculators[i] = 0, 0
	s.burned[i] = 0
	if err := s.C.Register(i, s.dereg.spec.LockTAO); err != nil {
		return err
	}
	s.dereg.startAt[i] = b + int64(math.Round(s.dereg.spec.StartDelayDays*agents.BlocksPerDay))
	s.dereg.enableAt[i] = -1
	if e := s.dereg.spec.EmissionEnableDays; e >= 0 {
		s.dereg.enableAt[i] = max(s.dereg.startAt[i], b+int64(math.Round(e*agents.BlocksPerDay)))
	}
	// The newcomer's past is its own: its price history starts at its registration price,
	// and it has paid its holders nothing yet (the pruned subnet's payout and yield go).
	s.hist.restart(i, s.C.Price(i))
	s.val.yield[i], s.val.payout[i], s.val.lastEpoch[i] = 0, 0, b
	s.kinds.clearMeme(i)
	s.Kinds[i] = agents.Utility
	s.rev.earns[i], s.rev.perDay[i], s.rev.accrued[i] = false, 0, 0 // a revenue business leaves with its subnet
	s.val.yumas[i].Reset()
	s.dereg.count++
	return s.obs.ev.emit(b, "deregistration", i, pot,
		fmt.Sprintf("pruned (moving price %.6g, the lowest non-immune for %.3g days), holders paid %.6g TAO per alpha; a new subnet registered at this netuid",
			m, rank1, q))
}
