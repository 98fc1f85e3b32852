package market

import "math"

// Step runs the chain's coinbase for block c.Block and advances to the next block, in the
// order of replay.md "Exact semantics" steps 2–8 (spec §2): block emission, shares,
// root-sell flag, subnet terms and injection with chain buys, the emission split and
// root alpha, the moving-price update, and epochs. User trades for the block (step 1)
// are the caller's Buy and Sell calls before Step. c.Last holds what happened to every
// subnet. Step allocates nothing.
func (c *Chain) Step() {
	p := &c.P
	s := &c.S
	r := &c.Last
	n := len(s.Netuid)
	b := c.Block

	E := BlockEmission(c.TaoIssuance)
	c.E = E

	c.shares()

	sellOK := true
	if p.RootSellFlag {
		sum := 0.0
		for _, m := range s.MovingPrice[:n] {
			sum += m
		}
		sellOK = sum > 1
	}

	wR := p.TaoWeight * c.RootTAO
	// Local slices, re-sliced to n, let the compiler keep them in registers and drop
	// bounds checks in the loop below.
	T, A, O, W := s.TaoReserve[:n], s.AlphaReserve[:n], s.AlphaOut[:n], s.QuoteWeight[:n]
	M, age0 := s.MovingPrice[:n], s.AgeAtStart[:n]
	recycled, burned, protoAcc := s.Recycled[:n], s.Burned[:n], s.ProtoAcc[:n]
	pMiner, pVal, pOwner, pRootA, pRootT := s.PendingMiner[:n], s.PendingValidator[:n], s.PendingOwner[:n], s.PendingRootAlpha[:n], s.PendingRootTAO[:n]
	share, rEm, rTaoIn, rAlphaIn, rExcess := r.Share[:n], r.TaoEmission[:n], r.TaoIn[:n], r.AlphaIn[:n], r.ExcessTAO[:n]
	rBought, rAEm, rRho, rRootA, rSold := r.BoughtAlpha[:n], r.AlphaEmission[:n], r.RootProp[:n], r.RootAlpha[:n], r.RootSoldTAO[:n]
	ownerCut, movingAlpha, halving, priceCap, minReserve := p.OwnerCut, p.MovingAlpha, p.EMAHalvingBlocks, p.EMAPriceCap, p.MinReserve
	taoIssued := 0.0
	// Warm-up factor of the EMA: b_i = age at start + blocks since start (spec §5).
	age := float64(b - c.StartBlock)
	for i := range n {
		t, a, w, o0 := T[i], A[i], W[i], O[i]
		aEm := BlockEmission(a + o0)
		e := E * share[i]

		var taoIn, alphaIn, excess float64
		subsidised := false
		switch p.InjectionRule {
		case InjectLaunch:
			taoIn = e
			alphaIn = aEm
			if t > 0 {
				alphaIn = min(e/spotPrice(t, a, w), aEm)
			}
		case InjectSubsidy:
			price := spotPrice(t, a, w)
			if price*E < e { // p < e/E without dividing by E
				subsidised = true
				taoIn = price * E
				alphaIn = E
				if p.SubsidyAlphaIn == SubsidyAlphaEmission {
					alphaIn = aEm
				}
				excess = e - taoIn
			} else {
				taoIn = e
				if price > 0 {
					alphaIn = e / price
				}
			}
		case InjectCap:
			price := spotPrice(t, a, w)
			if price > 0 {
				alphaIn = e / price
			}
			var limit float64
			switch p.InjectionCap {
			case CapAlphaEmission:
				limit = aEm
			case CapMinAlphaTao:
				limit = min(aEm, E)
			case CapRootProp:
				limit = rootProp(wR, a+o0) * aEm
			}
			taoIn = e
			if alphaIn > limit {
				alphaIn = limit
				taoIn = limit * price
			}
			excess = max(e-taoIn, 0)
		}
		// A subnet's alpha never passes its 21M cap (spec §1, §7.1). Under the launch
		// and cap rules alpha_in ≤ a_i and this never binds; the subsidy rule's E or
		// e_i/p_i alpha can exceed a_i, and its mint stops at what remains.
		if room := TotalSupply - (a + o0) - aEm; alphaIn > room {
			alphaIn = max(room, 0)
		}

		var bought float64
		if excess > 0 && p.ChainBuyOrder == BuyBeforeInjection {
			bought = buyOut(t, a, w, excess)
			t += excess
			a -= bought
		}
		if p.PoolModel == PoolBalancer {
			if w2, ok := injectWeight(t, a, w, taoIn, alphaIn); ok {
				w = w2
			} else { // refused: nothing minted, the TAO credit is recycled (spec §10.4)
				taoIn, alphaIn = 0, 0
			}
		}
		t += taoIn
		a += alphaIn
		if excess > 0 && p.ChainBuyOrder == BuyAfterInjection {
			bought = buyOut(t, a, w, excess)
			t += excess
			a -= bought
		}
		o := o0 + aEm
		if p.BoughtAlpha == BoughtHold {
			o += bought
		} else {
			recycled[i] += bought
		}
		taoIssued += taoIn + excess
		protoAcc[i] += taoIn + excess

		// Emission split (replay.md step 6, spec §8.1).
		cut := ownerCut * aEm
		rest := aEm - cut
		rho := rootProp(wR, a+o)
		rootAlpha := rho * rest / 2
		pMiner[i] += rest / 2
		pVal[i] += rest/2 - rootAlpha
		pOwner[i] += cut
		sold := 0.0
		switch {
		case !sellOK: // root-sell flag off: the root alpha is recycled (spec §9.4)
			o -= rootAlpha
			recycled[i] += rootAlpha
		case p.RootMode != RootSellPerBlock:
			pRootA[i] += rootAlpha
		case subsidised: // left undistributed, still issued (spec §9.3)
			burned[i] += rootAlpha
		case rootAlpha > 0:
			// Sold to the pool at once, no fee (spec §9.3); refused by min_reserve, it
			// is paid as alpha at the epoch instead.
			if tao := sellOut(t, a, w, rootAlpha); t-tao >= minReserve {
				t -= tao
				a += rootAlpha
				o -= rootAlpha
				sold = tao
				pRootT[i] += tao
				c.Tot.RootTAOTaken += tao
			} else {
				pRootA[i] += rootAlpha
			}
		}

		// Moving price (replay.md step 7, spec §5), from the spot price after the
		// injection and the root sell.
		alpha := movingAlpha
		if halving > 0 {
			bs := age0[i] + age
			alpha *= bs / (bs + halving)
		}
		M[i] = alpha*min(spotPrice(t, a, w), priceCap) + (1-alpha)*M[i]

		T[i], A[i], W[i], O[i] = t, a, w, o
		rEm[i] = e
		rTaoIn[i] = taoIn
		rAlphaIn[i] = alphaIn
		rExcess[i] = excess
		rBought[i] = bought
		rAEm[i] = aEm
		rRho[i] = rho
		rRootA[i] = rootAlpha
		rSold[i] = sold
	}
	c.TaoIssuance += taoIssued
	c.Tot.Emitted += taoIssued

	c.epochs(b)
	c.Block++
}

