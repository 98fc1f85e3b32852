package market

import "math"

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
			if notStarted(age0[i]) { // registered in the run, no start call yet: m stays 0
				continue
			}
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
			if notStarted(age0[i]) { // registered in the run, no start call yet: m stays 0
				continue
			}
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
		c.flowShares(sh)
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

// flowShares writes the flow rules' shares into sh before normalisation (spec §4.3,
// §4.4): it advances the user-flow EMAs (and under the net-flow rule the protocol-flow
// EMAs) by this block's accumulated flows, offsets them by the lowest value or the
// cutoff, and raises them to the flow exponent.
func (c *Chain) flowShares(sh []float64) {
	p := &c.P
	s := &c.S
	n := len(sh)
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
