package agents

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"pgregory.net/rapid"
)

const specID AccountID = 7

// testSpecParams are the default parameters without herding and with a sample so large
// (200 draws with replacement from at most 6 subnets: a subnet is missed with
// probability below 6·(5/6)^200 ≈ 1e-15) that it covers every subnet.
func testSpecParams() SpeculatorParams {
	p := DefaultSpeculator()
	p.Herding = 0
	p.Sample = 200
	p.QuitDrawdown, p.HoldDays = 0, 0 // off: the other rules' tests; the options' own tests set them
	return p
}

// wantScore recomputes the documented entry score p/p(t − lookback) − 1 + W·y with
// y the marginal yield of an entry of EntryFraction of free TAO.
func wantScore(v *fakeView, p SpeculatorParams, i int) float64 {
	return v.Price(i)/v.ago[i] - 1 + p.YieldWeight*wantMarginalYield(v, i, p.EntryFraction*v.tao[specID])
}

// enter makes s open a position in subnet i through Act, on momentum (a doubled price
// over the lookback, no payout) or on yield (no momentum, a payout worth a score of about
// 0.47 at price 1), with 1000 free TAO for that action only. The market is then restored
// and the position booked as alpha at cost c.
func enter(t *testing.T, s *Speculator, v *fakeView, i int, onYield bool, alpha, c float64) {
	t.Helper()
	ago, pay, ha, tao := v.ago[i], v.payout[i], v.holderAlpha[i], v.tao[specID]
	v.tao[specID] = 1000
	if onYield {
		v.ago[i], v.payout[i], v.holderAlpha[i] = v.Price(i), 100, 1000
	} else {
		v.ago[i], v.payout[i] = v.Price(i)/2, 0
	}
	got := s.Act(v, newRand(99), nil)
	if len(got) != 1 || got[0].Sell || got[0].Subnet != i {
		t.Fatalf("entry: orders %v, want one buy of subnet %d", got, i)
	}
	v.ago[i], v.payout[i], v.holderAlpha[i], v.tao[specID] = ago, pay, ha, tao
	v.hold(specID, i, alpha, c)
	s.held[len(s.held)-1].target = 0 // the entry filled whole, at cost c
}

func TestSpeculatorStopLoss(t *testing.T) {
	t.Parallel()
	// The position is 100 alpha with cost 100 in a pool of T TAO and 100 alpha, so its
	// value at the sell quote is T·100/200 = T/2 exactly and value/cost − 1 = T/200 − 1.
	tests := []struct {
		name string
		T    float64
		sell bool
	}{
		{"deep loss", 60, true},                 // −70%
		{"exactly at the stop", 100, true},      // −50%: ≤ −StopLoss sells
		{"just above the stop", 100.001, false}, // −49.9995%
		{"flat", 200, false},
		// +450%: above TakeProfit, but the position was entered on yield, so only the
		// stop-loss and the yield exit apply.
		{"large gain, yield entry", 1100, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := testSpecParams()
			v := newFakeView(1, p.LookbackDays)
			s := NewSpeculator(specID, p)
			enter(t, s, v, 0, true, 100, 100)
			v.taoRes[0], v.alphaRes[0] = tc.T, 100
			v.ago[0] = v.Price(0)
			got := s.Act(v, newRand(1), nil)
			if !tc.sell {
				if len(got) != 0 {
					t.Fatalf("orders %v, want none", got)
				}
				return
			}
			want := Order{Account: specID, Subnet: 0, Sell: true, Amount: 100}
			if len(got) != 1 || got[0] != want {
				t.Fatalf("orders %v, want [%v] (the whole position)", got, want)
			}
		})
	}
}

func TestSpeculatorTakeProfitOnlyForMomentumEntries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		momentum bool    // enter on momentum (else on yield)
		T        float64 // exit pool TAO: value = T·100/200, cost 100
		sell     bool
	}{
		{"momentum at take-profit", true, 1000, true}, // value/cost − 1 = 4 = TakeProfit
		{"momentum above take-profit", true, 2000, true},
		{"momentum just below take-profit", true, 999.99, false},
		{"yield at take-profit", false, 1000, false},
		{"yield far above take-profit", false, 4000, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := testSpecParams()
			v := newFakeView(1, p.LookbackDays)
			v.yield[0] = 0.1 // the same holder yield throughout: no yield exit
			s := NewSpeculator(specID, p)
			enter(t, s, v, 0, !tc.momentum, 100, 100)
			v.taoRes[0], v.alphaRes[0] = tc.T, 100
			got := s.Act(v, newRand(2), nil)
			if tc.sell {
				want := Order{Account: specID, Subnet: 0, Sell: true, Amount: 100}
				if len(got) != 1 || got[0] != want {
					t.Fatalf("orders %v, want [%v]", got, want)
				}
			} else if len(got) != 0 {
				t.Fatalf("orders %v, want none", got)
			}
		})
	}
}

