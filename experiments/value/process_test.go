package value

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"dtaosim/agents"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/stat"
)

func mustNew(t *testing.T, c Config, n int, rng *rand.Rand) *Process {
	t.Helper()
	p, err := New(c, n, rng)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func logs(p *Process) []float64 {
	v := p.Latent(nil)
	for i := range v {
		v[i] = math.Log(v[i])
	}
	return v
}

// TestStationaryDistribution: across subnets the log value is N(ln Median, Sigma²) at
// the start and after many half-lives, and its autocorrelation at one half-life is ½.
func TestStationaryDistribution(t *testing.T) {
	t.Parallel()
	c := Config{Median: 20, Sigma: 1.2, HalfLifeDays: 30}
	const n = 4000
	rng := rand.New(rand.NewPCG(1, 1))
	p := mustNew(t, c, n, rng)
	mu := math.Log(c.Median)
	check := func(when string, x []float64) {
		mean, variance := stat.MeanVariance(x, nil)
		// 4 standard errors of the estimators for n normal draws: σ/√n for the mean,
		// σ²·√(2/(n−1)) for the variance.
		if se := c.Sigma / math.Sqrt(n); math.Abs(mean-mu) > 4*se {
			t.Errorf("%s: mean log value %.4f, want %.4f ± %.3f", when, mean, mu, 4*se)
		}
		if want, se := c.Sigma*c.Sigma, c.Sigma*c.Sigma*math.Sqrt(2.0/(n-1)); math.Abs(variance-want) > 4*se {
			t.Errorf("%s: variance of log value %.4f, want %.4f ± %.3f", when, variance, want, 4*se)
		}
	}
	check("start", logs(p))
	// Ten half-lives (300 days) in daily steps: the start is forgotten to 2^−10.
	for range 300 {
		p.Advance(1, rng)
	}
	before := logs(p)
	check("day 300", before)
	p.Advance(c.HalfLifeDays, rng)
	after := logs(p)
	check("day 330", after)
	// corr(x_t, x_{t+h}) = e^(−θh) = ½ at one half-life; its SE is about (1 − ρ²)/√n.
	if r := stat.Correlation(before, after, nil); math.Abs(r-0.5) > 4*0.75/math.Sqrt(n) {
		t.Errorf("autocorrelation at one half-life %.4f, want 0.5", r)
	}
}

// TestRelaxation: from a state far off the median, the mean log deviation halves every
// half-life (with no noise, exactly).
func TestRelaxation(t *testing.T) {
	t.Parallel()
	c := Config{Median: 10, Sigma: 0, HalfLifeDays: 50}
	rng := rand.New(rand.NewPCG(2, 2))
	p := mustNew(t, c, 3, rng)
	for i := range p.logv {
		p.logv[i] = math.Log(c.Median) + float64(i+1) // deviations 1, 2, 3
	}
	for range 50 {
		p.Advance(1, rng)
	}
	for i, x := range logs(p) {
		// 50 steps of e^(−ln2/50) multiply the deviation by ½ up to rounding.
		if want := float64(i+1) / 2; !scalar.EqualWithinAbs(x-math.Log(c.Median), want, 1e-12) {
			t.Errorf("subnet %d: deviation %v after one half-life, want %v", i, x-math.Log(c.Median), want)
		}
	}
}

// TestFixedValues: half-life 0 keeps values at their first draw but still draws one
// number per subnet, like any other half-life.
func TestFixedValues(t *testing.T) {
	t.Parallel()
	fixed, moving := Defaults(), Defaults()
	fixed.HalfLifeDays = 0
	r1, r2 := rand.New(rand.NewPCG(3, 3)), rand.New(rand.NewPCG(3, 3))
	pf, pm := mustNew(t, fixed, 10, r1), mustNew(t, moving, 10, r2)
	start := pf.Latent(nil)
	if m := pm.Latent(nil); m[0] != start[0] {
		t.Fatal("the first draw depends on the half-life")
	}
	for range 20 {
		pf.Advance(1, r1)
		pm.Advance(1, r2)
	}
	for i, v := range pf.Latent(nil) {
		if v != start[i] {
			t.Errorf("subnet %d: fixed value moved from %v to %v", i, start[i], v)
		}
	}
	if r1.Uint64() != r2.Uint64() {
		t.Error("fixed and moving values consumed different numbers of draws")
	}
}

func TestValues(t *testing.T) {
	t.Parallel()
	kinds := []agents.Kind{agents.Utility, agents.Revenue, agents.Meme, agents.Utility}
	latent := []float64{5, 6, 7, 8}
	revenue := []float64{0, 400, 0, 0}
	got := Values(nil, kinds, latent, revenue)
	want := []float64{5, 400, 0, 8}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Values = %v, want %v", got, want)
			break
		}
	}
	// No revenue subnets: revenue may be nil.
	if got := Values(got, kinds[2:], latent[2:], nil); len(got) != 2 || got[0] != 0 || got[1] != 8 {
		t.Errorf("Values without revenue = %v, want [0 8]", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("a revenue subnet with nil revenue did not panic")
		}
	}()
	Values(nil, kinds, latent, nil)
}

