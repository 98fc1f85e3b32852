package market

import "math"

// Step runs the chain's coinbase for block c.Block and advances to the next block, in the
// order of replay.md "Exact semantics" steps 2–8 (spec §2): block emission, shares (and
// the share-stage design switches of spec §18, when set), root-sell flag, subnet terms and injection with chain buys, the emission split and
// root alpha, the moving-price update, and epochs. User trades for the block (step 1)
// are the caller's Buy and Sell calls before Step. c.Last holds what happened to every
// subnet. Step allocates nothing.
func (c *Chain) Step() {
	E := BlockEmission(c.TaoIssuance)
	c.E = E
	src, inv := c.shares()
	if c.designShares(src, inv) {
		src, inv = c.Last.Share, 1 // x·1 = x: the loops below read the designed shares
	}
	var weighted bool
	if c.P.InjectionRule == InjectLaunch {
		weighted = c.injectLaunch(E, src, inv)
	} else {
		c.scaleShares(src, inv)
		c.terms(E)
		weighted = c.inject()
	}
	if c.split(weighted) {
		c.updateEMA(weighted)
	}
	c.epochs(c.Block)
	c.Block++
}

// The per-subnet work of a block runs in phases, each a loop whose iterations are
// independent across subnets, so that the divider works on several subnets at once.
// A launch block has four dependent divisions per subnet (alpha_in, the root
// proportion, the root sell, the price); its phases are the shares, the injection
// (one division), the emission split (one) and the root sell with the price update
// (two, which an out-of-order core overlaps across neighbouring iterations). Every phase
// reads the state the previous phase left, so each subnet sees the arithmetic of
// replay.md in its order; only sums over subnets (issuance, totals) couple subnets,
// and they are summed in subnet order. TestStepMatchesReference holds the result bit
// for bit to the step before this layout.
//
// What costs time besides the divisions is instructions: the launch path's loops are
// functions of their own, free of calls, with their slices and loop-invariant terms in
// locals, because the compiler keeps a loop's values on the stack around a call,
// reloads a struct field after every store, and does not move invariant arithmetic
// out of loops. Only weighted (balancer) pools need math.Pow, so the injection
// reports whether any pool may be weighted ("weighted", a conservative hint), and the
// later phases pick a loop without the weighted case when none is.

