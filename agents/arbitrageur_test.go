package agents

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"pgregory.net/rapid"
)

const arbID AccountID = 5

func newArb(v *fakeView, p ArbitrageurParams, capital float64) *Arbitrageur {
	return &Arbitrageur{ID: arbID, P: p, Capital: capital, Reserves: func(i int) (float64, float64) {
		return v.taoRes[i], v.alphaRes[i]
	}}
}

// lookback is the default LookbackDays, the only days the fake view's PriceDaysAgo takes.
const lookback = 7

// wantFair recomputes the documented fair value F_i = p_i⁻·m, with p⁻ the price
// LookbackDays ago and m the median of p_j/p_j⁻ over the subnets with both prices
// positive (sorted by insertion, not by slices.Sort).
func wantFair(v *fakeView, i int) (f float64, ok bool) {
	var rs []float64
	for j := range v.N() {
		if p, old := v.Price(j), v.ago[j]; p > 0 && old > 0 {
			k := len(rs)
			rs = append(rs, p/old)
			for ; k > 0 && rs[k-1] > rs[k]; k-- {
				rs[k-1], rs[k] = rs[k], rs[k-1]
			}
		}
	}
	if len(rs) == 0 || !(v.ago[i] > 0 && v.Price(i) > 0) {
		return 0, false
	}
	m := rs[len(rs)/2]
	if len(rs)%2 == 0 {
		m = (rs[len(rs)/2-1] + rs[len(rs)/2]) / 2
	}
	return v.ago[i] * m, true
}

// TestArbitrageurFairValue checks the fair values of a hand-built cross-section. Prices
// 7 days ago and now: subnet 0: 1 → 0.5 (return 0.5), subnet 1: 1 → 1.1, subnet 2:
// 1 → 1.2, subnet 3: 2 → 2.4 (1.2), subnet 4: no old price, subnet 5: 1 → 3. The
// median return of the five with both prices is m = 1.2, so F = p⁻·1.2: 1.2 (cheap),
// 1.2 (below F by 8%), 1.2 and 2.4 (at F), none, 1.2 (rich). Without subnet 5 the count
// is even: m = (1.1 + 1.2)/2 = 1.15.
func TestArbitrageurFairValue(t *testing.T) {
	t.Parallel()
	v := newFakeView(6, lookback)
	old := []float64{1, 1, 1, 2, 0, 1}
	now := []float64{0.5, 1.1, 1.2, 2.4, 1, 3}
	for i := range 6 {
		v.ago[i] = old[i]
		v.setPool(i, now[i], 1e4)
	}
	type want struct {
		f  float64
		ok bool
	}
	check := func(n int, m float64, wants []want) {
		t.Helper()
		v.taoRes, v.alphaRes = v.taoRes[:n], v.alphaRes[:n]
		a := newArb(v, DefaultArbitrageur(), 1e4)
		if got := a.marketReturn(v); !scalar.EqualWithinRel(got, m, 1e-12) {
			t.Errorf("%d subnets: market return %g, want %g", n, got, m)
		}
		for i, w := range wants {
			f, ok := a.fairValue(v, i, m)
			if ok != w.ok || !scalar.EqualWithinRel(f, w.f, 1e-12) {
				t.Errorf("%d subnets: F_%d = %g, %v; want %g, %v", n, i, f, ok, w.f, w.ok)
			}
		}
	}
	check(6, 1.2, []want{{1.2, true}, {1.2, true}, {1.2, true}, {2.4, true}, {0, false}, {1.2, true}})
	check(5, 1.15, []want{{1.15, true}, {1.15, true}, {1.15, true}, {2.3, true}, {0, false}})
}

// arbMarket is three subnets that were at price 0.1 a week ago: subnets 1 and 2 still
// are (pools of 1e6 TAO), so the market return is 1 whatever subnet 0 did, and they sit
// at their fair value. Subnet 0 is now at m·0.1 with taoRes TAO in its pool; its F is
// 0.1.
func arbMarket(m, taoRes float64) *fakeView {
	v := newFakeView(3, lookback)
	for i := range 3 {
		v.ago[i] = 0.1
		v.setPool(i, 0.1, 1e6)
	}
	v.setPool(0, m*0.1, taoRes)
	return v
}

