package sweep

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"dtaosim/experiments/stats"
)

// Replicates says how many runs each cell gets. An experiment file gives either a fixed
// number (`replicates: 8`: Min = Max = Batch = 8, CIHalfWidth 0) or an adaptive rule
// (`replicates: {min: 50, max: 2000, ci_halfwidth: 0.02}`, optional `batch`).
//
// Adaptive cells run in batches on a fixed schedule of checkpoints: Min, then Min + Batch,
// Min + 2·Batch, … capped at Max (Batch defaults to Min). At each checkpoint n the rule
// looks at the cell's own replicates 0 … n−1 only, all complete: it stops ("target") when
// the Wilson 95% interval of the capture rate over their eligible runs (below θ at the
// takeover, as in the summary) has half-width (hi − lo)/2 at most CIHalfWidth, stops
// ("max") when n = Max, and runs the next batch otherwise. A replicate's outcome depends
// only on the plan, the cell and the replicate index, so the stopping point is a function
// of the plan: the same whatever the workers, the shards or the interruptions.
//
// A cell none of whose runs is eligible has the uninformative interval [0, 1] and runs to
// Max. Stopping when an interval is narrow enough makes the stopping point depend on the
// data (sequential sampling); the interval reported at the end is the plain Wilson
// interval, whose coverage this affects little when the target is much narrower than the
// first batch's interval.
type Replicates struct {
	Min         int     `json:"min"`
	Max         int     `json:"max"`
	Batch       int     `json:"batch"`
	CIHalfWidth float64 `json:"ci_halfwidth"` // 0: a fixed number of replicates
}

// Fixed returns the rule of n replicates per cell.
func Fixed(n int) Replicates { return Replicates{Min: n, Max: n, Batch: n} }

// Adaptive reports whether the number of replicates depends on the runs' outcomes.
func (r Replicates) Adaptive() bool { return r.CIHalfWidth > 0 }

// String describes the rule: "8" or "50-2000 (until the capture rate's 95% CI is ±0.02;
// batches of 50)".
func (r Replicates) String() string {
	if !r.Adaptive() {
		return fmt.Sprint(r.Max)
	}
	return fmt.Sprintf("%d-%d (until the capture rate's 95%% CI is ±%g; batches of %d)", r.Min, r.Max, r.CIHalfWidth, r.Batch)
}

// maxReplicates bounds replicates per cell.
const maxReplicates = 1_000_000

// UnmarshalYAML reads a whole number or a mapping {min, max, ci_halfwidth, batch}. Errors
// about the mapping name the line and the key.
func (r *Replicates) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		var v int
		if err := n.Decode(&v); err != nil {
			return fmt.Errorf("line %d: replicates: expected a whole number, or {min, max, ci_halfwidth}, got %q", n.Line, n.Value)
		}
		*r = Fixed(v) // its range is checked by parse, with the other fields
		return nil
	case yaml.MappingNode:
	default:
		return fmt.Errorf("line %d: replicates: expected a whole number, or {min, max, ci_halfwidth}", n.Line)
	}
	var out Replicates
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		var err error
		switch key.Value {
		case "min":
			err = val.Decode(&out.Min)
		case "max":
			err = val.Decode(&out.Max)
		case "batch":
			err = val.Decode(&out.Batch)
		case "ci_halfwidth":
			err = val.Decode(&out.CIHalfWidth)
		default:
			return fmt.Errorf("line %d: replicates: unknown key %q; expected min, max, ci_halfwidth and optionally batch", key.Line, key.Value)
		}
		if err != nil {
			return fmt.Errorf("line %d: replicates.%s: expected a number, got %q", val.Line, key.Value, val.Value)
		}
		seen[key.Value] = true
	}
	for _, k := range []string{"min", "max", "ci_halfwidth"} {
		if !seen[k] {
			return fmt.Errorf("line %d: replicates.%s: missing; adaptive replicates need min, max and ci_halfwidth (or give a whole number for a fixed count)", n.Line, k)
		}
	}
	if !seen["batch"] {
		out.Batch = out.Min
	}
	switch {
	case out.Min < 1 || out.Min > maxReplicates:
		return fmt.Errorf("line %d: replicates.min: expected a whole number in [1, %d], got %d", n.Line, maxReplicates, out.Min)
	case out.Max < out.Min || out.Max > maxReplicates:
		return fmt.Errorf("line %d: replicates.max: expected a whole number in [min = %d, %d], got %d", n.Line, out.Min, maxReplicates, out.Max)
	case out.Batch < 1:
		return fmt.Errorf("line %d: replicates.batch: expected a whole number >= 1, got %d", n.Line, out.Batch)
	case !(out.CIHalfWidth > 0 && out.CIHalfWidth < 0.5):
		return fmt.Errorf("line %d: replicates.ci_halfwidth: expected a half-width in (0, 0.5), got %v", n.Line, out.CIHalfWidth)
	}
	*r = out
	return nil
}

