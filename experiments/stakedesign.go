package experiments

import (
	"fmt"
	"slices"
	"strings"

	"dtaosim/market"
)

// StakeRules are the validation-level designs (docs/designs.md, issue 13 items 3 and 4):
// rules on the stake each subnet's Yuma sees, applied at every epoch after the stakes are
// built (validation.stakes) and before consensus, in this order:
//
//  1. the per-validator stake cap: with p = ValidatorStakeCapPercentile in (0, 100), every
//     validator uid whose Yuma stake exceeds q, the p-th percentile of the subnet's
//     positive validator stakes (alpha and root validators together; linear
//     interpolation between order statistics, h = (n − 1)·p/100, numpy's default), is cut
//     to q (Lui & Sun, arXiv 2507.02951, propose p = 88);
//  2. the root-stake floor: with f = RootStakeFloor in (0, 1), if the root validators'
//     share of the subnet's Yuma stake, R/(A + R) (A the alpha validators', R the root
//     validators' stake after step 1), is below f and R > 0, every root validator's stake
//     is multiplied by f·A/((1 − f)·R), which makes root's share exactly f.
//
// They change only what Yuma sees (consensus, dividends, incentive, bonds): payouts split
// a validator's dividends among its own alpha and its delegators' by their true stakes,
// so nothing is created or lost. Root's stake share that the run reports (the
// intervention's root_share_at_interv) is the share Yuma saw. 0 switches either off.
type StakeRules struct {
	ValidatorStakeCapPercentile float64 `yaml:"validator_stake_cap_percentile,omitempty"`
	RootStakeFloor              float64 `yaml:"root_stake_floor,omitempty"`
}

func (r StakeRules) on() bool {
	return (r.ValidatorStakeCapPercentile > 0 && r.ValidatorStakeCapPercentile < 100) || r.RootStakeFloor > 0
}

func (r StakeRules) validate(path string) error {
	if p := r.ValidatorStakeCapPercentile; !(p >= 0 && p <= 100) {
		return ferr(path+".validator_stake_cap_percentile", "expected a percentile in [0, 100] (0 = off; Lui & Sun propose 88), got %v", p)
	}
	if f := r.RootStakeFloor; !(f >= 0 && f < 1) {
		return ferr(path+".root_stake_floor", "expected root's minimum share of each subnet's Yuma stake in [0, 1) (0 = off), got %v", f)
	}
	return nil
}

// over returns r with the design d's nonzero rules in place of r's.
func (r StakeRules) over(d StakeRules) StakeRules {
	if d.ValidatorStakeCapPercentile != 0 {
		r.ValidatorStakeCapPercentile = d.ValidatorStakeCapPercentile
	}
	if d.RootStakeFloor != 0 {
		r.RootStakeFloor = d.RootStakeFloor
	}
	return r
}

// ValidationDesign is a named run-level design: the chain runs the market preset Base,
// every subnet's Yuma stake follows Rules, and Dereg, if on, is the run's deregistration. mechanism.preset (and a schedule
// switch's preset) accepts its name like a market preset or design, so that designs of
// both kinds share one axis.
type ValidationDesign struct {
	Name, Summary, Source string
	Base                  string // the market preset the chain runs (market.DesignBase)
	Rules                 StakeRules
	Dereg                 DeregSpec // deregistration (dereg.go); off when zero
}

// ValidationDesigns returns the named validation-level designs of docs/designs.md, each
// the head preset with one stake rule.
func ValidationDesigns() []ValidationDesign {
	return []ValidationDesign{
		{"design_validator_cap_88", "head + every validator's Yuma stake cut to the subnet's 88th percentile of validator stakes",
			"Lui & Sun, arXiv 2507.02951", market.DesignBase, StakeRules{ValidatorStakeCapPercentile: 88}, DeregSpec{}},
		{"design_root_floor_60", "head + root validators hold at least 60% of every subnet's Yuma stake (root stake scaled up)",
			"hypothetical (issue 13 item 3)", market.DesignBase, StakeRules{RootStakeFloor: 0.6}, DeregSpec{}},
		{"design_root_floor_90", "head + root validators hold at least 90% of every subnet's Yuma stake (root stake scaled up)",
			"hypothetical (issue 13 item 3)", market.DesignBase, StakeRules{RootStakeFloor: 0.9}, DeregSpec{}},
		{"design_dereg", "head + deregistration: new subnets (about one a week, at most one per 2 days) prune the lowest-moving-price subnet past 120 days' immunity",
			"the chain since 2025-09-17 (subtensor do_register_network)", market.DesignBase, StakeRules{}, ChainDereg()},
	}
}