func TestSpeculatorYieldExit(t *testing.T) {
	t.Parallel()
	// YieldExit is 0.3: the position is sold when the holder yield falls below 0.3 × the
	// best yield seen while holding. The first yield is the one at entry; the others are
	// given one action each; exitAt is the action at which it sells (0: never).
	tests := []struct {
		name   string
		yields []float64
		exitAt int
	}{
		{"steady", []float64{1, 1, 1}, 0},
		{"falls to 0.31 of entry", []float64{1, 0.31}, 0},
		{"falls to 0.29 of entry", []float64{1, 0.29}, 1},
		{"falls to zero", []float64{1, 0.5, 0}, 2},
		{"rises then falls below 0.3 × peak", []float64{1, 2, 0.5}, 2}, // 0.5 > 0.3·1 but < 0.3·2
		{"rises then falls above 0.3 × peak", []float64{1, 2, 0.7}, 0},
		{"slow climb then fall", []float64{0.1, 0.5, 1, 3, 0.8}, 4},
		{"no yield at entry, then some, then none", []float64{0, 1, 0.2}, 2},
		{"never any yield", []float64{0, 0, 0}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := testSpecParams()
			v := newFakeView(1, p.LookbackDays)
			s := NewSpeculator(specID, p)
			v.yield[0] = tc.yields[0]
			enter(t, s, v, 0, false, 100, v.QuoteSell(0, 100)) // value = cost: no stop-loss
			for k := 1; k < len(tc.yields); k++ {
				y := tc.yields[k]
				v.yield[0] = y
				got := s.Act(v, newRand(uint64(k)), nil)
				if k == tc.exitAt {
					want := Order{Account: specID, Subnet: 0, Sell: true, Amount: 100}
					if len(got) != 1 || got[0] != want {
						t.Fatalf("action %d (yield %g): orders %v, want [%v]", k, y, got, want)
					}
					return
				}
				if len(got) != 0 {
					t.Fatalf("action %d (yield %g): orders %v, want none", k, y, got)
				}
			}
		})
	}
}

// TestSpeculatorSkipsCollapsedYield: a subnet whose holder yield fell below YieldExit ×
// yesterday's is no candidate, whatever its momentum.
func TestSpeculatorSkipsCollapsedYield(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		yield float64 // today's yield of subnet 0 (yesterday's: 1)
		want  int
	}{
		{"collapsed", 0.29, 1},
		{"fallen but not collapsed", 0.31, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := testSpecParams()
			v := newFakeView(3, p.LookbackDays)
			v.tao[specID] = 1000
			v.ago[0], v.yieldAgo[0], v.yield[0] = 0.2, 1, tc.yield // momentum 4
			v.ago[1] = 1 / 1.5                                     // momentum 0.5
			got := NewSpeculator(specID, p).Act(v, newRand(1), nil)
			if len(got) != 1 || got[0].Sell || got[0].Subnet != tc.want {
				t.Fatalf("orders %v, want one buy of subnet %d", got, tc.want)
			}
		})
	}
}

func TestSpeculatorEntry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(v *fakeView)
		want  int // subnet entered, −1 for none
	}{
		{"momentum", func(v *fakeView) { v.ago[2] = 0.5 }, 2},
		{"yield beats momentum", func(v *fakeView) {
			v.ago[1] = 1 / 1.3                        // score 0.3
			v.payout[3], v.holderAlpha[3] = 100, 1000 // score ≈ 7·100/1500 = 0.47
		}, 3},
		{"thin pool loses despite the top holder yield", func(v *fakeView) {
			// Subnet 1: holder yield 1 a day, but a 10-TAO pool: 500 TAO buy 9.8 alpha,
			// marginal yield ≈ 0.018, score 0.125. Subnet 4: yield 0.05 in a deep pool,
			// marginal yield 0.033, score 0.23.
			v.payout[1], v.holderAlpha[1], v.yield[1] = 100, 100, 1
			v.setPool(1, 1, 10)
			v.payout[4], v.holderAlpha[4], v.yield[4] = 50, 1000, 0.05
		}, 4},
		{"dilution by the entry", func(v *fakeView) {
			// Same holder yield 0.1, but the entry of 500 dilutes the small holder base
			// of subnet 0 more.
			v.payout[0], v.holderAlpha[0], v.yield[0] = 10, 100, 0.1
			v.payout[2], v.holderAlpha[2], v.yield[2] = 1000, 10000, 0.1
		}, 2},
		{"momentum just above threshold", func(v *fakeView) { v.ago[3] = 1 / 1.1001 }, 3},
		{"below threshold", func(v *fakeView) { v.ago[3] = 1 / 1.0999; v.ago[1] = 1 / 1.05 }, -1},
		{"falling market", func(v *fakeView) {
			for i := range v.ago {
				v.ago[i] = 2
			}
		}, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := testSpecParams()
			v := newFakeView(5, p.LookbackDays)
			v.tao[specID] = 1000
			tc.setup(v)
			// The designed winner is the argmax of the documented score.
			best := 0
			for i := range v.N() {
				if wantScore(v, p, i) > wantScore(v, p, best) {
					best = i
				}
			}
			if tc.want >= 0 && best != tc.want {
				t.Fatalf("test setup: documented score picks %d, want %d", best, tc.want)
			}
			if tc.want < 0 && wantScore(v, p, best) >= p.EntryThreshold {
				t.Fatalf("test setup: best score %g reaches the threshold", wantScore(v, p, best))
			}
			got := NewSpeculator(specID, p).Act(v, newRand(1), nil)
			if tc.want < 0 {
				if len(got) != 0 {
					t.Fatalf("orders %v, want none", got)
				}
				return
			}
			if len(got) != 1 || got[0].Sell || got[0].Subnet != tc.want || got[0].Account != specID {
				t.Fatalf("orders %v, want one buy of subnet %d", got, tc.want)
			}
			// EntryFraction 0.5 of 1000 free TAO, up to rounding.
			if !scalar.EqualWithinAbsOrRel(got[0].Amount, 500, 1e-12, 1e-12) {
				t.Errorf("entry %g TAO, want 500", got[0].Amount)
			}
		})
	}
}

