package stats

import (
	"math"
	"math/big"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"pgregory.net/rapid"
)

// Agresti (2002, Categorical Data Analysis, 2nd ed., §10.1):
// presidential approval of 1600 people in two surveys a month apart.
// Approve/approve 794, approve/disapprove 150, disapprove/approve 86,
// disapprove/disapprove 570.
const (
	approvalN11, approvalN10, approvalN01, approvalN00 = 794, 150, 86, 570
)

func TestMcNemarPublished(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		test    func(b, c int) (float64, float64)
		b, c    int
		stat    float64
		statTol float64 // half a unit in the last published decimal
		p       float64
		pRelTol float64 // half a unit in the last published significant digit
	}{
		// Agresti 2002, §10.1: z = (86 − 150)/sqrt(236) = −4.17,
		// z² = 17.36 (uncorrected).
		{"Agresti approval uncorrected", McNemarUncorrected, approvalN10, approvalN01, 17.36, 5e-3, math.NaN(), 0},
		// R's example(mcnemar.test) on the same table (R stats manual):
		// "McNemar's chi-squared = 16.818, df = 1, p-value = 4.115e-05".
		{"R mcnemar.test approval", McNemar, approvalN10, approvalN01, 16.818, 5e-4, 4.115e-05, 5e-4 / 4.115},
		// Cardillo (2007), MATLAB File Exchange 15472 "McNemar test",
		// example x = [101 59; 121 33]: "McNemar chi-square (with Yates'es
		// correction) = 20.672222".
		{"Cardillo drug/placebo", McNemar, 59, 121, 20.672222, 5e-7, math.NaN(), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			stat, p := tc.test(tc.b, tc.c)
			if !scalar.EqualWithinAbs(stat, tc.stat, tc.statTol) {
				t.Errorf("statistic = %v, want %v", stat, tc.stat)
			}
			if !math.IsNaN(tc.p) && !scalar.EqualWithinRel(p, tc.p, tc.pRelTol) {
				t.Errorf("p = %v, want %v", p, tc.p)
			}
		})
	}
}

// TestMcNemarPValueIsNormalTail checks the χ²₁ tail against the equivalent
// two-sided normal tail 2·Φ(−sqrt(X²)) = erfc(sqrt(X²/2)), computed with
// the standard library rather than gonum's incomplete gamma function.
func TestMcNemarPValueIsNormalTail(t *testing.T) {
	t.Parallel()
	for _, bc := range [][2]int{{0, 1}, {3, 9}, {10, 10}, {86, 150}, {5, 40}, {1000, 1200}} {
		for _, tc := range []struct {
			name string
			f    func(int, int) (float64, float64)
		}{{"corrected", McNemar}, {"uncorrected", McNemarUncorrected}} {
			stat, p := tc.f(bc[0], bc[1])
			want := math.Erfc(math.Sqrt(stat / 2))
			// relTol 1e-9: two independent special-function routes, each
			// accurate to ~1e-14 relative except deep in the tail.
			if !scalar.EqualWithinAbsOrRel(p, want, 1e-300, 1e-9) {
				t.Errorf("%s(%d, %d): p = %v, want %v", tc.name, bc[0], bc[1], p, want)
			}
		}
	}
}

// exactMcNemar computes 2·Σ_{k ≤ min(b,c)} C(b+c, k)/2^(b+c), capped at 1,
// in exact rational arithmetic: an independent check of McNemarExact.
func exactMcNemar(b, c int) float64 {
	m := int64(b + c)
	sum := new(big.Int)
	for k := int64(0); k <= int64(min(b, c)); k++ {
		sum.Add(sum, new(big.Int).Binomial(m, k))
	}
	r := new(big.Rat).SetFrac(new(big.Int).Lsh(sum, 1), new(big.Int).Lsh(big.NewInt(1), uint(m)))
	p, _ := r.Float64()
	return math.Min(p, 1)
}

func TestMcNemarExactAgainstBinomialSums(t *testing.T) {
	t.Parallel()
	for _, bc := range [][2]int{
		{0, 0}, {0, 1}, {1, 7}, {7, 1}, {2, 2}, {6, 16}, {5, 20}, {0, 30},
		{approvalN10, approvalN01}, {300, 330},
	} {
		b, c := bc[0], bc[1]
		got := McNemarExact(b, c)
		want := 1.0
		if b+c > 0 {
			want = exactMcNemar(b, c)
		}
		// relTol 1e-9: gonum's binomial CDF goes through the regularized
		// incomplete beta function, accurate to ~1e-12 relative; the
		// rational sum is exact up to one final rounding.
		if !scalar.EqualWithinAbsOrRel(got, want, 1e-300, 1e-9) {
			t.Errorf("McNemarExact(%d, %d) = %v, want %v", b, c, got, want)
		}
	}
}