// TestArbitrageur checks the order sizing on hand-computed cases with the default
// parameters (F = 0.1, Band 0.25, MaxInventory 0.2, BaseInventory 0.05, Reserve 0.5, so
// cheap buys stop at 0.075, base buys at 0.1 and sells at 0.125), MaxPoolShare 1 unless
// the case tests the pool's depth:
//   - buy to the band edge: price 0.05, T = 1e4: x = T(√(0.075/0.05) − 1) = 2247.4487;
//   - inventory room: capital 1000, 50 alpha held at 0.05: 0.2·1000 − 2.5 = 197.5;
//   - capital: 30 TAO free;
//   - base buy to F: price 0.09, T = 1e4: x = T(√(0.1/0.09) − 1) = 540.9255;
//   - base inventory: capital 1e4, 1000 alpha held at 0.09: 0.05·1e4 − 90 = 410;
//   - reserve: capital 1e4, 5100 TAO free: 5100 − 0.5·1e4 = 100;
//   - pool depth (MaxPoolShare 0.05): T = 1e4: 500 TAO; 1000 alpha held at 0.09:
//     500 − 90 = 410;
//   - sell to the band edge: price 0.2, A = 1e4/0.2 = 5e4: b = A(√(0.2/0.125) − 1) =
//     13245.553 alpha.
func TestArbitrageur(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		m       float64 // price / F
		taoRes  float64 // subnet 0's pool depth
		held    float64
		tao     float64
		capital float64
		want    string  // "buy", "sell" or "none"
		amount  float64 // hand-computed
		depth   bool    // MaxPoolShare at its default 0.05 (else 1, so that the pool's depth does not bind)
	}{
		{"cheap: buy to the band edge", 0.5, 1e4, 0, 1e6, 1e7, "buy", 2247.4487139158905, false},
		{"cheap: buy up to the inventory room", 0.5, 1e6, 50, 1e6, 1000, "buy", 197.5, false},
		{"cheap: buy with all free TAO", 0.5, 1e6, 0, 30, 1e7, "buy", 30, false},
		{"cheap: no inventory room left", 0.5, 1e6, 1e4, 1e6, 1000, "none", 0, false},
		{"cheap: no free TAO", 0.5, 1e6, 0, 0, 1e7, "none", 0, false},
		{"just below the band", 0.749, 1e6, 0, 1e6, 1e7, "buy", 1e6 * (math.Sqrt(0.75/0.749) - 1), false},
		{"cheap: buy up to the pool-depth limit", 0.5, 1e4, 0, 1e6, 1e7, "buy", 500, true},
		{"cheap: pool-depth limit reached", 0.5, 1e4, 1e4, 1e6, 1e7, "none", 0, true},
		{"fair-low: base buy up to the pool-depth limit", 0.9, 1e4, 1000, 1e7, 1e7, "buy", 410, true},
		{"fair-low: base buy up to F", 0.9, 1e4, 0, 1e7, 1e7, "buy", 540.9255338945984, false},
		{"fair-low: base buy up to the base inventory", 0.9, 1e6, 1000, 1e4, 1e4, "buy", 410, false},
		{"fair-low: base buy leaves the reserve", 0.9, 1e6, 0, 5100, 1e4, "buy", 100, false},
		{"fair-low: base position full", 0.9, 1e6, 1e4, 1e4, 1e4, "none", 0, false},
		{"fair-low: down to the reserve", 0.9, 1e6, 0, 5000, 1e4, "none", 0, false},
		{"inside the band above F: no trade", 1.1, 1e4, 0, 1e7, 1e7, "none", 0, false},
		{"inside the band above F with inventory: no trade", 1.2, 1e4, 1e3, 1e7, 1e7, "none", 0, false},
		{"rich with inventory: sell to the band edge", 2, 1e4, 1e6, 0, 1e7, "sell", 13245.553203367586, false},
		{"rich: sell all it holds", 2, 1e4, 10, 0, 1e7, "sell", 10, false},
		{"just above the band", 1.251, 1e6, 1e9, 0, 1e7, "sell", 1e6 / 0.1251 * (math.Sqrt(1.251/1.25) - 1), false},
		{"rich without inventory: no trade", 2, 1e4, 0, 1e6, 1e7, "none", 0, false},
		{"at fair value", 1, 1e4, 1e3, 1e6, 1e7, "none", 0, false},
		{"inside the band, lower edge", 0.75, 1e4, 1e3, 1e6, 1e7, "none", 0, false},
		{"inside the band, upper edge", 1.25, 1e4, 1e3, 1e6, 1e7, "none", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := arbMarket(tc.m, tc.taoRes)
			v.hold(arbID, 0, tc.held, 1)
			v.tao[arbID] = tc.tao
			p := DefaultArbitrageur()
			if !tc.depth {
				p.MaxPoolShare = 1
			}
			got := newArb(v, p, tc.capital).Act(v, newRand(1), nil)
			if tc.want == "none" {
				if len(got) != 0 {
					t.Fatalf("orders %v, want none", got)
				}
				return
			}
			if len(got) != 1 || got[0].Sell != (tc.want == "sell") || got[0].Subnet != 0 || got[0].Account != arbID {
				t.Fatalf("orders %v, want one %s of subnet 0", got, tc.want)
			}
			if !scalar.EqualWithinRel(got[0].Amount, tc.amount, 1e-9) {
				t.Errorf("%s %.10g, want %.10g", tc.want, got[0].Amount, tc.amount)
			}
		})
	}
}

