package mining

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/stat"
	"pgregory.net/rapid"
)

func newRNG() *rand.Rand { return rand.New(rand.NewPCG(1, 1)) }

func mustNew(t testing.TB, c Config) *Process {
	t.Helper()
	p, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestGBMMoments checks the daily log returns of both prices against the GBM's
// parameters: mean (μ − σ²/2)/365, variance σ²/365, and the correlation of the two.
func TestGBMMoments(t *testing.T) {
	t.Parallel()
	c := Defaults()
	c.BTCDrift, c.BTCVolatility = 2, 0.5
	c.TAODrift, c.TAOVolatility, c.Correlation = -1, 0.9, 0.6
	for _, days := range []float64{1, 7} {
		var p *Process
		rng := newRNG()
		const n = 100_000
		rb, rt := make([]float64, n), make([]float64, n)
		for i := range n {
			if i%1000 == 0 {
				p = mustNew(t, c) // restart before the prices overflow (1000 steps ≤ 20 years)
			}
			b0, t0 := p.State().BTCPrice, p.State().TAOPrice
			p.Advance(days, rng)
			rb[i], rt[i] = math.Log(p.State().BTCPrice/b0), math.Log(p.State().TAOPrice/t0)
			if math.IsNaN(rb[i]+rt[i]) || math.IsInf(rb[i]+rt[i], 0) {
				t.Fatalf("step %d: log returns %v, %v", i, rb[i], rt[i])
			}
		}
		dt := days / DaysPerYear
		for _, x := range []struct {
			name      string
			r         []float64
			mu, sigma float64
		}{
			{"btc", rb, c.BTCDrift, c.BTCVolatility},
			{"tao", rt, c.TAODrift, c.TAOVolatility},
		} {
			wantMean := (x.mu - x.sigma*x.sigma/2) * dt
			wantVar := x.sigma * x.sigma * dt
			mean, variance := stat.MeanVariance(x.r, nil)
			// Tolerances are 4 standard errors of the estimators for normal samples:
			// sd/√n for the mean, var·√(2/(n−1)) for the variance.
			seMean := math.Sqrt(wantVar / n)
			seVar := wantVar * math.Sqrt(2.0/(n-1))
			if math.Abs(mean-wantMean) > 4*seMean {
				t.Errorf("%s, %v-day steps: mean log return %.6g, want %.6g ± %.2g", x.name, days, mean, wantMean, 4*seMean)
			}
			if math.Abs(variance-wantVar) > 4*seVar {
				t.Errorf("%s, %v-day steps: variance %.6g, want %.6g ± %.2g", x.name, days, variance, wantVar, 4*seVar)
			}
		}
		// The correlation estimate's standard error is about (1 − ρ²)/√n.
		if r := stat.Correlation(rb, rt, nil); math.Abs(r-c.Correlation) > 4*(1-c.Correlation*c.Correlation)/math.Sqrt(n) {
			t.Errorf("%v-day steps: correlation %.4f, want %.2f", days, r, c.Correlation)
		}
	}
}

// TestDeterministicPath: with no volatility the path is the formula, computed by hand.
func TestDeterministicPath(t *testing.T) {
	t.Parallel()
	c := Defaults()
	c.Start, c.NextHalving = "2026-01-01", "2030-01-01"
	c.BTCPrice, c.BTCDrift, c.BTCVolatility = 100_000, 0.1, 0
	c.TAOPrice, c.TAODrift, c.TAOVolatility = 400, -0.2, 0
	c.SubnetHashrate, c.SubnetHashrateGrowth = 10, 0.1
	c.NetworkHashrate, c.NetworkHashrateGrowth = 1000, 0.4
	c.CostShare = 0.5
	p := mustNew(t, c)

	// Day 0: share 10/1000, gross 0.01 × 3.125 × 144 × 100000/400 = 1125 TAO a day.
	s := p.State()
	if !scalar.EqualWithinRel(s.GrossTAO, 1125, 1e-12) || !scalar.EqualWithinRel(s.NetTAO, 562.5, 1e-12) || !scalar.EqualWithinRel(s.CostTAO, 562.5, 1e-12) {
		t.Errorf("day 0: %+v, want gross 1125, cost and net 562.5", s)
	}
	rng := newRNG()
	for range 365 {
		p.Advance(1, rng)
	}
	// A year on: BTC 1e5·e^0.1, TAO 400·e^−0.2, network 1400, subnet 11 EH/s.
	s = p.State()
	btc, tao := 1e5*math.Exp(0.1), 400*math.Exp(-0.2)
	gross := 11.0 / 1400 * 3.125 * 144 * btc / tao
	// 365 multiplications of exp(μ/365) drift from exp(μ) by a few ulps each.
	const tol = 1e-12
	if s.Day != 365 || !scalar.EqualWithinRel(s.BTCPrice, btc, tol) || !scalar.EqualWithinRel(s.TAOPrice, tao, tol) ||
		!scalar.EqualWithinRel(s.NetworkHashrate, 1400, tol) || !scalar.EqualWithinRel(s.SubnetHashrate, 11, tol) ||
		!scalar.EqualWithinRel(s.GrossTAO, gross, tol) || !scalar.EqualWithinRel(s.NetTAO, gross/2, tol) {
		t.Errorf("day 365: %+v\nwant BTC %v, TAO %v, network 1400, subnet 11, gross %v, net %v", s, btc, tao, gross, gross/2)
	}
	// One Advance of 365 days gives the same state as 365 of one day.
	q := mustNew(t, c)
	q.Advance(365, rng)
	if r := q.State(); !scalar.EqualWithinRel(r.BTCPrice, btc, tol) || !scalar.EqualWithinRel(r.GrossTAO, gross, tol) {
		t.Errorf("one step of 365 days: %+v", r)
	}
}

// TestHalving: the reward halves on the date of the next halving and every interval
// after it, and the revenue with it.
func TestHalving(t *testing.T) {
	t.Parallel()
	c := Defaults()
	c.BTCVolatility, c.NetworkHashrateGrowth = 0, 0
	c.Start, c.NextHalving, c.HalvingIntervalDays = "2028-04-10", "2028-04-17", 1458.33
	p := mustNew(t, c)
	rng := newRNG()
	var prev State
	for d := range 20 {
		s := p.State()
		want := 3.125
		if d >= 7 {
			want = 1.5625
		}
		if s.BlockReward != want {
			t.Errorf("day %d: reward %v, want %v", d, s.BlockReward, want)
		}
		if d == 7 && !scalar.EqualWithinRel(s.GrossTAO, prev.GrossTAO/2, 1e-12) {
			t.Errorf("day 7: gross %v, want half of day 6's %v", s.GrossTAO, prev.GrossTAO)
		}
		if d != 7 && d > 0 && !scalar.EqualWithinRel(s.GrossTAO, prev.GrossTAO, 1e-12) {
			t.Errorf("day %d: gross %v changed from %v without a halving", d, s.GrossTAO, prev.GrossTAO)
		}
		prev = s
		p.Advance(1, rng)
	}
	for _, tc := range []struct {
		day  float64
		want int
	}{{6.999, 0}, {7, 1}, {7 + 1458.32, 1}, {7 + 1458.33, 2}, {7 + 3*1458.33, 4}} {
		if got := p.Halvings(tc.day); got != tc.want {
			t.Errorf("Halvings(%v) = %d, want %d", tc.day, got, tc.want)
		}
	}
}

// TestCosts: costs are CostShare of gross revenue, so net revenue is never negative.
func TestCosts(t *testing.T) {
	t.Parallel()
	for _, share := range []float64{0, 0.3, 1} {
		c := Defaults()
		c.CostShare = share
		s := mustNew(t, c).State()
		if !scalar.EqualWithinRel(s.CostTAO, share*s.GrossTAO, 1e-15) || !scalar.EqualWithinRel(s.NetTAO, (1-share)*s.GrossTAO, 1e-12) {
			t.Errorf("cost_share %v: %+v", share, s)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		c := Defaults()
		c.CostShare = rapid.Float64Range(0, 1).Draw(t, "cost_share")
		c.BTCVolatility = rapid.Float64Range(0, 3).Draw(t, "btc_volatility")
		c.TAOVolatility = rapid.Float64Range(0, 3).Draw(t, "tao_volatility")
		c.NetworkHashrateGrowth = rapid.Float64Range(-0.9, 5).Draw(t, "network_growth")
		c.SubnetHashrateGrowth = rapid.Float64Range(-0.9, 5).Draw(t, "subnet_growth")
		p, err := New(c)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 0))
		for range 50 {
			p.Advance(rapid.Float64Range(0, 30).Draw(t, "days"), rng)
			s := p.State()
			if !(s.NetTAO >= 0) || !(s.GrossTAO >= s.NetTAO) || s.Share > 1 {
				t.Fatalf("state %+v: negative net, net above gross, or share above 1", s)
			}
		}
	})
}

