package market

// split divides every subnet's alpha emission into owner, miner, validator and root
// parts, and pays the root part as the root mode says (replay.md steps 4 and 6, spec
// §8.1, §9). weighted false promises that every pool has weight 0.5. It reports
// whether the moving prices still need their update (replay.md step 7): in the
// launch case, root alpha sold every block at weight 0.5 without warm-up, the sell
// loop updates them too.
func (c *Chain) split(weighted bool) (emaDue bool) {
	p := &c.P
	s := &c.S
	r := &c.Last
	n := len(s.Netuid)

	// Root-sell flag from the moving prices before this block's update (spec §9.4).
	sellOK := true
	if p.RootSellFlag {
		sum := 0.0
		for _, m := range s.MovingPrice[:n] {
			sum += m
		}
		sellOK = sum > 1
	}
	mode := p.RootMode
	if !sellOK {
		mode = rootRecycle
	}
	c.splitEmission()
	// A second loop pays the root alpha, so that its division (the sell) does not wait
	// on the root proportion's in the same iteration. The modes without a sell record
	// no sold TAO.
	O, rRootA, rSold := s.AlphaOut[:n], r.RootAlpha[:n], r.RootSoldTAO[:n]
	switch mode {
	case rootRecycle: // root-sell flag off: the root alpha is recycled (spec §9.4)
		recycled := s.Recycled[:n]
		for i, rootAlpha := range rRootA {
			O[i] -= rootAlpha
			recycled[i] += rootAlpha
		}
		clear(rSold)
	case RootClaimSellAtEpoch, RootClaimKeep:
		pRootA := s.PendingRootAlpha[:n]
		for i, rootAlpha := range rRootA {
			pRootA[i] += rootAlpha
		}
		clear(rSold)
	case RootSellPerBlock:
		switch {
		case weighted:
			c.sellRootAlpha()
		case !(p.EMAHalvingBlocks > 0) && !(p.EMAAdaptiveK > 0):
			c.sellRootAlphaCPMMEMA()
			return false
		default:
			c.sellRootAlphaCPMM()
		}
	}
	return true
}

// splitEmission divides every subnet's alpha emission a_i into the owner cut, the miner
// and validator halves of the rest, and the root alpha ρ_i·rest/2 carved out of the
// validator half, with ρ_i = w·R/(w·R + I_i) (spec §8.1, §9.2), adding them to the
// pending buckets and recording ρ_i and the root alpha. It is a function of its own so
// that the compiler keeps its loop's slices in registers.
func (c *Chain) splitEmission() {
	s := &c.S
	r := &c.Last
	n := len(s.Netuid)
	A, O := s.AlphaReserve[:n], s.AlphaOut[:n]
	pMiner, pVal, pOwner := s.PendingMiner[:n], s.PendingValidator[:n], s.PendingOwner[:n]
	rAEm, rRho, rRootA := r.AlphaEmission[:n], r.RootProp[:n], r.RootAlpha[:n]
	wR := c.P.TaoWeight * c.RootTAO
	ownerCut := c.P.OwnerCut
	for i := range n {
		aEm := rAEm[i]
		cut := ownerCut * aEm
		rest := aEm - cut
		rho := rootProp(wR, A[i]+O[i])
		rootAlpha := rho * rest / 2
		pMiner[i] += rest / 2
		pVal[i] += rest/2 - rootAlpha
		pOwner[i] += cut
		rRho[i], rRootA[i] = rho, rootAlpha
	}
}

