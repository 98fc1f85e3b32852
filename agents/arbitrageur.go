package agents

import (
	"math"
	"math/rand/v2"
)

// BookParams are the limits of the book-keeping trade rules around a fair value that
// arbitrageurs and value investors share (Arbitrageur.order).
type BookParams struct {
	Band          float64 `yaml:"band"`           // no-trade band around the fair value, fraction in [0, 1)
	MaxInventory  float64 `yaml:"max_inventory"`  // TAO value held per subnet at most, fraction of initial capital
	BaseInventory float64 `yaml:"base_inventory"` // TAO value held per subnet priced at or below fair value, fraction of initial capital
	Reserve       float64 `yaml:"reserve"`        // free TAO that buys of the base inventory leave, fraction of initial capital
	MaxPoolShare  float64 `yaml:"max_pool_share"` // TAO value held per subnet at most, fraction of the pool's TAO reserve
	Sample        int     `yaml:"sample"`         // distinct subnets compared per action (all if fewer)
}

// DefaultBook returns the default book limits of both classes.
func DefaultBook() BookParams {
	return BookParams{Band: 0.25, MaxInventory: 0.2, BaseInventory: 0.05, Reserve: 0.5, MaxPoolShare: 0.05, Sample: 8}
}

// ArbitrageurParams are an arbitrageur's parameters.
type ArbitrageurParams struct {
	RatePerDay   float64 `yaml:"rate_per_day"`  // actions per day
	LookbackDays int     `yaml:"lookback_days"` // days over which returns are compared across subnets
	BookParams   `yaml:",inline"`
}

// DefaultArbitrageur returns the default arbitrageur parameters.
func DefaultArbitrageur() ArbitrageurParams {
	return ArbitrageurParams{RatePerDay: 48, LookbackDays: 7, BookParams: DefaultBook()}
}

// Arbitrageur is a fast relative-value trader (docs/agents.md) that bets on the reversion
// of the cross-section (short-term reversal: Lehmann 1990; Lo & MacKinlay 1990): a
// subnet that has risen more than the market over the last LookbackDays days is rich, one
// that has fallen more is cheap. With p_i the price now, p_i⁻ the price at the daily
// snapshot LookbackDays ago and m the median over subnets of p_j/p_j⁻ (the market's
// return), its fair value is the old price carried forward at the market's return:
//
//	F_i = p_i⁻ · m.
//
// The level comes from the market, so F cannot sit below aged prices by construction: at
// most half of the subnets are priced below F and at most half above. It uses no
// emission: under the price-EMA share rules a subnet's TAO emission follows its own price
// (within hours since the moving-price coefficient was raised in 2025), so an emission
// yield e_i/(p_i·I_i) hardly depends on the price it is meant to judge and a trader
// using it keeps buying the same low-issuance subnets whatever their price, marking up its
// own impact (docs/agents.md has the numbers). The median, not the mean, so that a pumped
// meme subnet does not move the reference.
//
// Without short selling (dTAO has none) a relative-value trader can act on a rich subnet
// only with alpha it holds, so it keeps a book. With C its initial capital, T_i the pool's
// TAO reserve and X_i the value of its alpha of subnet i at the spot price p_i, it
//   - buys a cheap subnet, p_i < F_i·(1 − Band), up to the amount that would lift a
//     constant-product pool to F_i·(1 − Band), within X_i ≤ min(MaxInventory·C,
//     MaxPoolShare·T_i) and its free TAO;
//   - buys a base position in a subnet at or below its fair value,
//     F_i·(1 − Band) ≤ p_i < F_i, up to the amount that would lift the pool to F_i
//     (it never pays more than F), within X_i ≤ min(BaseInventory·C, MaxPoolShare·T_i),
//     leaving Reserve·C of free TAO for cheap subnets; the book earns the holders'
//     yield meanwhile;
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
	rs  []float64 // scratch: returns for the median
}

func (a *Arbitrageur) Rate() float64      { return a.P.RatePerDay }
func (a *Arbitrageur) Account() AccountID { return a.ID }
func (a *Arbitrageur) Class() string      { return "arbitrageur" }

