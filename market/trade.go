package market

import "math"

// QuoteBuy returns the alpha a user buy of tao TAO on subnet index i would receive now,
// after fees, without trading (0 if the amount does not cover the fee).
func (c *Chain) QuoteBuy(i int, tao float64) float64 {
	net := tao - (tao*c.P.FeeRate + c.P.FeeFlat)
	if !(net > 0) {
		return 0
	}
	return buyOut(c.S.TaoReserve[i], c.S.AlphaReserve[i], c.S.QuoteWeight[i], net)
}

// QuoteSell returns the TAO a user sell of alpha on subnet index i would receive now,
// after fees, without trading.
func (c *Chain) QuoteSell(i int, alpha float64) float64 {
	if !(alpha > 0) {
		return 0
	}
	out := sellOut(c.S.TaoReserve[i], c.S.AlphaReserve[i], c.S.QuoteWeight[i], alpha*(1-c.P.FeeRate))
	return max(out-c.P.FeeFlat, 0)
}

// Buy spends tao TAO on subnet index i's alpha as a user stake (spec §10.2, replay.md
// step 1): the fee tao·fee_rate + fee_flat is taken first and goes to the pool or leaves
// the system; the rest is swapped. It returns the alpha received, which joins the
// outstanding alpha. The trade is refused, changing nothing, with ErrMinReserve if it
// would leave the alpha reserve below min_reserve, and with ErrAmount if tao is not a
// positive finite number or does not cover the fee.
func (c *Chain) Buy(i int, tao float64) (float64, error) {
	if i < 0 || i >= c.N() {
		return 0, ErrNoSubnet
	}
	if !(tao > 0) || math.IsInf(tao, 1) {
		return 0, ErrAmount
	}
	s := &c.S
	fee := tao*c.P.FeeRate + c.P.FeeFlat
	net := tao - fee
	if !(net > 0) {
		return 0, ErrAmount
	}
	out := buyOut(s.TaoReserve[i], s.AlphaReserve[i], s.QuoteWeight[i], net)
	if s.AlphaReserve[i]-out < c.P.MinReserve {
		return 0, ErrMinReserve
	}
	s.TaoReserve[i] += net
	if c.P.FeeDestination == FeeToPool {
		s.TaoReserve[i] += fee
	} else {
		c.Tot.FeesOut += fee
	}
	s.AlphaReserve[i] -= out
	s.AlphaOut[i] += out
	s.FlowAcc[i] += net
	c.Tot.UserTAOIn += tao
	return out, nil
}

// Sell sells alpha of subnet index i for TAO as a user unstake (spec §10.2, replay.md
// step 1). The proportional fee is taken in alpha: with fee destination "pool" it joins
// the reserve, with "author" it is sold in a second swap and that TAO leaves. A flat fee
// is taken from the TAO received and returned to the TAO reserve. It returns the TAO the
// user receives. The trade is refused, changing nothing, with ErrMinReserve if it would
// leave the TAO reserve below min_reserve, with ErrOutstanding if alpha exceeds the
// outstanding alpha, and with ErrAmount for a non-positive or non-finite amount.
func (c *Chain) Sell(i int, alpha float64) (float64, error) {
	if i < 0 || i >= c.N() {
		return 0, ErrNoSubnet
	}
	if !(alpha > 0) || math.IsInf(alpha, 1) {
		return 0, ErrAmount
	}
	s := &c.S
	if alpha > s.AlphaOut[i] {
		return 0, ErrOutstanding
	}
	t, a, w := s.TaoReserve[i], s.AlphaReserve[i], s.QuoteWeight[i]
	feeAlpha := alpha * c.P.FeeRate
	net := alpha - feeAlpha
	out := sellOut(t, a, w, net)
	t -= out
	a += net
	feeTAO := 0.0
	if feeAlpha > 0 && c.P.FeeDestination == FeeToAuthor {
		feeTAO = sellOut(t, a, w, feeAlpha)
		t -= feeTAO
	}
	a += feeAlpha
	if t < c.P.MinReserve {
		return 0, ErrMinReserve
	}
	flat := min(c.P.FeeFlat, out)
	user := out - flat
	t += flat
	s.TaoReserve[i], s.AlphaReserve[i] = t, a
	s.AlphaOut[i] -= alpha
	s.FlowAcc[i] -= user + feeTAO
	c.Tot.UserTAOOut += user
	c.Tot.FeesOut += feeTAO
	return user, nil
}

// rootSell sells alpha taken from outstanding alpha into subnet index i's pool for root
// stakers (no fee; spec §9.3). It returns the TAO obtained and false, changing nothing,
// if the TAO reserve would fall below min_reserve.
func (c *Chain) rootSell(i int, alpha float64) (float64, bool) {
	if alpha <= 0 {
		return 0, true
	}
	s := &c.S
	out := sellOut(s.TaoReserve[i], s.AlphaReserve[i], s.QuoteWeight[i], alpha)
	if s.TaoReserve[i]-out < c.P.MinReserve {
		return 0, false
	}
	s.TaoReserve[i] -= out
	s.AlphaReserve[i] += alpha
	s.AlphaOut[i] -= alpha
	c.Tot.RootTAOTaken += out
	return out, true
}
