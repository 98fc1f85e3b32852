package market

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

func TestBlockEmissionSteps(t *testing.T) {
	t.Parallel()
	cases := []struct{ issued, want float64 }{
		// 21e6 − 1e-6: 1/(1 − I/21e6) = 2.1e13, whose floor log2 is 44.
		{0, 1}, {8e6, 1}, {10.5e6 - 1e-3, 1}, {10.5e6, 0.5}, {15.75e6 - 1, 0.5},
		{15.75e6, 0.25}, {18.375e6, 0.125}, {21e6 - 1e-6, math.Ldexp(1, -44)}, {21e6, 0}, {22e6, 0},
	}
	for _, tc := range cases {
		if got := BlockEmission(tc.issued); got != tc.want {
			t.Errorf("BlockEmission(%v) = %v, want %v", tc.issued, got, tc.want)
		}
	}
}

// TestBlockEmissionMatchesLog2 checks the exponent shortcut against the spec's formula
// 2^(−⌊log2(1/(1 − I/21e6))⌋) on random issuances.
func TestBlockEmissionMatchesLog2(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		issued := rapid.Float64Range(0, 21e6*(1-1e-12)).Draw(t, "issued")
		k := math.Floor(math.Log2(1 / (1 - issued/TotalSupply)))
		if want := math.Pow(2, -k); BlockEmission(issued) != want {
			t.Fatalf("BlockEmission(%v) = %v, formula gives %v", issued, BlockEmission(issued), want)
		}
	})
}

// frexpEmission is halvedEmission as it was written at commit 0ebde63,
// with math.Frexp and math.Ldexp: the reference for TestHalvedEmissionMatchesFrexp.
func frexpEmission(issued float64) float64 {
	if issued >= TotalSupply {
		return 0
	}
	_, exp := math.Frexp(1 / (1 - issued/TotalSupply))
	return math.Ldexp(1, -(exp - 1))
}

// TestHalvedEmissionMatchesFrexp: the bit-level halvedEmission returns the same bits as
// the math.Frexp form on every halving boundary and its neighbours, on random
// issuances, at the cap, and for NaN and ±Inf.
func TestHalvedEmissionMatchesFrexp(t *testing.T) {
	t.Parallel()
	check := func(issued float64) {
		if got, want := halvedEmission(issued), frexpEmission(issued); math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("halvedEmission(%v) = %v, Frexp form %v", issued, got, want)
		}
	}
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), TotalSupply, 10.4e6, 10.5e6} {
		check(x)
	}
	for k := 1; k <= 60; k++ { // the k-th halving at 21e6·(1 − 2^−k), and its neighbours
		b := TotalSupply * (1 - math.Ldexp(1, -k))
		for x, j := b, 0; j < 40; j++ {
			check(x)
			x = math.Nextafter(x, 0)
		}
		for x, j := b, 0; j < 40; j++ {
			check(x)
			x = math.Nextafter(x, math.Inf(1))
		}
	}
	for x, j := float64(TotalSupply), 0; j < 1000; j++ { // below the cap
		x = math.Nextafter(x, 0)
		check(x)
	}
	rapid.Check(t, func(rt *rapid.T) {
		check(rapid.Float64Range(10.4e6, TotalSupply).Draw(rt, "issued"))
	})
}
