package agents

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"pgregory.net/rapid"
)

const arbID AccountID = 5

// wantFair recomputes the documented fair value
// F = (TAO emission per day + buyback per day)·H / (alpha issuance + alpha per day·H).
func wantFair(v *fakeView, i int, h float64) float64 {
	return (v.taoEmit[i] + v.buyback[i]) * h / (v.issuance[i] + v.alphaPerDay[i]*h)
}

func newArb(v *fakeView, p ArbitrageurParams, capital float64) *Arbitrageur {
	return &Arbitrageur{ID: arbID, P: p, Capital: capital, Reserves: func(i int) (float64, float64) {
		return v.taoRes[i], v.alphaRes[i]
	}}
}

func TestArbitrageur(t *testing.T) {
	t.Parallel()
	// One subnet (the 8 samples all hit it). Emission 1e4 TAO a day, issuance 1e5 alpha,
	// 1e4 alpha a day, H = 30: F = 3e5/4e5 = 0.75 without buybacks, 1.5 with 1e4 a day.
	tests := []struct {
		name     string
		m        float64 // price / F
		taoRes   float64 // pool depth
		held     float64
		tao      float64
		capital  float64
		buyback  float64
		emission float64
		want     string // "buy", "sell" or "none"
		binds    string // which bound sets the amount: "edge", "room", "tao", "held"
	}{
		{"buy to the band edge", 0.5, 1e4, 0, 1e6, 1e7, 0, 1e4, "buy", "edge"},
		{"buy up to the inventory room", 0.5, 1e6, 50, 1e6, 1000, 0, 1e4, "buy", "room"},
		{"buy with all free TAO", 0.5, 1e6, 0, 30, 1e7, 0, 1e4, "buy", "tao"},
		{"no inventory room left", 0.5, 1e6, 1e4, 1e6, 1000, 0, 1e4, "none", ""},
		{"no free TAO", 0.5, 1e6, 0, 0, 1e7, 0, 1e4, "none", ""},
		{"just below the band", 0.749, 1e6, 0, 1e6, 1e7, 0, 1e4, "buy", "edge"},
		{"buyback raises the fair value", 0.5, 1e4, 0, 1e6, 1e7, 1e4, 1e4, "buy", "edge"},
		{"sell down to the band edge", 2, 1e4, 1e6, 0, 1e7, 0, 1e4, "sell", "edge"},
		{"sell all it holds", 2, 1e4, 10, 0, 1e7, 0, 1e4, "sell", "held"},
		{"just above the band", 1.251, 1e6, 1e6, 0, 1e7, 0, 1e4, "sell", "edge"},
		{"no shorting", 2, 1e4, 0, 1e6, 1e7, 0, 1e4, "none", ""},
		{"at fair value", 1, 1e4, 1e3, 1e6, 1e7, 0, 1e4, "none", ""},
		{"inside the band, low", 0.76, 1e4, 1e3, 1e6, 1e7, 0, 1e4, "none", ""},
		{"inside the band, lower edge", 0.8, 1e4, 1e3, 1e6, 1e7, 0, 1e4, "none", ""},
		{"inside the band, high", 1.2, 1e4, 1e3, 1e6, 1e7, 0, 1e4, "none", ""},
		{"inside the band, upper edge", 1.249, 1e4, 1e3, 1e6, 1e7, 0, 1e4, "none", ""},
		{"no fair value", 0.5, 1e4, 0, 1e6, 1e7, 0, 0, "none", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := DefaultArbitrageur()
			v := newFakeView(1, 3)
			v.taoEmit[0], v.buyback[0], v.issuance[0], v.alphaPerDay[0] = tc.emission, tc.buyback, 1e5, 1e4
			f := wantFair(v, 0, p.HorizonDays)
			// Price relative to F; with no fair value, price 0.5·0.75.
			v.setPool(0, tc.m*max(f, 0.75), tc.taoRes)
			v.hold(arbID, 0, tc.held, 1)
			v.tao[arbID] = tc.tao
			tRes, aRes, price := v.taoRes[0], v.alphaRes[0], v.Price(0)
			k := tRes * aRes

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
			amt := got[0].Amount
			var bounds map[string]float64
			if tc.want == "buy" {
				lo := f * (1 - p.Band)
				bounds = map[string]float64{
					"edge": math.Sqrt(k*lo) - tRes, // (T + x)²/k = F(1 − Band)
					"room": p.MaxInventory*tc.capital - tc.held*price,
					"tao":  tc.tao,
				}
				// It never lifts the price past the band edge (rounding aside).
				if after := (tRes + amt) * (tRes + amt) / k; after > lo*(1+1e-9) {
					t.Errorf("buy lifts the price to %g, past F(1 − Band) = %g", after, lo)
				}
			} else {
				hi := f * (1 + p.Band)
				bounds = map[string]float64{
					"edge": math.Sqrt(k/hi) - aRes, // k/(A + a)² = F(1 + Band)
					"held": tc.held,
				}
				if after := k / ((aRes + amt) * (aRes + amt)); after < hi*(1-1e-9) {
					t.Errorf("sell drops the price to %g, past F(1 + Band) = %g", after, hi)
				}
			}
			want := math.Inf(1)
			for _, b := range bounds {
				want = min(want, b)
			}
			if want != bounds[tc.binds] {
				t.Fatalf("test setup: %q does not bind: bounds %v", tc.binds, bounds)
			}
			// Same formula from the same reserves: equal up to a few roundings.
			if !scalar.EqualWithinRel(amt, want, 1e-9) {
				t.Errorf("%s %g, want %g (bounds %v)", tc.want, amt, want, bounds)
			}
		})
	}
}

