package stats

import (
	"math"
	"testing"
)

// TestHolm: four p-values adjusted by hand (the step-down multipliers 4, 3, 2, 1 and the
// running maximum); NaN entries are no tests.
func TestHolm(t *testing.T) {
	t.Parallel()
	p := []float64{0.01, 0.04, 0.03, 0.005, math.NaN()}
	// Sorted: 0.005 (×4 = 0.02), 0.01 (×3 = 0.03), 0.03 (×2 = 0.06), 0.04 (×1 → max(0.06, 0.04) = 0.06).
	want := []float64{0.03, 0.06, 0.06, 0.02, math.NaN()}
	got := Holm(p)
	for i := range want {
		if math.IsNaN(want[i]) != math.IsNaN(got[i]) || (!math.IsNaN(want[i]) && math.Abs(got[i]-want[i]) > 1e-12) {
			t.Errorf("Holm[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	if got := Holm([]float64{0.5, 0.9}); got[0] != 1 || got[1] != 1 {
		t.Errorf("Holm caps at 1: %v", got)
	}
	if got := Holm(nil); len(got) != 0 {
		t.Errorf("Holm(nil) = %v", got)
	}
}

// TestPairedMean: mean and t interval of a small sample by hand: d = 1, 2, 3, 4, 5 has
// mean 3, s = √2.5, se = √0.5, t₄(0.975) = 2.776445.
func TestPairedMean(t *testing.T) {
	t.Parallel()
	mean, lo, hi, n := PairedMean([]float64{1, 2, math.NaN(), 3, 4, 5}, 0.95)
	half := 2.7764451051977987 * math.Sqrt(0.5)
	if n != 5 || mean != 3 || math.Abs(lo-(3-half)) > 1e-9 || math.Abs(hi-(3+half)) > 1e-9 {
		t.Errorf("PairedMean = %v [%v, %v] n=%d, want 3 [%v, %v] n=5", mean, lo, hi, n, 3-half, 3+half)
	}
	if m, lo, hi, n := PairedMean([]float64{7}, 0.95); m != 7 || !math.IsNaN(lo) || !math.IsNaN(hi) || n != 1 {
		t.Errorf("one difference: %v [%v, %v] n=%d", m, lo, hi, n)
	}
	if m, _, _, n := PairedMean(nil, 0.95); !math.IsNaN(m) || n != 0 {
		t.Errorf("no difference: %v n=%d", m, n)
	}
}

// TestSignTest: 9 positive and 1 negative differences (zeros dropped) give
// 2·P(X ≤ 1 | n = 10) = 2·11/1024.
func TestSignTest(t *testing.T) {
	t.Parallel()
	d := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, -1, 0, 0, math.NaN()}
	if got, want := SignTest(d), 22.0/1024; math.Abs(got-want) > 1e-12 {
		t.Errorf("SignTest = %v, want %v", got, want)
	}
	if got := SignTest([]float64{0, 0}); got != 1 {
		t.Errorf("SignTest of zeros = %v, want 1", got)
	}
}