// TestArbitrageurNoHistory: a subnet without a price LookbackDays ago (0) is neither
// valued nor traded, and with no subnet valued there is no trade at all.
func TestArbitrageurNoHistory(t *testing.T) {
	t.Parallel()
	v := arbMarket(0.5, 1e4) // cheap, but
	v.ago[0] = 0             // no history
	v.tao[arbID] = 1e6
	if got := newArb(v, DefaultArbitrageur(), 1e6).Act(v, newRand(1), nil); len(got) != 0 {
		t.Errorf("orders %v for a subnet without history, want none", got)
	}
	v.ago[1], v.ago[2] = 0, 0
	if got := newArb(v, DefaultArbitrageur(), 1e6).Act(v, newRand(1), nil); len(got) != 0 {
		t.Errorf("orders %v without any history, want none", got)
	}
}

// TestArbitrageurTradesFurthest: with Sample ≥ N it compares every subnet and trades the
// one furthest from its fair value in log terms: of two cheap subnets (0.5 F and 0.3 F)
// the cheaper; with a rich holding at 5 F (|ln 5| = 1.61 > |ln 0.3| = 1.20) that one.
func TestArbitrageurTradesFurthest(t *testing.T) {
	t.Parallel()
	v := newFakeView(5, lookback)
	for i := range 5 {
		v.ago[i] = 0.1 // F = 0.1: the market return is 1 (subnets 2-4)
		v.setPool(i, 0.1, 1e6)
	}
	v.setPool(0, 0.05, 1e6)
	v.setPool(1, 0.03, 1e6)
	v.tao[arbID] = 1e9
	a := newArb(v, DefaultArbitrageur(), 1e9)
	rng := newRand(1)
	for range 100 {
		if got := a.Act(v, rng, nil); len(got) != 1 || got[0].Sell || got[0].Subnet != 1 {
			t.Fatalf("orders %v, want one buy of subnet 1", got)
		}
	}
	v.setPool(4, 0.5, 1e6)
	v.hold(arbID, 4, 1e3, 1)
	for range 100 {
		if got := a.Act(v, rng, nil); len(got) != 1 || !got[0].Sell || got[0].Subnet != 4 {
			t.Fatalf("orders %v, want one sell of subnet 4", got)
		}
	}
}

