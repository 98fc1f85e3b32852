package sweep

import (
	"math"
	"strings"

	"dtaosim/experiments/stats"
	"dtaosim/market"
)

// MechanismAxis is the axis whose values HeadDiffs compares with HeadPreset.
const MechanismAxis = "mechanism.preset"

// HeadPreset is the mechanism every design is compared with: the head preset the named
// designs modify (market.DesignBase).
const HeadPreset = market.DesignBase

// controlContext marks the control arm, whose runs have no takeover: capture is not at
// stake there, so HeadDiffs leaves it out.
const controlContext = "subnets.meme.takeover=false"

// DesignDiff is one mechanism's paired differences from HeadPreset, pooled over the
// contexts (the other axes' values) in which both were run, leaving out the control arm:
// every replicate of every such context is one pair, the two runs sharing random numbers.
type DesignDiff struct {
	Mechanism string
	Contexts  int // contexts pooled
	// Capture: the capture rate of the design minus the head's over the pairs where
	// neither run was at θ at the takeover, with Newcombe's 95% interval and the exact
	// McNemar p-value (N10: only the design captured; N01: only the head).
	CapturePairs                  int
	N10, N01                      int
	Capture, CaptureLo, CaptureHi float64
	McNemarP                      float64
	// Misallocation: the mean paired difference of the run's time-mean misallocation
	// (the runs column misallocation) with its Student-t 95% interval.
	MisallocationPairs                              int
	Misallocation, MisallocationLo, MisallocationHi float64
	// Takeovers counts the head's runs in those pairs that had a takeover; 0 when the
	// experiment itself is a control arm (subnets.meme.takeover false in its scenario),
	// where the capture difference is 0 by construction and only misallocation compares.
	Takeovers int
}

// NoTakeover reports whether none of the runs compared with the head had a takeover:
// the experiment is a control arm as a whole, and its capture differences say nothing.
func NoTakeover(diffs []DesignDiff) bool {
	for _, d := range diffs {
		if d.Takeovers > 0 {
			return false
		}
	}
	return len(diffs) > 0
}

// HeadDiffs returns, for every other value of the mechanism axis in the order the cells
// meet them, its paired differences from HeadPreset (DesignDiff); nil when the
// experiment has no mechanism axis holding HeadPreset, or that axis does not share random
// numbers.
func (s *Summary) HeadDiffs() []DesignDiff {
	m := &s.Manifest
	head := MechanismAxis + "=" + HeadPreset
	var out []DesignDiff
	index := map[string]int{}
	var cap []captureTable
	var mis [][]float64
	for _, pr := range oneAxisPairs(m) {
		if m.Axes[pr.axis] != MechanismAxis || strings.Contains(";"+pr.context+";", ";"+controlContext+";") {
			continue
		}
		_, armA, armB := pr.arms(m)
		a, b := pr.a, pr.b // design, head
		switch head {
		case armB:
		case armA:
			a, b, armA = b, a, armB
		default:
			continue
		}
		name := strings.TrimPrefix(armA, MechanismAxis+"=")
		k, ok := index[name]
		if !ok {
			k = len(out)
			index[name] = k
			out = append(out, DesignDiff{Mechanism: name})
			cap = append(cap, captureTable{})
			mis = append(mis, nil)
		}
		out[k].Contexts++
		ra, rb := s.Runs[a], s.Runs[b]
		cap[k].add(ra, rb)
		for r := range ra {
			if ra[r] == nil || r >= len(rb) || rb[r] == nil {
				continue
			}
			if rb[r].Takeover {
				out[k].Takeovers++
			}
			if x, y := ra[r].Misallocation, rb[r].Misallocation; !math.IsNaN(x) && !math.IsNaN(y) {
				mis[k] = append(mis[k], x-y)
			}
		}
	}
	for k := range out {
		d, c := &out[k], cap[k]
		d.CapturePairs, d.N10, d.N01 = c.pairs(), c.n10, c.n01
		d.Capture, d.CaptureLo, d.CaptureHi, d.McNemarP = math.NaN(), math.NaN(), math.NaN(), math.NaN()
		if d.CapturePairs > 0 {
			d.Capture, d.CaptureLo, d.CaptureHi = stats.PairedDiffNewcombe(c.n11, c.n10, c.n01, c.n00, 0.95)
			d.McNemarP = stats.McNemarExact(c.n10, c.n01)
		}
		d.MisallocationPairs = len(mis[k])
		d.Misallocation, d.MisallocationLo, d.MisallocationHi, _ = stats.PairedMean(mis[k], 0.95)
	}
	return out
}
