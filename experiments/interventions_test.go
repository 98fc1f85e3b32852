package experiments

import (
	"math"
	"slices"
	"testing"

	"dtaosim/agents"
)

// TestInterventionStartsAfterDelay: a subnet flagged at block f is decided on at f + the
// detection delay, once; under "intervene" its intervention starts then, and from then on
// only the intervening root validator burns its weight there; under "passive" the
// decision comes at the same block and no intervention starts.
func TestInterventionStartsAfterDelay(t *testing.T) {
	t.Parallel()
	rv := Defaults().Agents.RootValidators
	rv.Policy, rv.Detect, rv.DetectionDelayDays, rv.DetectionDelayDist = "intervene", "timer", 1, "fixed"
	iv := newInterventions(rv, 3, Streams{Master: 1}.Stream("detection"))
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
	pv := newInterventions(rv, 3, Streams{Master: 1}.Stream("detection"))
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
	iv := newInterventions(rv, 2, Streams{Master: 1}.Stream("detection"))
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