// TestArbitrageurSample: it draws min(Sample, n) distinct subnets, each equally likely:
// with Sample 3 of 10, each subnet in 30% of 10000 draws (binomial sd 46); we allow
// 5 sd.
func TestArbitrageurSample(t *testing.T) {
	t.Parallel()
	a := &Arbitrageur{P: ArbitrageurParams{BookParams: BookParams{Sample: 3}}}
	rng := newRand(1)
	hits := make([]int, 10)
	for range 10000 {
		seen := map[int]bool{}
		for _, i := range a.sample(10, rng) {
			if seen[i] {
				t.Fatalf("subnet %d drawn twice", i)
			}
			seen[i] = true
			hits[i]++
		}
		if len(seen) != 3 {
			t.Fatalf("%d subnets drawn, want 3", len(seen))
		}
	}
	for i, h := range hits {
		if math.Abs(float64(h)-3000) > 5*46 {
			t.Errorf("subnet %d drawn %d times of 10000, want about 3000", i, h)
		}
	}
	if got := a.sample(2, rng); len(got) != 2 || got[0] == got[1] {
		t.Errorf("sample of 2 subnets: %v, want both", got)
	}
}

// drawMarket fills n subnets with random prices now and LookbackDays ago (sometimes none),
// pools and the arbitrageur's holdings. In a tight market every return is within a factor
// 1.5 of 1, so most subnets sit inside or near the band.
func drawMarket(t *rapid.T, n int) *fakeView {
	v := newFakeView(n, lookback)
	tight := rapid.Bool().Draw(t, "tight")
	for i := range n {
		v.ago[i] = rapid.SampledFrom([]float64{0, 1e-3, 0.1, 1, 10}).Draw(t, "old") * rapid.Float64Range(0.5, 2).Draw(t, "oldScale")
		price := rapid.Float64Range(1e-3, 10).Draw(t, "price")
		if tight && v.ago[i] > 0 {
			price = v.ago[i] * rapid.Float64Range(1/1.5, 1.5).Draw(t, "return")
		}
		v.setPool(i, price, rapid.Float64Range(1, 1e7).Draw(t, "taoRes"))
		v.hold(arbID, i, rapid.SampledFrom([]float64{0, 1, 1e3, 1e5}).Draw(t, "held"), 1)
	}
	return v
}

// TestArbitrageurFairValueProperty: the fair value is relative. Of the subnets it values
// at most half are priced below F and at most half above (so F cannot sit below all
// prices); multiplying every price now by c multiplies every F by c, and multiplying
// every old price by c changes none.
func TestArbitrageurFairValueProperty(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "n")
		v := drawMarket(t, n)
		a := newArb(v, DefaultArbitrageur(), 1)
		m := a.marketReturn(v)
		fs := make([]float64, n)
		below, above, valued := 0, 0, 0
		for i := range n {
			f, ok := a.fairValue(v, i, m)
			wf, wok := wantFair(v, i)
			if ok != wok || (ok && !scalar.EqualWithinRel(f, wf, 1e-12)) {
				t.Fatalf("F_%d = %g, %v; want %g, %v", i, f, ok, wf, wok)
			}
			fs[i] = f
			if !ok {
				continue
			}
			valued++
			// p < F ⟺ p/p⁻ < m; the tolerance is for the rounding of p⁻·m.
			switch p := v.Price(i); {
			case p < f*(1-1e-12):
				below++
			case p > f*(1+1e-12):
				above++
			}
		}
		if 2*below > valued || 2*above > valued {
			t.Fatalf("of %d valued subnets %d priced below F and %d above", valued, below, above)
		}
		c := rapid.Float64Range(1e-3, 1e3).Draw(t, "c")
		for i := range n {
			v.alphaRes[i] /= c // price × c
		}
		m = a.marketReturn(v)
		for i := range n {
			if f, _ := a.fairValue(v, i, m); !scalar.EqualWithinRel(f, c*fs[i], 1e-9) {
				t.Fatalf("prices × %g: F_%d = %g, want %g", c, i, f, c*fs[i])
			}
			v.ago[i] *= c
		}
		m = a.marketReturn(v)
		for i := range n {
			if f, _ := a.fairValue(v, i, m); !scalar.EqualWithinRel(f, c*fs[i], 1e-9) {
				t.Fatalf("old prices × %g too: F_%d = %g, want %g", c, i, f, c*fs[i])
			}
		}
	})
}

