package agents

import (
	"math"
	"math/rand/v2"
)

// YieldStakerParams are a yield staker's parameters.
type YieldStakerParams struct {
	RatePerDay   float64 `yaml:"rate_per_day"`  // actions per day
	HorizonDays  float64 `yaml:"horizon_days"`  // days over which a move's slippage is amortised
	SwitchMargin float64 `yaml:"switch_margin"` // extra yield per day a move must earn
	// QuoteTAO q > 0 makes the staker decide as a staker of min(q, its wealth) TAO
	// would (wealth: free TAO plus its holding at spot): the yield of subnets it does
	// not hold is priced for a buy of that size, and a move's cost for selling the share
	// q/wealth of its holding and buying with the proceeds (as without the option, the
	// cost test does not count the slippage of buying with free TAO), so that it ignores
	// most of its own price impact and dilution; it then moves all it has. 0 (the
	// default): its whole wealth, as before the option. A counterfactual rule, not a
	// calibration: it measures how much of what the stakers do comes from pricing their
	// own size (docs/agents.md).
	QuoteTAO float64 `yaml:"quote_tao,omitempty"`
}

// DefaultYieldStaker returns the default yield-staker parameters.
func DefaultYieldStaker() YieldStakerParams {
	return YieldStakerParams{RatePerDay: 4, HorizonDays: 30, SwitchMargin: 0.0005}
}

// YieldStaker is slow capital that stakes where the emission yield is best
// (docs/agents.md). It holds one subnet at a time. At each action it finds the subnet
// with the highest holder yield y_j (alpha per alpha per day; for subnets it does not
// hold, the yield its whole capital would earn there, MarginalYield) and moves there,
// routing subnet → TAO → subnet, when the gain pays for the move within HorizonDays:
//
//	(y_j − y_c)·HorizonDays > cost + SwitchMargin·HorizonDays,
//
// where cost = 1 − (value after the move at spot)/(value before) is the fraction lost to
// slippage and fees on both legs. With free TAO and no position it buys the best subnet.
// With QuoteTAO both the yields and the cost are priced for a smaller size (above).
type YieldStaker struct {
	ID AccountID
	P  YieldStakerParams
}

func (y *YieldStaker) Rate() float64      { return y.P.RatePerDay }
func (y *YieldStaker) Account() AccountID { return y.ID }
func (y *YieldStaker) Class() string      { return "yield_staker" }

// Act implements Agent.
func (y *YieldStaker) Act(v View, _ *rand.Rand, dst []Order) []Order {
	cur, held := -1, 0.0
	for i := range v.N() {
		if a := v.Alpha(y.ID, i); a > held {
			cur, held = i, a
		}
	}
	best, bestY := -1, math.Inf(-1)
	size := v.TAO(y.ID) + held*v.Price(max(cur, 0))
	// decided is the part of the holding the decision is priced for: all of it, or with
	// QuoteTAO the share q/size of it (the staker decides as one of q TAO would).
	decided := held
	if q := y.P.QuoteTAO; q > 0 && size > q {
		decided = held * (q / size)
		size = q
	}
	for i := range v.N() {
		yi := v.HolderYield(i)
		if i != cur {
			yi = MarginalYield(v, i, size)
		}
		if yi > bestY {
			best, bestY = i, yi
		}
	}
	if best < 0 || bestY <= 0 {
		return dst
	}
	tao := v.TAO(y.ID)
	if cur < 0 || cur == best {
		if tao > minTrade {
			dst = append(dst, Order{Account: y.ID, Subnet: best, Amount: tao})
		}
		return dst
	}
	out := v.QuoteSell(cur, decided)
	before := decided * v.Price(cur)
	if before <= 0 {
		return dst
	}
	cost := 1 - v.QuoteBuy(best, out)*v.Price(best)/before
	h := y.P.HorizonDays
	if (bestY-v.HolderYield(cur))*h > cost+y.P.SwitchMargin*h {
		if decided != held {
			out = v.QuoteSell(cur, held)
		}
		dst = append(dst, Order{Account: y.ID, Subnet: cur, Sell: true, Amount: held})
		dst = append(dst, Order{Account: y.ID, Subnet: best, Amount: tao + out})
	}
	return dst
}

// NoiseParams are a noise trader's parameters.
type NoiseParams struct {
	RatePerDay    float64 `yaml:"rate_per_day"`   // actions per day
	TradeFraction float64 `yaml:"trade_fraction"` // share of free TAO or of a holding traded per action
}

// DefaultNoise returns the default noise-trader parameters.
func DefaultNoise() NoiseParams { return NoiseParams{RatePerDay: 4, TradeFraction: 0.05} }

// Noise is a noise trader (docs/agents.md): at each action it flips a fair coin; heads,
// it buys a uniformly chosen subnet with TradeFraction of its free TAO; tails, it sells
// TradeFraction of a uniformly chosen holding. It provides liquidity and order flow
// unrelated to fundamentals.
type Noise struct {
	ID AccountID
	P  NoiseParams
}

func (n *Noise) Rate() float64      { return n.P.RatePerDay }
func (n *Noise) Account() AccountID { return n.ID }
func (n *Noise) Class() string      { return "noise" }

// Act implements Agent.
func (n *Noise) Act(v View, rng *rand.Rand, dst []Order) []Order {
	if rng.IntN(2) == 0 {
		i := rng.IntN(v.N())
		if amt := n.P.TradeFraction * v.TAO(n.ID); amt > minTrade {
			dst = append(dst, Order{Account: n.ID, Subnet: i, Amount: amt})
		}
		return dst
	}
	held := 0
	for i := range v.N() {
		if v.Alpha(n.ID, i) > 0 {
			held++
		}
	}
	if held == 0 {
		return dst
	}
	k := rng.IntN(held)
	for i := range v.N() {
		if a := v.Alpha(n.ID, i); a > 0 {
			if k == 0 {
				return append(dst, Order{Account: n.ID, Subnet: i, Sell: true, Amount: n.P.TradeFraction * a})
			}
			k--
		}
	}
	return dst
}