// TestCommonShocks: two runs differing only in volatility draw the same numbers, so a
// parameter's arms compare in pairs; the same seed gives the same path.
func TestCommonShocks(t *testing.T) {
	t.Parallel()
	a, b := Defaults(), Defaults()
	b.TAOVolatility, b.Correlation = 0.8, 0.5
	pa, pb := mustNew(t, a), mustNew(t, b)
	ra, rb := newRNG(), newRNG()
	for range 100 {
		pa.Advance(1, ra)
		pb.Advance(1, rb)
		if pa.State().BTCPrice != pb.State().BTCPrice {
			t.Fatal("the BTC path depends on the TAO volatility: the shocks are not shared")
		}
	}
	if ra.Uint64() != rb.Uint64() {
		t.Error("the two runs consumed different numbers of draws")
	}
}

func TestAdvancePanics(t *testing.T) {
	t.Parallel()
	for _, d := range []float64{-1, math.NaN(), math.Inf(1)} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.HasPrefix(r.(string), "mining: Advance") {
					t.Errorf("Advance(%v): recovered %v, want a mining: panic", d, r)
				}
			}()
			mustNew(t, Defaults()).Advance(d, newRNG())
		}()
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	if err := Defaults().Validate(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		mod  func(*Config)
		want string
	}{
		{"start", func(c *Config) { c.Start = "15/05/2025" }, `start: expected a date YYYY-MM-DD, got "15/05/2025"`},
		{"halving date", func(c *Config) { c.NextHalving = "" }, `next_halving: expected a date YYYY-MM-DD, got ""`},
		{"halving before start", func(c *Config) { c.NextHalving = "2024-04-20" }, "next_halving: expected a date after start (2025-05-15), got 2024-04-20"},
		{"btc price", func(c *Config) { c.BTCPrice = 0 }, "btc_price: expected a finite number > 0, got 0"},
		{"btc drift", func(c *Config) { c.BTCDrift = math.Inf(1) }, "btc_drift: expected a finite number, got +Inf"},
		{"btc vol", func(c *Config) { c.BTCVolatility = -0.1 }, "btc_volatility: expected a finite number >= 0, got -0.1"},
		{"tao price", func(c *Config) { c.TAOPrice = math.NaN() }, "tao_price: expected a finite number > 0, got NaN"},
		{"tao drift", func(c *Config) { c.TAODrift = math.NaN() }, "tao_drift: expected a finite number, got NaN"},
		{"tao vol", func(c *Config) { c.TAOVolatility = -1 }, "tao_volatility: expected a finite number >= 0, got -1"},
		{"correlation", func(c *Config) { c.Correlation = 1.5 }, "correlation: expected a number in [-1, 1], got 1.5"},
		{"subnet hashrate", func(c *Config) { c.SubnetHashrate = -6 }, "subnet_hashrate: expected a finite number >= 0, got -6"},
		{"subnet growth", func(c *Config) { c.SubnetHashrateGrowth = -1 }, "subnet_hashrate_growth: expected a finite number > -1, got -1"},
		{"network hashrate", func(c *Config) { c.NetworkHashrate = 0 }, "network_hashrate: expected a finite number > 0, got 0"},
		{"network growth", func(c *Config) { c.NetworkHashrateGrowth = -2 }, "network_hashrate_growth: expected a finite number > -1, got -2"},
		{"reward", func(c *Config) { c.BlockReward = 0 }, "block_reward: expected a finite number > 0, got 0"},
		{"interval", func(c *Config) { c.HalvingIntervalDays = 0 }, "halving_interval_days: expected a finite number > 0, got 0"},
		{"blocks", func(c *Config) { c.BlocksPerDay = -144 }, "blocks_per_day: expected a finite number > 0, got -144"},
		{"cost", func(c *Config) { c.CostShare = 1.2 }, "cost_share: expected a number in [0, 1], got 1.2"},
		{"subnet above network", func(c *Config) { c.SubnetHashrate = 900 }, "subnet_hashrate: expected at most network_hashrate (857 EH/s), got 900"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := Defaults()
			tc.mod(&c)
			if err := c.Validate(); err == nil || err.Error() != tc.want {
				t.Errorf("Validate() = %v, want %q", err, tc.want)
			}
			if _, err := New(c); err == nil {
				t.Error("New accepted an invalid config")
			}
		})
	}
}
