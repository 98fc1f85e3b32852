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
	rv.Policy, rv.DetectionDelayDays = "intervene", 1
	iv := newInterventions(rv, 3)
	const flag = 100
	iv.flagHoldings(1, flag)
	iv.flagHoldings(1, flag+5) // a second flag does not move the first
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
	pv := newInterventions(rv, 3)
	pv.flagHoldings(1, flag)
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