func TestValidate(t *testing.T) {
	t.Parallel()
	if err := Defaults().Validate(); err != nil {
		t.Fatal(err)
	}
	// The default sigma matches the Gini of pool TAO across subnets (0.63, validation.md
	// moment 10) through the lognormal's Gini, erf(σ/2), to the 2 decimals it is given.
	if g := math.Erf(Defaults().Sigma / 2); math.Abs(g-0.63) > 0.005 {
		t.Errorf("Gini of the default lognormal %.4f, want 0.63", g)
	}
	for _, tc := range []struct {
		c    Config
		want string
	}{
		{Config{Median: 0, Sigma: 1, HalfLifeDays: 1}, "median: expected a finite number > 0 (TAO per day), got 0"},
		{Config{Median: 1, Sigma: -1, HalfLifeDays: 1}, "sigma: expected a finite number >= 0, got -1"},
		{Config{Median: 1, Sigma: 1, HalfLifeDays: math.Inf(1)}, "half_life_days: expected a finite number >= 0 (0: fixed values), got +Inf"},
	} {
		if err := tc.c.Validate(); err == nil || err.Error() != tc.want {
			t.Errorf("Validate(%+v) = %v, want %q", tc.c, err, tc.want)
		}
		if _, err := New(tc.c, 3, rand.New(rand.NewPCG(1, 1))); err == nil {
			t.Errorf("New accepted %+v", tc.c)
		}
	}
}

// TestAlignWith: the values are reordered to rank as the caps, as a multiset unchanged;
// subnets with equal caps keep the order of their own values; equal caps everywhere
// change nothing.
func TestAlignWith(t *testing.T) {
	t.Parallel()
	p, err := New(Defaults(), 5, rand.New(rand.NewPCG(3, 4)))
	if err != nil {
		t.Fatal(err)
	}
	before := p.Latent(nil)
	p.AlignWith([]float64{7, 7, 7, 7, 7})
	if after := p.Latent(nil); !slices.Equal(before, after) {
		t.Errorf("equal caps changed the values: %v → %v", before, after)
	}
	// caps 30, 10, 50, 10, 20: ranks (ties by own value) 4, {0, 1}, 5, {0, 1}, 3 (1-based).
	caps := []float64{30, 10, 50, 10, 20}
	p.AlignWith(caps)
	after := p.Latent(nil)
	sorted := slices.Clone(before)
	slices.Sort(sorted)
	want := []float64{sorted[3], sorted[0], sorted[4], sorted[1], sorted[2]}
	if before[1] > before[3] { // tied caps: subnet 1 keeps the larger of the two values
		want[1], want[3] = sorted[1], sorted[0]
	}
	if !slices.Equal(after, want) {
		t.Errorf("after aligning with caps %v: %v, want %v (values before %v)", caps, after, want, before)
	}
}