func TestMcNemarNoDiscordantPairs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		f    func(int, int) (float64, float64)
	}{{"McNemar", McNemar}, {"McNemarUncorrected", McNemarUncorrected}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if stat, p := tc.f(0, 0); stat != 0 || p != 1 {
				t.Errorf("(0, 0) = (%v, %v), want (0, 1)", stat, p)
			}
		})
	}
	if p := McNemarExact(0, 0); p != 1 {
		t.Errorf("McNemarExact(0, 0) = %v, want 1", p)
	}
	// Equal discordant counts: the floored correction gives X² = 0.
	if stat, p := McNemar(4, 4); stat != 0 || p != 1 {
		t.Errorf("McNemar(4, 4) = (%v, %v), want (0, 1)", stat, p)
	}
}

// TestPairedDiffAgresti: Agresti (2002, §10.1) reports for the approval
// table d = 0.59 − 0.55 = 0.04 with σ̂(d) = 0.0095 and the 95% Wald interval
// 0.04 ± 1.96(0.0095) = (0.021, 0.059). The standard error is also
// recomputed from Agresti's multinomial form,
// [p₁₊(1−p₁₊) + p₊₁(1−p₊₁) − 2(p₁₁p₂₂ − p₁₂p₂₁)]/n, algebraically equal to
// but computed differently from the implementation's form.
func TestPairedDiffAgresti(t *testing.T) {
	t.Parallel()
	diff, lo, hi := PairedDiff(approvalN11, approvalN10, approvalN01, approvalN00, 0.95)
	// 5e-4: published to 3 decimals. (The value (0.019, 0.062) sometimes
	// quoted for this example is not reproduced by this variance.)
	const tol3dp = 5e-4
	if !scalar.EqualWithinAbs(diff, 0.04, 1e-15) {
		t.Errorf("diff = %v, want 0.04", diff)
	}
	if !scalar.EqualWithinAbs(lo, 0.021, tol3dp) || !scalar.EqualWithinAbs(hi, 0.059, tol3dp) {
		t.Errorf("95%% CI = (%.4f, %.4f), want (0.021, 0.059)", lo, hi)
	}

	n := float64(approvalN11 + approvalN10 + approvalN01 + approvalN00)
	p11, p12, p21, p22 := approvalN11/n, approvalN10/n, approvalN01/n, approvalN00/n
	p1, p2 := p11+p12, p11+p21
	se := math.Sqrt((p1*(1-p1) + p2*(1-p2) - 2*(p11*p22-p12*p21)) / n)
	// 5e-5: σ̂ published as 0.0095.
	if !scalar.EqualWithinAbs(se, 0.0095, 5e-5) {
		t.Fatalf("multinomial-form SE = %v, want 0.0095", se)
	}
	z := zCrit(0.95)
	// 1e-12: the two variance forms differ only by rounding.
	if !scalar.EqualWithinAbs(lo, diff-z*se, 1e-12) || !scalar.EqualWithinAbs(hi, diff+z*se, 1e-12) {
		t.Errorf("CI (%v, %v) differs from multinomial form (%v, %v)", lo, hi, diff-z*se, diff+z*se)
	}
}

// TestPairedDiffNewcombeCavo: Fagerland, Lydersen & Laake (2017, Statistical
// Analysis of Contingency Tables, ch. 8) analyse complete response before
// and after consolidation therapy (Cavo et al. 2012), table [[59, 6],
// [16, 80]]: Newcombe square-and-add estimate −0.0621, 95% CI −0.1186 to
// −0.0046 (as printed by their contingencytables R package,
// tests/testthat/test-ch8.R).
func TestPairedDiffNewcombeCavo(t *testing.T) {
	t.Parallel()
	diff, lo, hi := PairedDiffNewcombe(59, 6, 16, 80, 0.95)
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"diff", diff, -0.0621}, {"lo", lo, -0.1186}, {"hi", hi, -0.0046}} {
		if !scalar.EqualWithinAbs(c.got, c.want, tol4dp) {
			t.Errorf("%s = %.5f, want %.4f", c.name, c.got, c.want)
		}
	}
}

