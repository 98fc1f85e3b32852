package arrival

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// count runs a process of n agents for days in hourly steps at attention a and returns
// the arrivals and their times in days.
func run(c Config, n int, age, days, a float64, seed uint64) (*Process, []float64) {
	p := New(c, n, age, rand.New(rand.NewPCG(seed, 1)))
	const step = 1.0 / 24
	var times, fr []float64
	for t := 0.0; t < days-1e-9; t += step {
		fr = p.Advance(p.Rate(a), step, fr[:0])
		for _, f := range fr {
			times = append(times, t+f*step)
		}
	}
	return p, times
}

// TestDeterministic: the same stream gives the same arrival times; another stream other
// times.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	_, a := run(Speculators(), 400, 0, 30, 0.5, 7)
	_, b := run(Speculators(), 400, 0, 30, 0.5, 7)
	_, c := run(Speculators(), 400, 0, 30, 0.5, 8)
	if !slices.Equal(a, b) || len(a) == 0 {
		t.Fatalf("same stream, different arrivals: %d vs %d", len(a), len(b))
	}
	if slices.Equal(a, c) {
		t.Fatal("different streams gave identical arrivals")
	}
	if !slices.IsSorted(a) {
		t.Fatal("arrival times out of order")
	}
}

// TestRate: with attention a the count over a window of T days is Poisson with mean
// N·base·(1 + recruit·a)·T (while the pool lasts). Over 2000 streams the mean count must
// match it within 4 standard errors (sd √mean/√2000 each side), and the variance within
// 10% of the mean (Poisson: variance = mean; the variance estimate's relative sd over 2000
// draws is about √(2/2000) ≈ 3%).
func TestRate(t *testing.T) {
	t.Parallel()
	c := Speculators()
	const n, days, reps = 10000, 10.0, 2000
	for _, a := range []float64{0, 1.5} {
		want := n * c.BaseRate * (1 + c.Recruit*a) * days
		var sum, sum2 float64
		for r := range reps {
			_, times := run(c, n, 0, days, a, uint64(r))
			x := float64(len(times))
			sum += x
			sum2 += x * x
		}
		mean := sum / reps
		v := sum2/reps - mean*mean
		se := math.Sqrt(want / reps)
		t.Logf("attention %v: mean count %.2f (want %.2f ± %.2f), variance %.1f", a, mean, want, 4*se, v)
		if math.Abs(mean-want) > 4*se {
			t.Errorf("attention %v: mean count %.3f over %v days, want %.3f ± %.3f", a, mean, days, want, 4*se)
		}
		if math.Abs(v/want-1) > 0.1 {
			t.Errorf("attention %v: variance %.2f, want the mean %.2f within 10%%", a, v, want)
		}
	}
}

// TestFinitePool: every agent arrives once, in order, and the rate is 0 afterwards; by
// day 60 at the base rate 1/60 about all have come (the count is Poisson(N) capped at N:
// at least N − 4√N).
func TestFinitePool(t *testing.T) {
	t.Parallel()
	p, times := run(Speculators(), 400, 0, 120, 0, 3)
	if len(times) != 400 || p.Arrived() != 400 || p.Rate(10) != 0 {
		t.Fatalf("arrived %d (%d times), rate after %v; want 400, 400, 0", p.Arrived(), len(times), p.Rate(10))
	}
	_, by60 := run(Speculators(), 400, 0, 60, 0, 3)
	if len(by60) < 400-4*20 {
		t.Errorf("%d of 400 by day 60 at base rate 1/60; want at least 320", len(by60))
	}
}

// TestAge: an aged start lets in the agents the base rate would have brought: about
// N·base·age (Poisson), all of them past 1/base days.
func TestAge(t *testing.T) {
	t.Parallel()
	c := Speculators()
	var sum float64
	const reps = 500
	for r := range reps {
		sum += float64(New(c, 400, 7, rand.New(rand.NewPCG(uint64(r), 2))).Arrived())
	}
	want := 400 * c.BaseRate * 7
	if mean := sum / reps; math.Abs(mean-want) > 4*math.Sqrt(want/reps) {
		t.Errorf("mean present at age 7: %.2f, want %.2f", mean, want)
	}
	if got := New(c, 400, 365, rand.New(rand.NewPCG(1, 2))).Arrived(); got != 400 {
		t.Errorf("present at age 365: %d, want 400", got)
	}
	if got := New(c, 0, 365, rand.New(rand.NewPCG(1, 2))).Arrived(); got != 0 {
		t.Errorf("empty class: %d present", got)
	}
}

// TestCoupling: more attention never delays an arrival on the same stream (the
// thresholds do not depend on the intensity), so arms of an experiment stay paired.
func TestCoupling(t *testing.T) {
	t.Parallel()
	_, low := run(Speculators(), 400, 0, 20, 0, 11)
	_, high := run(Speculators(), 400, 0, 20, 2, 11)
	if len(high) < len(low) {
		t.Fatalf("more attention, fewer arrivals: %d < %d", len(high), len(low))
	}
	for k := range low {
		if high[k] > low[k]+1e-9 {
			t.Fatalf("arrival %d later with more attention: %v > %v", k, high[k], low[k])
		}
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		c    Config
		want string
	}{
		{Speculators(), ""},
		{YieldStakers(), ""},
		{Config{Process: Lump, Day: 6}, ""},
		{Config{Process: "burst"}, `process: expected "poisson" (arrivals over time) or "lump" (all on one day), got "burst"`},
		{Config{Process: Lump, Day: -1}, "day: expected a day >= 0"},
		{Config{Process: Poisson, Day: 6, BaseRate: 0.1, LookbackDays: 3}, `day: read only with process "lump"`},
		{Config{Process: Poisson, BaseRate: 0, LookbackDays: 3}, "base_rate: expected the share of the class arriving a day, in (0, 1], got 0"},
		{Config{Process: Poisson, BaseRate: math.NaN(), LookbackDays: 3}, "base_rate:"},
		{Config{Process: Poisson, BaseRate: 0.1, Recruit: -1, LookbackDays: 3}, "recruit: expected"},
		{Config{Process: Poisson, BaseRate: 0.1, LookbackDays: 31}, "lookback_days: expected a whole number of days in [1, 30], got 31"},
	} {
		err := tc.c.Validate()
		if tc.want == "" {
			if err != nil {
				t.Errorf("%+v: %v", tc.c, err)
			}
			continue
		}
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want prefix %q", tc.c, err, tc.want)
		}
	}
}
