package sweep

import (
	"slices"
	"strings"
	"testing"
)

// TestReplicatesYAML: replicates is a whole number or {min, max, ci_halfwidth[, batch]};
// mistakes in the mapping name the line and the key.
func TestReplicatesYAML(t *testing.T) {
	t.Parallel()
	const head = "name: x\nbase: sn28\n" // replicates is on line 3
	good := []struct {
		src  string
		want Replicates
	}{
		{"replicates: 7\n", Replicates{Min: 7, Max: 7, Batch: 7}},
		{"replicates: {min: 50, max: 2000, ci_halfwidth: 0.02}\n", Replicates{Min: 50, Max: 2000, Batch: 50, CIHalfWidth: 0.02}},
		{"replicates: {min: 10, max: 100, ci_halfwidth: 0.05, batch: 30}\n", Replicates{Min: 10, Max: 100, Batch: 30, CIHalfWidth: 0.05}},
		{"replicates:\n  min: 4\n  max: 4\n  ci_halfwidth: 0.1\n", Replicates{Min: 4, Max: 4, Batch: 4, CIHalfWidth: 0.1}},
	}
	for _, tc := range good {
		p, err := Parse([]byte(head+tc.src), ".")
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.src, err)
			continue
		}
		if p.Exp.Replicates != tc.want {
			t.Errorf("Parse(%q): replicates %+v, want %+v", tc.src, p.Exp.Replicates, tc.want)
		}
	}
	bad := []struct{ src, want string }{
		{"replicates: {min: 10, max: 5, ci_halfwidth: 0.05}\n", "line 3: replicates.max"},
		{"replicates: {min: 0, max: 5, ci_halfwidth: 0.05}\n", "line 3: replicates.min"},
		{"replicates: {min: 5, max: 50}\n", "line 3: replicates.ci_halfwidth: missing"},
		{"replicates: {min: 5, max: 50, ci_halfwidth: 0.7}\n", "line 3: replicates.ci_halfwidth"},
		{"replicates: {min: 5, max: 50, ci_halfwidth: 0}\n", "line 3: replicates.ci_halfwidth"},
		{"replicates: {min: 5, max: 50, ci_halfwidth: 0.1, batch: 0}\n", "line 3: replicates.batch"},
		{"replicates: {min: 5, max: 50, ci: 0.1}\n", `line 3: replicates: unknown key "ci"`},
		{"replicates:\n  min: 5\n  max: lots\n  ci_halfwidth: 0.1\n", "line 5: replicates.max: expected a number"},
		{"replicates: many\n", "line 3: replicates"},
		{"replicates: [1, 2]\n", "line 3: replicates"},
		{"replicates: 0\n", "line 3: replicates: expected a whole number in [1, 1000000], got 0"},
	}
	for _, tc := range bad {
		_, err := Parse([]byte(head+tc.src), ".")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q): error %v, want one containing %q", tc.src, err, tc.want)
		}
	}
}

// TestReplicatesWalk: the stopping rule follows the checkpoints min, min + batch, …, max
// and stops at the first where the Wilson 95% half-width of the capture rate over the
// eligible runs is at most the target; a missing run holds it at its batch.
func TestReplicatesWalk(t *testing.T) {
	t.Parallel()
	rule := Replicates{Min: 4, Max: 22, Batch: 6, CIHalfWidth: 0.1}
	if got, want := rule.Checkpoints(), []int{4, 10, 16, 22}; !slices.Equal(got, want) {
		t.Errorf("checkpoints %v, want %v", got, want)
	}
	none := func(int) Outcome { return Outcome{Present: true, Eligible: true} }
	// With no capture among n eligible runs the Wilson interval is [0, z²/(n+z²)], so the
	// half-width is z²/(2(n+z²)) ≤ 0.1 from n ≥ z²(1/0.2 − 1) = 15.37 (z = 1.96): the
	// checkpoint 16.
	if got := rule.Walk(none); got != (Stop{16, StopTarget}) {
		t.Errorf("no captures: %+v, want stop at 16 (target)", got)
	}
	// Half the runs captured: the half-width is about 1.96·0.5/√n, > 0.1 until n ≈ 96.
	half := func(r int) Outcome { return Outcome{Present: true, Eligible: true, Captured: r%2 == 0} }
	if got := rule.Walk(half); got != (Stop{22, StopMax}) {
		t.Errorf("half captured: %+v, want stop at 22 (max)", got)
	}
	// No eligible run: the interval is [0, 1], so the cell runs to max.
	if got := rule.Walk(func(int) Outcome { return Outcome{Present: true} }); got != (Stop{22, StopMax}) {
		t.Errorf("none eligible: %+v, want stop at 22 (max)", got)
	}
	// Ineligible runs do not count: 16 eligible runs are reached only at checkpoint 22
	// when every third run is at θ (runs 0 … 21 hold 14 eligible ones; 0 … 15, 10).
	third := func(r int) Outcome { return Outcome{Present: true, Eligible: r%3 != 0} }
	if got := rule.Walk(third); got != (Stop{22, StopMax}) {
		t.Errorf("every third at θ: %+v, want stop at 22 (max): 14 eligible runs give half-width %.3f > 0.1", got, HalfWidth(0, 14))
	}
	// Replicate 12 missing: the cell stands at the batch ending at 16, incomplete.
	var asked []int
	gap := func(r int) Outcome {
		asked = append(asked, r)
		if r == 12 {
			return Outcome{}
		}
		return none(r)
	}
	if got := rule.Walk(gap); got != (Stop{16, StopIncomplete}) {
		t.Errorf("replicate 12 missing: %+v, want 16 (incomplete)", got)
	}
	if want := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}; !slices.Equal(asked, want) {
		t.Errorf("Walk asked for %v, want %v (in order, up to the first missing)", asked, want)
	}
	// A fixed number: one checkpoint, reason "fixed".
	if got := Fixed(5).Walk(none); got != (Stop{5, StopFixed}) {
		t.Errorf("fixed 5: %+v", got)
	}
	if got := Fixed(5).Walk(gap); got != (Stop{5, StopFixed}) {
		t.Errorf("fixed 5 with replicate 12 missing (beyond it): %+v", got)
	}
	// The closed form above, checked against HalfWidth.
	if HalfWidth(0, 15) <= 0.1 || HalfWidth(0, 16) > 0.1 {
		t.Errorf("HalfWidth(0, 15) = %.4f, HalfWidth(0, 16) = %.4f; want the first > 0.1 ≥ the second", HalfWidth(0, 15), HalfWidth(0, 16))
	}
}

// TestReplicatesInShard: adaptive plans shard by cell, fixed ones by run; either way
// every run is in exactly one shard.
func TestReplicatesInShard(t *testing.T) {
	t.Parallel()
	for _, rule := range []Replicates{Fixed(3), {Min: 2, Max: 9, Batch: 2, CIHalfWidth: 0.1}} {
		for n := 1; n <= 4; n++ {
			for c := range 7 {
				shardOfCell := -1
				for r := range rule.Max {
					in := 0
					for i := range n {
						if rule.InShard(c, r, i, n) {
							in++
							if rule.Adaptive() && shardOfCell >= 0 && shardOfCell != i {
								t.Errorf("adaptive: cell %d in shards %d and %d", c, shardOfCell, i)
							}
							shardOfCell = i
						}
					}
					if in != 1 {
						t.Errorf("%+v: cell %d replicate %d in %d of %d shards", rule, c, r, in, n)
					}
				}
			}
		}
	}
}
