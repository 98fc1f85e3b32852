package market

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"testing"

	"pgregory.net/rapid"
)

// This file keeps the per-block step as it was at commit 0ebde63 (refStep and the
// ref* phases below, unchanged but for their names), as the reference that
// TestStepMatchesReference holds the current Step to, bit for bit.

// refStep runs the chain's coinbase for block c.Block and advances to the next block, in the
// order of replay.md "Exact semantics" steps 2–8 (spec §2): block emission, shares,
// root-sell flag, subnet terms and injection with chain buys, the emission split and
// root alpha, the moving-price update, and epochs. User trades for the block (step 1)
// are the caller's Buy and Sell calls before Step. c.Last holds what happened to every
// subnet. Step allocates nothing.
func (c *Chain) refStep() {
	E := BlockEmission(c.TaoIssuance)
	c.E = E
	c.refShares()
	c.refTerms(E)
	c.refInject()
	c.refSplit()
	c.refUpdateEMA()
	c.refEpochs(c.Block)
	c.Block++
}

// The per-subnet work of a block runs in phases, each a loop whose iterations are
// independent. A single fused loop is one long chain of dependent divisions per subnet,
// and the processor cannot overlap subnets; separate short loops keep the divider busy.
// Every phase reads the state the previous phase left, so the order of operations of
// replay.md is unchanged: it is the same arithmetic on the same values.