// next returns the checkpoint after n: Min from 0, then n + Batch, at most Max.
func (r Replicates) next(n int) int {
	if n == 0 {
		return r.Min
	}
	return min(n+r.Batch, r.Max)
}

// Checkpoints returns the schedule of checkpoints: Min, Min + Batch, …, Max.
func (r Replicates) Checkpoints() []int {
	var out []int
	for n := r.next(0); ; n = r.next(n) {
		out = append(out, n)
		if n >= r.Max {
			return out
		}
	}
}

// HalfWidth is the half-width (hi − lo)/2 of the Wilson 95% interval of captured out of
// eligible runs, as the summary reports it; 0.5 with no eligible run.
func HalfWidth(captured, eligible int) float64 {
	lo, hi := stats.Wilson(captured, eligible, 0.95)
	return (hi - lo) / 2
}

// The reasons a cell stopped where it did (Stop.Reason, the summary's stop_reason).
const (
	StopFixed      = "fixed"      // a fixed number of replicates
	StopTarget     = "target"     // the capture rate's interval reached the target half-width
	StopMax        = "max"        // the adaptive maximum was reached first
	StopIncomplete = "incomplete" // a replicate before the checkpoint is missing
)

// Stop is where a cell's replicates stop: At replicates (0 … At−1) and why.
type Stop struct {
	At     int
	Reason string
}

// Outcome is what the stopping rule sees of one replicate.
type Outcome struct {
	Present  bool // the run is complete (its runs file exists)
	Eligible bool // below θ at the takeover
	Captured bool
}

// Walk applies the rule to a cell whose replicate r has the outcome get(r). It follows the
// checkpoints while every replicate before them is present, and returns where the rule
// stops; if a replicate before the checkpoint reached is missing, it returns that
// checkpoint with reason StopIncomplete (the batch to complete). get is called at most
// once per replicate, in increasing order, and never beyond the returned checkpoint.
func (r Replicates) Walk(get func(rep int) Outcome) Stop {
	n, k, e := 0, 0, 0
	for {
		next := r.next(n)
		for rep := n; rep < next; rep++ {
			o := get(rep)
			if !o.Present {
				return Stop{At: next, Reason: StopIncomplete}
			}
			if o.Eligible {
				e++
				if o.Captured {
					k++
				}
			}
		}
		n = next
		switch {
		case !r.Adaptive():
			return Stop{At: n, Reason: StopFixed}
		case HalfWidth(k, e) <= r.CIHalfWidth:
			return Stop{At: n, Reason: StopTarget}
		case n >= r.Max:
			return Stop{At: n, Reason: StopMax}
		}
	}
}

// InShard reports whether replicate rep of cell belongs to shard i of n. Fixed plans
// shard by run (k = cell·Max + rep, k mod n = i); adaptive plans by cell (cell mod n = i),
// so that a shard holds whole cells and its stopping rule needs no other shard's runs.
func (r Replicates) InShard(cell, rep, i, n int) bool {
	if r.Adaptive() {
		return InShard(cell, i, n)
	}
	return InShard(cell*r.Max+rep, i, n)
}

// check validates a rule read as a plain number.
func (r Replicates) check() error {
	if !r.Adaptive() && (r.Max < 1 || r.Max > maxReplicates) {
		return fmt.Errorf("replicates: expected a whole number in [1, %d], got %d", maxReplicates, r.Max)
	}
	return nil
}

// hashKey is the rule's part of the plan hash. A fixed rule adds nothing, so that plans
// written before adaptive replicates keep their hash.
func (r Replicates) hashKey() string {
	if !r.Adaptive() {
		return ""
	}
	return fmt.Sprintf("adaptive:%d,%d,%d,%v|", r.Min, r.Max, r.Batch, r.CIHalfWidth)
}