func TestSpeculatorRotation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		maxPos    int
		candidate float64 // momentum of subnet 2
		wantSell  int     // −1: none
		wantBuy   int     // −1: none
	}{
		// Held: subnet 0 (score −0.1) and subnet 1 (score 0).
		{"rotates out the worst", 2, 1, 0, -1},
		{"margin just reached", 2, 0.2001, 0, -1},
		{"margin not reached", 2, 0.15, -1, -1},
		{"free slot: enters instead", 3, 1, -1, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := testSpecParams()
			p.MaxPositions = tc.maxPos
			v := newFakeView(5, p.LookbackDays)
			s := NewSpeculator(specID, p)
			enter(t, s, v, 0, false, 10, v.QuoteSell(0, 10)) // value = cost
			enter(t, s, v, 1, false, 10, v.QuoteSell(1, 10))
			v.tao[specID] = 100
			v.ago[0] = 1 / 0.9
			v.ago[2] = 1 / (1 + tc.candidate)
			got := s.Act(v, newRand(1), nil)
			buys, sells := split(got)
			if tc.wantSell < 0 && len(sells) != 0 {
				t.Errorf("sells %v, want none", sells)
			}
			if tc.wantSell >= 0 {
				want := Order{Account: specID, Subnet: tc.wantSell, Sell: true, Amount: 10}
				if len(sells) != 1 || sells[0] != want {
					t.Errorf("sells %v, want [%v]", sells, want)
				}
			}
			if tc.wantBuy < 0 && len(buys) != 0 {
				t.Errorf("buys %v, want none (a rotation enters at the next action)", buys)
			}
			if tc.wantBuy >= 0 && (len(buys) != 1 || buys[0].Subnet != tc.wantBuy) {
				t.Errorf("buys %v, want one of subnet %d", buys, tc.wantBuy)
			}
		})
	}
}

// TestSpeculatorHerding: with Herding = 1 every choice is a recruitment, in proportion to
// the speculators holding each subnet, whatever the scores of the others.
func TestSpeculatorHerding(t *testing.T) {
	t.Parallel()
	p := testSpecParams()
	p.Herding = 1
	v := newFakeView(5, p.LookbackDays)
	v.tao[specID] = 1000
	v.ago[0] = 0.25 // by far the best score, but nobody holds it
	v.holders[2], v.holders[4] = 3, 1
	v.specs = 10
	rng := newRand(1)
	const n = 4000
	count := [5]int{}
	for range n {
		got := NewSpeculator(specID, p).Act(v, rng, nil)
		if len(got) != 1 || got[0].Sell {
			t.Fatalf("orders %v, want one buy", got)
		}
		count[got[0].Subnet]++
	}
	if count[2]+count[4] != n {
		t.Fatalf("entries by subnet %v, want only subnets 2 and 4 (the held ones)", count)
	}
	// Subnet 2 has 3 of the 4 holders: binomial(n, 3/4), sd √(n·3/16) ≈ 27; allow 4 sd.
	if sd := math.Sqrt(n * 3.0 / 16); math.Abs(float64(count[2])-0.75*n) > 4*sd {
		t.Errorf("subnet 2 chosen %d times of %d, want %g ± %.0f", count[2], n, 0.75*n, 4*sd)
	}
}

// TestSpeculatorHerdingAvoidsCollapse: a recruit follows the crowd unless the subnet's
// score is at or below −StopLoss/2 (visibly collapsing).
func TestSpeculatorHerdingAvoidsCollapse(t *testing.T) {
	t.Parallel()
	p := testSpecParams()
	p.Herding = 1
	for _, tc := range []struct {
		ago   float64 // price 1: momentum 1/ago − 1
		enter bool
	}{{1 / 0.8, true}, {1 / 0.7, false}} { // −20% and −30%; −StopLoss/2 = −25%
		v := newFakeView(3, p.LookbackDays)
		v.tao[specID] = 1000
		v.holders[1], v.specs = 2, 2
		v.ago[1] = tc.ago
		got := NewSpeculator(specID, p).Act(v, newRand(1), nil)
		if tc.enter && (len(got) != 1 || got[0].Subnet != 1) {
			t.Errorf("momentum %g: orders %v, want a buy of subnet 1", 1/tc.ago-1, got)
		}
		if !tc.enter && len(got) != 0 {
			t.Errorf("momentum %g: orders %v, want none", 1/tc.ago-1, got)
		}
	}
}

