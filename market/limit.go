package market

import "math"

// Price-limit trades: subtensor's add_stake_limit and remove_stake_limit ("safe
// staking") with allow_partial = true. A limit order executes only up to the amount
// whose swap leaves the pool price at the limit — no higher for a buy, no lower for a
// sell — and the rest of the order is not executed. On the chain the executable amount
// is found by a reverting swap that stops at the limit price and is charged that swap's
// input plus its fee; MaxBuy and MaxSell are the closed forms of that swap on this
// package's pools. The limit is on the swap: a fee paid into the pool (fee destination
// "pool") moves the price a little further, by fee/reserve.

// MaxBuy returns the most TAO, fees included, that a user buy on subnet index i can
// spend with its swap leaving the price at or below limit: on a pool of TAO reserve T,
// TAO weight wT and price p, a swap of net ΔT moves the price to p·((T+ΔT)/T)^(1/wA)
// (wA = 1 − wT), so ΔT = T·((limit/p)^wA − 1) — T·(√(limit/p) − 1) on a constant-product
// pool. It returns 0 when the price is already at or above limit or the pool is empty,
// and +Inf for an infinite limit.
func (c *Chain) MaxBuy(i int, limit float64) float64 {
	if math.IsInf(limit, 1) {
		return limit
	}
	p := c.Price(i)
	if !(p > 0) || !(limit > p) {
		return 0
	}
	t, wA := c.S.TaoReserve[i], 1-c.S.QuoteWeight[i]
	var net float64
	if wA == 0.5 {
		net = t * (math.Sqrt(limit/p) - 1)
	} else {
		net = t * (math.Pow(limit/p, wA) - 1)
	}
	return (net + c.P.FeeFlat) / (1 - c.P.FeeRate)
}

// MaxSell returns the most alpha, fees included, that a user sell on subnet index i can
// sell with its swap leaving the price at or above limit: a swap of net ΔA moves the
// price to p·(A/(A+ΔA))^(1/wT), so ΔA = A·((p/limit)^wT − 1) — A·(√(p/limit) − 1) on a
// constant-product pool. It returns 0 when the price is already at or below limit, and
// +Inf for a limit of 0 or below (no limit).
func (c *Chain) MaxSell(i int, limit float64) float64 {
	if !(limit > 0) {
		return math.Inf(1)
	}
	p := c.Price(i)
	if !(limit < p) {
		return 0
	}
	a, wT := c.S.AlphaReserve[i], c.S.QuoteWeight[i]
	var net float64
	if wT == 0.5 {
		net = a * (math.Sqrt(p/limit) - 1)
	} else {
		net = a * (math.Pow(p/limit, wT) - 1)
	}
	return net / (1 - c.P.FeeRate)
}
