package stats

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/stat/distuv"
	"pgregory.net/rapid"
)

// Newcombe (1998, Stat. Med. 17:857), Table I: 95% intervals for four
// worked examples, method 3 (Wilson score, no continuity correction) and
// method 5 (Clopper–Pearson exact), printed to 4 decimals.
var newcombeTableI = []struct {
	name      string
	x, n      int
	wilsonLo  float64
	wilsonHi  float64
	clopperLo float64
	clopperHi float64
}{
	{"81/263", 81, 263, 0.2553, 0.3662, 0.2527, 0.3676},
	{"15/148", 15, 148, 0.0624, 0.1605, 0.0578, 0.1617},
	{"0/20", 0, 20, 0.0000, 0.1611, 0.0000, 0.1684},
	{"1/29", 1, 29, 0.0061, 0.1718, 0.0009, 0.1776},
}

// tol4dp is half a unit in the 4th decimal: the published values are rounded
// to 4 decimals, so a correct implementation is within 5e-5 of them.
const tol4dp = 5e-5

func TestWilsonNewcombeTableI(t *testing.T) {
	t.Parallel()
	for _, tc := range newcombeTableI {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			lo, hi := Wilson(tc.x, tc.n, 0.95)
			if !scalar.EqualWithinAbs(lo, tc.wilsonLo, tol4dp) || !scalar.EqualWithinAbs(hi, tc.wilsonHi, tol4dp) {
				t.Errorf("Wilson(%d, %d) = (%.5f, %.5f), want (%.4f, %.4f)", tc.x, tc.n, lo, hi, tc.wilsonLo, tc.wilsonHi)
			}
		})
	}
}

func TestClopperPearsonNewcombeTableI(t *testing.T) {
	t.Parallel()
	for _, tc := range newcombeTableI {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			lo, hi := ClopperPearson(tc.x, tc.n, 0.95)
			if !scalar.EqualWithinAbs(lo, tc.clopperLo, tol4dp) || !scalar.EqualWithinAbs(hi, tc.clopperHi, tol4dp) {
				t.Errorf("ClopperPearson(%d, %d) = (%.5f, %.5f), want (%.4f, %.4f)", tc.x, tc.n, lo, hi, tc.clopperLo, tc.clopperHi)
			}
		})
	}
}

// TestClosedForms checks the boundary cases whose limits have closed forms,
// derived independently of the general formulas: for x = 0 the Wilson upper
// limit is z²/(n + z²), and the Clopper–Pearson upper limit solves
// (1 − p)ⁿ = α/2, i.e. 1 − (α/2)^(1/n); for x = n they mirror.
func TestClosedForms(t *testing.T) {
	t.Parallel()
	const z = 1.959963984540054 // Φ⁻¹(0.975)
	// relTol: the closed forms are accurate to a few ulps; 1e-10 allows the
	// beta-quantile root finder's error and the cancellation in 1 − lo when
	// lo is within 1e-4 of 1 (about 1e-16/1e-4 = 1e-12 relative).
	const relTol = 1e-10
	for _, n := range []int{1, 5, 20, 100, 10000} {
		m := float64(n)
		wantW := z * z / (m + z*z)
		wantCP := -math.Expm1(math.Log(0.025) / m) // 1 − (α/2)^(1/n) without cancellation

		_, hi := Wilson(0, n, 0.95)
		if !scalar.EqualWithinAbsOrRel(hi, wantW, 0, relTol) {
			t.Errorf("n=%d: Wilson(0) hi = %v, want %v", n, hi, wantW)
		}
		lo, _ := Wilson(n, n, 0.95)
		if !scalar.EqualWithinAbsOrRel(1-lo, wantW, 0, relTol) {
			t.Errorf("n=%d: Wilson(n) lo = %v, want %v", n, lo, 1-wantW)
		}
		_, hi = ClopperPearson(0, n, 0.95)
		if !scalar.EqualWithinAbsOrRel(hi, wantCP, 0, relTol) {
			t.Errorf("n=%d: ClopperPearson(0) hi = %v, want %v", n, hi, wantCP)
		}
		lo, _ = ClopperPearson(n, n, 0.95)
		if !scalar.EqualWithinAbsOrRel(1-lo, wantCP, 0, relTol) {
			t.Errorf("n=%d: ClopperPearson(n) lo = %v, want %v", n, lo, 1-wantCP)
		}
	}
}

func TestProportionNoTrials(t *testing.T) {
	t.Parallel()
	for _, f := range []struct {
		name string
		ci   func(int, int, float64) (float64, float64)
	}{{"Wilson", Wilson}, {"ClopperPearson", ClopperPearson}} {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			if lo, hi := f.ci(0, 0, 0.95); lo != 0 || hi != 1 {
				t.Errorf("n = 0: got (%v, %v), want (0, 1)", lo, hi)
			}
		})
	}
}

func TestProportionPanics(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		x, n int
		conf float64
	}{
		{"negative n", 0, -1, 0.95},
		{"negative successes", -1, 5, 0.95},
		{"successes above n", 6, 5, 0.95},
		{"conf 0", 1, 5, 0},
		{"conf 1", 1, 5, 1},
		{"conf NaN", 1, 5, math.NaN()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			mustPanic(t, func() { Wilson(tc.x, tc.n, tc.conf) })
			mustPanic(t, func() { ClopperPearson(tc.x, tc.n, tc.conf) })
		})
	}
}

// TestPropertyIntervals: both intervals lie in [0, 1] and contain p̂; the
// Clopper–Pearson limits solve their defining binomial tail equations,
// P(X ≥ x | lo) = α/2 and P(X ≤ x | hi) = α/2 (Clopper & Pearson 1934),
// checked here with binomial CDFs rather than the beta quantiles used by
// the implementation.
func TestPropertyIntervals(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 5000).Draw(t, "n")
		x := rapid.IntRange(0, n).Draw(t, "x")
		conf := rapid.Float64Range(0.5, 0.999).Draw(t, "conf")
		p := 0.5
		if n > 0 {
			p = float64(x) / float64(n)
		}
		for _, ci := range []struct {
			name string
			f    func(int, int, float64) (float64, float64)
		}{{"Wilson", Wilson}, {"ClopperPearson", ClopperPearson}} {
			lo, hi := ci.f(x, n, conf)
			if !(0 <= lo && lo <= p && p <= hi && hi <= 1) {
				t.Fatalf("%s(%d, %d, %v) = (%v, %v) does not satisfy 0 ≤ lo ≤ %v ≤ hi ≤ 1", ci.name, x, n, conf, lo, hi, p)
			}
		}
		if n == 0 {
			return
		}
		alpha := 1 - conf
		lo, hi := ClopperPearson(x, n, conf)
		// absTol 1e-8: the tails are probabilities in [0, 1] computed by
		// two different incomplete-beta routes; the root finder behind the
		// beta quantile converges to about 1e-10 in probability.
		const absTol = 1e-8
		if x > 0 {
			upper := distuv.Binomial{N: float64(n), P: lo}.Survival(float64(x - 1))
			if !scalar.EqualWithinAbs(upper, alpha/2, absTol) {
				t.Fatalf("P(X ≥ %d | lo=%v) = %v, want %v", x, lo, upper, alpha/2)
			}
		}
		if x < n {
			lower := distuv.Binomial{N: float64(n), P: hi}.CDF(float64(x))
			if !scalar.EqualWithinAbs(lower, alpha/2, absTol) {
				t.Fatalf("P(X ≤ %d | hi=%v) = %v, want %v", x, hi, lower, alpha/2)
			}
		}
	})
}