func TestMarginalYield(t *testing.T) {
	t.Parallel()
	v := newFakeView(3, 3)
	v.setPool(0, 2, 1e12) // deep
	v.setPool(1, 2, 100)  // thin
	for i := range 3 {
		v.payout[i], v.holderAlpha[i] = 50, 1000
	}
	v.payout[2] = 0

	// In a deep pool a tiny buy gets x/p alpha up to a relative slippage of x/T = 1e-15,
	// so the marginal yield is payout/(held + x/p) to about 1e-14.
	for _, x := range []float64{1e-3, 1, 10} {
		want := 50 / (1000 + x/2)
		if got := MarginalYield(v, 0, x); !scalar.EqualWithinRel(got, want, 1e-9) {
			t.Errorf("deep pool, x = %g: MarginalYield = %.15g, want %.15g", x, got, want)
		}
	}
	// In the thin pool 100 TAO buy 25 alpha instead of 50: the yield is lower.
	x := 100.0
	frictionless := 50 / (1000 + x/2)
	thin := MarginalYield(v, 1, x)
	if !(thin < 0.9*frictionless) {
		t.Errorf("thin pool: MarginalYield = %g, want well below the frictionless %g", thin, frictionless)
	}
	if want := 50 * 25 / (1000 + 25.0) * 2 / x; !scalar.EqualWithinRel(thin, want, 1e-12) {
		t.Errorf("thin pool: MarginalYield = %g, want %g", thin, want)
	}
	if got := MarginalYield(v, 2, 10); got != 0 {
		t.Errorf("no payout: MarginalYield = %g, want 0", got)
	}
	if got := MarginalYield(v, 0, 0); got != 0 {
		t.Errorf("x = 0: MarginalYield = %g, want 0", got)
	}
}

// TestMarginalYieldProperty: with b ≤ x/p (no swap gives more than spot) the marginal
// yield is at most the frictionless payout/(held + x/p), it matches the documented
// formula, and it does not rise with the size of the buy.
func TestMarginalYieldProperty(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		v := newFakeView(1, 3)
		p := rapid.Float64Range(1e-3, 1e3).Draw(t, "price")
		v.setPool(0, p, rapid.Float64Range(1, 1e7).Draw(t, "taoRes"))
		v.payout[0] = rapid.Float64Range(0, 1e4).Draw(t, "payout")
		v.holderAlpha[0] = rapid.Float64Range(0, 1e7).Draw(t, "held")
		x := rapid.Float64Range(1e-3, 1e6).Draw(t, "x")
		got := MarginalYield(v, 0, x)
		// Relative tolerance: a few roundings in each formula.
		if want := wantMarginalYield(v, 0, x); !scalar.EqualWithinAbsOrRel(got, want, 1e-300, 1e-12) {
			t.Fatalf("MarginalYield = %g, want %g", got, want)
		}
		if ub := v.payout[0] / (v.holderAlpha[0] + x/p); got < 0 || got > ub*(1+1e-12) {
			t.Fatalf("MarginalYield = %g, want in [0, %g]", got, ub)
		}
		if bigger := MarginalYield(v, 0, 2*x); bigger > got*(1+1e-12) {
			t.Fatalf("MarginalYield(2x) = %g > MarginalYield(x) = %g", bigger, got)
		}
	})
}

