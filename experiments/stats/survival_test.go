package stats

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"pgregory.net/rapid"
)

// sixMP is the 6-mercaptopurine arm of the leukaemia remission trial of
// Freireich et al. (1963, Blood 21:699): remission times in weeks, with
// false marking a censored time (the "*" times 6*, 9*, 10*, 11*, 17*, 19*,
// 20*, 25*, 32*, 32*, 34*, 35*).
var (
	sixMPTimes = []float64{
		6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35,
	}
	sixMPEvents = []bool{
		true, true, true, false, true, false, true, false, false, true, true,
		false, false, false, true, true, false, false, false, false, false,
	}
)

// TestKaplanMeierSixMP checks the product-limit table of the 6-MP arm
// against the textbook values: Ŝ to 3 decimals (Kleinbaum & Klein 2012,
// Survival Analysis, ch. 2; Klein & Moeschberger 2003, Table 4.1A) and
// Greenwood standard errors to 4 decimals (Klein & Moeschberger 2003,
// Table 4.1A).
func TestKaplanMeierSixMP(t *testing.T) {
	t.Parallel()
	c := KaplanMeier(sixMPTimes, sixMPEvents)
	want := []struct {
		time   float64
		atRisk int
		events int
		surv   float64
		stdErr float64
	}{
		{6, 21, 3, 0.857, 0.0764},
		{7, 17, 1, 0.807, 0.0869},
		{10, 15, 1, 0.753, 0.0963},
		{13, 12, 1, 0.690, 0.1068},
		{16, 11, 1, 0.627, 0.1141},
		{22, 7, 1, 0.538, 0.1282},
		{23, 6, 1, 0.448, 0.1346},
	}
	if len(c.Times) != len(want) {
		t.Fatalf("got %d event times %v, want %d", len(c.Times), c.Times, len(want))
	}
	// 5e-4 and 5e-5: half a unit in the last printed decimal.
	const survTol, seTol = 5e-4, 5e-5
	for j, w := range want {
		if c.Times[j] != w.time || c.AtRisk[j] != w.atRisk || c.Events[j] != w.events {
			t.Errorf("step %d: (t, n, d) = (%v, %d, %d), want (%v, %d, %d)",
				j, c.Times[j], c.AtRisk[j], c.Events[j], w.time, w.atRisk, w.events)
		}
		if !scalar.EqualWithinAbs(c.Surv[j], w.surv, survTol) {
			t.Errorf("S(%v) = %.5f, want %.3f", w.time, c.Surv[j], w.surv)
		}
		if !scalar.EqualWithinAbs(c.StdErr[j], w.stdErr, seTol) {
			t.Errorf("SE(%v) = %.5f, want %.4f", w.time, c.StdErr[j], w.stdErr)
		}
	}
	if c.N != 21 || c.Horizon != 35 {
		t.Errorf("N, Horizon = %d, %v, want 21, 35", c.N, c.Horizon)
	}
}

func TestCurveSurvivalSixMP(t *testing.T) {
	t.Parallel()
	c := KaplanMeier(sixMPTimes, sixMPEvents)
	// Exact products, so only rounding separates them from Surv:
	// 1e-12 absolute allows a few ulps of accumulated multiplication error.
	const tol = 1e-12
	s6 := 18.0 / 21
	s7 := s6 * 16 / 17
	s23 := s7 * 14 / 15 * 11 / 12 * 10 / 11 * 6 / 7 * 5 / 6
	for _, tc := range []struct {
		name string
		t    float64
		want float64
	}{
		{"before first event", 5.9, 1},
		{"at first event", 6, s6},
		{"between events", 6.5, s6},
		{"at 7", 7, s7},
		{"censored time 9 keeps step", 9, s7},
		{"at 23", 23, s23},
		{"beyond horizon", 100, s23},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := c.Survival(tc.t); !scalar.EqualWithinAbs(got, tc.want, tol) {
				t.Errorf("Survival(%v) = %v, want %v", tc.t, got, tc.want)
			}
		})
	}
}

// TestMedianSixMP: the median remission time of the 6-MP arm is 23 weeks
// (Kleinbaum & Klein 2012, ch. 2; Ŝ drops from 0.538 to 0.448 at 23).
//
// The 95% Brookmeyer–Crowley limits follow from the published Table 4.1A
// values above, with z = 1.96: Ŝ − z·SE ≤ 0.5 first at t = 13
// (0.690 − 1.96·0.1068 = 0.481; at 10 it is 0.753 − 0.189 = 0.564), and
// Ŝ + z·SE stays above 0.5 through the last event (0.448 + 0.264 = 0.712
// at 23), so the upper limit is not reached: [13, +Inf).
func TestMedianSixMP(t *testing.T) {
	t.Parallel()
	c := KaplanMeier(sixMPTimes, sixMPEvents)
	m, ok := c.Median()
	if !ok || m != 23 {
		t.Errorf("Median() = %v, %v, want 23, true", m, ok)
	}
	lo, hi := c.MedianCI(0.95)
	if lo != 13 || !math.IsInf(hi, 1) {
		t.Errorf("MedianCI(0.95) = [%v, %v], want [13, +Inf)", lo, hi)
	}
}