func validationDesign(name string) (ValidationDesign, bool) {
	for _, d := range ValidationDesigns() {
		if d.Name == name {
			return d, true
		}
	}
	return ValidationDesign{}, false
}

// presetParams resolves a mechanism name: a market preset or design, or a validation
// design (its base preset's parameters).
func presetParams(name string) (market.Params, error) {
	if d, ok := validationDesign(name); ok {
		return market.PresetParams(d.Base)
	}
	p, err := market.PresetParams(name)
	if err != nil {
		names := make([]string, 0, 4)
		for _, d := range ValidationDesigns() {
			names = append(names, d.Name)
		}
		return p, fmt.Errorf("%v; validation designs: %s", err, strings.Join(names, ", "))
	}
	return p, nil
}

// stakeRules returns the stake rules in force under the mechanism named preset: the
// scenario's mechanism fields, with a validation design's own rules in their place.
func (s *Scenario) stakeRules(preset string) StakeRules {
	r := s.Mechanism.StakeRules
	if d, ok := validationDesign(preset); ok {
		r = r.over(d.Rules)
	}
	return r
}

// deregSpec returns the deregistration in force under the mechanism named preset: the
// scenario's mechanism.deregistration, or a validation design's own in its place.
func (s *Scenario) deregSpec(preset string) DeregSpec {
	if d, ok := validationDesign(preset); ok && d.Dereg.on() {
		return d.Dereg
	}
	return s.Mechanism.Deregistration
}

// yumaStake returns the stake subnet i's Yuma runs with: the stakes built by stakes,
// or, under a stake rule, a copy changed by it (see StakeRules); then it also records
// root's share of that stake.
func (v *validation) yumaStake(i int) []float64 {
	n := v.yumas[i].N()
	if !v.rules.on() {
		return v.stake[:n]
	}
	ys := append(v.ystake[:0], v.stake[:n]...)
	v.ystake = ys
	vals := ys[1 : 1+v.V+v.R]
	if p := v.rules.ValidatorStakeCapPercentile; p > 0 && p < 100 {
		v.sorted = v.sorted[:0]
		for _, x := range vals {
			if x > 0 {
				v.sorted = append(v.sorted, x)
			}
		}
		if len(v.sorted) > 0 {
			q := percentile(v.sorted, p)
			for k, x := range vals {
				vals[k] = min(x, q)
			}
		}
	}
	var a, r float64
	for k, x := range vals {
		if k < v.V {
			a += x
		} else {
			r += x
		}
	}
	if f := v.rules.RootStakeFloor; f > 0 && r > 0 && r < f*(a+r) {
		scale := f * a / ((1 - f) * r)
		r = 0
		for k := v.V; k < len(vals); k++ {
			vals[k] *= scale
			r += vals[k]
		}
	}
	if a+r > 0 {
		v.rootShare[i] = r / (a + r)
	}
	return ys
}

// percentile returns the p-th percentile (0 < p < 100) of x by linear interpolation
// between order statistics at h = (n − 1)·p/100; it sorts x in place.
func percentile(x []float64, p float64) float64 {
	slices.Sort(x)
	h := float64(len(x)-1) * p / 100
	lo := int(h)
	if lo+1 >= len(x) {
		return x[len(x)-1]
	}
	return x[lo] + (h-float64(lo))*(x[lo+1]-x[lo])
}