// TestSpeculatorOrdersProperty: across random markets and parameters, over a few actions
// whose orders are executed in between, a speculator never spends more TAO than it has
// (an entry is EntryFraction of it), sells only whole positions it holds (each at most
// once), buys only a subnet it does not hold, and never holds more than MaxPositions.
func TestSpeculatorOrdersProperty(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := SpeculatorParams{
			RatePerDay:     24,
			LookbackDays:   rapid.IntRange(1, 5).Draw(t, "lookback"),
			EntryFraction:  rapid.Float64Range(0.01, 1).Draw(t, "entryFraction"),
			MaxPositions:   rapid.IntRange(1, 4).Draw(t, "maxPositions"),
			StopLoss:       rapid.Float64Range(0.01, 0.99).Draw(t, "stopLoss"),
			TakeProfit:     rapid.Float64Range(0, 5).Draw(t, "takeProfit"),
			YieldExit:      rapid.Float64Range(0, 1).Draw(t, "yieldExit"),
			YieldWeight:    rapid.Float64Range(0, 20).Draw(t, "yieldWeight"),
			Herding:        rapid.Float64Range(0, 1).Draw(t, "herding"),
			Sample:         rapid.IntRange(1, 10).Draw(t, "sample"),
			EntryThreshold: rapid.Float64Range(-1, 1).Draw(t, "entryThreshold"),
			RotateMargin:   rapid.Float64Range(0, 1).Draw(t, "rotateMargin"),
		}
		n := rapid.IntRange(1, 6).Draw(t, "n")
		v := newFakeView(n, p.LookbackDays)
		v.hold(specID, 0, 0, 0)
		v.tao[specID] = rapid.Float64Range(0, 1e4).Draw(t, "tao")
		s := NewSpeculator(specID, p)
		for step := range rapid.IntRange(1, 8).Draw(t, "steps") {
			v.specs = 0
			for i := range n {
				v.setPool(i, rapid.Float64Range(0.01, 10).Draw(t, "price"), rapid.Float64Range(1, 1e6).Draw(t, "taoRes"))
				v.ago[i] = rapid.Float64Range(0, 20).Draw(t, "ago")
				v.payout[i] = rapid.Float64Range(0, 1e3).Draw(t, "payout")
				v.holderAlpha[i] = rapid.Float64Range(0, 1e6).Draw(t, "holderAlpha")
				v.yield[i] = rapid.Float64Range(0, 1).Draw(t, "yield")
				v.yieldAgo[i] = rapid.Float64Range(0, 1).Draw(t, "yieldAgo")
				v.holders[i] = rapid.IntRange(0, 5).Draw(t, "holders")
				v.specs += v.holders[i]
			}
			tao := v.tao[specID]
			got := s.Act(v, newRand(uint64(step)), nil)
			buys, sells := split(got)
			for _, o := range got {
				if o.Account != specID || o.Subnet < 0 || o.Subnet >= n || !(o.Amount > 0) || math.IsInf(o.Amount, 0) {
					t.Fatalf("bad order %+v", o)
				}
			}
			sold := map[int]bool{}
			for _, o := range sells {
				if sold[o.Subnet] {
					t.Fatalf("subnet %d sold twice: %v", o.Subnet, got)
				}
				sold[o.Subnet] = true
				if o.Amount != v.Alpha(specID, o.Subnet) {
					t.Fatalf("sells %g of subnet %d, holds %g (sales are whole positions)", o.Amount, o.Subnet, v.Alpha(specID, o.Subnet))
				}
			}
			if len(buys) > 1 {
				t.Fatalf("%d buys in one action: %v", len(buys), got)
			}
			for _, o := range buys {
				if v.Alpha(specID, o.Subnet) > 0 {
					t.Fatalf("buys subnet %d it already holds: %v", o.Subnet, got)
				}
				// EntryFraction·TAO: one rounding.
				if o.Amount > tao || !scalar.EqualWithinRel(o.Amount, p.EntryFraction*tao, 1e-15) {
					t.Fatalf("spends %g TAO, has %g, entry fraction %g", o.Amount, tao, p.EntryFraction)
				}
			}
			v.execute(got)
			positions := 0
			for i := range n {
				if v.Alpha(specID, i) > 0 {
					positions++
				}
			}
			if positions > p.MaxPositions {
				t.Fatalf("%d positions after the action, MaxPositions %d", positions, p.MaxPositions)
			}
		}
	})
}

// enterFilling makes s enter subnet i through Act with 1000 free TAO on momentum (a
// doubled price over the lookback), checks the order is one buy of 500 (EntryFraction of
// the TAO), and leaves subnet i's price flat. The caller books how much of it filled.
func enterFilling(t *testing.T, s *Speculator, v *fakeView, i int) {
	t.Helper()
	v.tao[specID] = 1000
	v.ago[i] = v.Price(i) / 2
	got := s.Act(v, newRand(1), nil)
	if want := (Order{Account: specID, Subnet: i, Amount: 500}); len(got) != 1 || got[0] != want {
		t.Fatalf("entry: orders %v, want [%v]", got, want)
	}
	v.ago[i] = v.Price(i) // flat from here on: no exit, not a candidate
}

