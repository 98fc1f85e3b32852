package sensitivity

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"
	"pgregory.net/rapid"
)

// The Saltelli design's blocks: AB_i equals A except in column i, which is B's, and every
// coordinate lies in [0, 1).
func TestSaltelliStructure(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(1, 10).Draw(t, "k")
		n := rapid.IntRange(2, 64).Draw(t, "n")
		base := Base(rapid.IntRange(0, 1).Draw(t, "base"))
		d, err := NewSaltelli(k, n, base, rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 0)))
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Points) != n*(k+2) {
			t.Fatalf("%d points, want N(k+2) = %d", len(d.Points), n*(k+2))
		}
		for _, p := range d.Points {
			for _, x := range p {
				if !(x >= 0 && x < 1) {
					t.Fatalf("coordinate %g outside [0, 1)", x)
				}
			}
		}
		for j := range n {
			a, b := d.Points[d.A(j)], d.Points[d.B(j)]
			if slices.Equal(a, b) {
				t.Fatalf("row %d: A and B equal", j)
			}
			for i := range k {
				ab := d.Points[d.AB(i, j)]
				for c := range k {
					want := a[c]
					if c == i {
						want = b[c]
					}
					if ab[c] != want {
						t.Fatalf("AB_%d row %d column %d = %g, want %g", i, j, c, ab[c], want)
					}
				}
			}
		}
	})
}

func TestNewSaltelliErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		k, n int
		base Base
	}{
		{"no factors", 0, 64, ScrambledSobol},
		{"one row", 3, 1, ScrambledSobol},
		{"beyond the direction table", 129, 64, ScrambledSobol},
		{"unknown base", 3, 64, Base(7)},
		{"too many points", 10, 1 << 20, IID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if _, err := NewSaltelli(tc.k, tc.n, tc.base, rand.New(rand.NewPCG(1, 1))); err == nil {
				t.Errorf("NewSaltelli(%d, %d, %d): no error", tc.k, tc.n, tc.base)
			}
		})
	}
	// 128 factors is the most the table allows, and IID has no such limit.
	if _, err := NewSaltelli(128, 2, ScrambledSobol, rand.New(rand.NewPCG(1, 1))); err != nil {
		t.Errorf("128 factors: %v", err)
	}
	if _, err := NewSaltelli(300, 2, IID, rand.New(rand.NewPCG(1, 1))); err != nil {
		t.Errorf("300 factors, IID: %v", err)
	}
}

