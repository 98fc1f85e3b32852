package stats

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"pgregory.net/rapid"
)

func TestQuantilePublished(t *testing.T) {
	t.Parallel()
	oneToTen := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	// NumPy documentation, numpy.percentile example:
	// a = [[10, 7, 4], [3, 2, 1]]; np.percentile(a, 50) → 3.5.
	numpyA := []float64{10, 7, 4, 3, 2, 1}
	for _, tc := range []struct {
		name string
		p    float64
		x    []float64
		want float64
	}{
		// R: quantile(1:10) → 1.00 3.25 5.50 7.75 10.00 (type 7 default;
		// Hyndman & Fan 1996, definition 7).
		{"R 1:10 min", 0, oneToTen, 1},
		{"R 1:10 25%", 0.25, oneToTen, 3.25},
		{"R 1:10 50%", 0.5, oneToTen, 5.5},
		{"R 1:10 75%", 0.75, oneToTen, 7.75},
		{"R 1:10 max", 1, oneToTen, 10},
		{"numpy percentile 50", 0.5, numpyA, 3.5},
		{"single value", 0.3, []float64{42}, 42},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			// 1e-12: one interpolation step on small integers.
			if got := Quantile(tc.p, tc.x); !scalar.EqualWithinAbs(got, tc.want, 1e-12) {
				t.Errorf("Quantile(%v) = %v, want %v", tc.p, got, tc.want)
			}
		})
	}
}

func TestQuantilePanics(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		p    float64
		x    []float64
	}{
		{"empty", 0.5, nil},
		{"p below 0", -0.1, []float64{1}},
		{"p above 1", 1.1, []float64{1}},
		{"p NaN", math.NaN(), []float64{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			mustPanic(t, func() { Quantile(tc.p, tc.x) })
		})
	}
}

// TestPropertyQuantile: by definition 7, Q(k/(n−1)) is the (k+1)-th order
// statistic, Q is non-decreasing in p, lies between the minimum and the
// maximum, and the input is left unsorted.
func TestPropertyQuantile(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		x := rapid.SliceOfN(rapid.Float64Range(-1e6, 1e6), 1, 50).Draw(t, "x")
		orig := slices.Clone(x)
		sorted := slices.Sorted(slices.Values(x))
		n := len(x)
		for k := range n {
			p := 1.0
			if n > 1 {
				p = float64(k) / float64(n-1)
			}
			got := Quantile(p, x)
			// k/(n−1)·(n−1) may miss k by an ulp, leaving a weight of ~2e-16
			// on a neighbouring gap of at most 2e6: 1e-9 absolute covers it.
			if !scalar.EqualWithinAbs(got, sorted[k], 1e-9) {
				t.Fatalf("Quantile(%d/%d) = %v, want order statistic %v", k, n-1, got, sorted[k])
			}
		}
		prev := math.Inf(-1)
		for p := 0.0; p <= 1; p += 0.01 {
			q := Quantile(p, x)
			if q < prev || q < sorted[0] || q > sorted[n-1] {
				t.Fatalf("Quantile(%v) = %v after %v, range [%v, %v]", p, q, prev, sorted[0], sorted[n-1])
			}
			prev = q
		}
		if !slices.Equal(x, orig) {
			t.Fatal("input modified")
		}
	})
}