// TestSpeculatorTopUp: an entry that price protection filled only in part is bought up to
// its size at the speculator's next actions, out of its free TAO, until it is in, the TAO
// runs out (then for good) or the position exits; an entry filled whole is not topped up.
func TestSpeculatorTopUp(t *testing.T) {
	t.Parallel()
	p := testSpecParams()
	v := newFakeView(1, p.LookbackDays)
	s := NewSpeculator(specID, p)
	enterFilling(t, s, v, 0)
	steps := []struct {
		name        string
		alpha, free float64 // the position's alpha (cost = its sell quote) and the free TAO
		buy         float64 // the top-up wanted, 0 for none
	}{
		{"40 of 500 filled: buys the rest", 40, 960, 500 - 40},
		{"140 filled: buys the rest", 140, 860, 500 - 140},
		{"free TAO short of the rest: buys what it has", 200, 5, 5},
		{"no free TAO: gives up", 205, 0, 0},
		{"TAO again, but the entry was given up", 205, 795, 0},
	}
	for _, st := range steps {
		c := v.QuoteSell(0, st.alpha)
		v.hold(specID, 0, st.alpha, c)
		v.tao[specID] = st.free
		got := s.Act(v, newRand(1), nil)
		want := []Order{{Account: specID, Subnet: 0, Amount: min(500-c, st.free)}}
		if st.buy == 0 {
			want = nil
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: orders %v, want %v", st.name, got, want)
		}
	}

	// Filled whole at once (plain orders): no top-up at the next action.
	s = NewSpeculator(specID, p)
	v.hold(specID, 0, 0, 0)
	enterFilling(t, s, v, 0)
	v.hold(specID, 0, 500, 500)
	v.tao[specID] = 500
	if got := s.Act(v, newRand(1), nil); len(got) != 0 {
		t.Fatalf("after a whole fill: orders %v, want none", got)
	}

	// A position that exits while filling is sold, not topped up.
	s = NewSpeculator(specID, p)
	v.hold(specID, 0, 0, 0)
	enterFilling(t, s, v, 0)
	v.hold(specID, 0, 40, 100) // value ≈ 40 against a cost of 100: the stop-loss
	v.tao[specID] = 900
	got := s.Act(v, newRand(1), nil)
	if want := (Order{Account: specID, Subnet: 0, Sell: true, Amount: 40}); len(got) != 1 || got[0] != want {
		t.Fatalf("stop-loss while filling: orders %v, want [%v]", got, want)
	}
}

// TestSpeculatorTopUpWithEntry: a top-up spends its TAO before the action sizes a new
// entry, which gets EntryFraction of what is left; and a position still filling is not
// rotated out, even when it scores worst.
func TestSpeculatorTopUpWithEntry(t *testing.T) {
	t.Parallel()
	p := testSpecParams()
	v := newFakeView(3, p.LookbackDays)
	s := NewSpeculator(specID, p)
	enterFilling(t, s, v, 0)
	c := v.QuoteSell(0, 40)
	v.hold(specID, 0, 40, c) // 40 of 500 filled
	v.tao[specID] = 960
	v.ago[1] = v.Price(1) / 2 // a new candidate
	got := s.Act(v, newRand(1), nil)
	top, entry := 500-c, p.EntryFraction*(960-(500-c))
	want := []Order{{Account: specID, Subnet: 0, Amount: top}, {Account: specID, Subnet: 1, Amount: entry}}
	if !slices.Equal(got, want) {
		t.Fatalf("top-up and entry: orders %v, want %v", got, want)
	}

	// Full slots: subnet 0 (still filling) scores worst, subnet 1 (filled) next; a much
	// better candidate rotates out subnet 1, not subnet 0.
	p.MaxPositions = 2
	v = newFakeView(3, p.LookbackDays)
	s = NewSpeculator(specID, p)
	enter(t, s, v, 1, false, 10, v.QuoteSell(1, 10)) // filled whole
	enterFilling(t, s, v, 0)
	c = v.QuoteSell(0, 40)
	v.hold(specID, 0, 40, c)    // 40 of 500 filled
	v.tao[specID] = 100         // a top-up of 100 this action: subnet 0 is still filling
	v.ago[0] = v.Price(0) / 0.9 // subnet 0: score −0.1
	v.ago[2] = v.Price(2) / 2   // the candidate: score +1
	got = s.Act(v, newRand(1), nil)
	buys, sells := split(got)
	if len(buys) != 1 || buys[0].Subnet != 0 || buys[0].Amount != 100 || len(sells) != 1 || sells[0].Subnet != 1 {
		t.Fatalf("rotation with a position filling: buys %v, sells %v; want the top-up of subnet 0 and a sale of subnet 1", buys, sells)
	}
}

