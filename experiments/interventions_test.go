package experiments

import (
	"math"
	"slices"
	"testing"

	"dtaosim/agents"
)

// TestInterventionStartsAfterDelay: under "intervene", a subnet flagged at block f starts
// its intervention at f + the detection delay, once, and from then on only the
// intervening root validator burns its weight there; a passive policy never starts one.
func TestInterventionStartsAfterDelay(t *testing.T) {
	t.Parallel()
	rv := Defaults().Agents.RootValidators
	rv.Policy, rv.DetectionDelayDays = "intervene", 1
	iv := newInterventions(rv, 3)
	const flag = 100
	iv.flagHoldings(1, flag)
	iv.flagHoldings(1, flag+5) // a second flag does not move the first
	for b := int64(flag); b < flag+agents.BlocksPerDay; b++ {
		if due := iv.startDue(b); len(due) != 0 || iv.burning(1) != nil {
			t.Fatalf("intervention started at block %d, before the delay", b)
		}
	}
	if due := iv.startDue(flag + agents.BlocksPerDay); !slices.Equal(due, []int{1}) {
		t.Fatalf("due at flag + delay: %v, want [1]", due)
	}
	if due := iv.startDue(flag + agents.BlocksPerDay + 1); len(due) != 0 {
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
	if due := pv.startDue(flag + agents.BlocksPerDay); len(due) != 0 {
		t.Errorf("passive policy started %v", due)
	}
}

// TestRootStakeShares: the root stake shares sum to 1; under "intervene" validator 0
// holds intervene_share.
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
		if s0 := rootStakeShare(rv, 0); policy == "intervene" && s0 != rv.InterveneShare {
			t.Errorf("intervening validator's share %v, want %v", s0, rv.InterveneShare)
		}
	}
}
