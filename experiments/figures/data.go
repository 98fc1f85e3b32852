package figures

import (
	"strconv"
	"strings"

	"dtaosim/experiments/record"
	"dtaosim/experiments/sweep"
)

// Axis names the figures look for in an experiment.
const (
	MechanismAxis = "mechanism.preset"              // one panel, line or arm per preset
	AgeAxis       = "chain.age_days"                // attack time: days since the dTAO launch
	PolicyAxis    = "agents.root_validators.policy" // "intervene" or "passive"
)

// EarlyNetuid is the subnet whose root proportion the root-proportion figure follows: the
// first subnet, registered at launch.
const EarlyNetuid = 1

// DaysPerMonth converts days to months on the figures' month axes.
const DaysPerMonth = 30.4

// Experiment is what the figures are drawn from: an experiment's grid, its cells' counts
// and intervals, and the runs' series reduced to what the figures plot. Load fills it from
// a results folder; tests build it by hand.
type Experiment struct {
	Name   string
	Design string   // "grid", "lhs", "morris", "sobol", or "run" for a single `dtaosim run` folder
	Axes   []Axis   // the grid's axes in the experiment's order
	Cells  []Cell   // in cell order
	Runs   []Run    // every run found, in (cell, replicate) order
	CRN    []string // the axes whose arms share random numbers per replicate

	// Comparisons are the paired comparisons of capture between arms of the CRN axes
	// (sweep.Summarize).
	Comparisons []record.ComparisonRow

	// HeadDiffs are each mechanism's paired differences from the head preset in capture
	// and misallocation, pooled over contexts (sweep.Summary.HeadDiffs).
	HeadDiffs []sweep.DesignDiff

	// Sensitivity holds the indices of a Morris or Sobol' design (sweep.Sensitivity), one
	// row per output and parameter; empty for other designs.
	Sensitivity []record.SensitivityRow
	// SensitivityErr says why a sensitivity design's indices could not be computed.
	SensitivityErr string

	// Episodes are the intervened runs and their paired runs without intervention drawn by
	// the SN28 episode figure: at most one pair per mechanism preset.
	Episodes []Episode
}

// Axis is one grid axis and its distinct values, in the order the experiment lists them.
type Axis struct {
	Param  string   // dotted scenario path, e.g. "chain.age_days"
	Values []string // as written in the cells' labels
}

// Cell is one grid cell: its axis values and the counts over its replicates.
type Cell struct {
	Index     int
	Values    []string // one per Experiment.Axes
	Mechanism string   // the mechanism preset at the start of its runs

	Runs, Captured       int     // eligible replicates found (meme share below θ at the takeover); those with a share capture
	CaptureLo, CaptureHi float64 // Wilson 95% interval of the capture probability

	Intervened, Succeeded int       // runs with an intervention at which the meme share was ≥ θ (success defined); those that succeeded
	RootShareAtInterv     []float64 // root validators' Yuma stake share in the meme subnet at each intervention
}

// Run is one run's series, reduced.
type Run struct {
	Cell, Replicate int
	// KindShare maps a subnet kind ("utility", "revenue", "meme") to the summed emission
	// share of the subnets of that kind at each recorded time. A subnet counts under the
	// kind it had at that time (a taken-over subnet turns "meme").
	KindShare map[string][]Point
	RootProp  []Point // EarlyNetuid's root proportion over time
	Start     Start   // EarlyNetuid at the first record
}

// Start is a subnet's state at a run's first record: what the root-proportion formula
// needs.
type Start struct {
	Day       float64 // days since the run started
	Issuance  float64 // alpha issuance I, alpha
	RootTAO   float64 // chain-wide TAO staked on root R, TAO
	RootProp  float64 // root proportion ρ = w·R/(w·R + I)
	Recorded  bool    // false if the run's series had no row for the subnet
	AgeOffset float64 // chain age at the run's start, days (the cell's chain.age_days; 0 without that axis)
}

// Point is a value at a time, in days since the run started.
type Point struct{ Day, V float64 }

// Episode is an intervened run and its paired run without intervention (same cell values
// but the policy, same replicate, so the same random numbers): the meme subnet's series in
// both.
type Episode struct {
	Mechanism       string
	Context         string // the cell's other axis values, "name=value; …"
	Replicate       int
	Netuid          int     // the meme subnet the root validators intervened in
	InterventionDay float64 // days since the run started
	With, Without   []EpisodePoint
}

// EpisodePoint is the meme subnet at one recorded time.
type EpisodePoint struct {
	Day            float64 // days since the run started
	Price          float64 // spot price, TAO per alpha
	EmissionShare  float64 // share of the block's TAO emission, in [0, 1]
	RootStakeShare float64 // root validators' share of the subnet's Yuma stake, in [0, 1]
}

// axis returns the index of the axis param, or -1.
func (e *Experiment) axis(param string) int {
	for i, a := range e.Axes {
		if a.Param == param {
			return i
		}
	}
	return -1
}

// mechanisms returns the mechanism presets of the cells, in the order of the mechanism
// axis if there is one, else in order of appearance.
func (e *Experiment) mechanisms() []string {
	if i := e.axis(MechanismAxis); i >= 0 {
		return e.Axes[i].Values
	}
	var out []string
	for _, c := range e.Cells {
		if !contains(out, c.Mechanism) {
			out = append(out, c.Mechanism)
		}
	}
	return out
}

// number parses an axis value as a number.
func number(s string) (float64, bool) {
	x, err := strconv.ParseFloat(s, 64)
	return x, err == nil
}

// parseLabel splits a cell label "name=value;name=value" into the values of axes, in
// their order; a name missing from the label gives "".
func parseLabel(label string, axes []string) []string {
	m := map[string]string{}
	for part := range strings.SplitSeq(label, ";") {
		name, v, ok := strings.Cut(part, "=")
		if ok {
			m[name] = v
		}
	}
	out := make([]string, len(axes))
	for i, a := range axes {
		out[i] = m[a]
	}
	return out
}

// shortParam shortens a dotted scenario path for labels: its last element, or its last
// two when the last alone says little ("agents.speculators.capital.min" → "capital.min").
func shortParam(p string) string {
	parts := strings.Split(p, ".")
	last := parts[len(parts)-1]
	switch last {
	case "min", "max", "alpha", "count", "from", "to", "share", "preset", "dist":
		if len(parts) >= 2 {
			return parts[len(parts)-2] + "." + last
		}
	}
	return last
}

// describe renders "name=value" pairs with short names, joined by ", ".
func describe(label string) string {
	if label == "" {
		return ""
	}
	var out []string
	for part := range strings.SplitSeq(label, ";") {
		name, v, _ := strings.Cut(part, "=")
		out = append(out, shortParam(name)+"="+v)
	}
	return strings.Join(out, ", ")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// countRuns writes "1 run" or "n runs".
func countRuns(n int) string {
	if n == 1 {
		return "1 run"
	}
	return strconv.Itoa(n) + " runs"
}