func TestPairedDiffEdgeCases(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		f    func(n11, n10, n01, n00 int, conf float64) (float64, float64, float64)
	}{{"Wald", PairedDiff}, {"Newcombe", PairedDiffNewcombe}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if d, lo, hi := tc.f(0, 0, 0, 0, 0.95); d != 0 || lo != -1 || hi != 1 {
				t.Errorf("empty table = (%v, %v, %v), want (0, -1, 1)", d, lo, hi)
			}
			// All pairs discordant one way: the difference is 1.
			if d, _, hi := tc.f(0, 10, 0, 0, 0.95); d != 1 || hi != 1 {
				t.Errorf("(0,10,0,0) = (%v, _, %v), want (1, _, 1)", d, hi)
			}
			mustPanic(t, func() { tc.f(-1, 0, 0, 0, 0.95) })
			mustPanic(t, func() { tc.f(1, 0, 0, 0, 1.5) })
		})
	}
	// The documented weakness of Wald: with every pair discordant one way
	// the variance estimate is 0 and the interval collapses to the point 1,
	// while the Newcombe interval keeps a lower limit below 1.
	if _, lo, _ := PairedDiff(0, 10, 0, 0, 0.95); lo != 1 {
		t.Errorf("Wald lo = %v, want 1 (degenerate)", lo)
	}
	if _, lo, _ := PairedDiffNewcombe(0, 10, 0, 0, 0.95); !(lo < 0.8) {
		t.Errorf("Newcombe lo = %v, want well below 1", lo)
	}
	mustPanic(t, func() { McNemar(-1, 0) })
	mustPanic(t, func() { McNemarUncorrected(0, -1) })
	mustPanic(t, func() { McNemarExact(-2, 3) })
}

// TestPropertyPaired: McNemar statistics are non-negative, p-values lie in
// [0, 1] and are symmetric in b and c, and the exact p-value is 1 when
// b = c; the paired intervals are ordered, lie in [−1, 1], contain the
// estimate, and swapping the arms mirrors them.
func TestPropertyPaired(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		b := rapid.IntRange(0, 400).Draw(t, "b")
		c := rapid.IntRange(0, 400).Draw(t, "c")
		for _, f := range []struct {
			name string
			f    func(int, int) (float64, float64)
		}{{"McNemar", McNemar}, {"McNemarUncorrected", McNemarUncorrected}} {
			s1, p1 := f.f(b, c)
			s2, p2 := f.f(c, b)
			if !(p1 >= 0 && p1 <= 1 && s1 >= 0) || s1 != s2 || p1 != p2 {
				t.Fatalf("%s(%d,%d) = (%v,%v), swapped (%v,%v)", f.name, b, c, s1, p1, s2, p2)
			}
		}
		pe, pe2 := McNemarExact(b, c), McNemarExact(c, b)
		if !(pe >= 0 && pe <= 1) || pe != pe2 || (b == c && pe != 1) {
			t.Fatalf("McNemarExact(%d,%d) = %v, swapped %v", b, c, pe, pe2)
		}

		n11 := rapid.IntRange(0, 400).Draw(t, "n11")
		n00 := rapid.IntRange(0, 400).Draw(t, "n00")
		conf := rapid.Float64Range(0.5, 0.999).Draw(t, "conf")
		for _, f := range []struct {
			name string
			f    func(n11, n10, n01, n00 int, conf float64) (float64, float64, float64)
		}{{"PairedDiff", PairedDiff}, {"PairedDiffNewcombe", PairedDiffNewcombe}} {
			d, lo, hi := f.f(n11, b, c, n00, conf)
			if !(-1 <= lo && lo <= d && d <= hi && hi <= 1) {
				t.Fatalf("%s = (%v, %v, %v) not ordered in [-1, 1]", f.name, d, lo, hi)
			}
			dm, lom, him := f.f(n11, c, b, n00, conf)
			// 1e-12: mirrored inputs take the same operations on swapped
			// operands; only rounding differs.
			const tol = 1e-12
			if !scalar.EqualWithinAbs(dm, -d, tol) || !scalar.EqualWithinAbs(lom, -hi, tol) || !scalar.EqualWithinAbs(him, -lo, tol) {
				t.Fatalf("%s not mirror-symmetric: (%v, %v, %v) vs (%v, %v, %v)", f.name, d, lo, hi, dm, lom, him)
			}
		}
	})
}
