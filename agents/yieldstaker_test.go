package agents

import (
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"pgregory.net/rapid"
)

const stakerID AccountID = 3

func TestYieldStakerBuysBestYield(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(v *fakeView)
		want  int
	}{
		{"highest payout per holder alpha", func(v *fakeView) {
			v.payout[0], v.holderAlpha[0], v.yield[0] = 10, 1e4, 1e-3
			v.payout[1], v.holderAlpha[1], v.yield[1] = 30, 1e4, 3e-3
			v.payout[2], v.holderAlpha[2], v.yield[2] = 20, 1e4, 2e-3
		}, 1},
		{"own dilution counts", func(v *fakeView) {
			// Holder yield 0.01 on a 100-alpha base: 1000 TAO dilute it to 1/1100.
			v.payout[0], v.holderAlpha[0], v.yield[0] = 1, 100, 0.01
			v.payout[2], v.holderAlpha[2], v.yield[2] = 20, 1e4, 2e-3
		}, 2},
		{"thin pool counts", func(v *fakeView) {
			v.payout[0], v.holderAlpha[0], v.yield[0] = 40, 1e4, 4e-3
			v.setPool(0, 1, 100) // 1000 TAO buy 91 alpha, not 1000
			v.payout[1], v.holderAlpha[1], v.yield[1] = 20, 1e4, 2e-3
		}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := newFakeView(3, 3)
			v.tao[stakerID] = 1000
			tc.setup(v)
			best := 0
			for i := range v.N() {
				if wantMarginalYield(v, i, 1000) > wantMarginalYield(v, best, 1000) {
					best = i
				}
			}
			if best != tc.want {
				t.Fatalf("test setup: documented rule picks %d, want %d", best, tc.want)
			}
			y := &YieldStaker{ID: stakerID, P: DefaultYieldStaker()}
			got := y.Act(v, newRand(1), nil)
			want := Order{Account: stakerID, Subnet: tc.want, Amount: 1000}
			if len(got) != 1 || got[0] != want {
				t.Fatalf("orders %v, want [%v] (all its TAO)", got, want)
			}
		})
	}
}

func TestYieldStakerNoYieldNoTrade(t *testing.T) {
	t.Parallel()
	v := newFakeView(3, 3)
	v.tao[stakerID] = 1000
	y := &YieldStaker{ID: stakerID, P: DefaultYieldStaker()}
	if got := y.Act(v, newRand(1), nil); len(got) != 0 {
		t.Fatalf("orders %v with no yield anywhere, want none", got)
	}
}

// moveView: the staker holds 1000 alpha of subnet 0 (yield 0.001) at price 1 and no free
// TAO; subnet 1 pays 20 alpha a day to 10 000 held alpha at price 1 in a pool of tao1
// TAO.
func moveView(tao1 float64) *fakeView {
	v := newFakeView(2, 3)
	v.yield[0], v.payout[0], v.holderAlpha[0] = 1e-3, 11, 1.1e4
	v.hold(stakerID, 0, 1000, 1000)
	v.payout[1], v.holderAlpha[1], v.yield[1] = 20, 1e4, 2e-3
	v.setPool(1, 1, tao1)
	return v
}

// wantMove recomputes the documented move rule's two sides: the yield gain over the
// horizon, (y_best − y_cur)·H, and the round-trip cost 1 − value after/value before.
func wantMove(v *fakeView, h float64) (gain, cost float64) {
	held := v.Alpha(stakerID, 0)
	size := held * v.Price(0)
	out := v.QuoteSell(0, held)
	after := v.alphaRes[1] * out / (v.taoRes[1] + out) * v.Price(1)
	return (wantMarginalYield(v, 1, size) - v.yield[0]) * h, 1 - after/size
}

