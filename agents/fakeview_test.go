package agents

import (
	"fmt"
	"math/rand/v2"
)

// fakeView is a hand-set market for agent tests. Prices come from the pool reserves
// (p = TAO reserve / alpha reserve) and quotes are constant-product swaps without fees,
// so every quantity an agent computes can be recomputed here from the documented formulas.
type fakeView struct {
	block    int64
	kind     []Kind
	taoRes   []float64 // pool TAO reserves
	alphaRes []float64 // pool alpha reserves
	ago      []float64 // price at the snapshot `lookback` days ago
	lookback int       // the only days argument PriceDaysAgo accepts

	yieldAgo []float64 // holder yield at yesterday's snapshot
	vol      []float64 // realised volatility (nil: 0 everywhere)
	volDays  int       // the only days argument Volatility accepts when vol is set

	share, taoEmit, yield, payout, holderAlpha, alphaPerDay, buyback, issuance []float64

	holders []int
	specs   int

	tao   map[AccountID]float64
	alpha map[AccountID][]float64
	cost  map[AccountID][]float64
}

// deep is the reserve of a pool so deep that slippage on trades of a few thousand TAO is
// below 1e-5 relative.
const deep = 1e9

// newFakeView returns n utility subnets with deep pools at price 1, flat prices over the
// lookback, a million alpha held by agents and no payouts, emission or buybacks.
func newFakeView(n, lookback int) *fakeView {
	v := &fakeView{
		kind: make([]Kind, n), taoRes: make([]float64, n), alphaRes: make([]float64, n),
		ago: make([]float64, n), lookback: lookback, yieldAgo: make([]float64, n),
		share: make([]float64, n), taoEmit: make([]float64, n), yield: make([]float64, n),
		payout: make([]float64, n), holderAlpha: make([]float64, n), alphaPerDay: make([]float64, n),
		buyback: make([]float64, n), issuance: make([]float64, n), holders: make([]int, n),
		tao: map[AccountID]float64{}, alpha: map[AccountID][]float64{}, cost: map[AccountID][]float64{},
	}
	for i := range n {
		v.setPool(i, 1, deep)
		v.ago[i] = 1
		v.holderAlpha[i] = 1e6
	}
	return v
}

// setPool sets subnet i's pool to price p with taoRes TAO reserves.
func (v *fakeView) setPool(i int, p, taoRes float64) {
	v.taoRes[i], v.alphaRes[i] = taoRes, taoRes/p
}

// hold gives account a an alpha position in subnet i with cost basis c TAO.
func (v *fakeView) hold(a AccountID, i int, alpha, c float64) {
	if v.alpha[a] == nil {
		v.alpha[a] = make([]float64, v.N())
		v.cost[a] = make([]float64, v.N())
	}
	v.alpha[a][i], v.cost[a][i] = alpha, c
}

func (v *fakeView) Block() int64                { return v.block }
func (v *fakeView) N() int                      { return len(v.taoRes) }
func (v *fakeView) Kind(i int) Kind             { return v.kind[i] }
func (v *fakeView) Price(i int) float64         { return v.taoRes[i] / v.alphaRes[i] }
func (v *fakeView) EmissionShare(i int) float64 { return v.share[i] }
func (v *fakeView) TaoEmissionPerDay(i int) float64 {
	return v.taoEmit[i]
}
func (v *fakeView) HolderYield(i int) float64   { return v.yield[i] }
func (v *fakeView) HolderPayout(i int) float64  { return v.payout[i] }
func (v *fakeView) HolderAlpha(i int) float64   { return v.holderAlpha[i] }
func (v *fakeView) AlphaPerDay(i int) float64   { return v.alphaPerDay[i] }
func (v *fakeView) BuybackPerDay(i int) float64 { return v.buyback[i] }
func (v *fakeView) AlphaIssuance(i int) float64 { return v.issuance[i] }
func (v *fakeView) Holders(i int) int           { return v.holders[i] }
func (v *fakeView) Speculators() int            { return v.specs }
func (v *fakeView) TAO(a AccountID) float64     { return v.tao[a] }

func (v *fakeView) PriceDaysAgo(i int, days int) float64 {
	if days != v.lookback {
		panic(fmt.Sprintf("fakeView: PriceDaysAgo(%d, %d), want days = %d", i, days, v.lookback))
	}
	return v.ago[i]
}

// Volatility returns v.vol[i] (0 when vol is not set); with vol set it panics on a
// days argument other than volDays.
func (v *fakeView) Volatility(i int, days int) float64 {
	if v.vol == nil {
		return 0
	}
	if days != v.volDays {
		panic(fmt.Sprintf("fakeView: Volatility(%d, %d), want days = %d", i, days, v.volDays))
	}
	return v.vol[i]
}

// HolderYieldDaysAgo returns yesterday's holder yield whatever days is.
func (v *fakeView) HolderYieldDaysAgo(i int, days int) float64 { return v.yieldAgo[i] }

// QuoteBuy is a constant-product buy without fees: alpha out = A·x/(T + x).
func (v *fakeView) QuoteBuy(i int, x float64) float64 {
	return v.alphaRes[i] * x / (v.taoRes[i] + x)
}

// QuoteSell is a constant-product sell without fees: TAO out = T·a/(A + a).
func (v *fakeView) QuoteSell(i int, a float64) float64 {
	return v.taoRes[i] * a / (v.alphaRes[i] + a)
}

func (v *fakeView) Alpha(a AccountID, i int) float64 {
	if s := v.alpha[a]; s != nil {
		return s[i]
	}
	return 0
}

func (v *fakeView) Cost(a AccountID, i int) float64 {
	if s := v.cost[a]; s != nil {
		return s[i]
	}
	return 0
}

var _ View = (*fakeView)(nil)

// wantMarginalYield recomputes the documented marginal yield payout·b/(held + b)·p/x with
// b the constant-product alpha bought by x TAO.
func wantMarginalYield(v *fakeView, i int, x float64) float64 {
	if v.payout[i] <= 0 || x <= 0 {
		return 0
	}
	b := v.alphaRes[i] * x / (v.taoRes[i] + x)
	return v.payout[i] * b / (v.holderAlpha[i] + b) * v.Price(i) / x
}

// newRand returns the seeded source the tests use.
func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 1)) }

// split separates buys and sells.
func split(orders []Order) (buys, sells []Order) {
	for _, o := range orders {
		if o.Sell {
			sells = append(sells, o)
		} else {
			buys = append(buys, o)
		}
	}
	return buys, sells
}

// execute carries out orders in sequence through the constant-product pools, clipped to
// the account's balances, moving reserves, balances and the average cost basis.
func (v *fakeView) execute(orders []Order) {
	for _, o := range orders {
		i := o.Subnet
		if v.alpha[o.Account] == nil {
			v.hold(o.Account, i, 0, 0)
		}
		if o.Sell {
			a := min(o.Amount, v.alpha[o.Account][i])
			out := v.QuoteSell(i, a)
			if held := v.alpha[o.Account][i]; held > 0 {
				v.cost[o.Account][i] *= 1 - a/held
			}
			v.alpha[o.Account][i] -= a
			v.alphaRes[i] += a
			v.taoRes[i] -= out
			v.tao[o.Account] += out
			continue
		}
		x := min(o.Amount, v.tao[o.Account])
		b := v.QuoteBuy(i, x)
		v.tao[o.Account] -= x
		v.alpha[o.Account][i] += b
		v.cost[o.Account][i] += x
		v.taoRes[i] += x
		v.alphaRes[i] -= b
	}
}
