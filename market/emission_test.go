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