func TestYieldStakerMove(t *testing.T) {
	t.Parallel()
	h := DefaultYieldStaker().HorizonDays
	deepGain, deepCost := wantMove(moveView(deep), h)
	thinGain, thinCost := wantMove(moveView(2e4), h)
	// The margin at which the deep-pool move just pays: gain = cost + margin·H.
	crit := (deepGain - deepCost) / h
	tests := []struct {
		name   string
		tao1   float64
		margin float64
		move   bool
	}{
		{"deep pool, default margin", deep, DefaultYieldStaker().SwitchMargin, true},
		{"deep pool, margin just below the break-even", deep, crit * (1 - 1e-6), true},
		{"deep pool, margin just above the break-even", deep, crit * (1 + 1e-6), false},
		{"thin pool: slippage too high", 2e4, DefaultYieldStaker().SwitchMargin, false},
		{"thin pool, no margin: still too costly", 2e4, 0, false},
	}
	// The thin case must fail on cost alone: its yield gain is positive.
	if !(thinGain > 0 && thinCost > thinGain) {
		t.Fatalf("test setup: thin pool gain %g, cost %g", thinGain, thinCost)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := moveView(tc.tao1)
			p := DefaultYieldStaker()
			p.SwitchMargin = tc.margin
			got := (&YieldStaker{ID: stakerID, P: p}).Act(v, newRand(1), nil)
			if !tc.move {
				if len(got) != 0 {
					t.Fatalf("orders %v, want none", got)
				}
				return
			}
			if len(got) != 2 {
				t.Fatalf("orders %v, want a sell and a buy", got)
			}
			if want := (Order{Account: stakerID, Subnet: 0, Sell: true, Amount: 1000}); got[0] != want {
				t.Errorf("first order %v, want %v (sell everything held)", got[0], want)
			}
			// The buy spends the sale proceeds (free TAO is 0), computed by the same
			// constant-product formula: equal up to rounding.
			if got[1].Sell || got[1].Subnet != 1 || !scalar.EqualWithinRel(got[1].Amount, v.QuoteSell(0, 1000), 1e-12) {
				t.Errorf("second order %v, want a buy of subnet 1 with %g TAO", got[1], v.QuoteSell(0, 1000))
			}
		})
	}
}

func TestYieldStakerTopsUpCurrentBest(t *testing.T) {
	t.Parallel()
	v := newFakeView(2, 3)
	v.yield[0], v.payout[0], v.holderAlpha[0] = 5e-3, 50, 1e4
	v.payout[1], v.holderAlpha[1], v.yield[1] = 20, 1e4, 2e-3
	v.hold(stakerID, 0, 1000, 1000)
	v.tao[stakerID] = 200
	got := (&YieldStaker{ID: stakerID, P: DefaultYieldStaker()}).Act(v, newRand(1), nil)
	want := Order{Account: stakerID, Subnet: 0, Amount: 200}
	if len(got) != 1 || got[0] != want {
		t.Fatalf("orders %v, want [%v]", got, want)
	}
	v.tao[stakerID] = 0
	if got := (&YieldStaker{ID: stakerID, P: DefaultYieldStaker()}).Act(v, newRand(1), nil); len(got) != 0 {
		t.Fatalf("orders %v, want none (already in the best subnet)", got)
	}
}

// TestYieldStakerOrdersProperty: across random markets a yield staker sells at most what
// it holds, spends at most its free TAO plus the sale's proceeds, and moves only when the
// documented rule says the move pays.
func TestYieldStakerOrdersProperty(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 5).Draw(t, "n")
		v := newFakeView(n, 3)
		p := YieldStakerParams{
			RatePerDay: 4, HorizonDays: rapid.Float64Range(1, 100).Draw(t, "horizon"),
			SwitchMargin: rapid.Float64Range(0, 0.01).Draw(t, "margin"),
		}
		for i := range n {
			v.setPool(i, rapid.Float64Range(0.01, 10).Draw(t, "price"), rapid.Float64Range(10, 1e8).Draw(t, "taoRes"))
			v.payout[i] = rapid.Float64Range(0, 100).Draw(t, "payout")
			v.holderAlpha[i] = rapid.Float64Range(1, 1e6).Draw(t, "holderAlpha")
			v.yield[i] = v.payout[i] / v.holderAlpha[i]
		}
		v.tao[stakerID] = rapid.Float64Range(0, 1e4).Draw(t, "tao")
		cur := -1
		if rapid.Bool().Draw(t, "holds") {
			cur = rapid.IntRange(0, n-1).Draw(t, "cur")
			v.hold(stakerID, cur, rapid.Float64Range(1, 1e4).Draw(t, "alpha"), 1)
		}
		got := (&YieldStaker{ID: stakerID, P: p}).Act(v, newRand(1), nil)
		buys, sells := split(got)
		proceeds := 0.0
		for _, o := range sells {
			if o.Subnet != cur || o.Amount > v.Alpha(stakerID, cur) {
				t.Fatalf("sells %+v, holds %g of subnet %d", o, v.Alpha(stakerID, cur), cur)
			}
			proceeds += v.QuoteSell(o.Subnet, o.Amount)
		}
		if len(buys) > 1 {
			t.Fatalf("%d buys: %v", len(buys), got)
		}
		for _, o := range buys {
			if o.Amount > (v.tao[stakerID]+proceeds)*(1+1e-12) {
				t.Fatalf("buys %g TAO with %g free and %g from sales", o.Amount, v.tao[stakerID], proceeds)
			}
		}
		if len(sells) > 0 {
			if len(buys) != 1 {
				t.Fatalf("a sell without a buy: %v", got)
			}
			best := buys[0].Subnet
			held := v.Alpha(stakerID, cur)
			before := held * v.Price(cur)
			size := v.tao[stakerID] + before
			out := v.QuoteSell(cur, held)
			cost := 1 - v.alphaRes[best]*out/(v.taoRes[best]+out)*v.Price(best)/before
			gain := (wantMarginalYield(v, best, size) - v.yield[cur]) * p.HorizonDays
			// Both sides recomputed with the same formulas: allow rounding only.
			if !(gain > cost+p.SwitchMargin*p.HorizonDays-1e-12) {
				t.Fatalf("moves %d → %d with gain %g ≤ cost %g + margin %g", cur, best, gain, cost, p.SwitchMargin*p.HorizonDays)
			}
		}
	})
}

