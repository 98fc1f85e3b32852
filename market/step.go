package market

import "math"

// Step runs the chain's coinbase for block c.Block and advances to the next block, in the
// order of replay.md "Exact semantics" steps 2–8 (spec §2): block emission, shares,
// root-sell flag, subnet terms and injection with chain buys, the emission split and
// root alpha, the moving-price update, and epochs. User trades for the block (step 1)
// are the caller's Buy and Sell calls before Step. c.Last holds what happened to every
// subnet. Step allocates nothing.
func (c *Chain) Step() {
	E := BlockEmission(c.TaoIssuance)
	c.E = E
	c.shares()
	c.terms(E)
	c.inject()
	c.split()
	c.updateEMA()
	c.epochs(c.Block)
	c.Block++
}

// The per-subnet work of a block runs in phases, each a loop whose iterations are
// independent. A single fused loop is one long chain of dependent divisions per subnet,
// and the processor cannot overlap subnets; separate short loops keep the divider busy.
// Every phase reads the state the previous phase left, so the order of operations of
// replay.md is unchanged: it is the same arithmetic on the same values.

// terms computes every subnet's alpha emission a_i, TAO emission e_i and its injection
// terms from the state at the start of replay.md step 5 (spec §7.3), into c.Last.
func (c *Chain) terms(E float64) {
	p := &c.P
	s := &c.S
	r := &c.Last
	n := len(s.Netuid)
	T, A, O, W := s.TaoReserve[:n], s.AlphaReserve[:n], s.AlphaOut[:n], s.QuoteWeight[:n]
	share, rEm, rTaoIn, rAlphaIn, rExcess, rAEm := r.Share[:n], r.TaoEmission[:n], r.TaoIn[:n], r.AlphaIn[:n], r.ExcessTAO[:n], r.AlphaEmission[:n]
	subsidised := c.subsidised[:n]
	wR := p.TaoWeight * c.RootTAO

	switch p.InjectionRule {
	case InjectLaunch: // tao_in = e_i, alpha_in = min(e_i/p_i, a_i) (spec §7.3a)
		for i := range n {
			t, a, w := T[i], A[i], W[i]
			aEm := BlockEmission(a + O[i])
			e := E * share[i]
			alphaIn := aEm
			switch {
			case t <= 0:
			case w == 0.5: // e/p with p = t/a, in one division
				alphaIn = min(e*a/t, aEm)
			default:
				alphaIn = min(e/spotPrice(t, a, w), aEm)
			}
			rAEm[i], rEm[i], rTaoIn[i], rAlphaIn[i], rExcess[i] = aEm, e, e, alphaIn, 0
		}
	case InjectSubsidy: // spec §7.3b
		for i := range n {
			t, a, w := T[i], A[i], W[i]
			aEm := BlockEmission(a + O[i])
			e := E * share[i]
			price := spotPrice(t, a, w)
			var taoIn, alphaIn, excess float64
			sub := price*E < e // p < e/E without dividing by E
			if sub {
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
			// A subnet's alpha never passes its 21M cap (spec §1, §7.1). The launch
			// and cap rules keep alpha_in ≤ a_i, which never reaches it; the subsidy
			// rule's E or e_i/p_i alpha can, and its mint stops at what remains.
			if room := TotalSupply - (a + O[i]) - aEm; alphaIn > room {
				alphaIn = max(room, 0)
			}
			subsidised[i] = sub
			rAEm[i], rEm[i], rTaoIn[i], rAlphaIn[i], rExcess[i] = aEm, e, taoIn, alphaIn, excess
		}
	case InjectCap: // spec §7.3c
		for i := range n {
			t, a, w := T[i], A[i], W[i]
			aEm := BlockEmission(a + O[i])
			e := E * share[i]
			price := spotPrice(t, a, w)
			var alphaIn float64
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
				limit = rootProp(wR, a+O[i]) * aEm
			}
			taoIn := e
			if alphaIn > limit {
				alphaIn = limit
				taoIn = limit * price
			}
			rAEm[i], rEm[i], rTaoIn[i], rAlphaIn[i], rExcess[i] = aEm, e, taoIn, alphaIn, max(e-taoIn, 0)
		}
	}
	if p.InjectionRule != InjectSubsidy {
		clear(subsidised)
	}
}

// inject runs the chain buys with excess TAO and the injections, and mints a_i as
// outstanding alpha (replay.md step 5).
func (c *Chain) inject() {
	p := &c.P
	s := &c.S
	r := &c.Last
	n := len(s.Netuid)
	T, A, O, W := s.TaoReserve[:n], s.AlphaReserve[:n], s.AlphaOut[:n], s.QuoteWeight[:n]
	recycled, protoAcc, protoAlpha := s.Recycled[:n], s.ProtoAcc[:n], s.ProtocolAlpha[:n]
	rTaoIn, rAlphaIn, rExcess, rAEm, rBought := r.TaoIn[:n], r.AlphaIn[:n], r.ExcessTAO[:n], r.AlphaEmission[:n], r.BoughtAlpha[:n]
	before := p.ChainBuyOrder == BuyBeforeInjection
	balancer := p.PoolModel == PoolBalancer
	hold := p.BoughtAlpha == BoughtHold
	issued := 0.0
	for i := range n {
		t, a, w := T[i], A[i], W[i]
		taoIn, alphaIn, excess := rTaoIn[i], rAlphaIn[i], rExcess[i]
		bought := 0.0
		if excess > 0 && before {
			bought = buyOut(t, a, w, excess)
			t += excess
			a -= bought
		}
		if balancer {
			if w2, ok := injectWeight(t, a, w, taoIn, alphaIn); ok {
				w = w2
			} else { // refused: nothing minted, the TAO credit is recycled (spec §10.4)
				taoIn, alphaIn = 0, 0
				rTaoIn[i], rAlphaIn[i] = 0, 0
			}
		}
		t += taoIn
		a += alphaIn
		if excess > 0 && !before {
			bought = buyOut(t, a, w, excess)
			t += excess
			a -= bought
		}
		o := O[i] + rAEm[i]
		if hold {
			o += bought
			protoAlpha[i] += bought
		} else {
			recycled[i] += bought
		}
		T[i], A[i], W[i], O[i] = t, a, w, o
		rBought[i] = bought
		protoAcc[i] += taoIn + excess
		issued += taoIn + excess
	}
	c.TaoIssuance += issued
	c.Tot.Emitted += issued
}

