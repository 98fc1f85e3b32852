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
	for i := range n {
		t, a, w := s.TaoReserve[i], s.AlphaReserve[i], s.QuoteWeight[i]
		price := spotPrice(t, a, w)
		aEm := BlockEmission(a + s.AlphaOut[i])
		e := E * r.Share[i]

		var taoIn, alphaIn, excess float64
		subsidised := false
		switch p.InjectionRule {
		case InjectLaunch:
			taoIn = e
			alphaIn = aEm
			if price > 0 {
				alphaIn = math.Min(e/price, aEm)
			}
		case InjectSubsidy:
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
			if price > 0 {
				alphaIn = e / price
			}
			var limit float64
			switch p.InjectionCap {
			case CapAlphaEmission:
				limit = aEm
			case CapMinAlphaTao:
				limit = math.Min(aEm, E)
			case CapRootProp:
				limit = rootProp(wR, a+s.AlphaOut[i]) * aEm
			}
			taoIn = e
			if alphaIn > limit {
				alphaIn = limit
				taoIn = limit * price
			}
			excess = math.Max(e-taoIn, 0)
		}
		// A subnet's alpha never passes its 21M cap (spec §1, §7.1). Under the launch
		// and cap rules alpha_in ≤ a_i and this never binds; the subsidy rule's E or
		// e_i/p_i alpha can exceed a_i, and its mint stops at what remains.
		if room := TotalSupply - (a + s.AlphaOut[i]) - aEm; alphaIn > room {
			alphaIn = math.Max(room, 0)
		}

		var bought float64
		if p.ChainBuyOrder == BuyBeforeInjection {
			bought = c.chainBuy(i, excess)
		}
		if p.PoolModel == PoolBalancer {
			if w2, ok := injectWeight(s.TaoReserve[i], s.AlphaReserve[i], s.QuoteWeight[i], taoIn, alphaIn); ok {
				s.QuoteWeight[i] = w2
			} else { // refused: nothing minted, the TAO credit is recycled (spec §10.4)
				taoIn, alphaIn = 0, 0
			}
		}
		s.TaoReserve[i] += taoIn
		s.AlphaReserve[i] += alphaIn
		if p.ChainBuyOrder == BuyAfterInjection {
			bought = c.chainBuy(i, excess)
		}
		s.AlphaOut[i] += aEm
		if p.BoughtAlpha == BoughtHold {
			s.AlphaOut[i] += bought
		} else {
			s.Recycled[i] += bought
		}
		c.TaoIssuance += taoIn + excess
		c.Tot.Emitted += taoIn + excess
		s.ProtoAcc[i] += taoIn + excess

		// Emission split (replay.md step 6, spec §8.1).
		cut := p.OwnerCut * aEm
		rest := aEm - cut
		rho := rootProp(wR, s.AlphaReserve[i]+s.AlphaOut[i])
		rootAlpha := rho * rest / 2
		s.PendingMiner[i] += rest / 2
		s.PendingValidator[i] += rest/2 - rootAlpha
		s.PendingOwner[i] += cut
		sold := 0.0
		switch {
		case !sellOK: // root-sell flag off: the root alpha is recycled (spec §9.4)
			s.AlphaOut[i] -= rootAlpha
			s.Recycled[i] += rootAlpha
		case p.RootMode != RootSellPerBlock:
			s.PendingRootAlpha[i] += rootAlpha
		case subsidised: // left undistributed, still issued (spec §9.3)
			s.Burned[i] += rootAlpha
		default:
			tao, ok := c.rootSell(i, rootAlpha)
			if ok {
				sold = tao
				s.PendingRootTAO[i] += tao
			} else { // refused by min_reserve: paid as alpha at the epoch instead
				s.PendingRootAlpha[i] += rootAlpha
			}
		}

		r.TaoEmission[i] = e
		r.TaoIn[i] = taoIn
		r.AlphaIn[i] = alphaIn
		r.ExcessTAO[i] = excess
		r.BoughtAlpha[i] = bought
		r.AlphaEmission[i] = aEm
		r.RootProp[i] = rho
		r.RootAlpha[i] = rootAlpha
		r.RootSoldTAO[i] = sold
	}

	// Moving price (replay.md step 7, spec §5).
	age := float64(b - c.StartBlock)
	for i := range n {
		alpha := p.MovingAlpha
		if p.EMAHalvingBlocks > 0 {
			bs := s.AgeAtStart[i] + age
			alpha *= bs / (bs + p.EMAHalvingBlocks)
		}
		spot := math.Min(spotPrice(s.TaoReserve[i], s.AlphaReserve[i], s.QuoteWeight[i]), p.EMAPriceCap)
		s.MovingPrice[i] = alpha*spot + (1-alpha)*s.MovingPrice[i]
	}

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
				v = s.MovingPrice[i] / sumM * (1 - math.Min(s.MinerBurned[i], 1))
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
				sumS += math.Max(s.FlowEMA[i], 0)
				sumP += math.Max(s.ProtoEMA[i], 0)
			}
			norm := 0.0
			if sumP > 0 {
				norm = math.Min(1, sumS/sumP)
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
			lower = math.Min(lower, x)
		}
		lower = math.Max(p.FlowCutoff, lower)
		for i, x := range sh {
			z := math.Max(x-lower, 0)
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