// TestYieldStakerQuoteTAO: with quote_tao the staker prices the subnets it does not hold
// for a buy of min(quote_tao, capital) TAO, so a thin pool whose slippage makes it a poor
// home for the whole capital can be chosen; it still buys with all its TAO. A quote above
// its capital changes nothing.
func TestYieldStakerQuoteTAO(t *testing.T) {
	t.Parallel()
	setup := func() *fakeView {
		v := newFakeView(3, 3)
		v.tao[stakerID] = 1000
		v.payout[0], v.holderAlpha[0], v.yield[0] = 40, 1e4, 4e-3
		v.setPool(0, 1, 100) // 1000 TAO buy 91 alpha; 1 TAO buys about 1
		v.payout[1], v.holderAlpha[1], v.yield[1] = 20, 1e4, 2e-3
		return v
	}
	tests := []struct {
		quote float64
		want  int
	}{
		{0, 1},    // the default: its whole capital, the thin pool loses
		{1, 0},    // a 1-TAO quote: the thin pool's higher yield wins
		{5000, 1}, // above its capital: the whole capital, as the default
	}
	for _, tc := range tests {
		v := setup()
		q := 1000.0
		if tc.quote > 0 {
			q = min(q, tc.quote)
		}
		best := 0
		for i := range v.N() {
			if wantMarginalYield(v, i, q) > wantMarginalYield(v, best, q) {
				best = i
			}
		}
		if best != tc.want {
			t.Fatalf("quote %g: test setup: documented rule picks %d, want %d", tc.quote, best, tc.want)
		}
		p := DefaultYieldStaker()
		p.QuoteTAO = tc.quote
		got := (&YieldStaker{ID: stakerID, P: p}).Act(v, newRand(1), nil)
		want := Order{Account: stakerID, Subnet: tc.want, Amount: 1000}
		if len(got) != 1 || got[0] != want {
			t.Errorf("quote %g: orders %v, want [%v] (all its TAO)", tc.quote, got, want)
		}
	}
}

// TestYieldStakerQuoteTAOMove: with quote_tao a move's cost is priced for moving a
// holding of q TAO (the same share of what it holds), so the thin-pool move that fails on
// its whole capital's slippage (TestYieldStakerMove) passes; the orders still move all of
// it.
func TestYieldStakerQuoteTAOMove(t *testing.T) {
	t.Parallel()
	const q = 10.0
	v := moveView(2e4)
	h := DefaultYieldStaker().HorizonDays
	// The documented rule at size q: sell the share q/1000 of the holding, buy subnet 1.
	share := 1000 * q / 1000
	out := v.QuoteSell(0, share)
	cost := 1 - v.alphaRes[1]*out/(v.taoRes[1]+out)*v.Price(1)/(share*v.Price(0))
	gain := (wantMarginalYield(v, 1, q) - v.yield[0]) * h
	if !(gain > cost+DefaultYieldStaker().SwitchMargin*h) {
		t.Fatalf("test setup: at %g TAO gain %g, cost %g: the move should pay", q, gain, cost)
	}
	p := DefaultYieldStaker()
	p.QuoteTAO = q
	got := (&YieldStaker{ID: stakerID, P: p}).Act(v, newRand(1), nil)
	if len(got) != 2 {
		t.Fatalf("orders %v, want a sell and a buy", got)
	}
	if want := (Order{Account: stakerID, Subnet: 0, Sell: true, Amount: 1000}); got[0] != want {
		t.Errorf("first order %v, want %v (sell everything held)", got[0], want)
	}
	if got[1].Sell || got[1].Subnet != 1 || !scalar.EqualWithinRel(got[1].Amount, v.QuoteSell(0, 1000), 1e-12) {
		t.Errorf("second order %v, want a buy of subnet 1 with all the proceeds, %g TAO", got[1], v.QuoteSell(0, 1000))
	}
}