// split divides every subnet's alpha emission into owner, miner, validator and root
// parts, and pays the root part as the root mode says (replay.md steps 4 and 6, spec
// §8.1, §9).
func (c *Chain) split() {
	p := &c.P
	s := &c.S
	r := &c.Last
	n := len(s.Netuid)
	T, A, O, W := s.TaoReserve[:n], s.AlphaReserve[:n], s.AlphaOut[:n], s.QuoteWeight[:n]
	recycled, burned := s.Recycled[:n], s.Burned[:n]
	pMiner, pVal, pOwner, pRootA, pRootT := s.PendingMiner[:n], s.PendingValidator[:n], s.PendingOwner[:n], s.PendingRootAlpha[:n], s.PendingRootTAO[:n]
	rAEm, rRho, rRootA, rSold := r.AlphaEmission[:n], r.RootProp[:n], r.RootAlpha[:n], r.RootSoldTAO[:n]
	subsidised := c.subsidised[:n]

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
	wR := p.TaoWeight * c.RootTAO
	ownerCut, minReserve := p.OwnerCut, p.MinReserve
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
	// A second loop pays the root alpha, so that its division (the sell) does not wait
	// on the root proportion's in the same iteration.
	for i := range n {
		rootAlpha := rRootA[i]
		sold := 0.0
		switch mode {
		case rootRecycle: // root-sell flag off: the root alpha is recycled (spec §9.4)
			O[i] -= rootAlpha
			recycled[i] += rootAlpha
		case RootClaimSellAtEpoch, RootClaimKeep:
			pRootA[i] += rootAlpha
		case RootSellPerBlock:
			switch {
			case subsidised[i]: // left undistributed, still issued (spec §9.3)
				burned[i] += rootAlpha
			case rootAlpha > 0:
				// Sold to the pool at once, no fee (spec §9.3); refused by min_reserve,
				// it is paid as alpha at the epoch instead.
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
					c.Tot.RootTAOTaken += tao
				} else {
					pRootA[i] += rootAlpha
				}
			}
		}
		rSold[i] = sold
	}
}

// rootRecycle is the root mode in force while the root-sell flag is off.
const rootRecycle RootMode = 255

// updateEMA moves every subnet's moving price toward its clamped spot price after the
// injection and root sells (replay.md step 7, spec §5).
func (c *Chain) updateEMA() {
	p := &c.P
	s := &c.S
	n := len(s.Netuid)
	T, A, W, M, age0 := s.TaoReserve[:n], s.AlphaReserve[:n], s.QuoteWeight[:n], s.MovingPrice[:n], s.AgeAtStart[:n]
	alpha, priceCap := p.MovingAlpha, p.EMAPriceCap
	if h := p.EMAHalvingBlocks; h > 0 {
		// Warm-up: α·b/(b+h), b = age at start + blocks since start.
		age := float64(c.Block - c.StartBlock)
		for i := range n {
			b := age0[i] + age
			a := alpha * (b / (b + h))
			M[i] = a*min(spotPrice(T[i], A[i], W[i]), priceCap) + (1-a)*M[i]
		}
		return
	}
	for i := range n {
		M[i] = alpha*min(spotPrice(T[i], A[i], W[i]), priceCap) + (1-alpha)*M[i]
	}
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
// spec §8), recording the distributed amounts in c.Last. Most blocks have no epoch:
// then only the records of the subnets whose epoch ran last block are cleared.
func (c *Chain) epochs(b int64) {
	p := &c.P
	s := &c.S
	r := &c.Last
	for _, i := range c.fired {
		r.Epoch[i] = false
		r.DistMiner[i], r.DistValidator[i], r.DistOwner[i], r.DistRootAlpha[i], r.RootTAOPaid[i] = 0, 0, 0, 0, 0
	}
	c.fired = c.fired[:0]
	if b < c.nextEpoch {
		return
	}
	step := int64(p.Tempo) + 1
	if p.EpochRule == EpochInterval {
		step = int64(p.Tempo)
	}
	c.nextEpoch = math.MaxInt64
	for i, next := range s.NextEpoch {
		if next != b {
			c.nextEpoch = min(c.nextEpoch, next)
			continue
		}
		next = b + step
		s.NextEpoch[i] = next
		c.nextEpoch = min(c.nextEpoch, next)
		c.fired = append(c.fired, i)
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
