package experiments

import (
	"context"
	"math"
	"slices"
	"testing"

	"dtaosim/agents"
	"dtaosim/experiments/arrival"
	"dtaosim/experiments/record"
)

// TestInterventionStartsAfterDelay: a subnet flagged at block f is decided on at f + the
// detection delay, once; under "intervene" its intervention starts then, and from then on
// only the intervening root validator burns its weight there; under "passive" the
// decision comes at the same block and no intervention starts.
func TestInterventionStartsAfterDelay(t *testing.T) {
	t.Parallel()
	rv := Defaults().Agents.RootValidators
	rv.Policy, rv.Detect, rv.DetectionDelayDays, rv.DetectionDelayDist = "intervene", "timer", 1, "fixed"
	iv := newInterventions(rv, []int{1, 2, 3}, Streams{Master: 1})
	const flag = 100
	iv.flagTakeover(1, flag)
	iv.flagTakeover(1, flag+5) // a second flag does not move the first
	for b := int64(flag); b < flag+agents.BlocksPerDay; b++ {
		if due := iv.decideDue(b); len(due) != 0 || iv.burning(1) != nil {
			t.Fatalf("intervention started at block %d, before the delay", b)
		}
	}
	if due := iv.decideDue(flag + agents.BlocksPerDay); !slices.Equal(due, []int{1}) {
		t.Fatalf("due at flag + delay: %v, want [1]", due)
	}
	if due := iv.decideDue(flag + agents.BlocksPerDay + 1); len(due) != 0 {
		t.Errorf("started again: %v", due)
	}
	want := make([]bool, rv.Count)
	want[0] = true
	if got := iv.burning(1); !slices.Equal(got, want) {
		t.Errorf("burning %v, want %v", got, want)
	}
	if iv.burning(0) != nil {
		t.Error("an unflagged subnet is burned")
	}

	rv.Policy = "passive"
	pv := newInterventions(rv, []int{1, 2, 3}, Streams{Master: 1})
	pv.flagTakeover(1, flag)
	if due := pv.decideDue(flag + agents.BlocksPerDay); !slices.Equal(due, []int{1}) || pv.burning(1) != nil || pv.started[1] >= 0 {
		t.Errorf("passive policy: decided %v, burning %v, started at %d; want the decision at the same block and no intervention",
			due, pv.burning(1), pv.started[1])
	}
}

// TestRootStakeShares: the root stake shares sum to 1, and validator 0 holds
// intervene_share under either policy (the arms differ only in what it does).
func TestRootStakeShares(t *testing.T) {
	t.Parallel()
	for _, policy := range []string{"passive", "intervene"} {
		rv := Defaults().Agents.RootValidators
		rv.Policy = policy
		sum := 0.0
		for k := range rv.Count {
			sum += rootStakeShare(rv, k)
		}
		// A few roundings of shares of 1.
		if math.Abs(sum-1) > 1e-15 {
			t.Errorf("%s: shares sum to %v", policy, sum)
		}
		if s0 := rootStakeShare(rv, 0); s0 != rv.InterveneShare {
			t.Errorf("intervening validator's share %v, want %v", s0, rv.InterveneShare)
		}
	}
}

// TestDetectionDelayDraws: the drawn delays have the stated mean (within 4 standard
// errors of 4000 draws) and the spread of their distribution: the sample coefficient of
// variation is within 0.05 of 0 (fixed), 1 (exponential) and 1/√k (gamma, shape k).
// Under the pump rule a takeover flags nothing, and a second flag draws nothing.
func TestDetectionDelayDraws(t *testing.T) {
	t.Parallel()
	const n, mean = 4000, 3.0
	for _, tc := range []struct {
		dist      string
		shape, cv float64
	}{{"fixed", 0, 0}, {"exponential", 0, 1}, {"gamma", 4, 0.5}, {"gamma", 2, 1 / math.Sqrt2}} {
		d := delayDist{dist: tc.dist, mean: mean, shape: tc.shape}
		rng := Streams{Master: 7}.Stream("detection")
		var s, s2 float64
		for range n {
			x := float64(d.draw(rng)) / agents.BlocksPerDay
			s += x
			s2 += x * x
		}
		m := s / n
		sd := math.Sqrt(max(s2/n-m*m, 0))
		if se := mean * tc.cv / math.Sqrt(n); math.Abs(m-mean) > 4*se+1/agents.BlocksPerDay {
			t.Errorf("%s(%v): mean %.4f days, want %v ± %.4f", tc.dist, tc.shape, m, mean, 4*se)
		}
		if cv := sd / m; math.Abs(cv-tc.cv) > 0.05 {
			t.Errorf("%s(%v): coefficient of variation %.3f, want %.3f", tc.dist, tc.shape, cv, tc.cv)
		}
	}
	rv := Defaults().Agents.RootValidators
	rv.Detect = "pump"
	iv := newInterventions(rv, []int{1, 2}, Streams{Master: 1})
	iv.flagTakeover(0, 10)
	if iv.flagged[0] >= 0 {
		t.Error("the pump rule flagged a subnet at its takeover")
	}
	iv.flag(1, 10)
	due := iv.dueAt[1]
	iv.flag(1, 20)
	if iv.dueAt[1] != due || due < 10 {
		t.Errorf("due at %d after a second flag (first %d)", iv.dueAt[1], due)
	}
}

