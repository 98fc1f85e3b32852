package experiments

import (
	"math"

	"dtaosim/agents"
	"dtaosim/experiments/arrival"
)

// arrivalStep is the blocks over which an arrival process's intensity is held constant:
// an hour. Attention is measured at the start of each step from the prices then.
const arrivalStep = 300

// group is one agent class in the population: agents first..first+n-1, and how they
// arrive (arrival nil: all from the first block; package arrival for the processes).
type group struct {
	class    string
	first, n int
	arrival  *arrival.Config
	proc     *arrival.Process // process "poisson" only
}

// start sets every present agent's first wake-up and opens the arrival processes. An
// agent there from the start, or arriving in a lump on day d, first acts an exponential
// wait of its rate after block 1 (or after day d's first block); an agent of a "poisson"
// class not yet arrived gets no clock until it arrives (arrive). The arrival thresholds
// come from stream "arrival:<class>"; on an aged chain the agents the base rate would
// have brought in by its age are present from the start (package arrival).
func (p *population) start(sc *Scenario, st Streams) error {
	age, err := chainAgeDays(sc)
	if err != nil {
		return err
	}
	present := make([]int, len(p.groups))
	for g := range p.groups {
		gr := &p.groups[g]
		present[g] = gr.n
		if gr.arrival != nil && gr.arrival.Process == arrival.Poisson {
			gr.proc = arrival.New(*gr.arrival, gr.n, age, st.Stream("arrival:"+gr.class))
			present[g] = gr.proc.Arrived()
		}
	}
	for g, gr := range p.groups {
		first := int64(1)
		if gr.arrival != nil && gr.arrival.Process == arrival.Lump {
			first = 1 + int64(math.Round(gr.arrival.Day*agents.BlocksPerDay))
		}
		for k := gr.first; k < gr.first+present[g]; k++ {
			p.cal.Push(first+agents.NextDelay(p.agents[k].Rate(), p.clock)-1, int32(k))
		}
	}
	return nil
}

// arrive runs every "poisson" class's process over the step that starts at block b, at
// the intensity that attention (the class's lookback in days → A ≥ 0) gives now, and
// schedules each arriving agent's first action at its arrival block.
func (p *population) arrive(b int64, attention func(days int) float64) {
	for _, gr := range p.groups {
		if gr.proc == nil || gr.proc.Arrived() == gr.n {
			continue
		}
		a := 0.0
		if gr.arrival.Recruit > 0 {
			a = attention(gr.arrival.LookbackDays)
		}
		k := gr.first + gr.proc.Arrived()
		p.fracs = gr.proc.Advance(gr.proc.Rate(a), float64(arrivalStep)/agents.BlocksPerDay, p.fracs[:0])
		for _, f := range p.fracs {
			p.cal.Push(b+int64(f*arrivalStep), int32(k))
			k++
		}
	}
}

// attention is the market's attention for the arrival processes: the largest log price
// change of any subnet from its daily snapshot `days` ago to now, at least 0 (the subnet
// that pumps, as a "top gainers" list shows it). Subnets without a positive price then
// and now are left out.
func (s *Sim) attention(days int) float64 {
	best := 0.0
	for i := range s.n {
		then, now := s.hist.priceDaysAgo(i, days), s.C.Price(i)
		if then > 0 && now > 0 {
			best = max(best, math.Log(now/then))
		}
	}
	return best
}

// chainAgeDays is the chain's age at the start of the run, in days since the dTAO launch:
// chain.age_days, or for a snapshot start the blocks from the launch block
// (subnets.snapshot_rules.launch_block) to the snapshot's.
func chainAgeDays(sc *Scenario) (float64, error) {
	if sc.Subnets.Init != "snapshot" {
		return sc.Chain.AgeDays, nil
	}
	snap, err := loadSnapshot(sc.Subnets.Snapshot)
	if err != nil {
		return 0, err
	}
	return max(float64(snap.Block-sc.Subnets.SnapshotRules.LaunchBlock), 0) / agents.BlocksPerDay, nil
}
