package agents

import (
	"math"
	"math/rand/v2"
	"slices"
)

// ArbitrageurParams are an arbitrageur's parameters.
type ArbitrageurParams struct {
	RatePerDay    float64 `yaml:"rate_per_day"`   // actions per day
	Band          float64 `yaml:"band"`           // no-trade band around the fair value, fraction in [0, 1)
	MaxInventory  float64 `yaml:"max_inventory"`  // TAO value held per subnet at most, fraction of initial capital
	BaseInventory float64 `yaml:"base_inventory"` // TAO value held per subnet priced at or below fair value, fraction of initial capital
	Reserve       float64 `yaml:"reserve"`        // free TAO that buys of the base inventory leave, fraction of initial capital
	Sample        int     `yaml:"sample"`         // distinct subnets compared per action (all if fewer)
}

// DefaultArbitrageur returns the default arbitrageur parameters.
func DefaultArbitrageur() ArbitrageurParams {
	return ArbitrageurParams{RatePerDay: 48, Band: 0.25, MaxInventory: 0.2, BaseInventory: 0.05, Reserve: 0.5, Sample: 8}
}

// Arbitrageur is a fast relative-value trader (DESIGN.md §5). It values a subnet's alpha
// at the market's own price for the TAO that flows into the subnet. A subnet's earnings
// are the TAO it takes in per day, e_i = TAO emission per day + buyback per day; its
// emission yield is those earnings per TAO of market value, y_i = e_i / (p_i·I_i), with
// p_i the price and I_i the alpha issuance. The reference yield r is the median of y_j
// over the subnets with earnings, and the fair value is the price at which the subnet
// would yield r:
//
//	F_i = e_i / (r·I_i) = p_i·y_i / r.
//
// This is relative value (a price–earnings multiple against the cross-section): the
// level comes from the market, so F cannot sit below aged prices by construction; of the
// subnets with earnings at most half are priced below F and at most half above. Under
// the price-EMA share rules a subnet's emission follows its moving price, so among
// subnets of similar issuance y_i ∝ moving price / price: the rule buys subnets that fell
// below their moving price and sells those that rose above it, the reversion the share
// rule itself pays for; under the flow rules it buys where the net inflow is large for
// the market value. A subnet without earnings (emission 0, no buyback) is worth F = 0:
// it only sells it. The ingredients common to all subnets (the owner cut, the miners'
// and validators' split) cancel in the ratio; the root proportion, which differs with
// issuance, and future changes of the share are ignored.
//
// Without short selling (dTAO has none) a relative-value trader can act on a rich subnet
// only with alpha it holds, so it keeps a book. With C its initial capital and X_i the
// value of its alpha of subnet i at the spot price p_i, it
//   - buys a cheap subnet, p_i < F_i·(1 − Band), up to the amount that would lift a
//     constant-product pool to F_i·(1 − Band), within X_i ≤ MaxInventory·C and its free
//     TAO;
//   - buys a base position in a subnet at or below its fair value,
//     F_i·(1 − Band) ≤ p_i < F_i, up to the amount that would lift the pool to F_i
//     (it never pays more than F), within X_i ≤ BaseInventory·C and leaving Reserve·C
//     of free TAO for cheap subnets; the book earns the holders' yield meanwhile;
//   - sells a rich subnet, p_i > F_i·(1 + Band), down to the amount that would bring the
//     price to F_i·(1 + Band), at most what it holds.
//
// It never borrows and never shorts. At each action it compares Sample distinct random
// subnets and, of those where one of these rules gives a trade, trades the one furthest
// from F in log terms.
type Arbitrageur struct {
	ID      AccountID
	P       ArbitrageurParams
	Capital float64 // initial capital, TAO
	// Reserves returns the pool's TAO and alpha reserves (the View has only quotes).
	Reserves func(i int) (tao, alpha float64)

	idx []int     // scratch: subnet indices for sampling
	ys  []float64 // scratch: emission yields for the median
}

func (a *Arbitrageur) Rate() float64      { return a.P.RatePerDay }
func (a *Arbitrageur) Account() AccountID { return a.ID }
func (a *Arbitrageur) Class() string      { return "arbitrageur" }