// TestArbitrageurTradesFurthest: of two subnets below the band it trades the one further
// from its fair value. Each action samples 8 subnets with replacement, so it misses that
// subnet with probability 2^−8: in 1000 actions, 3.9 misses expected (Poisson sd 2); we
// allow 12.
func TestArbitrageurTradesFurthest(t *testing.T) {
	t.Parallel()
	p := DefaultArbitrageur()
	v := newFakeView(2, 3)
	for i := range 2 {
		v.taoEmit[i], v.issuance[i], v.alphaPerDay[i] = 1e4, 1e5, 1e4 // F = 0.75
	}
	v.setPool(0, 0.5*0.75, 1e6)
	v.setPool(1, 0.3*0.75, 1e6)
	v.tao[arbID] = 1e9
	a := newArb(v, p, 1e9)
	rng := newRand(1)
	misses := 0
	for range 1000 {
		got := a.Act(v, rng, nil)
		if len(got) != 1 || got[0].Sell {
			t.Fatalf("orders %v, want one buy", got)
		}
		if got[0].Subnet != 1 {
			misses++
		}
	}
	if misses > 12 {
		t.Errorf("traded the nearer subnet %d times of 1000, want about 4", misses)
	}
}

// TestArbitrageurProperty: across random markets it buys only below F(1 − Band), at most
// its free TAO and inventory room and never past the band edge; sells only above
// F(1 + Band), only alpha it holds and never past the band edge.
func TestArbitrageurProperty(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 4).Draw(t, "n")
		v := newFakeView(n, 3)
		p := ArbitrageurParams{
			RatePerDay: 48, HorizonDays: rapid.Float64Range(1, 60).Draw(t, "horizon"),
			Band: rapid.Float64Range(0.01, 0.9).Draw(t, "band"), MaxInventory: rapid.Float64Range(0, 1).Draw(t, "maxInventory"),
		}
		capital := rapid.Float64Range(1, 1e6).Draw(t, "capital")
		v.tao[arbID] = rapid.Float64Range(0, 1e6).Draw(t, "tao")
		for i := range n {
			v.taoEmit[i] = rapid.Float64Range(0, 1e4).Draw(t, "emission")
			v.buyback[i] = rapid.Float64Range(0, 1e3).Draw(t, "buyback")
			v.issuance[i] = rapid.Float64Range(1, 1e7).Draw(t, "issuance")
			v.alphaPerDay[i] = rapid.Float64Range(0, 1e5).Draw(t, "alphaPerDay")
			v.setPool(i, rapid.Float64Range(1e-3, 10).Draw(t, "price"), rapid.Float64Range(1, 1e7).Draw(t, "taoRes"))
			v.hold(arbID, i, rapid.Float64Range(0, 1e5).Draw(t, "held"), 1)
		}
		got := newArb(v, p, capital).Act(v, newRand(rapid.Uint64().Draw(t, "seed")), nil)
		if len(got) > 1 {
			t.Fatalf("%d orders: %v", len(got), got)
		}
		for _, o := range got {
			i := o.Subnet
			f := wantFair(v, i, p.HorizonDays)
			tRes, aRes, price := v.taoRes[i], v.alphaRes[i], v.Price(i)
			k := tRes * aRes
			held := v.Alpha(arbID, i)
			if !(o.Amount > 0) || o.Account != arbID {
				t.Fatalf("bad order %+v", o)
			}
			// Relative slack 1e-9 for the rounding of the square roots.
			if o.Sell {
				if !(price > f*(1+p.Band)) || o.Amount > held {
					t.Fatalf("sells %g (holds %g) at price %g, F(1 + Band) = %g", o.Amount, held, price, f*(1+p.Band))
				}
				if after := k / ((aRes + o.Amount) * (aRes + o.Amount)); after < f*(1+p.Band)*(1-1e-9) {
					t.Fatalf("sell drops the price to %g below F(1 + Band) = %g", after, f*(1+p.Band))
				}
			} else {
				if !(price < f*(1-p.Band)) || o.Amount > v.tao[arbID] || o.Amount > p.MaxInventory*capital-held*price+1e-9 {
					t.Fatalf("buys %g at price %g, F(1 − Band) = %g, free TAO %g, room %g", o.Amount, price, f*(1-p.Band), v.tao[arbID], p.MaxInventory*capital-held*price)
				}
				if after := (tRes + o.Amount) * (tRes + o.Amount) / k; after > f*(1-p.Band)*(1+1e-9) {
					t.Fatalf("buy lifts the price to %g above F(1 − Band) = %g", after, f*(1-p.Band))
				}
			}
		}
	})
}