// TestDelayPerSubnetStream: a subnet's detection delay comes from its own stream, keyed
// by its netuid: the same whichever other subnets were flagged before it, in whatever
// order, and wherever the subnet sits in the chain's list.
func TestDelayPerSubnetStream(t *testing.T) {
	t.Parallel()
	rv := Defaults().Agents.RootValidators
	rv.DetectionDelayDist, rv.DetectionDelayShape = "gamma", 4
	st := Streams{Master: 5, Cell: 2, Replicate: 3}
	alone := newInterventions(rv, []int{28, 5, 9}, st)
	alone.flag(0, 100)
	busy := newInterventions(rv, []int{28, 5, 9}, st)
	busy.flag(2, 40) // events on other subnets first
	busy.flag(1, 60)
	busy.flag(0, 100)
	moved := newInterventions(rv, []int{5, 9, 28}, st)
	moved.flag(0, 10)
	moved.flag(2, 100)
	want := alone.dueAt[0]
	if busy.dueAt[0] != want || moved.dueAt[2] != want {
		t.Errorf("netuid 28 flagged at block 100: due at %d alone, %d after other flags, %d at another index; want all equal",
			want, busy.dueAt[0], moved.dueAt[2])
	}
	if d5, d9 := busy.dueAt[1]-60, busy.dueAt[2]-40; d5 == d9 {
		t.Errorf("netuids 5 and 9 drew the same delay (%d blocks): their streams are not their own", d5)
	}
}