// Act implements Agent: of Sample distinct subnets it trades, of those where its rules
// give a trade, the one furthest from its fair value in log terms.
func (a *Arbitrageur) Act(v View, rng *rand.Rand, dst []Order) []Order {
	r := a.referenceYield(v)
	if r <= 0 {
		return dst
	}
	var best Order
	bestGap := -1.0
	for _, i := range a.sample(v.N(), rng) {
		f, ok := fairValue(v, i, r)
		if !ok {
			continue
		}
		o, ok := a.order(v, i, f)
		if gap := math.Abs(math.Log(v.Price(i) / f)); ok && gap > bestGap {
			best, bestGap = o, gap
		}
	}
	if bestGap < 0 {
		return dst
	}
	return append(dst, best)
}

// order returns the trade of subnet i, at fair value f, that the rules of the type's
// comment give, if any. Amounts are sized as if the pool were constant product with the
// current TAO reserve T, alpha reserve A and price p: buying x TAO lifts the price to
// p·(1 + x/T)², selling b alpha brings it to p·(A/(A + b))².
func (a *Arbitrageur) order(v View, i int, f float64) (Order, bool) {
	t, al := a.Reserves(i)
	p := v.Price(i)
	held := v.Alpha(a.ID, i)
	liftTo := func(target float64) float64 { return t * (math.Sqrt(target/p) - 1) }
	c := a.Capital
	var amt float64
	switch {
	case p < f*(1-a.P.Band): // cheap
		amt = min(liftTo(f*(1-a.P.Band)), a.P.MaxInventory*c-held*p, v.TAO(a.ID))
	case p < f: // at or below fair value, inside the band: the base position
		amt = min(liftTo(f), min(a.P.BaseInventory, a.P.MaxInventory)*c-held*p, v.TAO(a.ID)-a.P.Reserve*c)
	case p > f*(1+a.P.Band) && held > 0: // rich
		// Alpha that brings the price to F(1 + Band); +Inf if F = 0.
		sell := min(al*(math.Sqrt(p/(f*(1+a.P.Band)))-1), held)
		return Order{Account: a.ID, Subnet: i, Sell: true, Amount: sell}, sell > 0
	}
	return Order{Account: a.ID, Subnet: i, Amount: amt}, amt > minTrade
}

// sample returns min(Sample, n) distinct subnet indices drawn uniformly (a partial
// Fisher–Yates shuffle). The slice is scratch, valid until the next call.
func (a *Arbitrageur) sample(n int, rng *rand.Rand) []int {
	if cap(a.idx) < n {
		a.idx = make([]int, n)
	}
	a.idx = a.idx[:n]
	for i := range a.idx {
		a.idx[i] = i
	}
	k := min(max(a.P.Sample, 1), n)
	for j := range k {
		m := j + rng.IntN(n-j)
		a.idx[j], a.idx[m] = a.idx[m], a.idx[j]
	}
	return a.idx[:k]
}

// referenceYield returns r, the median emission yield e_j/(p_j·I_j) over the subnets
// with earnings e_j > 0 and a market value p_j·I_j > 0 (the mean of the middle two for
// an even count), or 0 if there are none.
func (a *Arbitrageur) referenceYield(v View) float64 {
	a.ys = a.ys[:0]
	for i := range v.N() {
		if y, ok := emissionYield(v, i); ok && y > 0 {
			a.ys = append(a.ys, y)
		}
	}
	return median(a.ys)
}

// median returns the median of xs, reordering them; 0 if xs is empty.
func median(xs []float64) float64 {
	n := len(xs)
	if n == 0 {
		return 0
	}
	slices.Sort(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// emissionYield returns subnet i's earnings per TAO of market value per day,
// (TAO emission per day + buyback per day)/(price·alpha issuance); ok is false if the
// market value is not positive.
func emissionYield(v View, i int) (y float64, ok bool) {
	mv := v.Price(i) * v.AlphaIssuance(i)
	if !(mv > 0) {
		return 0, false
	}
	return (v.TaoEmissionPerDay(i) + v.BuybackPerDay(i)) / mv, true
}

// fairValue returns F_i = e_i/(r·I_i) for reference yield r > 0; ok is false for a
// subnet without a market value (price or issuance 0), which it neither values nor
// trades.
func fairValue(v View, i int, r float64) (f float64, ok bool) {
	iss := v.AlphaIssuance(i)
	if !(v.Price(i)*iss > 0) {
		return 0, false
	}
	return (v.TaoEmissionPerDay(i) + v.BuybackPerDay(i)) / (r * iss), true
}