// shares fills c.Last.Share with this block's emission shares (replay.md step 3,
// spec §4), updating the flow EMAs under the flow rules.
func (c *Chain) shares() {
	p := &c.P
	s := &c.S
	sh := c.Last.Share
	n := len(sh)
	switch p.ShareRule {
	case SharePriceEMA:
		copy(sh, s.MovingPrice)
	case SharePriceEMABurn:
		sumM := 0.0
		for _, m := range s.MovingPrice[:n] {
			sumM += m
		}
		sumW := 0.0
		wR := p.TaoWeight * c.RootTAO
		for i := range n {
			v := 0.0
			if sumM > 0 {
				v = s.MovingPrice[i] / sumM * (1 - min(s.MinerBurned[i], 1))
			}
			if p.ShareRootPropWeight {
				v *= rootProp(wR, s.AlphaReserve[i]+s.AlphaOut[i])
			}
			sh[i] = v
			sumW += v
		}
		if sumW == 0 {
			copy(sh, s.MovingPrice)
		}
	case ShareTaoFlow, ShareNetTaoFlow:
		af := p.FlowAlpha
		for i := range n {
			s.FlowEMA[i] = (1-af)*s.FlowEMA[i] + af*s.FlowAcc[i]
			s.FlowAcc[i] = 0
		}
		copy(sh, s.FlowEMA)
		if p.ShareRule == ShareNetTaoFlow {
			sumS, sumP := 0.0, 0.0
			for i := range n {
				s.ProtoEMA[i] = (1-af)*s.ProtoEMA[i] + af*s.ProtoAcc[i]
				s.ProtoAcc[i] = 0
				sumS += max(s.FlowEMA[i], 0)
				sumP += max(s.ProtoEMA[i], 0)
			}
			norm := 0.0
			if sumP > 0 {
				norm = min(1, sumS/sumP)
			}
			for i := range n {
				if pe := s.ProtoEMA[i]; pe > 0 {
					sh[i] = s.FlowEMA[i] - norm*pe
				} else {
					sh[i] = s.FlowEMA[i] - pe
				}
			}
		}
		lower := 0.0 // min_j min(x_j, 0)
		for _, x := range sh {
			lower = min(lower, x)
		}
		lower = max(p.FlowCutoff, lower)
		for i, x := range sh {
			z := max(x-lower, 0)
			if p.FlowExponent != 1 && z > 0 {
				z = math.Pow(z, p.FlowExponent)
			}
			sh[i] = z
		}
	}
	if p.ShareRule != ShareNetTaoFlow {
		clear(s.ProtoAcc) // protocol flow only accumulates where it is used
	}
	if p.ShareRule != ShareTaoFlow && p.ShareRule != ShareNetTaoFlow {
		clear(s.FlowAcc) // user flow only accumulates where it is used
	}

	// Normalise over the emission-enabled subnets (spec §2.1 step 4.3).
	sum := 0.0
	for i, x := range sh {
		if s.EmissionEnabled[i] {
			sum += x
		}
	}
	if sum <= 0 {
		clear(sh)
		return
	}
	inv := 1 / sum
	if math.IsInf(inv, 0) { // a subnormal sum: divide instead of overflowing
		for i := range sh {
			sh[i] /= sum
		}
		inv = 1
	}
	for i := range sh {
		if s.EmissionEnabled[i] {
			sh[i] *= inv
		} else {
			sh[i] = 0
		}
	}
}