// TestSpeculatorVolTarget: with VolTarget t > 0 a candidate's momentum, and only its
// momentum, is scaled by t/σ where its realised volatility σ over VolDays days (7 when
// 0) exceeds t, and left alone otherwise. Subnet 1 doubled (momentum 1) with σ = 0.5 and
// a payout worth a yield term of about 0.47: scaled to 0.2 + 0.47. Subnet 2 rose by 80%
// with σ = 0.05 ≤ t: unscaled, so it wins. Without the target subnet 1 wins.
func TestSpeculatorVolTarget(t *testing.T) {
	t.Parallel()
	setup := func(days int) *fakeView {
		v := newFakeView(4, DefaultSpeculator().LookbackDays)
		v.tao[specID] = 1000
		v.ago[1], v.ago[2] = 0.5, 1/1.8
		v.payout[1], v.holderAlpha[1] = 100, 1000
		v.vol, v.volDays = []float64{0, 0.5, 0.05, 0}, days
		return v
	}
	p := testSpecParams()
	if got := NewSpeculator(specID, p).Act(setup(7), newRand(1), nil); len(got) != 1 || got[0].Subnet != 1 {
		t.Fatalf("without a target: orders %v, want one buy of subnet 1", got)
	}
	for _, days := range []int{0, 5} {
		p.VolTarget, p.VolDays = 0.1, days
		want := days
		if days == 0 {
			want = 7
		}
		v := setup(want) // the fake view panics on any other window
		if got := NewSpeculator(specID, p).Act(v, newRand(1), nil); len(got) != 1 || got[0].Subnet != 2 {
			t.Fatalf("target 0.1, vol_days %d: orders %v, want one buy of subnet 2", days, got)
		}
		s := NewSpeculator(specID, p)
		y := p.YieldWeight * wantMarginalYield(v, 1, 500)
		if got := s.score(v, 1, 500); !scalar.EqualWithinAbsOrRel(got, 0.2+y, 1e-12, 1e-12) {
			t.Errorf("vol_days %d: scaled score %g, want 0.2 + %g (the yield term unscaled)", days, got, y)
		}
		if got := s.score(v, 2, 500); !scalar.EqualWithinAbsOrRel(got, 0.8, 1e-12, 1e-12) {
			t.Errorf("vol_days %d: score below the target %g, want 0.8", days, got)
		}
	}
	// A target above every subnet's volatility changes nothing.
	p.VolTarget, p.VolDays = 0.6, 0
	v := setup(7)
	s := NewSpeculator(specID, p)
	y := p.YieldWeight * wantMarginalYield(v, 1, 500)
	if got := s.score(v, 1, 500); !scalar.EqualWithinAbsOrRel(got, 1+y, 1e-12, 1e-12) {
		t.Errorf("σ below the target: score %g, want 1 + %g", got, y)
	}
}

// TestSpeculatorQuits: with QuitDrawdown 0.4 a speculator records its equity (free TAO
// plus positions at the sell quote) at its first action, 1000 TAO here, and leaves the
// market when a later action finds it below 600: it sells every position, even with a
// doubled candidate on offer, and from then on only offers what it still holds, whatever
// the market offers. At 650 it stays, and its position, neither at a loss nor at a
// profit, is kept.
func TestSpeculatorQuits(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		free float64 // free TAO after the entry; the position is worth ≈ 100
		quit bool
	}{{"equity 500 of 1000", 400, true}, {"equity 650 of 1000", 550, false}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := testSpecParams()
			p.QuitDrawdown = 0.4
			v := newFakeView(4, p.LookbackDays)
			v.tao[specID] = tc.free
			s := NewSpeculator(specID, p)
			enter(t, s, v, 1, false, 100, v.QuoteSell(1, 100)) // the first action: 1000 TAO free
			if !tc.quit {
				if got := s.Act(v, newRand(2), nil); len(got) != 0 || s.quit {
					t.Fatalf("orders %v (quit %v), want none", got, s.quit)
				}
				return
			}
			v.ago[2] = 0.5 // a doubled candidate: a speculator still trading would buy it
			got := s.Act(v, newRand(2), nil)
			if len(got) != 1 || !got[0].Sell || got[0].Subnet != 1 || got[0].Amount != 100 {
				t.Fatalf("orders %v, want one sell of the 100 alpha of subnet 1", got)
			}
			// The sell was refused (the position is still there): it is offered again,
			// and still nothing is bought, with 1000 TAO free.
			v.tao[specID] = 1000
			if got := s.Act(v, newRand(3), nil); len(got) != 1 || !got[0].Sell || got[0].Subnet != 1 {
				t.Fatalf("after quitting with the position unsold: orders %v, want its sell again", got)
			}
			// Sold: nothing more, ever.
			v.hold(specID, 1, 0, 0)
			if got := s.Act(v, newRand(4), nil); len(got) != 0 {
				t.Errorf("after quitting and selling: orders %v, want none", got)
			}
		})
	}
	// Off by default: the same loss leaves the default speculator trading.
	p := testSpecParams()
	v := newFakeView(4, p.LookbackDays)
	v.tao[specID] = 300
	s := NewSpeculator(specID, p)
	enter(t, s, v, 1, false, 100, v.QuoteSell(1, 100))
	v.ago[2] = 0.5
	if got := s.Act(v, newRand(2), nil); len(got) != 1 || got[0].Sell || got[0].Subnet != 2 {
		t.Errorf("without QuitDrawdown: orders %v, want one buy of subnet 2", got)
	}
}

