package market

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
	if !capOn {
		return false
	}
	c.scaleShares(src, inv)
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
