package agents

import (
	"math"
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

// wantFair recomputes the documented fair value F_i = e_i/(r·I_i), with e the TAO
// emission plus buyback per day, I the issuance and r the median of e_j/(p_j·I_j) over
// the subnets with e_j > 0 and p_j·I_j > 0 (sorted by insertion, not by slices.Sort).
func wantFair(v *fakeView, i int) (f float64, ok bool) {
	var ys []float64
	for j := range v.N() {
		e, mv := v.taoEmit[j]+v.buyback[j], v.Price(j)*v.issuance[j]
		if e > 0 && mv > 0 {
			k := len(ys)
			ys = append(ys, e/mv)
			for ; k > 0 && ys[k-1] > ys[k]; k-- {
				ys[k-1], ys[k] = ys[k], ys[k-1]
			}
		}
	}
	if len(ys) == 0 || !(v.Price(i)*v.issuance[i] > 0) {
		return 0, false
	}
	r := ys[len(ys)/2]
	if len(ys)%2 == 0 {
		r = (ys[len(ys)/2-1] + ys[len(ys)/2]) / 2
	}
	return (v.taoEmit[i] + v.buyback[i]) / (r * v.issuance[i]), true
}

// TestArbitrageurFairValue checks the fair values of a hand-built cross-section. Issuance
// 1e5 alpha everywhere; earnings (TAO a day) and prices give the emission yields
// e/(p·I): subnet 0: 100/(0.05·1e5) = 0.02 (80 emission + 20 buyback); subnet 1:
// 100/(0.1·1e5) = 0.01; subnet 2: 50/(0.1·1e5) = 0.005; subnet 3 earns nothing and
// subnet 4 has no issuance, so neither enters the median: r = 0.01. Then
// F = e/(r·I): 0.1 (twice its price: cheap), 0.1 (its price), 0.05 (half its price:
// rich), 0 (nothing to value) and none. A sixth subnet of yield 0.04 makes the count
// even: r = (0.01 + 0.02)/2 = 0.015 and every F falls by a third.
func TestArbitrageurFairValue(t *testing.T) {
	t.Parallel()
	v := newFakeView(6, 3)
	emit := []float64{80, 100, 50, 0, 100, 100}
	buyback := []float64{20, 0, 0, 0, 0, 0}
	price := []float64{0.05, 0.1, 0.1, 0.1, 0.1, 0.025}
	for i := range 6 {
		v.taoEmit[i], v.buyback[i], v.issuance[i] = emit[i], buyback[i], 1e5
		v.setPool(i, price[i], 1e4)
	}
	v.issuance[4] = 0
	type want struct {
		f  float64
		ok bool
	}
	check := func(n int, r float64, wants []want) {
		t.Helper()
		v.taoRes, v.alphaRes, v.issuance = v.taoRes[:n], v.alphaRes[:n], v.issuance[:n]
		a := newArb(v, DefaultArbitrageur(), 1e4)
		if got := a.referenceYield(v); !scalar.EqualWithinRel(got, r, 1e-12) {
			t.Errorf("%d subnets: reference yield %g, want %g", n, got, r)
		}
		for i, w := range wants {
			f, ok := fairValue(v, i, r)
			if ok != w.ok || !scalar.EqualWithinRel(f, w.f, 1e-12) {
				t.Errorf("%d subnets: F_%d = %g, %v; want %g, %v", n, i, f, ok, w.f, w.ok)
			}
		}
	}
	check(5, 0.01, []want{{0.1, true}, {0.1, true}, {0.05, true}, {0, true}, {0, false}})
	v.taoRes, v.alphaRes, v.issuance = v.taoRes[:6], v.alphaRes[:6], v.issuance[:6]
	check(6, 0.015, []want{{0.1 / 1.5, true}, {0.1 / 1.5, true}, {0.05 / 1.5, true}, {0, true}, {0, false}, {0.1 / 1.5, true}})
}

// arbMarket is three subnets of issuance 1e5: subnets 1 and 2 yield r = 0.01 (100 TAO a
// day at price 0.1, pools of 1e6 TAO), so r is the median whatever subnet 0 yields, and
// they sit at their fair value. Subnet 0 earns emission + buyback and is priced at
// m·0.1 with taoRes TAO in its pool; with earnings 100 its F is 100/(0.01·1e5) = 0.1.
func arbMarket(m, taoRes, emission, buyback float64) *fakeView {
	v := newFakeView(3, 3)
	for i := range 3 {
		v.taoEmit[i], v.issuance[i] = 100, 1e5
		v.setPool(i, 0.1, 1e6)
	}
	v.taoEmit[0], v.buyback[0] = emission, buyback
	v.setPool(0, m*0.1, taoRes)
	return v
}

// TestArbitrageur checks the order sizing on hand-computed cases with the default
// parameters (F = 0.1, Band 0.25, MaxInventory 0.2, BaseInventory 0.05, Reserve 0.5, so
// cheap buys stop at 0.075, base buys at 0.1 and sells at 0.125):
//   - buy to the band edge: price 0.05, T = 1e4: x = T(√(0.075/0.05) − 1) = 2247.4487;
//   - inventory room: capital 1000, 50 alpha held at 0.05: 0.2·1000 − 2.5 = 197.5;
//   - capital: 30 TAO free;
//   - base buy to F: price 0.09, T = 1e4: x = T(√(0.1/0.09) − 1) = 540.9255;
//   - base inventory: capital 1e4, 1000 alpha held at 0.09: 0.05·1e4 − 90 = 410;
//   - reserve: capital 1e4, 5100 TAO free: 5100 − 0.5·1e4 = 100;
//   - sell to the band edge: price 0.2, A = 1e4/0.2 = 5e4: b = A(√(0.2/0.125) − 1) =
//     13245.553 alpha;
//   - a subnet without earnings (F = 0) is sold whole.
func TestArbitrageur(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		m        float64 // price / 0.1
		taoRes   float64 // subnet 0's pool depth
		held     float64
		tao      float64
		capital  float64
		emission float64
		buyback  float64
		want     string  // "buy", "sell" or "none"
		amount   float64 // hand-computed
	}{
		{"cheap: buy to the band edge", 0.5, 1e4, 0, 1e6, 1e7, 100, 0, "buy", 2247.4487139158905},
		{"cheap by its buyback", 0.5, 1e4, 0, 1e6, 1e7, 50, 50, "buy", 2247.4487139158905},
		{"cheap: buy up to the inventory room", 0.5, 1e6, 50, 1e6, 1000, 100, 0, "buy", 197.5},
		{"cheap: buy with all free TAO", 0.5, 1e6, 0, 30, 1e7, 100, 0, "buy", 30},
		{"cheap: no inventory room left", 0.5, 1e6, 1e4, 1e6, 1000, 100, 0, "none", 0},
		{"cheap: no free TAO", 0.5, 1e6, 0, 0, 1e7, 100, 0, "none", 0},
		{"just below the band", 0.749, 1e6, 0, 1e6, 1e7, 100, 0, "buy", 1e6 * (math.Sqrt(0.75/0.749) - 1)},
		{"fair-low: base buy up to F", 0.9, 1e4, 0, 1e7, 1e7, 100, 0, "buy", 540.9255338945984},
		{"fair-low: base buy up to the base inventory", 0.9, 1e6, 1000, 1e4, 1e4, 100, 0, "buy", 410},
		{"fair-low: base buy leaves the reserve", 0.9, 1e6, 0, 5100, 1e4, 100, 0, "buy", 100},
		{"fair-low: base position full", 0.9, 1e6, 1e4, 1e4, 1e4, 100, 0, "none", 0},
		{"fair-low: down to the reserve", 0.9, 1e6, 0, 5000, 1e4, 100, 0, "none", 0},
		{"inside the band above F: no trade", 1.1, 1e4, 0, 1e7, 1e7, 100, 0, "none", 0},
		{"inside the band above F with inventory: no trade", 1.2, 1e4, 1e3, 1e7, 1e7, 100, 0, "none", 0},
		{"rich with inventory: sell to the band edge", 2, 1e4, 1e6, 0, 1e7, 100, 0, "sell", 13245.553203367586},
		{"rich: sell all it holds", 2, 1e4, 10, 0, 1e7, 100, 0, "sell", 10},
		{"just above the band", 1.251, 1e6, 1e9, 0, 1e7, 100, 0, "sell", 1e6 / 0.1251 * (math.Sqrt(1.251/1.25) - 1)},
		{"rich without inventory: no trade", 2, 1e4, 0, 1e6, 1e7, 100, 0, "none", 0},
		{"no earnings with inventory: sell it all", 1, 1e4, 100, 0, 1e7, 0, 0, "sell", 100},
		{"no earnings without inventory: no trade", 1, 1e4, 0, 1e6, 1e7, 0, 0, "none", 0},
		{"at fair value", 1, 1e4, 1e3, 1e6, 1e7, 100, 0, "none", 0},
		{"inside the band, lower edge", 0.75, 1e4, 1e3, 1e6, 1e7, 100, 0, "none", 0},
		{"inside the band, upper edge", 1.25, 1e4, 1e3, 1e6, 1e7, 100, 0, "none", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := arbMarket(tc.m, tc.taoRes, tc.emission, tc.buyback)
			v.hold(arbID, 0, tc.held, 1)
			v.tao[arbID] = tc.tao
			got := newArb(v, DefaultArbitrageur(), tc.capital).Act(v, newRand(1), nil)
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

// TestArbitrageurTradesFurthest: with Sample ≥ N it compares every subnet and trades the
// one furthest from its fair value in log terms: of two cheap subnets (0.5 F and 0.3 F)
// the cheaper; with a rich holding at 5 F (|ln 5| = 1.61 > |ln 0.3| = 1.20) that one.
func TestArbitrageurTradesFurthest(t *testing.T) {
	t.Parallel()
	v := newFakeView(5, 3)
	for i := range 5 {
		v.taoEmit[i], v.issuance[i] = 100, 1e5 // F = 0.1 with r = 0.01 (subnets 2-4)
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
	a := &Arbitrageur{P: ArbitrageurParams{Sample: 3}}
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

// drawMarket fills n subnets with random earnings, issuance, prices, pools and the
// arbitrageur's holdings. In a tight market every price is within a factor 1.5 of the
// price that yields 0.001 a day, so most subnets sit inside or near the band.
func drawMarket(t *rapid.T, n int) *fakeView {
	v := newFakeView(n, 3)
	tight := rapid.Bool().Draw(t, "tight")
	for i := range n {
		v.taoEmit[i] = rapid.SampledFrom([]float64{0, 1, 100, 1e4}).Draw(t, "emission") * rapid.Float64Range(0.5, 2).Draw(t, "emissionScale")
		v.buyback[i] = rapid.SampledFrom([]float64{0, 0, 10, 1e3}).Draw(t, "buyback")
		v.issuance[i] = rapid.Float64Range(1, 1e7).Draw(t, "issuance")
		price := rapid.Float64Range(1e-3, 10).Draw(t, "price")
		if e := v.taoEmit[i] + v.buyback[i]; tight && e > 0 {
			price = e / (1e-3 * v.issuance[i]) * rapid.Float64Range(1/1.5, 1.5).Draw(t, "mispricing")
		}
		v.setPool(i, price, rapid.Float64Range(1, 1e7).Draw(t, "taoRes"))
		v.hold(arbID, i, rapid.SampledFrom([]float64{0, 1, 1e3, 1e5}).Draw(t, "held"), 1)
	}
	return v
}

// TestArbitrageurFairValueProperty: the fair value is relative. Of the subnets with
// earnings at most half are priced below F and at most half above (so F cannot sit
// below all prices), and multiplying every price by c multiplies every F by c.
func TestArbitrageurFairValueProperty(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "n")
		v := drawMarket(t, n)
		a := newArb(v, DefaultArbitrageur(), 1)
		r := a.referenceYield(v)
		if r == 0 { // no subnet earns: nothing is valued, and Act returns at once
			for i := range n {
				if _, ok := wantFair(v, i); ok {
					t.Fatalf("reference yield 0, but subnet %d has a fair value", i)
				}
			}
			return
		}
		below, above, earning := 0, 0, 0
		for i := range n {
			f, ok := fairValue(v, i, r)
			wf, wok := wantFair(v, i)
			if ok != wok || (ok && !scalar.EqualWithinRel(f, wf, 1e-12)) {
				t.Fatalf("F_%d = %g, %v; want %g, %v", i, f, ok, wf, wok)
			}
			if !ok || v.taoEmit[i]+v.buyback[i] == 0 {
				continue
			}
			earning++
			p := v.Price(i)
			// p < F ⟺ y > r; the tolerance is for the rounding of e/(r·I).
			switch {
			case p < f*(1-1e-12):
				below++
			case p > f*(1+1e-12):
				above++
			}
		}
		if 2*below > earning || 2*above > earning {
			t.Fatalf("of %d earning subnets %d priced below F and %d above", earning, below, above)
		}
		c := rapid.Float64Range(1e-3, 1e3).Draw(t, "c")
		scaled := make([]float64, n)
		for i := range n {
			scaled[i], _ = fairValue(v, i, r)
			v.alphaRes[i] /= c // price × c
		}
		r = a.referenceYield(v)
		for i := range n {
			if f, _ := fairValue(v, i, r); !scalar.EqualWithinRel(f, c*scaled[i], 1e-9) {
				t.Fatalf("prices × %g: F_%d = %g, want %g", c, i, f, c*scaled[i])
			}
		}
	})
}

// TestArbitrageurProperty: across random markets it places at most one order; it buys
// below F(1 − Band) at most its free TAO and inventory room and never past the band
// edge, between F(1 − Band) and F at most its free TAO above the reserve and its base
// room and never past F, and never above F; it sells only above F(1 + Band), only alpha
// it holds, and never past the band edge.
func TestArbitrageurProperty(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "n")
		v := drawMarket(t, n)
		p := ArbitrageurParams{
			RatePerDay: 48, Band: rapid.Float64Range(0, 0.9).Draw(t, "band"),
			MaxInventory: rapid.Float64Range(0, 1).Draw(t, "maxInventory"), Sample: rapid.IntRange(1, 16).Draw(t, "sample"),
		}
		p.BaseInventory = rapid.Float64Range(0, p.MaxInventory).Draw(t, "baseInventory")
		p.Reserve = rapid.Float64Range(0, 1).Draw(t, "reserve")
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
			room, top, free := p.MaxInventory*capital-held*price, lo, v.tao[arbID]
			if price >= lo { // a base buy: below F, up to it, within BaseInventory and above the reserve
				room, top, free = p.BaseInventory*capital-held*price, f, v.tao[arbID]-p.Reserve*capital
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