// epochs runs the epoch of every subnet whose epoch falls on block b (replay.md step 8,
// spec §8), recording the distributed amounts in c.Last.
func (c *Chain) epochs(b int64) {
	p := &c.P
	s := &c.S
	r := &c.Last
	step := int64(p.Tempo) + 1
	if p.EpochRule == EpochInterval {
		step = int64(p.Tempo)
	}
	for i, next := range s.NextEpoch {
		if next != b {
			r.Epoch[i] = false
			r.DistMiner[i], r.DistValidator[i], r.DistOwner[i], r.DistRootAlpha[i], r.RootTAOPaid[i] = 0, 0, 0, 0, 0
			continue
		}
		s.NextEpoch[i] = b + step
		r.Epoch[i] = true
		r.DistMiner[i], s.PendingMiner[i] = s.PendingMiner[i], 0
		r.DistValidator[i], s.PendingValidator[i] = s.PendingValidator[i], 0
		r.DistOwner[i], s.PendingOwner[i] = s.PendingOwner[i], 0
		paid := 0.0
		rootAlpha := s.PendingRootAlpha[i]
		switch p.RootMode {
		case RootSellPerBlock:
			paid = s.PendingRootTAO[i]
			s.PendingRootTAO[i] = 0
			s.PendingRootAlpha[i] = 0
		case RootClaimSellAtEpoch:
			if tao, ok := c.rootSell(i, rootAlpha); ok {
				paid = tao
				r.RootSoldTAO[i] += tao
				s.ProtoAcc[i] -= tao
				s.PendingRootAlpha[i] = 0
			} else { // refused by min_reserve: the claim waits for the next epoch
				rootAlpha = 0
			}
		case RootClaimKeep:
			s.PendingRootAlpha[i] = 0
		}
		r.DistRootAlpha[i] = rootAlpha
		r.RootTAOPaid[i] = paid
		c.Tot.RootTAOPaid += paid
		if p.RootCompound {
			c.RootTAO += paid
		}
	}
}