// refTerms computes every subnet's alpha emission a_i, TAO emission e_i and its injection
// terms from the state at the start of replay.md step 5 (spec §7.3), into c.Last.
func (c *Chain) refTerms(E float64) {
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

// refInject runs the chain buys with excess TAO and the injections, and mints a_i as
// outstanding alpha (replay.md step 5).
func (c *Chain) refInject() {
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

// refSplit divides every subnet's alpha emission into owner, miner, validator and root
// parts, and pays the root part as the root mode says (replay.md steps 4 and 6, spec
// §8.1, §9).
func (c *Chain) refSplit() {
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

// refUpdateEMA moves every subnet's moving price toward its clamped spot price after the
// injection and root sells (replay.md step 7, spec §5).
func (c *Chain) refUpdateEMA() {
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

// refShares fills c.Last.Share with this block's emission shares (replay.md step 3,
// spec §4), updating the flow EMAs under the flow rules.
func (c *Chain) refShares() {
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

// refEpochs runs the epoch of every subnet whose epoch falls on block b (replay.md step 8,
// spec §8), recording the distributed amounts in c.Last. Most blocks have no epoch:
// then only the records of the subnets whose epoch ran last block are cleared.
func (c *Chain) refEpochs(b int64) {
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

// cloneChain returns a deep copy of c.
func cloneChain(c *Chain) *Chain {
	d := *c
	cloneSlices(reflect.ValueOf(&d.S).Elem())
	cloneSlices(reflect.ValueOf(&d.Last).Elem())
	d.subsidised = append([]bool(nil), c.subsidised...)
	d.fired = append(make([]int, 0, cap(c.fired)), c.fired...)
	return &d
}

// cloneSlices replaces every slice field of the struct v with a copy.
func cloneSlices(v reflect.Value) {
	for k := range v.NumField() {
		f := v.Field(k)
		if f.Kind() == reflect.Slice {
			s := reflect.MakeSlice(f.Type(), f.Len(), f.Cap())
			reflect.Copy(s, f)
			f.Set(s)
		}
	}
}

// sameBits reports the first difference between x and y, which hold the same type,
// comparing floats by their bits (so NaN equals NaN and 0 differs from −0).
func sameBits(path string, x, y reflect.Value) error {
	switch x.Kind() {
	case reflect.Float64:
		if math.Float64bits(x.Float()) != math.Float64bits(y.Float()) {
			return fmt.Errorf("%s: %v (%#x) vs %v (%#x)", path, x.Float(), math.Float64bits(x.Float()), y.Float(), math.Float64bits(y.Float()))
		}
	case reflect.Bool:
		if x.Bool() != y.Bool() {
			return fmt.Errorf("%s: %v vs %v", path, x.Bool(), y.Bool())
		}
	case reflect.Int, reflect.Int64, reflect.Uint8:
		if !x.Equal(y) {
			return fmt.Errorf("%s: %v vs %v", path, x, y)
		}
	case reflect.Slice:
		if x.Len() != y.Len() {
			return fmt.Errorf("%s: length %d vs %d", path, x.Len(), y.Len())
		}
		if x.CanInterface() && x.Type().Elem().Kind() == reflect.Float64 { // the common case, without reflection
			xs, ys := x.Interface().([]float64), y.Interface().([]float64)
			for i := range xs {
				if math.Float64bits(xs[i]) != math.Float64bits(ys[i]) {
					return fmt.Errorf("%s[%d]: %v (%#x) vs %v (%#x)", path, i, xs[i], math.Float64bits(xs[i]), ys[i], math.Float64bits(ys[i]))
				}
			}
			return nil
		}
		for i := range x.Len() {
			if err := sameBits(fmt.Sprintf("%s[%d]", path, i), x.Index(i), y.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		for k := range x.NumField() {
			if err := sameBits(path+"."+x.Type().Field(k).Name, x.Field(k), y.Field(k)); err != nil {
				return err
			}
		}
	default:
		panic("sameBits: unexpected kind " + x.Kind().String() + " at " + path)
	}
	return nil
}

// genStepChain draws a chain for the reference comparison: 1–70 subnets (so that
// every unrolled or phased loop sees short, odd and long lengths), any preset with
// random overrides of the rules and of the EMA, fee and reserve parameters, and
// states that include empty reserves, −0, subnormal amounts and near-cap issuance.
func genStepChain(t *rapid.T) *Chain {
	p, _ := PresetParams(rapid.SampledFrom(PresetNames()).Draw(t, "preset"))
	p.Tempo = rapid.IntRange(1, 40).Draw(t, "tempo")
	p.TaoIssuance = rapid.SampledFrom([]float64{0, 8e6, 10.4e6 - 1, 10.5e6 - 20, 10.6e6, 15.75e6 - 5, 20.99e6}).Draw(t, "tao_issuance")
	if rapid.Bool().Draw(t, "override") {
		p.ShareRule = ShareRule(rapid.IntRange(0, 3).Draw(t, "share_rule"))
		p.InjectionRule = InjectionRule(rapid.IntRange(0, 2).Draw(t, "injection_rule"))
		p.InjectionCap = InjectionCap(rapid.IntRange(0, 2).Draw(t, "injection_cap"))
		p.SubsidyAlphaIn = SubsidyAlphaIn(rapid.IntRange(0, 1).Draw(t, "subsidy_alpha_in"))
		p.RootMode = RootMode(rapid.IntRange(0, 2).Draw(t, "root_mode"))
		p.PoolModel = PoolModel(rapid.IntRange(0, 1).Draw(t, "pool_model"))
		p.BoughtAlpha = BoughtAlpha(rapid.IntRange(0, 1).Draw(t, "bought_alpha"))
		p.ChainBuyOrder = ChainBuyOrder(rapid.IntRange(0, 1).Draw(t, "chain_buy_order"))
		p.FeeDestination = FeeDestination(rapid.IntRange(0, 1).Draw(t, "fee_destination"))
		p.RootSellFlag = rapid.Bool().Draw(t, "root_sell_flag")
		p.RootCompound = rapid.Bool().Draw(t, "root_compound")
		p.ShareRootPropWeight = rapid.Bool().Draw(t, "share_root_prop_weight")
		p.EpochRule = EpochRule(rapid.IntRange(0, 1).Draw(t, "epoch_rule"))
		p.FlowExponent = rapid.SampledFrom([]float64{1, 0.5, 2}).Draw(t, "flow_exponent")
		p.FlowCutoff = rapid.SampledFrom([]float64{0, -0.5}).Draw(t, "flow_cutoff")
		p.EMAHalvingBlocks = rapid.SampledFrom([]float64{0, 10, 201600}).Draw(t, "ema_halving")
		p.EMAPriceCap = rapid.SampledFrom([]float64{1, 0.05, 10}).Draw(t, "ema_price_cap")
		p.MovingAlpha = rapid.SampledFrom([]float64{3e-6, 0.1, 1}).Draw(t, "moving_alpha")
		p.MinReserve = rapid.SampledFrom([]float64{0, 0.001, 0.01, 50}).Draw(t, "min_reserve")
		p.TaoWeight = rapid.SampledFrom([]float64{0, 0.18, 1}).Draw(t, "tao_weight")
	}
	if err := p.Validate(); err != nil {
		t.Skip(err)
	}
	amount := func(label string, hi float64) float64 {
		switch rapid.IntRange(0, 9).Draw(t, label+"_kind") {
		case 0:
			return 0
		case 1:
			return 5e-324 // the smallest subnormal
		case 2:
			return math.Copysign(0, -1) // −0 passes the ≥ 0 checks
		}
		return rapid.Float64Range(0, hi).Draw(t, label)
	}
	n := rapid.IntRange(1, 70).Draw(t, "subnets")
	inits := make([]SubnetInit, n)
	for i := range inits {
		ar := amount("alpha_reserve", 1e7)
		iss := ar + amount("alpha_out", 1e7)
		if rapid.IntRange(0, 5).Draw(t, "near_cap") == 0 {
			iss = math.Max(ar, TotalSupply-rapid.Float64Range(0, 50).Draw(t, "below_cap"))
		}
		w := 0.0
		if p.PoolModel == PoolBalancer {
			w = rapid.Float64Range(0.2, 0.8).Draw(t, "quote_weight")
		}
		inits[i] = SubnetInit{
			Netuid: rapid.IntRange(1, 3).Draw(t, "netuid_gap") + 3*i, TaoReserve: amount("tao_reserve", 1e6),
			AlphaReserve: ar, AlphaIssuance: iss,
			MovingPrice:      amount("moving_price", 1.5),
			BlocksSinceStart: amount("age", 1e7),
			FlowEMA:          rapid.Float64Range(-1, 1).Draw(t, "flow_ema"),
			ProtocolFlowEMA:  rapid.Float64Range(-1, 1).Draw(t, "protocol_flow_ema"),
			MinerBurned:      amount("miner_burned", 1.2),
			EmissionDisabled: rapid.IntRange(0, 4).Draw(t, "disabled") == 0,
			QuoteWeight:      w,
		}
	}
	c, err := New(p, inits, amount("root_tao", 7e6), rapid.Int64Range(0, 1e6).Draw(t, "start_block"))
	if err != nil {
		t.Skip(err)
	}
	return c
}

// TestStepMatchesReference: Step leaves every field of the chain, and the block
// record, bit for bit as refStep does, on random chains under random user trades,
// block after block. The outputs of runs stay byte-identical only if this holds:
// a tolerance would hide a reordered floating-point operation.
//
// It holds for the default amd64 build (GOAMD64=v1), where Go rounds every
// operation. With GOAMD64=v3, or on arm64, the compiler may fuse a multiply and an
// add into one FMA wherever the code's shape allows (Go spec, "Floating-point
// operators"), and the two steps' shapes differ, so they may differ in the last bit
// there, as any two builds of different code may.
func TestStepMatchesReference(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		c := genStepChain(t)
		ref := cloneChain(c)
		n := c.N()
		for b := range rapid.IntRange(1, 100).Draw(t, "blocks") {
			for range rapid.IntRange(0, 4).Draw(t, "trades") {
				i := rapid.IntRange(0, n-1).Draw(t, "subnet")
				var got, want float64
				var errGot, errWant error
				if rapid.Bool().Draw(t, "sell") {
					x := rapid.Float64Range(0, 1).Draw(t, "sell_frac") * c.S.AlphaOut[i]
					got, errGot = c.Sell(i, x)
					want, errWant = ref.Sell(i, x)
				} else {
					x := rapid.Float64Range(0, 2).Draw(t, "buy_frac") * c.S.TaoReserve[i]
					got, errGot = c.Buy(i, x)
					want, errWant = ref.Buy(i, x)
				}
				if math.Float64bits(got) != math.Float64bits(want) || !errors.Is(errGot, errWant) {
					t.Fatalf("block %d: trade on subnet %d gave %v, %v; reference %v, %v", b, i, got, errGot, want, errWant)
				}
			}
			c.Step()
			ref.refStep()
			if err := sameBits("Chain", reflect.ValueOf(c).Elem(), reflect.ValueOf(ref).Elem()); err != nil {
				t.Fatalf("block %d (%d subnets) after Step: %v", b, n, err)
			}
		}
	})
}

// TestStepMatchesReferenceBench: on the benchmark's states, in every preset, 64 and 128
// subnets, with epochs every few blocks, Step and refStep agree bit for bit over
// 1,000 blocks.
func TestStepMatchesReferenceBench(t *testing.T) {
	t.Parallel()
	for _, preset := range PresetNames() {
		for _, n := range []int{64, 128} {
			t.Run(fmt.Sprintf("%s/subnets=%d", preset, n), func(t *testing.T) {
				t.Parallel()
				c := benchChain(t, preset, n)
				p := c.P
				p.Tempo = 7
				if err := c.SetParams(p); err != nil {
					t.Fatal(err)
				}
				ref := cloneChain(c)
				for b := range 1000 {
					if b%3 == 0 { // user flow, so that the flow rules see nonzero accumulators
						i := b % n
						c.Buy(i, 0.5)
						ref.Buy(i, 0.5)
						c.Sell((i+1)%n, 0.3)
						ref.Sell((i+1)%n, 0.3)
					}
					c.Step()
					ref.refStep()
					if err := sameBits("Chain", reflect.ValueOf(c).Elem(), reflect.ValueOf(ref).Elem()); err != nil {
						t.Fatalf("block %d: %v", b, err)
					}
				}
			})
		}
	}
}
