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
// the subsidy and cap rules (injectLaunch does the launch rule's). A subnet registered
// in the run that has not started (notStarted) mints no alpha: subtensor's coinbase
// emits only to subnets with a `FirstEmissionBlockNumber` (start_call; since v2.0.9,
// 2025-03-28, spec §2.1 step 4.2), so before its start a new subnet's holders earn
// nothing. The launch rule predates start_call and keeps minting from registration.
func (c *Chain) terms(E float64) {
	p := &c.P
	s := &c.S
	r := &c.Last
	n := len(s.Netuid)
	T, A, O, W, age0 := s.TaoReserve[:n], s.AlphaReserve[:n], s.AlphaOut[:n], s.QuoteWeight[:n], s.AgeAtStart[:n]
	share, rEm, rTaoIn, rAlphaIn, rExcess, rAEm := r.Share[:n], r.TaoEmission[:n], r.TaoIn[:n], r.AlphaIn[:n], r.ExcessTAO[:n], r.AlphaEmission[:n]
	subsidised := c.subsidised[:n]
	wR := p.TaoWeight * c.RootTAO

	switch p.InjectionRule {
	case InjectSubsidy: // spec §7.3b
		alphaEmission := p.SubsidyAlphaIn == SubsidyAlphaEmission
		for i := range n {
			t, a, w := T[i], A[i], W[i]
			aEm := BlockEmission(a + O[i])
			if notStarted(age0[i]) {
				aEm = 0
			}
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
			if notStarted(age0[i]) {
				aEm = 0
			}
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

// notStarted reports whether a subnet with this AgeAtStart has registered in the run and
// not yet started (Register sets −∞ until StartCall).
func notStarted(age0 float64) bool { return math.IsInf(age0, -1) }