// terms computes every subnet's alpha emission a_i, TAO emission e_i and its injection
// terms from the state at the start of replay.md step 5 (spec §7.3), into c.Last, under
// the subsidy and cap rules (injectLaunch does the launch rule's).
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
	case InjectSubsidy: // spec §7.3b
		alphaEmission := p.SubsidyAlphaIn == SubsidyAlphaEmission
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
				if alphaEmission {
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
		capRule := p.InjectionCap
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
			switch capRule {
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

// injectLaunch is terms followed by inject under the launch rule (spec §7.3a), in one
// loop: the rule has no excess TAO, so there is no chain buy, and a subnet's terms and
// injection need one division. Per subnet it does the arithmetic of terms and inject in
// their order, but for adding the chain buy's alpha, which is 0, to the outstanding and
// the recycled (or protocol) alpha; x + 0 = x except for x = −0, which these sums never
// hold: the outstanding alpha plus a_i ≥ +0 is not −0, and the recycled and protocol
// alpha start at +0 and only grow. For the same reason the constant-product loop adds
// e_i to the protocol flow and the issuance, not e_i + 0 (which is +0 for e_i = −0):
// both sums start at +0 and are never −0. It reports whether any pool may be weighted.
func (c *Chain) injectLaunch(E float64, src []float64, inv float64) (weighted bool) {
	p := &c.P
	s := &c.S
	r := &c.Last
	n := len(s.Netuid)
	T, A, O, W := s.TaoReserve[:n], s.AlphaReserve[:n], s.AlphaOut[:n], s.QuoteWeight[:n]
	protoAcc := s.ProtoAcc[:n]
	share, rEm, rTaoIn, rAlphaIn, rAEm := r.Share[:n], r.TaoEmission[:n], r.TaoIn[:n], r.AlphaIn[:n], r.AlphaEmission[:n]
	const excess = 0.0 // the launch rule injects all of e_i
	issued := 0.0
	if p.PoolModel == PoolBalancer {
		weighted = true
		c.scaleShares(src, inv)
		for i := range n {
			t, a, w, o := T[i], A[i], W[i], O[i]
			aEm := BlockEmission(a + o)
			e := E * share[i]
			alphaIn := aEm
			switch {
			case t <= 0:
			case w == 0.5: // e/p with p = t/a, in one division
				alphaIn = min(e*a/t, aEm)
			default:
				alphaIn = min(e/spotPrice(t, a, w), aEm)
			}
			taoIn := e
			if w2, ok := injectWeight(t, a, w, taoIn, alphaIn); ok {
				W[i] = w2
			} else { // refused: nothing minted, the TAO credit is recycled (spec §10.4)
				taoIn, alphaIn = 0, 0
			}
			rAEm[i], rEm[i], rTaoIn[i], rAlphaIn[i] = aEm, e, taoIn, alphaIn
			T[i], A[i], O[i] = t+taoIn, a+alphaIn, o+aEm
			protoAcc[i] += taoIn + excess
			issued += taoIn + excess
		}
	} else {
		src = src[:n]
		for i := range n {
			t, a, w, o := T[i], A[i], W[i], O[i]
			aEm := BlockEmission(a + o)
			x := src[i] * inv // the share, as scaleShares writes it
			share[i] = x
			e := E * x
			alphaIn := aEm
			if w == 0.5 {
				if !(t <= 0) { // e/p with p = t/a, in one division
					alphaIn = min(e*a/t, aEm)
				}
			} else { // a weight left by a balancer period
				weighted = true
				if !(t <= 0) {
					alphaIn = min(e/spotPrice(t, a, w), aEm)
				}
			}
			rAEm[i], rEm[i], rAlphaIn[i] = aEm, e, alphaIn
			T[i], A[i], O[i] = t+e, a+alphaIn, o+aEm
			protoAcc[i] += e // + excess: see above
			issued += e
		}
		copy(rTaoIn, rEm)
	}
	clear(r.ExcessTAO[:n])
	clear(r.BoughtAlpha[:n])
	clear(c.subsidised[:n])
	c.TaoIssuance += issued
	c.Tot.Emitted += issued
	return weighted
}

// inject runs the chain buys with excess TAO and the injections, and mints a_i as
// outstanding alpha (replay.md step 5). It reports whether any pool may be weighted.
func (c *Chain) inject() (weighted bool) {
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
		if w != 0.5 {
			weighted = true
		}
		rBought[i] = bought
		protoAcc[i] += taoIn + excess
		issued += taoIn + excess
	}
	c.TaoIssuance += issued
	c.Tot.Emitted += issued
	return weighted
}

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

// updateEMA moves every subnet's moving price toward its clamped spot price after the
// injection and root sells (replay.md step 7, spec §5). weighted false promises that
// every pool has weight 0.5.
func (c *Chain) updateEMA(weighted bool) {
	p := &c.P
	s := &c.S
	n := len(s.Netuid)
	T, A, W, M, age0 := s.TaoReserve[:n], s.AlphaReserve[:n], s.QuoteWeight[:n], s.MovingPrice[:n], s.AgeAtStart[:n]
	alpha, priceCap := p.movingAlpha(), p.EMAPriceCap
	if k := p.EMAAdaptiveK; k > 0 {
		c.updateEMAAdaptive(alpha, k)
		return
	}
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
	if weighted {
		for i := range n {
			M[i] = alpha*min(spotPrice(T[i], A[i], W[i]), priceCap) + (1-alpha)*M[i]
		}
		return
	}
	keep := 1 - alpha // the same subtraction, hoisted: Go does not move it out of loops
	for i := range n {
		price := 0.0 // spotPrice at weight 0.5
		if a := A[i]; !(a <= 0) {
			price = T[i] / a
		}
		M[i] = alpha*min(price, priceCap) + keep*M[i]
	}
}

// updateEMAAdaptive is updateEMA under the adaptive design (spec §18.3): with α_w the
// coefficient after the warm-up, x_i the clamped spot price and m_i the moving price
// before the update, α_eff = α_w/(1 + k·max(0, x_i/m_i − 1)) when m_i > 0, and α_w when
// m_i = 0 (no ratio to take). α_eff ≤ α_w, so the step still lands between m_i and x_i.
func (c *Chain) updateEMAAdaptive(alpha, k float64) {
	s := &c.S
	n := len(s.Netuid)
	T, A, W, M, age0 := s.TaoReserve[:n], s.AlphaReserve[:n], s.QuoteWeight[:n], s.MovingPrice[:n], s.AgeAtStart[:n]
	h, priceCap := c.P.EMAHalvingBlocks, c.P.EMAPriceCap
	age := float64(c.Block - c.StartBlock)
	for i := range n {
		a := alpha
		if h > 0 {
			b := age0[i] + age
			a = alpha * (b / (b + h))
		}
		x := min(spotPrice(T[i], A[i], W[i]), priceCap)
		m := M[i]
		if m > 0 && x > m {
			a /= 1 + k*(x/m-1)
		}
		M[i] = a*x + (1-a)*m
	}
}

// shares computes this block's emission shares (replay.md step 3, spec §4), updating
// the flow EMAs under the flow rules. Share i is src[i]·inv: when every subnet's
// emission is enabled the normalising multiply is left to the caller's loop (src is
// c.Last.Share before normalisation, or the moving prices themselves under the
// price-EMA rule); otherwise c.Last.Share holds the normalised shares, src is
// c.Last.Share and inv is 1, and x·1 = x for every x. scaleShares writes them.
func (c *Chain) shares() (src []float64, inv float64) {
	p := &c.P
	s := &c.S
	sh := c.Last.Share
	n := len(sh)
	// Slices and loop-invariant terms are hoisted into locals: the compiler reloads a
	// field after every store and does not move invariant arithmetic out of loops.
	M := s.MovingPrice[:n]
	src = sh
	switch p.ShareRule {
	case SharePriceEMA:
		src = M
	case SharePriceEMABurn:
		burned, A, O := s.MinerBurned[:n], s.AlphaReserve[:n], s.AlphaOut[:n]
		sumM := 0.0
		for _, m := range M {
			sumM += m
		}
		sumW := 0.0
		wR := p.TaoWeight * c.RootTAO
		rootWeight := p.ShareRootPropWeight
		for i := range n {
			v := 0.0
			if sumM > 0 {
				v = M[i] / sumM * (1 - min(burned[i], 1))
			}
			if rootWeight {
				v *= rootProp(wR, A[i]+O[i])
			}
			sh[i] = v
			sumW += v
		}
		if sumW == 0 {
			copy(sh, M)
		}
	case ShareTaoFlow, ShareNetTaoFlow:
		af := p.FlowAlpha
		keep := 1 - af
		flowEMA, flowAcc := s.FlowEMA[:n], s.FlowAcc[:n]
		for i := range n {
			flowEMA[i] = keep*flowEMA[i] + af*flowAcc[i]
		}
		clear(flowAcc)
		copy(sh, flowEMA)
		if p.ShareRule == ShareNetTaoFlow {
			protoEMA, protoAcc := s.ProtoEMA[:n], s.ProtoAcc[:n]
			sumS, sumP := 0.0, 0.0
			for i := range n {
				protoEMA[i] = keep*protoEMA[i] + af*protoAcc[i]
				sumS += max(flowEMA[i], 0)
				sumP += max(protoEMA[i], 0)
			}
			clear(protoAcc)
			norm := 0.0
			if sumP > 0 {
				norm = min(1, sumS/sumP)
			}
			for i := range n {
				if pe := protoEMA[i]; pe > 0 {
					sh[i] = flowEMA[i] - norm*pe
				} else {
					sh[i] = flowEMA[i] - pe
				}
			}
		}
		lower := 0.0 // min_j min(x_j, 0)
		for _, x := range sh {
			lower = min(lower, x)
		}
		lower = max(p.FlowCutoff, lower)
		if exp := p.FlowExponent; exp != 1 {
			for i, x := range sh {
				z := max(x-lower, 0)
				if z > 0 {
					z = math.Pow(z, exp)
				}
				sh[i] = z
			}
		} else {
			for i, x := range sh {
				sh[i] = max(x-lower, 0)
			}
		}
	}
	if p.ShareRule != ShareNetTaoFlow {
		clear(s.ProtoAcc) // protocol flow only accumulates where it is used
	}
	if p.ShareRule != ShareTaoFlow && p.ShareRule != ShareNetTaoFlow {
		clear(s.FlowAcc) // user flow only accumulates where it is used
	}

	// Normalise over the emission-enabled subnets (spec §2.1 step 4.3).
	enabled := s.EmissionEnabled[:n] // a local: a field would be reloaded at every store
	sum := 0.0
	all := true // every subnet's emission is enabled
	for i, x := range src {
		if enabled[i] {
			sum += x
		} else {
			all = false
		}
	}
	if sum <= 0 {
		clear(sh)
		return sh, 1
	}
	inv = 1 / sum
	if math.IsInf(inv, 0) { // a subnormal sum: divide instead of overflowing
		for i, x := range src {
			sh[i] = x / sum
		}
		src, inv = sh, 1
	}
	if all {
		return src, inv
	}
	for i, x := range src {
		if enabled[i] {
			sh[i] = x * inv
		} else {
			sh[i] = 0
		}
	}
	return sh, 1
}

// scaleShares writes the shares that shares returned, src[i]·inv, to c.Last.Share.
func (c *Chain) scaleShares(src []float64, inv float64) {
	sh := c.Last.Share
	src = src[:len(sh)]
	for i, x := range src {
		sh[i] = x * inv
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