// The Ishigami function (a = 7, b = 0.1) on [−π, π]^3, through Factor's mapping: S1 ≈
// (0.3139, 0.4424, 0), ST ≈ (0.5576, 0.4424, 0.2437). N = 8192 base rows of the scrambled
// Sobol' sequence (40,960 evaluations). Over 30 seeds the largest error of the six
// estimates was 0.0034 (root mean square 0.0007; plain Monte Carlo at this N has errors
// about 14 times larger); the tolerance 0.015 is 4 times that worst case.
func TestSobolIshigami(t *testing.T) {
	t.Parallel()
	s1, st := ishigamiIndices(7, 0.1)
	// The analytic values match the literature's to the digits quoted.
	for i, want := range []float64{0.3139, 0.4424, 0, 0.5576, 0.4424, 0.2437} {
		got := append(s1[:], st[:]...)[i]
		if math.Abs(got-want) > 5e-5 {
			t.Fatalf("analytic index %d = %.5f, literature %.4f", i, got, want)
		}
	}
	d, err := NewSaltelli(3, 8192, ScrambledSobol, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	y := evaluate(ishigamiFactors, d.Points, func(x []float64) float64 { return ishigami(x, 7, 0.1) })
	res, err := d.Analyze(y, Bootstrap{}, rand.New(rand.NewPCG(3, 4)))
	if err != nil {
		t.Fatal(err)
	}
	const tol = 0.015
	for i, f := range res.Factors {
		if math.Abs(f.S1-s1[i]) > tol || math.Abs(f.ST-st[i]) > tol {
			t.Errorf("x%d: S1 = %.4f, ST = %.4f; want %.4f, %.4f within %g", i+1, f.S1, f.ST, s1[i], st[i], tol)
		}
		// Row-bootstrap intervals are conservative for a quasi-random design: they hold
		// the truth.
		if !(f.S1Lo <= s1[i] && s1[i] <= f.S1Hi && f.STLo <= st[i] && st[i] <= f.STHi) {
			t.Errorf("x%d: intervals S1 [%.4f, %.4f], ST [%.4f, %.4f] miss %.4f, %.4f", i+1, f.S1Lo, f.S1Hi, f.STLo, f.STHi, s1[i], st[i])
		}
	}
	// V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2 ≈ 13.845; 1% covers the estimate at this N.
	if v := 49.0/8 + 0.1*math.Pow(math.Pi, 4)/5 + 0.01*math.Pow(math.Pi, 8)/18 + 0.5; math.Abs(res.Variance/v-1) > 0.01 {
		t.Errorf("variance %g, want %g", res.Variance, v)
	}
}

// Sobol's G function with a = (0, 1, 4.5, 9, 99, 99, 99, 99), Saltelli et al. (2010)'s
// test case: S1 ≈ (0.716, 0.179, 0.0237, 0.0072, 7e-5, …), ST ≈ (0.787, 0.242, 0.0343,
// 0.0105, 1e-4, …) from gIndices. N = 4096 base rows (40,960 evaluations). The kink of
// |4x − 2| slows quasi-Monte Carlo convergence: over 20 seeds the largest error was 0.017,
// so the tolerance is 0.04. The total index of an inert factor (a = 99) is small without
// noise — Jansen's estimator averages squared differences that the factor barely moves —
// so those must be below 0.002 (truth 1e-4).
func TestSobolGFunction(t *testing.T) {
	t.Parallel()
	a := []float64{0, 1, 4.5, 9, 99, 99, 99, 99}
	s1, st := gIndices(a)
	d, err := NewSaltelli(len(a), 4096, ScrambledSobol, rand.New(rand.NewPCG(5, 6)))
	if err != nil {
		t.Fatal(err)
	}
	y := evaluate(unitFactors(len(a)), d.Points, func(x []float64) float64 { return gFunc(x, a) })
	res, err := d.Analyze(y, Bootstrap{Resamples: 500}, rand.New(rand.NewPCG(7, 8)))
	if err != nil {
		t.Fatal(err)
	}
	const tol = 0.04
	for i, f := range res.Factors {
		if math.Abs(f.S1-s1[i]) > tol || math.Abs(f.ST-st[i]) > tol {
			t.Errorf("x%d: S1 = %.4f, ST = %.4f; want %.4f, %.4f within %g", i+1, f.S1, f.ST, s1[i], st[i], tol)
		}
		if a[i] == 99 && f.ST > 0.002 {
			t.Errorf("x%d (a = 99): ST = %.5f, want below 0.002", i+1, f.ST)
		}
	}
	for i := range 3 {
		if res.Factors[i].ST <= res.Factors[i+1].ST {
			t.Errorf("ST_%d = %.4f ≤ ST_%d = %.4f, want decreasing in a_i", i+1, res.Factors[i].ST, i+2, res.Factors[i+1].ST)
		}
	}
}

// Coverage of the row bootstrap. With independent rows (IID) the percentile intervals
// should cover the true indices in about 95% of independent designs: on Ishigami with
// N = 256, 200 designs and 400 resamples each, an exploratory run covered each of the six
// indices in 91–96% of the designs, and the bootstrap standard error (half-width/1.96) was
// 0.93–0.96 times the spread of the estimates across designs. We require ≥ 85% per index
// (a true 91% gives fewer with probability ≈ 0.001, binomial sd 0.02), a pooled coverage
// of at most 99% (intervals not vacuous), and a standard-error ratio in [0.7, 1.3]. With
// quasi-random rows (ScrambledSobol) the same bootstrap ignores the rows' negative
// correlation, so it overstates the error: at N = 1024 an exploratory run covered all 300
// indices of 50 designs, and we require a pooled coverage of at least 95%. Seeds are fixed;
// the margins keep the test from depending on them.
func TestSobolBootstrapCoverage(t *testing.T) {
	t.Parallel()
	s1, st := ishigamiIndices(7, 0.1)
	truth := append(s1[:], st[:]...)
	f := func(x []float64) float64 { return ishigami(x, 7, 0.1) }
	run := func(base Base, n, designs int) (covered []int, est, se [][]float64) {
		covered = make([]int, 6)
		est = make([][]float64, 6)
		se = make([][]float64, 6)
		for rep := range uint64(designs) {
			d, err := NewSaltelli(3, n, base, rand.New(rand.NewPCG(rep, 41)))
			if err != nil {
				t.Fatal(err)
			}
			res, err := d.Analyze(evaluate(ishigamiFactors, d.Points, f), Bootstrap{Resamples: 400}, rand.New(rand.NewPCG(rep, 42)))
			if err != nil {
				t.Fatal(err)
			}
			for i, fi := range res.Factors {
				for c, iv := range [][3]float64{{fi.S1, fi.S1Lo, fi.S1Hi}, {fi.ST, fi.STLo, fi.STHi}} {
					j := 3*c + i
					if iv[1] <= truth[j] && truth[j] <= iv[2] {
						covered[j]++
					}
					est[j] = append(est[j], iv[0])
					se[j] = append(se[j], (iv[2]-iv[1])/2/1.96)
				}
			}
		}
		return covered, est, se
	}
	names := []string{"S1_1", "S1_2", "S1_3", "ST_1", "ST_2", "ST_3"}

	const K = 200
	covered, est, se := run(IID, 256, K)
	total := 0
	for j, n := range covered {
		total += n
		if float64(n) < 0.85*K {
			t.Errorf("IID: %s covered in %d of %d designs, want ≥ 85%%", names[j], n, K)
		}
		if r := stat.Mean(se[j], nil) / stat.StdDev(est[j], nil); r < 0.7 || r > 1.3 {
			t.Errorf("IID: %s: bootstrap standard error / spread across designs = %.3f, want in [0.7, 1.3]", names[j], r)
		}
	}
	if float64(total) > 0.99*6*K {
		t.Errorf("IID: pooled coverage %d of %d: intervals too wide", total, 6*K)
	}
	t.Logf("IID: coverage of 95%% intervals over %d designs: %v", K, covered)

	const KS = 50
	covered, _, _ = run(ScrambledSobol, 1024, KS)
	total = 0
	for _, n := range covered {
		total += n
	}
	if float64(total) < 0.95*6*KS {
		t.Errorf("ScrambledSobol: pooled coverage %d of %d, want ≥ 95%%", total, 6*KS)
	}
	t.Logf("ScrambledSobol: coverage of 95%% intervals over %d designs: %v", KS, covered)
}

// Replicate noise acts like a factor no input controls. Ishigami plus N(0, 1) noise with
// R = 4 replicates per point: the point means carry noise variance σ²/R = 1/4, so the
// estimators converge to V·S1_i/(V + 1/4) and (V·ST_i + 1/4)/(V + 1/4) — first-order
// indices shrink and total ones grow — and the noise report says how much. N = 2048
// scrambled rows; over 20 seeds of design and noise the largest error against those limits
// was 0.024, so the tolerance is 0.05.
func TestSobolReplicates(t *testing.T) {
	t.Parallel()
	s1, st := ishigamiIndices(7, 0.1)
	v := 49.0/8 + 0.1*math.Pow(math.Pi, 4)/5 + 0.01*math.Pow(math.Pi, 8)/18 + 0.5
	const reps, noiseVar = 4, 1.0
	d, err := NewSaltelli(3, 2048, ScrambledSobol, rand.New(rand.NewPCG(51, 52)))
	if err != nil {
		t.Fatal(err)
	}
	x, err := Values(ishigamiFactors, d.Points)
	if err != nil {
		t.Fatal(err)
	}
	noise := rand.New(rand.NewPCG(53, 54))
	y := make([][]float64, len(x))
	for n, p := range x {
		for range reps {
			y[n] = append(y[n], ishigami(p, 7, 0.1)+math.Sqrt(noiseVar)*noise.NormFloat64())
		}
	}
	res, err := d.Analyze(y, Bootstrap{Resamples: 200}, rand.New(rand.NewPCG(55, 56)))
	if err != nil {
		t.Fatal(err)
	}
	m := noiseVar / reps
	for i, f := range res.Factors {
		w1, wt := v*s1[i]/(v+m), (v*st[i]+m)/(v+m)
		if math.Abs(f.S1-w1) > 0.05 || math.Abs(f.ST-wt) > 0.05 {
			t.Errorf("x%d: S1 = %.4f, ST = %.4f; want %.4f, %.4f within 0.05", i+1, f.S1, f.ST, w1, wt)
		}
	}
	// 10,240 points × 3 degrees of freedom: the pooled variance has relative standard error
	// √(2/30720) ≈ 0.8% (the worst of 20 seeds was off by 2.2%); 5% is six of them.
	if math.Abs(res.Noise.Within/noiseVar-1) > 0.05 {
		t.Errorf("within-point variance %.4f, want %g", res.Noise.Within, noiseVar)
	}
	// One run's variance is V + 1 and the means' V + 1/4; the noise shares follow (10% slack;
	// the worst of 20 seeds was off by 2.8%).
	if want := noiseVar / (v + noiseVar); math.Abs(res.Noise.Share/want-1) > 0.1 {
		t.Errorf("noise share of one run %.4f, want %.4f", res.Noise.Share, want)
	}
	if want := m / (v + m); math.Abs(res.Noise.MeansShare/want-1) > 0.1 {
		t.Errorf("noise share of the means %.4f, want %.4f", res.Noise.MeansShare, want)
	}
}

// A constant output has no variance to decompose: the result comes back with NaN indices
// and ErrConstantOutput, so a caller can still write its row.
func TestSobolConstantOutput(t *testing.T) {
	t.Parallel()
	d, err := NewSaltelli(2, 16, ScrambledSobol, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	y := evaluate(unitFactors(2), d.Points, func([]float64) float64 { return 3 })
	res, err := d.Analyze(y, Bootstrap{Resamples: 10}, rand.New(rand.NewPCG(2, 2)))
	if !errors.Is(err, ErrConstantOutput) {
		t.Fatalf("error %v, want ErrConstantOutput", err)
	}
	if res == nil || res.Variance != 0 {
		t.Fatalf("result %+v, want one with zero variance", res)
	}
	for i, f := range res.Factors {
		for _, v := range []float64{f.S1, f.S1Lo, f.S1Hi, f.ST, f.STLo, f.STHi} {
			if !math.IsNaN(v) {
				t.Errorf("x%d: %+v, want NaN indices and intervals", i+1, f)
				break
			}
		}
	}
}

func TestSobolAnalyzeErrors(t *testing.T) {
	t.Parallel()
	d, err := NewSaltelli(2, 8, IID, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	y := evaluate(unitFactors(2), d.Points, func(x []float64) float64 { return x[0] })
	y[d.AB(1, 3)] = nil
	if _, err := d.Analyze(y, Bootstrap{}, rand.New(rand.NewPCG(1, 1))); !errors.Is(err, ErrMissing) {
		t.Errorf("missing point: error %v, want ErrMissing", err)
	}
	if _, err := d.Analyze(y[:5], Bootstrap{}, rand.New(rand.NewPCG(1, 1))); err == nil {
		t.Error("too few outputs: no error")
	}
}

// The same seeds give the same design and the same indices, bit for bit.
func TestSobolDeterministic(t *testing.T) {
	t.Parallel()
	run := func() *SobolResult {
		d, err := NewSaltelli(3, 128, ScrambledSobol, rand.New(rand.NewPCG(61, 62)))
		if err != nil {
			t.Fatal(err)
		}
		y := evaluate(ishigamiFactors, d.Points, func(x []float64) float64 { return ishigami(x, 7, 0.1) })
		res, err := d.Analyze(y, Bootstrap{Resamples: 100}, rand.New(rand.NewPCG(63, 64)))
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	a, b := run(), run()
	if !slices.Equal(a.Factors, b.Factors) || a.Variance != b.Variance {
		t.Errorf("two runs differ:\n%+v\n%+v", a, b)
	}
}