// TestSpeculatorHoldDays: with HoldDays K a momentum position is sold once held K days
// (counted in blocks from the entry order), at any return, and not a block before; a
// position entered for yield is not; with K = 0 (off) nothing is sold on time.
func TestSpeculatorHoldDays(t *testing.T) {
	t.Parallel()
	const k = 7.0
	for _, tc := range []struct {
		name    string
		hold    float64
		onYield bool
		elapsed int64 // blocks since the entry
		sell    bool
	}{
		{"momentum, a block short of K days", k, false, int64(k*BlocksPerDay) - 1, false},
		{"momentum, K days", k, false, int64(k * BlocksPerDay), true},
		{"yield entry, K days", k, true, int64(k * BlocksPerDay), false},
		{"off, a year", 0, false, 365 * BlocksPerDay, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := testSpecParams()
			p.HoldDays = tc.hold
			v := newFakeView(4, p.LookbackDays)
			v.block = 1000
			s := NewSpeculator(specID, p)
			enter(t, s, v, 1, tc.onYield, 100, v.QuoteSell(1, 100)) // at cost: return 0
			v.block += tc.elapsed
			got := s.Act(v, newRand(5), nil)
			sold := len(got) == 1 && got[0].Sell && got[0].Subnet == 1 && got[0].Amount == 100
			if sold != tc.sell || (!tc.sell && len(got) != 0) {
				t.Errorf("orders %v, want a sell of the position: %v", got, tc.sell)
			}
		})
	}
}

// TestSpeculatorLossMemory: with LossMemoryDays D a subnet the speculator sold at a loss
// (stop-loss or rotation) is no candidate for D days from the sale, by score or by
// recruitment, and is bought again from then on; a subnet sold at a gain, or any subnet
// with D = 0, is bought again at once.
func TestSpeculatorLossMemory(t *testing.T) {
	t.Parallel()
	const d = 7.0
	// sell enters subnet 0 on momentum at cost c for 100 alpha (worth about 100 TAO in the
	// deep pool at price 1), lets the speculator sell it, checks that it did, and leaves
	// subnet 0 rising again (a doubled price over the lookback) with the position gone
	// and 1000 TAO free: the best candidate, unless shunned.
	sell := func(t *testing.T, s *Speculator, v *fakeView, c float64) {
		t.Helper()
		enter(t, s, v, 0, false, 100, c)
		got := s.Act(v, newRand(3), nil)
		if len(got) != 1 || !got[0].Sell || got[0].Subnet != 0 {
			t.Fatalf("orders %v, want a sell of subnet 0", got)
		}
		v.hold(specID, 0, 0, 0)
		v.tao[specID] = 1000
		v.ago[0] = v.Price(0) / 2
	}
	buysZero := func(s *Speculator, v *fakeView) bool {
		got := s.Act(v, newRand(4), nil)
		return len(got) == 1 && !got[0].Sell && got[0].Subnet == 0
	}
	for _, tc := range []struct {
		name    string
		memory  float64
		cost    float64 // > 200: a stop-loss at a loss; < 20: a take-profit at a gain
		shunned bool
	}{
		{"stop-loss at a loss", d, 1000, true},
		{"take-profit at a gain", d, 10, false},
		{"stop-loss, memory off", 0, 1000, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := testSpecParams()
			p.LossMemoryDays = tc.memory
			v := newFakeView(2, p.LookbackDays)
			v.block = 5000
			s := NewSpeculator(specID, p)
			sell(t, s, v, tc.cost)
			sold := v.block
			if got := buysZero(s, v); got == tc.shunned {
				t.Fatalf("right after the sale: bought subnet 0 %v, want %v", got, !tc.shunned)
			}
			if !tc.shunned {
				return
			}
			v.block = sold + int64(d*BlocksPerDay) - 1
			if buysZero(s, v) {
				t.Errorf("a block short of %v days: bought subnet 0 again", d)
			}
			v.block++
			if !buysZero(s, v) {
				t.Errorf("%v days after the sale: did not buy subnet 0 again", d)
			}
		})
	}

	t.Run("recruited into a shunned subnet", func(t *testing.T) {
		t.Parallel()
		p := testSpecParams()
		p.LossMemoryDays = d
		v := newFakeView(2, p.LookbackDays)
		s := NewSpeculator(specID, p)
		sell(t, s, v, 1000)
		p.Herding = 1
		s.P.Herding = 1
		v.holders[0], v.specs = 5, 5 // every recruitment leads to subnet 0
		if got := s.Act(v, newRand(6), nil); len(got) != 0 {
			t.Errorf("orders %v, want none: the crowd is in a subnet it sold at a loss", got)
		}
	})

	t.Run("rotated out at a loss", func(t *testing.T) {
		t.Parallel()
		p := testSpecParams()
		p.LossMemoryDays = d
		p.MaxPositions = 1
		v := newFakeView(2, p.LookbackDays)
		s := NewSpeculator(specID, p)
		enter(t, s, v, 0, false, 100, 125) // worth about 100: −20%, above the stop
		v.tao[specID] = 1000
		v.ago[1] = v.Price(1) / 3 // subnet 1 outscores the flat position by far more than the margin
		got := s.Act(v, newRand(7), nil)
		if len(got) != 1 || !got[0].Sell || got[0].Subnet != 0 {
			t.Fatalf("orders %v, want the position in subnet 0 rotated out", got)
		}
		v.hold(specID, 0, 0, 0)
		v.ago[1] = v.Price(1) // subnet 1 flat again, subnet 0 rising
		v.ago[0] = v.Price(0) / 2
		if buysZero(s, v) {
			t.Error("bought back subnet 0 right after rotating it out at a loss")
		}
	})
}