// detectionRun runs a small SN28-like scenario (8 subnets, meme netuid 3 taken over on
// day 0.2) under policy and detect (the timer with a fixed delay of 0.3 days, the other
// rules with sn28's gamma delay of that mean), and returns its run row and the blocks its events
// of type "flagged" came at, by netuid.
func detectionRun(t *testing.T, policy, detect string, takeover bool, seed uint64) (*record.RunRow, map[int32][]int64) {
	t.Helper()
	sc, err := LoadPreset("sn28")
	if err != nil {
		t.Fatal(err)
	}
	sc.Days = 1.2
	sc.Subnets.Count, sc.Subnets.Meme.Netuids, sc.Subnets.Meme.TakeoverDay, sc.Subnets.Meme.Takeover = 8, []int{3}, 0.2, takeover
	sc.Agents.Speculators.Count, sc.Agents.Speculators.Arrival = 30, arrival.Config{Process: "lump"}
	sc.Agents.YieldStakers.Count, sc.Agents.Noise.Count, sc.Agents.Arbitrageurs.Count = 3, 5, 1
	sc.Agents.YieldStakers.Arrival = arrival.Config{Process: "lump"}
	rv := &sc.Agents.RootValidators
	rv.Policy, rv.Detect, rv.DetectionDelayDays = policy, detect, 0.3
	if detect == "timer" {
		rv.DetectionDelayDist = "fixed"
	}
	flags := map[int32][]int64{}
	row, err := Run(context.Background(), sc, Options{
		Streams: Streams{Master: seed},
		Events: func(e *record.EventRow) error {
			if e.Type == "flagged" {
				flags[e.Netuid] = append(flags[e.Netuid], e.Block)
			}
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return row, flags
}

// TestDetectWeightsPairsArms: under detect "weights" only the meme subnet is flagged (its
// utility neighbours, scored by quality, never are), at an epoch after the takeover, and
// both policy arms flag and decide at the same block; without a takeover
// nothing is flagged or decided.
func TestDetectWeightsPairsArms(t *testing.T) {
	if testing.Short() {
		t.Skip("several small runs")
	}
	t.Parallel()
	takeover := 1 + int64(0.2*agents.BlocksPerDay)
	for _, seed := range []uint64{1, 2, 3} {
		iv, ivFlags := detectionRun(t, "intervene", "weights", true, seed)
		pv, pvFlags := detectionRun(t, "passive", "weights", true, seed)
		if len(ivFlags) != 1 || len(ivFlags[3]) != 1 || len(pvFlags) != 1 || len(pvFlags[3]) != 1 {
			t.Fatalf("seed %d: flags %v (intervene), %v (passive); want one, on netuid 3", seed, ivFlags, pvFlags)
		}
		// With this few agents the meme subnet may have fewer than two holders for a few
		// epochs after the takeover: its weights show nothing until it has two.
		if f := ivFlags[3][0]; f != pvFlags[3][0] || f < takeover {
			t.Errorf("seed %d: flagged at %d/%d; want the same block in both arms, after the takeover at %d", seed, f, pvFlags[3][0], takeover)
		}
		if !iv.Intervened || pv.Intervened || iv.DecisionBlock < ivFlags[3][0] || iv.DecisionBlock != pv.DecisionBlock {
			t.Errorf("seed %d: intervened %v/%v, decision blocks %d/%d; want one intervention, at the passive arm's decision block",
				seed, iv.Intervened, pv.Intervened, iv.DecisionBlock, pv.DecisionBlock)
		}
		ctl, ctlFlags := detectionRun(t, "intervene", "weights", false, seed)
		if len(ctlFlags) != 0 || ctl.Intervened || ctl.DecisionBlock >= 0 {
			t.Errorf("seed %d, no takeover: flags %v, intervened %v, decision block %d; want none", seed, ctlFlags, ctl.Intervened, ctl.DecisionBlock)
		}
	}
}

// TestDetectTimerOption: detect "timer" with a fixed delay still decides exactly the
// delay after the takeover, in both arms, with no "flagged" event.
func TestDetectTimerOption(t *testing.T) {
	if testing.Short() {
		t.Skip("two small runs")
	}
	t.Parallel()
	const seed = 4
	want := 1 + int64(0.2*agents.BlocksPerDay) + int64(0.3*agents.BlocksPerDay)
	for _, policy := range []string{"intervene", "passive"} {
		sc, flags := detectionRun(t, policy, "timer", true, seed)
		if len(flags) != 0 {
			t.Errorf("%s: flagged events %v under the timer", policy, flags)
		}
		if sc.DecisionBlock != want || sc.Intervened != (policy == "intervene") {
			t.Errorf("%s: decision at %d, intervened %v; want %d, %v", policy, sc.DecisionBlock, sc.Intervened, want, policy == "intervene")
		}
	}
}

// TestDividendFallback: once an intervention clips a meme subnet's holders, only the
// intervening root validator has Yuma dividends there. At such an epoch the validator
// alpha goes to no one (burned) under mechanism.dividend_fallback "none" (the default,
// also when empty), as on the chain, and to the subnet's alpha validators and their
// stakers by stake under "stake" (the model's rule to hash scheme 3); either way nothing
// else of the accounts' alpha changes but the owner's cut, and alpha is conserved
// (TestRunConservation draws both).
func TestDividendFallback(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{"", FallbackStake, FallbackNone} {
		sc, err := LoadPreset("sn28-late")
		if err != nil {
			t.Fatal(err)
		}
		sc.Days, sc.Chain.AgeDays, sc.Mechanism.DividendFallback = 3, 30, mode
		rv := &sc.Agents.RootValidators
		rv.InterveneShare, rv.Detect, rv.DetectionDelayDays, rv.DetectionDelayDist = 1, "timer", 0.5, "fixed"
		if err := sc.Validate(); err != nil {
			t.Fatal(err)
		}
		s, err := NewSim(sc, Options{Streams: Streams{Master: 7}})
		if err != nil {
			t.Fatal(err)
		}
		m := s.kinds.memes[0]
		held := func() float64 { // every account's alpha of the meme subnet but the owner's
			x := 0.0
			for a := range s.L.Accounts() {
				if agents.AccountID(a) != s.acct.owner[m] {
					x += s.L.Alpha(agents.AccountID(a), m)
				}
			}
			return x
		}
		cases := 0
		for range int64(sc.Days * agents.BlocksPerDay) {
			b := s.C.Block
			must(t, s.switches(b))
			must(t, s.intervene(b))
			must(t, s.deregister(b))
			s.act(b)
			must(t, s.coinbase(b))
			before, burned := held(), s.burned[m]
			must(t, s.validate(b))
			// s.val.res holds the last fired subnet's Yuma result
			if f := s.C.Fired(); s.root.started[m] >= 0 && len(f) > 0 && f[len(f)-1] == m {
				if s.val.alphaDividends() == 0 {
					cases++
					dist := s.C.Last.DistValidator[m]
					gain, burn := held()-before, s.burned[m]-burned-s.C.Last.DistMiner[m] // the clipped miners' alpha goes to the burn uid
					want := [2]float64{0, dist}
					if mode == FallbackStake {
						want = [2]float64{dist, 0}
					}
					if dist <= 0 || math.Abs(gain-want[0]) > 1e-9*dist || math.Abs(burn-want[1]) > 1e-9*dist {
						t.Fatalf("%q, block %d: validator alpha %v; accounts gained %v and %v was burned, want %v and %v", mode, b, dist, gain, burn, want[0], want[1])
					}
				}
			}
			must(t, s.daily(b))
			must(t, s.observe(b))
		}
		if cases == 0 {
			t.Fatalf("%q: no epoch of the meme subnet without alpha validator dividends after the intervention", mode)
		}
	}
}