// sellRootAlpha sells every subnet's root alpha of this block to its pool (root mode
// RootSellPerBlock, spec §9.3): at once, without fee; refused by min_reserve, it is paid
// as alpha at the epoch instead. A subsidised subnet's root alpha is left undistributed,
// still issued.
func (c *Chain) sellRootAlpha() {
	s := &c.S
	r := &c.Last
	n := len(s.Netuid)
	T, A, O, W := s.TaoReserve[:n], s.AlphaReserve[:n], s.AlphaOut[:n], s.QuoteWeight[:n]
	burned, pRootA, pRootT := s.Burned[:n], s.PendingRootAlpha[:n], s.PendingRootTAO[:n]
	rRootA, rSold := r.RootAlpha[:n], r.RootSoldTAO[:n]
	subsidised := c.subsidised[:n]
	minReserve := c.P.MinReserve
	taken := c.Tot.RootTAOTaken // summed in subnet order
	for i := range n {
		rootAlpha := rRootA[i]
		sold := 0.0
		switch {
		case subsidised[i]:
			burned[i] += rootAlpha
		case rootAlpha > 0:
			t, a, w := T[i], A[i], W[i]
			var tao float64
			if w == 0.5 { // sellOut, inlined by hand for the constant-product case
				tao = t * (1 - a/(a+rootAlpha))
			} else {
				tao = sellOut(t, a, w, rootAlpha)
			}
			if t-tao >= minReserve {
				T[i] = t - tao
				A[i] = a + rootAlpha
				O[i] -= rootAlpha
				sold = tao
				pRootT[i] += tao
				taken += tao
			} else {
				pRootA[i] += rootAlpha
			}
		}
		rSold[i] = sold
	}
	c.Tot.RootTAOTaken = taken
}

// sellRootAlphaCPMM is sellRootAlpha when every pool has weight 0.5: the same
// arithmetic, without the call to math.Pow in its loop.
func (c *Chain) sellRootAlphaCPMM() {
	s := &c.S
	r := &c.Last
	n := len(s.Netuid)
	T, A, O := s.TaoReserve[:n], s.AlphaReserve[:n], s.AlphaOut[:n]
	burned, pRootA, pRootT := s.Burned[:n], s.PendingRootAlpha[:n], s.PendingRootTAO[:n]
	rRootA, rSold := r.RootAlpha[:n], r.RootSoldTAO[:n]
	subsidised := c.subsidised[:n]
	minReserve := c.P.MinReserve
	taken := c.Tot.RootTAOTaken // summed in subnet order
	for i := range n {
		rootAlpha := rRootA[i]
		sold := 0.0
		switch {
		case subsidised[i]:
			burned[i] += rootAlpha
		case rootAlpha > 0:
			t, a := T[i], A[i]
			tao := t * (1 - a/(a+rootAlpha))
			if t-tao >= minReserve {
				T[i] = t - tao
				A[i] = a + rootAlpha
				O[i] -= rootAlpha
				sold = tao
				pRootT[i] += tao
				taken += tao
			} else {
				pRootA[i] += rootAlpha
			}
		}
		rSold[i] = sold
	}
	c.Tot.RootTAOTaken = taken
}

// sellRootAlphaCPMMEMA is sellRootAlphaCPMM followed by updateEMA without warm-up, in
// one loop: each subnet's price update reads only its own pool, so it can follow its
// sell at once.
func (c *Chain) sellRootAlphaCPMMEMA() {
	s := &c.S
	r := &c.Last
	n := len(s.Netuid)
	T, A, O, M := s.TaoReserve[:n], s.AlphaReserve[:n], s.AlphaOut[:n], s.MovingPrice[:n]
	burned, pRootA, pRootT := s.Burned[:n], s.PendingRootAlpha[:n], s.PendingRootTAO[:n]
	rRootA, rSold := r.RootAlpha[:n], r.RootSoldTAO[:n]
	subsidised := c.subsidised[:n]
	minReserve := c.P.MinReserve
	alpha, priceCap := c.P.movingAlpha(), c.P.EMAPriceCap
	keep := 1 - alpha
	taken := c.Tot.RootTAOTaken // summed in subnet order
	for i := range n {
		rootAlpha := rRootA[i]
		sold := 0.0
		t, a := T[i], A[i]
		switch {
		case subsidised[i]:
			burned[i] += rootAlpha
		case rootAlpha > 0:
			tao := t * (1 - a/(a+rootAlpha))
			if t-tao >= minReserve {
				t -= tao
				a += rootAlpha
				T[i], A[i] = t, a
				O[i] -= rootAlpha
				sold = tao
				pRootT[i] += tao
				taken += tao
			} else {
				pRootA[i] += rootAlpha
			}
		}
		rSold[i] = sold
		price := 0.0 // spotPrice at weight 0.5
		if !(a <= 0) {
			price = t / a
		}
		M[i] = alpha*min(price, priceCap) + keep*M[i]
	}
	c.Tot.RootTAOTaken = taken
}

// rootRecycle is the root mode in force while the root-sell flag is off.
const rootRecycle RootMode = 255