// Act implements Agent: of Sample distinct subnets it trades, of those where its rules
// give a trade, the one furthest from its fair value in log terms.
func (a *Arbitrageur) Act(v View, rng *rand.Rand, dst []Order) []Order {
	m := a.marketReturn(v)
	if m <= 0 {
		return dst
	}
	var best Order
	bestGap := -1.0
	for _, i := range a.sample(v.N(), rng) {
		f, ok := a.fairValue(v, i, m)
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
	depth := a.P.MaxPoolShare * t // the most it holds of any subnet, in TAO, for the pool's depth
	var amt float64
	switch {
	case p < f*(1-a.P.Band): // cheap
		amt = min(liftTo(f*(1-a.P.Band)), min(a.P.MaxInventory*c, depth)-held*p, v.TAO(a.ID))
	case p < f: // at or below fair value, inside the band: the base position
		amt = min(liftTo(f), min(a.P.BaseInventory*c, a.P.MaxInventory*c, depth)-held*p, v.TAO(a.ID)-a.P.Reserve*c)
	case p > f*(1+a.P.Band) && held > 0: // rich
		// Alpha that brings the price down to F(1 + Band).
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

// marketReturn returns m, the median of p_j/p_j⁻ over the subnets with both prices
// positive (the mean of the middle two for an even count), or 0 if there are none.
func (a *Arbitrageur) marketReturn(v View) float64 {
	a.rs = a.rs[:0]
	for i := range v.N() {
		if p, old := v.Price(i), v.PriceDaysAgo(i, a.P.LookbackDays); p > 0 && old > 0 {
			a.rs = append(a.rs, p/old)
		}
	}
	return median(a.rs)
}

// median returns the median of xs, reordering them; 0 if xs is empty. It selects the
// middle order statistics (selectNth) instead of sorting all of xs: the values it
// averages are those a sort (slices.Sort, NaN first) puts in the middle, so the result
// has the same bits, but for the sign of a zero when xs holds both −0 and +0 (the
// arbitrageur's returns p/p⁻ of positive prices are never −0).
func median(xs []float64) float64 {
	n := len(xs)
	if n == 0 {
		return 0
	}
	k := n / 2
	selectNth(xs, k)
	if n%2 == 1 {
		return xs[k]
	}
	lower := xs[0] // the largest of xs[:k], all ordered before xs[k]
	for _, x := range xs[1:k] {
		if sortLess(lower, x) {
			lower = x
		}
	}
	return (lower + xs[k]) / 2
}

// sortLess is slices.Sort's order of floats: NaN before every number.
func sortLess(x, y float64) bool { return x < y || (x != x && y == y) }

// selectNth reorders xs so that xs[k] holds what a sort would put there, with nothing
// after it ordered before it and nothing before it ordered after it (quickselect with a
// median-of-three pivot; insertion sort for short ranges).
func selectNth(xs []float64, k int) {
	lo, hi := 0, len(xs)-1
	for hi-lo > 8 {
		mid := int(uint(lo+hi) >> 1)
		if sortLess(xs[mid], xs[lo]) {
			xs[mid], xs[lo] = xs[lo], xs[mid]
		}
		if sortLess(xs[hi], xs[lo]) {
			xs[hi], xs[lo] = xs[lo], xs[hi]
		}
		if sortLess(xs[hi], xs[mid]) {
			xs[hi], xs[mid] = xs[mid], xs[hi]
		}
		pivot := xs[mid] // xs[lo] ≤ pivot ≤ xs[hi]
		xs[mid], xs[hi-1] = xs[hi-1], xs[mid]
		i := lo + 1
		for j := lo + 1; j < hi-1; j++ {
			if sortLess(xs[j], pivot) {
				xs[i], xs[j] = xs[j], xs[i]
				i++
			}
		}
		xs[i], xs[hi-1] = xs[hi-1], xs[i] // xs[lo:i] before the pivot, xs[i+1:hi+1] not
		switch {
		case k < i:
			hi = i - 1
		case k > i:
			lo = i + 1
		default:
			return
		}
	}
	for i := lo + 1; i <= hi; i++ {
		for j := i; j > lo && sortLess(xs[j], xs[j-1]); j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// fairValue returns F_i = p_i⁻·m for the market return m > 0; ok is false for a subnet
// without both prices, which it neither values nor trades.
func (a *Arbitrageur) fairValue(v View, i int, m float64) (f float64, ok bool) {
	old := v.PriceDaysAgo(i, a.P.LookbackDays)
	if !(old > 0 && v.Price(i) > 0) {
		return 0, false
	}
	return old * m, true
}
