package experiments

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// TestHistoryVolatility: the realised volatility is the root mean square of the daily
// log returns over the last d snapshots' returns (fewer while fewer are kept), 0 before
// a second snapshot, a non-positive price contributing no return, and a restarted
// subnet without a past.
func TestHistoryVolatility(t *testing.T) {
	h := newHistory(2)
	take := func(p0, p1 float64) {
		h.price[h.days%historyDays][0], h.price[h.days%historyDays][1] = p0, p1
		h.record()
	}
	take(1, 1)
	if got := h.volatility(0, 7); got != 0 {
		t.Fatalf("one snapshot: volatility %g, want 0", got)
	}
	take(2, 0) // subnet 1's price 0: no return for it on this day nor the next
	take(1, 3)
	take(4, 6)
	l2, l4 := math.Log(2), math.Log(4)
	for _, tc := range []struct {
		i, days int
		want    float64
	}{
		{0, 1, l4},
		{0, 2, math.Sqrt((l2*l2 + l4*l4) / 2)},
		{0, 3, math.Sqrt((l2*l2 + l2*l2 + l4*l4) / 3)},
		{0, 30, math.Sqrt((l2*l2 + l2*l2 + l4*l4) / 3)}, // only three returns kept
		{1, 3, math.Sqrt(l2 * l2 / 3)},                  // 1 → 0 and 0 → 3 give none
	} {
		if got := h.volatility(tc.i, tc.days); !scalar.EqualWithinAbsOrRel(got, tc.want, 1e-14, 1e-14) {
			t.Errorf("subnet %d over %d days: %g, want %g", tc.i, tc.days, got, tc.want)
		}
	}
	h.restart(0, 5)
	take(5, 6)
	if got := h.volatility(0, 30); got != 0 {
		t.Errorf("restarted subnet: %g, want 0", got)
	}
	// More snapshots than the ring holds: the window is exactly the last historyDays−1
	// returns (returns that differ from day to day, so a window one day off differs).
	h = newHistory(1)
	logp := func(d int) float64 { return math.Sin(float64(d)) * float64(d%7) }
	n := 3 * historyDays
	for d := range n {
		h.price[h.days%historyDays][0] = math.Exp(logp(d))
		h.record()
	}
	for _, days := range []int{5, historyDays - 1, 100} {
		k := min(days, historyDays-1)
		var sum float64
		for d := n - k; d < n; d++ {
			r := logp(d) - logp(d-1)
			sum += r * r
		}
		want := math.Sqrt(sum / float64(k))
		if got := h.volatility(0, days); !scalar.EqualWithinAbsOrRel(got, want, 1e-9, 1e-9) {
			t.Errorf("long run, %d days: %g, want %g (the last %d returns)", days, got, want, k)
		}
	}
}
