package market

import (
	"fmt"
	"math"
)

// The design switches of the share stage (spec §18, docs/designs.md): rules the chain
// never ran, applied to the shares the share rule produced. Each is off at its zero
// value, and then Step does not touch the shares at all, so every preset's arithmetic
// is unchanged bit for bit.

// designShares applies the share-stage design switches to this block's shares src[i]·inv
// (see shares). If any switch is on it writes the resulting shares to c.Last.Share and
// reports true: the caller then reads them as c.Last.Share with inv = 1. Otherwise it
// writes nothing and reports false.
func (c *Chain) designShares(src []float64, inv float64) bool {
	p := &c.P
	capOn := p.ShareCap > 0 && p.ShareCap < 1
	blendOn := p.ValueWeight > 0 && c.hasValue
	if !capOn && !blendOn {
		return false
	}
	c.scaleShares(src, inv)
	if blendOn {
		blendValue(c.Last.Share, c.assessed, c.S.EmissionEnabled, p.ValueWeight)
	}
	if capOn {
		capShares(c.Last.Share, p.ShareCap, c.capped)
	}
	return true
}

// capShares caps every share of sh at limit and gives the excess to the uncapped
// subnets in proportion to their shares (spec §18.1), in place; capped is scratch of
// len(sh). With K the subnets whose share is positive:
//
//   - if limit·K ≥ Σsh, the result is the unique one in which every subnet gets either
//     limit or its share times one common factor λ ≥ 1, and no more than limit: the
//     set C of capped subnets is grown until no uncapped share exceeds limit once
//     scaled by λ = (Σsh − limit·|C|)/Σ_{j∉C} sh_j. Iterating "cap, redistribute" to its
//     fixed point gives the same result; this closed form scales the original shares
//     once, so rounding does not compound. The shares still sum to Σsh.
//   - if limit·K < Σsh, the cap cannot hold with the shares summing to Σsh: every
//     subnet with a positive share gets limit, and the rest, Σsh − limit·K, is not
//     emitted this block (as when a flow rule gives every subnet 0).
//
// Subnets with share 0 (disabled, or given nothing by the rule) stay at 0.
func capShares(sh []float64, limit float64, capped []bool) {
	capped = capped[:len(sh)]
	clear(capped)
	total := 0.0
	for _, x := range sh {
		total += x
	}
	if !(total > 0) {
		return
	}
	k := 0 // |C|
	for {
		free := 0.0 // Σ_{j∉C} sh_j
		for i, x := range sh {
			if !capped[i] {
				free += x
			}
		}
		if !(free > 0) { // every positive share is capped: limit·K < Σsh
			break
		}
		// room > 0 here: each subnet added to C had a scaled share above limit, and the
		// scaled shares outside C sum to room, so limit·|C| stays below Σsh.
		scale := (total - float64(k)*limit) / free
		grew := false
		for i, x := range sh {
			if !capped[i] && x*scale > limit {
				capped[i] = true
				k++
				grew = true
			}
		}
		if !grew {
			for i, x := range sh {
				if capped[i] {
					sh[i] = limit
				} else {
					sh[i] = x * scale
				}
			}
			return
		}
	}
	for i := range sh {
		if capped[i] {
			sh[i] = limit
		}
	}
}

// SetAssessedValue sets the assessed value of every subnet that value-weighted emission
// (value_weight, spec §18.4) blends with the share rule from the next Step on: one
// number ≥ 0 per subnet in index (ascending netuid) order, in any unit, since only the
// proportions v_i/Σv enter. The chain cannot know a subnet's value: the assessment is
// what root or subnet validators can observe of it, with noise and a lag, and the
// simulation supplies it (the experiments' assessor), refreshing it as often as the
// design says. The chain copies v. A nil v removes the assessment, and with none
// value_weight has no effect. The error names the first bad entry.
func (c *Chain) SetAssessedValue(v []float64) error {
	if v == nil {
		c.hasValue = false
		clear(c.assessed)
		return nil
	}
	if len(v) != c.N() {
		return fmt.Errorf("assessed value: expected %d values, one per subnet in netuid order, got %d", c.N(), len(v))
	}
	for i, x := range v {
		if !(x >= 0) || math.IsInf(x, 0) {
			return fmt.Errorf("assessed value of subnet %d: expected a finite number >= 0, got %v", c.S.Netuid[i], x)
		}
	}
	copy(c.assessed, v)
	c.hasValue = true
	return nil
}

// AssessedValue returns a copy of the assessment SetAssessedValue set, or nil if none.
func (c *Chain) AssessedValue() []float64 {
	if !c.hasValue {
		return nil
	}
	return append([]float64(nil), c.assessed...)
}

// blendValue replaces the shares sh by (1 − w)·sh_i + w·v_i/Σv (spec §18.4), in place,
// with the sum and the value shares over the emission-enabled subnets only; a disabled
// subnet keeps its share 0. If Σv = 0 the value shares are all 0, as the price shares
// are when Σm = 0 (§4.1): the blend gives (1 − w)·sh and w of the block's TAO is not
// emitted.
func blendValue(sh, v []float64, enabled []bool, w float64) {
	v, enabled = v[:len(sh)], enabled[:len(sh)]
	sumV := 0.0
	for i, x := range v {
		if enabled[i] {
			sumV += x
		}
	}
	keep := 1 - w
	for i, x := range sh {
		y := keep * x
		if enabled[i] && sumV > 0 {
			y += w * v[i] / sumV
		}
		sh[i] = y
	}
}