func TestKaplanMeierEdgeCases(t *testing.T) {
	t.Parallel()
	t.Run("empty", func(t *testing.T) {
		t.Parallel()
		c := KaplanMeier(nil, nil)
		if s := c.Survival(1); s != 1 {
			t.Errorf("Survival = %v, want 1", s)
		}
		if _, ok := c.Median(); ok {
			t.Error("Median ok on empty sample")
		}
	})
	t.Run("all censored at horizon", func(t *testing.T) {
		t.Parallel()
		c := KaplanMeier([]float64{10, 10, 10}, []bool{false, false, false})
		if len(c.Times) != 0 || c.Survival(10) != 1 || c.Horizon != 10 {
			t.Errorf("curve %+v, want no steps, S = 1, Horizon 10", c)
		}
		if m, ok := c.Median(); ok || !math.IsNaN(m) {
			t.Errorf("Median() = %v, %v, want NaN, false", m, ok)
		}
		if lo, hi := c.MedianCI(0.95); !math.IsInf(lo, 1) || !math.IsInf(hi, 1) {
			t.Errorf("MedianCI = [%v, %v], want [+Inf, +Inf]", lo, hi)
		}
	})
	t.Run("tie of event and censoring", func(t *testing.T) {
		t.Parallel()
		// Events precede censorings at a tie: at t = 2 both subjects are at
		// risk, one fails, so S(2) = 1/2 and the median is 2.
		c := KaplanMeier([]float64{2, 2}, []bool{false, true})
		if c.AtRisk[0] != 2 || c.Surv[0] != 0.5 {
			t.Errorf("step (n, S) = (%d, %v), want (2, 0.5)", c.AtRisk[0], c.Surv[0])
		}
		if m, ok := c.Median(); !ok || m != 2 {
			t.Errorf("Median() = %v, %v, want 2, true", m, ok)
		}
	})
	t.Run("curve reaches zero", func(t *testing.T) {
		t.Parallel()
		c := KaplanMeier([]float64{3, 1, 2}, []bool{true, true, true})
		// 1e-15: (2/3)·(1/2) rounds differently from 1/3 in the last ulp.
		eq := func(a, b float64) bool { return scalar.EqualWithinAbs(a, b, 1e-15) }
		if got := c.Surv; !slices.EqualFunc(got, []float64{2.0 / 3, 1.0 / 3, 0}, eq) {
			t.Errorf("Surv = %v, want [2/3 1/3 0]", got)
		}
		if c.StdErr[2] != 0 {
			t.Errorf("StdErr at S = 0 is %v, want 0", c.StdErr[2])
		}
		if lo, hi := c.MedianCI(0.95); lo > hi || math.IsInf(hi, 1) {
			t.Errorf("MedianCI = [%v, %v], want finite and ordered", lo, hi)
		}
	})
}

func TestKaplanMeierPanics(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		times  []float64
		events []bool
	}{
		{"length mismatch", []float64{1, 2}, []bool{true}},
		{"NaN time", []float64{1, math.NaN()}, []bool{true, true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			mustPanic(t, func() { KaplanMeier(tc.times, tc.events) })
		})
	}
	mustPanic(t, func() { KaplanMeier(sixMPTimes, sixMPEvents).MedianCI(1) })
}

// TestPropertyKaplanMeier: Ŝ is non-increasing and in [0, 1]; the input is
// not modified; and without censoring Ŝ(t) equals the empirical fraction of
// subjects whose time exceeds t (Kaplan & Meier 1958, §3), computed here by
// counting.
func TestPropertyKaplanMeier(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 60).Draw(t, "n")
		// Integer-valued times make ties common.
		times := make([]float64, n)
		events := make([]bool, n)
		censoring := rapid.Bool().Draw(t, "censoring")
		for i := range times {
			times[i] = float64(rapid.IntRange(0, 20).Draw(t, "time"))
			events[i] = !censoring || rapid.Bool().Draw(t, "event")
		}
		orig := slices.Clone(times)
		c := KaplanMeier(times, events)
		if !slices.Equal(times, orig) {
			t.Fatal("input times modified")
		}
		prev := 1.0
		for q := -1.0; q <= 21; q += 0.5 {
			s := c.Survival(q)
			if s < 0 || s > 1 || s > prev {
				t.Fatalf("Survival(%v) = %v after %v: not non-increasing in [0, 1]", q, s, prev)
			}
			prev = s
			if censoring || n == 0 {
				continue
			}
			above := 0
			for _, ti := range times {
				if ti > q {
					above++
				}
			}
			// 1e-12: the product of ratios telescopes to above/n exactly in
			// real arithmetic; only rounding in up to 21 factors remains.
			if want := float64(above) / float64(n); !scalar.EqualWithinAbs(s, want, 1e-12) {
				t.Fatalf("uncensored Survival(%v) = %v, want %v", q, s, want)
			}
		}
		for j := range c.StdErr {
			if !(c.StdErr[j] >= 0) {
				t.Fatalf("StdErr[%d] = %v", j, c.StdErr[j])
			}
		}
	})
}
