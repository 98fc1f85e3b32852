package agents

import (
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

func TestNewCalendarRoundsUpToPowerOfTwo(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ width, want int }{{0, 1}, {1, 1}, {2, 2}, {5, 8}, {8, 8}, {9, 16}, {7200, 8192}} {
		if got := len(NewCalendar(tc.width).buckets); got != tc.want {
			t.Errorf("NewCalendar(%d): %d buckets, want %d", tc.width, got, tc.want)
		}
	}
}

func TestCalendarDue(t *testing.T) {
	t.Parallel()
	type push struct {
		at int64
		id int32
	}
	tests := []struct {
		name   string
		width  int
		pushes []push
	}{
		{"same block in push order", 8, []push{{5, 1}, {5, 2}, {5, 0}, {5, 7}}},
		{"interleaved blocks", 8, []push{{3, 1}, {4, 2}, {3, 3}, {2, 4}, {4, 5}}},
		{"one cycle ahead in the same bucket", 8, []push{{13, 1}, {5, 2}, {21, 3}, {5, 4}, {13, 5}}},
		{"many cycles ahead", 4, []push{{1000, 1}, {0, 2}, {4, 3}, {996, 4}, {1000, 5}, {8, 6}}},
		{"single bucket", 1, []push{{9, 1}, {2, 2}, {9, 3}, {0, 4}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := NewCalendar(tc.width)
			want := map[int64][]int32{}
			last := int64(0)
			for _, p := range tc.pushes {
				c.Push(p.at, p.id)
				want[p.at] = append(want[p.at], p.id)
				last = max(last, p.at)
			}
			var got []int32
			for b := int64(0); b <= last+int64(len(c.buckets))+1; b++ {
				got = c.Due(b, got[:0])
				if !slices.Equal(got, want[b]) {
					t.Errorf("Due(%d) = %v, want %v", b, got, want[b])
				}
			}
		})
	}
}

func TestCalendarDueAppends(t *testing.T) {
	t.Parallel()
	c := NewCalendar(4)
	c.Push(2, 9)
	if got := c.Due(2, []int32{1, 2}); !slices.Equal(got, []int32{1, 2, 9}) {
		t.Errorf("Due appended %v, want [1 2 9]", got)
	}
	if got := c.Due(2, nil); len(got) != 0 {
		t.Errorf("Due(2) again = %v, want nothing (wake-ups are removed)", got)
	}
}

// TestCalendarProperty drives the calendar like the block loop: every wake-up reschedules
// its id a random delay later (often beyond the bucket count), and a plain map model says
// which ids are due at each block and in which order.
func TestCalendarProperty(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		width := rapid.IntRange(1, 64).Draw(t, "width")
		c := NewCalendar(width)
		model := map[int64][]int32{}
		n := rapid.IntRange(1, 20).Draw(t, "ids")
		for id := range int32(n) {
			at := rapid.Int64Range(0, 200).Draw(t, "at")
			c.Push(at, id)
			model[at] = append(model[at], id)
		}
		var got []int32
		for b := int64(0); b < 600; b++ {
			got = c.Due(b, got[:0])
			if !slices.Equal(got, model[b]) {
				t.Fatalf("Due(%d) = %v, want %v", b, got, model[b])
			}
			delete(model, b)
			for _, id := range got {
				at := b + rapid.Int64Range(1, 150).Draw(t, "delay")
				c.Push(at, id)
				model[at] = append(model[at], id)
			}
		}
	})
}

func TestNextDelayNeverFiresForZeroRate(t *testing.T) {
	t.Parallel()
	rng := newRand(1)
	for _, rate := range []float64{0, -1, math.Inf(-1)} {
		for range 100 {
			if d := NextDelay(rate, rng); d != math.MaxInt32 {
				t.Fatalf("NextDelay(%g) = %d, want MaxInt32", rate, d)
			}
		}
	}
	// A tiny positive rate has delays beyond the cap; they are capped, not overflowed.
	for range 100 {
		if d := NextDelay(1e-12, rng); d < 1 || d > math.MaxInt32 {
			t.Fatalf("NextDelay(1e-12) = %d, want in [1, MaxInt32]", d)
		}
	}
}

func TestNextDelayAtLeastOneBlock(t *testing.T) {
	t.Parallel()
	rng := newRand(1)
	for _, rate := range []float64{1, 24, 7200, 1e5, 1e9, math.Inf(1)} {
		for range 10000 {
			if d := NextDelay(rate, rng); d < 1 {
				t.Fatalf("NextDelay(%g) = %d, want ≥ 1", rate, d)
			}
		}
	}
}

// TestNextDelayMean checks the Poisson clock against its analytic moments. The delay is
// ⌈X⌉ with X exponential of mean m = 7200/rate blocks, which is geometric on {1, 2, …}
// with success probability q = 1 − e^(−1/m): mean 1/q (within ½ block of m) and variance
// (1 − q)/q² (≈ m²). With n = 200 000 draws the sample mean's standard error is
// sd/√n ≈ m/447; we allow 4 standard errors (a false alarm about once in 16 000 seeds,
// and the seed is fixed), and also require the mean to be within 4 SE + ½ block of m, the
// documented 7200/rate.
func TestNextDelayMean(t *testing.T) {
	t.Parallel()
	const n = 200_000
	for _, rate := range []float64{4, 24, 48, 1000} {
		t.Run("", func(t *testing.T) {
			t.Parallel()
			rng := newRand(1)
			sum, sum2 := 0.0, 0.0
			for range n {
				d := float64(NextDelay(rate, rng))
				sum += d
				sum2 += d * d
			}
			mean := sum / n
			sampleVar := sum2/n - mean*mean
			m := BlocksPerDay / rate
			q := -math.Expm1(-1 / m)
			wantMean, wantVar := 1/q, (1-q)/(q*q)
			se := math.Sqrt(wantVar / n)
			if math.Abs(mean-wantMean) > 4*se {
				t.Errorf("rate %g: mean delay %.3f, want %.3f ± %.3f (4 SE)", rate, mean, wantMean, 4*se)
			}
			if math.Abs(mean-m) > 4*se+0.5 {
				t.Errorf("rate %g: mean delay %.3f, want 7200/rate = %.3f ± %.3f", rate, mean, m, 4*se+0.5)
			}
			// The exponential has a fat enough tail that the sample variance's relative
			// standard error is √((κ−1)/n) with kurtosis κ = 9: about 0.6%; allow 3%.
			if math.Abs(sampleVar/wantVar-1) > 0.03 {
				t.Errorf("rate %g: delay variance %.1f, want %.1f", rate, sampleVar, wantVar)
			}
		})
	}
}
