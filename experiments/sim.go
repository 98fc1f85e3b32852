package experiments

import (
	"context"
	"fmt"
	"math"

	"dtaosim/agents"
	"dtaosim/experiments/record"
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

// Sim is one run: the shared state (world: chain, ledger, accounts, kinds, holders) and
// the parts that change it, each in its own file (docs/architecture.md). It is created
// by NewSim and advanced block by block by Step; Run does both. A Sim is owned by one
// goroutine.
type Sim struct {
	world
	sc  *Scenario
	opt Options

	sched    schedule       // mechanism switches (schedule.go)
	kinds    subnetKinds    // kinds and the takeover (kinds.go)
	pop      population     // agents and clocks (population.go)
	val      validation     // Yuma and payouts per subnet (validation.go, payouts.go)
	root     interventions  // root validators' detection and intervention (interventions.go)
	rev      revenue        // exogenous revenue (revenue.go)
	worth    valuation      // latent value per subnet (valuation.go)
	assessor assessor       // what validators observe of it (assessment.go)
	hist     history        // daily snapshots (history.go)
	dereg    deregistration // registrations and the subnets they prune (dereg.go)
	obs      observers      // events, series, metrics (observers.go, capture.go, metrics.go)
}

// Run simulates sc and returns its summary row. It stops early, with ctx's error, when
// ctx is cancelled.
func Run(ctx context.Context, sc *Scenario, opt Options) (*record.RunRow, error) {
	s, err := NewSim(sc, opt)
	if err != nil {
		return nil, err
	}
	blocks := int64(math.Round(s.sc.Days * agents.BlocksPerDay)) // with the burn-in (NewSim)
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

// Step runs one block (docs/agents.md, "The block loop"): what the scenario schedules for
// it and the interventions due, then the four phases.
func (s *Sim) Step() error {
	b := s.C.Block
	if err := s.switches(b); err != nil { // preset switches, the meme takeover
		return err
	}
	if err := s.intervene(b); err != nil { // root validators start interventions due
		return err
	}
	if err := s.deregister(b); err != nil { // registrations prune subnets (off by default)
		return err
	}
	s.act(b)                              // 1. agents whose clocks fire act; orders execute
	if err := s.coinbase(b); err != nil { // 2. the chain's coinbase
		return err
	}
	if err := s.validate(b); err != nil { // 3. epochs: Yuma and payouts per subnet
		return err
	}
	if err := s.daily(b); err != nil { // exogenous processes and detection, once a day
		return err
	}
	if err := s.observe(b); err != nil { // 4. observers
		return err
	}
	if s.opt.Check != nil {
		return s.opt.Check(s)
	}
	return nil
}

// coinbase is the second phase of block b: the chain's coinbase, exactly as replay runs
// it (spec §2), and a halving event when the block emission changes.
func (s *Sim) coinbase(b int64) error {
	prev := s.C.E
	s.C.Step()
	if prev != 0 && s.C.E != prev {
		return s.obs.ev.emit(b, "halving", -1, s.C.E, "TAO block emission changed")
	}
	return nil
}

// daily runs at the last block of each day: the history snapshot, the revenue process,
// the latent values and their assessment, and pump detection.
func (s *Sim) daily(b int64) error {
	if (b-s.C.StartBlock)%agents.BlocksPerDay != agents.BlocksPerDay-1 {
		return nil
	}
	s.hist.snapshot(s.C, s.val.yield)
	s.rev.daily()
	s.worth.daily()
	if to := &s.obs.takeover; to.meme >= 0 && b >= to.block { // the takeover's own day too
		s.obs.holders.observe(&s.world, s.kinds.memes)
	}
	if err := s.assess(); err != nil {
		return err
	}
	return s.root.detectPumps(b, &s.world, &s.hist, &s.obs.ev)
}
