package agents

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

const viID AccountID = 9

// newVI returns a value investor on v with the given values per subnet, trading from
// account viID with capital C of free TAO.
func newVI(v *fakeView, p ValueInvestorParams, capital float64, values []float64) *ValueInvestor {
	v.tao[viID] = capital
	return &ValueInvestor{ID: viID, P: p, Capital: capital, Value: func(i int) float64 { return values[i] },
		Reserves: func(i int) (float64, float64) { return v.taoRes[i], v.alphaRes[i] }}
}

// TestValueInvestorFairValue: four subnets at price 1 but subnet 3, whose pool is empty
// (price 0: not in the valued market V). Values 3, 1, 0 and 5 per day, issuance 100,
// 400, 100 and 100. V is subnets 0 and 1: Σ p·I = 100 + 400 = 500, value shares 3/4 and
// 1/4 (subnet 3's value does not count: it has no price), so F_0 = 0.75·500/100 = 3.75
// and F_1 = 0.25·500/400 = 0.3125; the meme subnet (value 0) has F = 0. Subnet 0 is
// cheap (1 < 3.75·0.75) and its pool shallow (1000 TAO), so the buy is the amount that
// lifts a constant-product pool to F_0·(1 − band): 1000·(√2.8125 − 1), below the
// inventory limit. Subnet 1 is rich and the meme subnet has no value, but neither is
// held: the buy is the investor's order.
func TestValueInvestorFairValue(t *testing.T) {
	t.Parallel()
	v := newFakeView(4, lookback)
	copy(v.issuance, []float64{100, 400, 100, 100})
	v.setPool(0, 1, 1000)
	v.taoRes[3] = 0 // price 0
	p := DefaultValueInvestor()
	p.ValueNoise, p.MaxPoolShare = 0, 10
	a := newVI(v, p, 10000, []float64{3, 1, 0, 5})
	got := a.Act(v, newRand(1), nil)
	f0 := 0.75 * 500 / 100.0
	want := 1000 * (math.Sqrt(f0*(1-p.Band)/1) - 1)
	if len(got) != 1 || got[0].Sell || got[0].Subnet != 0 || !scalar.EqualWithinRel(got[0].Amount, want, 1e-12) {
		t.Fatalf("orders %+v, want one buy of subnet 0 for %v TAO (F_0 = %v)", got, want, f0)
	}
}

// TestValueInvestorSells: holdings of a subnet without value (here a revenue subnet
// whose net revenue is negative; a meme subnet's value is 0, the same) are sold whole; holdings of
// a rich valued subnet down to the amount that brings the pool to F(1 + band). Two
// valued subnets with values 1 and 1 at prices 1 and 4 (issuance 100 each): Σ p·I = 500,
// F = 2.5 for both; subnet 1 at 4 > 2.5·1.25 is rich. The sale brings a constant-product
// pool with alpha reserve A from p to F(1 + band): A·(√(p/(F(1 + band))) − 1).
func TestValueInvestorSells(t *testing.T) {
	t.Parallel()
	v := newFakeView(3, lookback)
	for i := range 3 {
		v.issuance[i] = 100
	}
	v.setPool(1, 4, 1000)
	v.setPool(2, 2, 1000) // net revenue below 0: no value
	p := DefaultValueInvestor()
	p.ValueNoise, p.Sample = 0, 3
	a := newVI(v, p, 0, []float64{1, 1, -3})
	v.hold(viID, 1, 1e6, 1e6)
	v.hold(viID, 2, 7, 7)

	// The holding without value is furthest from its fair value (none): sold first, whole.
	got := a.Act(v, newRand(1), nil)
	if len(got) != 1 || !got[0].Sell || got[0].Subnet != 2 || got[0].Amount != 7 {
		t.Fatalf("orders %+v, want a sale of all 7 alpha of subnet 2", got)
	}
	v.hold(viID, 2, 0, 0)
	got = a.Act(v, newRand(1), nil)
	f := 0.5 * (1*100 + 4*100) / 100 // subnet 0's price is 1; both values 1
	want := v.alphaRes[1] * (math.Sqrt(4/(f*(1+p.Band))) - 1)
	if len(got) != 1 || !got[0].Sell || got[0].Subnet != 1 || !scalar.EqualWithinRel(got[0].Amount, want, 1e-12) {
		t.Fatalf("orders %+v, want a sale of %v alpha of subnet 1", got, want)
	}
}

// TestValueInvestorNoise: each investor's error per subnet is drawn once and kept, so
// the same market gives the same fair values at every action; without any valued subnet
// it does nothing.
func TestValueInvestorNoise(t *testing.T) {
	t.Parallel()
	v := newFakeView(4, lookback)
	for i := range 4 {
		v.issuance[i] = 100
	}
	a := newVI(v, DefaultValueInvestor(), 10000, []float64{1, 1, 1, 1})
	rng := newRand(3)
	first := a.Act(v, rng, nil)
	noise := append([]float64(nil), a.noise...)
	if len(noise) != 4 {
		t.Fatalf("%d errors drawn, want one per subnet (4)", len(noise))
	}
	spread := false
	for _, e := range noise {
		spread = spread || e != noise[0]
	}
	if !spread {
		t.Errorf("errors %v all equal with value_noise %v", noise, a.P.ValueNoise)
	}
	a.Act(v, rng, nil)
	for i := range noise {
		if a.noise[i] != noise[i] {
			t.Fatalf("error of subnet %d redrawn: %v then %v", i, noise[i], a.noise[i])
		}
	}
	// Equal values, equal prices, nothing held: F_i = 4·e_i/Σe, above the price 1 for the
	// subnets with errors above the mean; the furthest from F among those is the largest
	// error's, the one bought.
	top := 0
	for i, e := range noise {
		if e > noise[top] {
			top = i
		}
	}
	if len(first) != 1 || first[0].Sell || first[0].Subnet != top {
		t.Errorf("first action %+v, want a buy of subnet %d (errors %v)", first, top, noise)
	}

	none := newVI(v, DefaultValueInvestor(), 10000, []float64{0, 0, 0, 0})
	if got := none.Act(v, newRand(1), nil); len(got) != 0 {
		t.Errorf("orders %+v without any valued subnet, want none", got)
	}
}