// TestArbitrageurProperty: across random markets it places at most one order; it buys
// below F(1 − Band) at most its free TAO and inventory room (MaxInventory of its capital
// and MaxPoolShare of the pool) and never past the band edge, between F(1 − Band) and F
// at most its free TAO above the reserve and its base room and never past F, and never
// above F; it sells only above F(1 + Band), only alpha it holds, and never past the
// band edge.
func TestArbitrageurProperty(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "n")
		v := drawMarket(t, n)
		p := ArbitrageurParams{RatePerDay: 48, LookbackDays: lookback, BookParams: BookParams{
			Band: rapid.Float64Range(0, 0.9).Draw(t, "band"), MaxInventory: rapid.Float64Range(0, 1).Draw(t, "maxInventory"),
			Sample: rapid.IntRange(1, 16).Draw(t, "sample"),
		}}
		p.BaseInventory = rapid.Float64Range(0, p.MaxInventory).Draw(t, "baseInventory")
		p.Reserve = rapid.Float64Range(0, 1).Draw(t, "reserve")
		p.MaxPoolShare = rapid.Float64Range(0, 2).Draw(t, "maxPoolShare")
		capital := rapid.Float64Range(1, 1e6).Draw(t, "capital")
		v.tao[arbID] = rapid.Float64Range(0, 1e6).Draw(t, "tao")
		got := newArb(v, p, capital).Act(v, newRand(rapid.Uint64().Draw(t, "seed")), nil)
		if len(got) > 1 {
			t.Fatalf("%d orders: %v", len(got), got)
		}
		for _, o := range got {
			i := o.Subnet
			f, ok := wantFair(v, i)
			tRes, aRes, price := v.taoRes[i], v.alphaRes[i], v.Price(i)
			k := tRes * aRes
			held := v.Alpha(arbID, i)
			if !ok || !(o.Amount > 0) || o.Account != arbID {
				t.Fatalf("bad order %+v (F %g, %v)", o, f, ok)
			}
			// Relative slack 1e-9 for the rounding of the square roots.
			lo, hi := f*(1-p.Band), f*(1+p.Band)
			if o.Sell {
				if !(price > hi) || o.Amount > held {
					t.Fatalf("sells %g (holds %g) at price %g, F(1 + Band) = %g", o.Amount, held, price, hi)
				}
				if after := k / ((aRes + o.Amount) * (aRes + o.Amount)); after < hi*(1-1e-9) {
					t.Fatalf("sell drops the price to %g below F(1 + Band) = %g", after, hi)
				}
				continue
			}
			// A cheap buy: below F(1 − Band), up to it, within MaxInventory and the free TAO.
			depth := p.MaxPoolShare * tRes
			room, top, free := min(p.MaxInventory*capital, depth)-held*price, lo, v.tao[arbID]
			if price >= lo { // a base buy: below F, up to it, within BaseInventory and above the reserve
				room, top, free = min(p.BaseInventory*capital, depth)-held*price, f, v.tao[arbID]-p.Reserve*capital
			}
			if !(price < top) || o.Amount > free*(1+1e-12) || o.Amount > room*(1+1e-12) {
				t.Fatalf("buys %g at price %g, F = %g, band edge %g, free TAO %g, room %g", o.Amount, price, f, lo, free, room)
			}
			if after := (tRes + o.Amount) * (tRes + o.Amount) / k; after > top*(1+1e-9) {
				t.Fatalf("buy lifts the price to %g above %g (F = %g)", after, top, f)
			}
		}
	})
}

// TestMedianMatchesSort holds median, which selects the middle order statistics, to the
// median of a full sort, bit for bit, on random slices with repeated values, infinities
// and NaN (the sort's order: NaN first), of every length up to 80.
func TestMedianMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 3))
	pool := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, 1, 1, 2.5, -3}
	for trial := range 20000 {
		n := trial % 81
		xs := make([]float64, n)
		for i := range xs {
			switch rng.IntN(4) {
			case 0:
				xs[i] = pool[rng.IntN(len(pool))]
			case 1:
				xs[i] = float64(rng.IntN(5)) // many ties
			default:
				xs[i] = rng.NormFloat64()
			}
		}
		ref := slices.Clone(xs)
		slices.Sort(ref)
		want := 0.0
		if n > 0 {
			want = ref[n/2]
			if n%2 == 0 {
				want = (ref[n/2-1] + ref[n/2]) / 2
			}
		}
		got := median(slices.Clone(xs))
		if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("trial %d, %v: median %v, sort gives %v", trial, xs, got, want)
		}
	}
}
