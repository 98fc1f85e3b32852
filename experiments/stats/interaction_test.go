package stats

import (
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

// TestSignFlipExactHand: p-values counted by hand over every sign pattern.
func TestSignFlipExactHand(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		d    []int
		want float64
	}{
		{nil, 1},
		{[]int{0, 0}, 1},
		{[]int{1, 1, 1}, 2.0 / 8},      // only +++ and --- reach |S| = 3
		{[]int{2, 1}, 2.0 / 4},         // S ∈ {3, 1, −1, −3}
		{[]int{2, -1}, 1},              // S = 1: every pattern has |S| ≥ 1
		{[]int{2, 2, 1}, 2.0 / 8},      // S = 5 only at +++ and ---
		{[]int{-2, -2, 0, 1}, 4.0 / 8}, // S = −3: |S| ≥ 3 at ±(2,2,1) and ±(2,2,−1)
	} {
		if got := SignFlipExact(tc.d); math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("SignFlipExact(%v) = %v, want %v", tc.d, got, tc.want)
		}
	}
}

// TestSignFlipExactEnumeration: the convolution equals counting all 2^m sign patterns.
func TestSignFlipExactEnumeration(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		d := rapid.SliceOfN(rapid.IntRange(-2, 2), 0, 12).Draw(t, "d")
		obs := 0
		for _, v := range d {
			obs += v
		}
		hits := 0
		for mask := range 1 << len(d) {
			s := 0
			for i, v := range d {
				if mask&(1<<i) != 0 {
					s += abs(v)
				} else {
					s -= abs(v)
				}
			}
			if abs(s) >= abs(obs) {
				hits++
			}
		}
		want := float64(hits) / float64(int(1)<<len(d))
		if got := SignFlipExact(d); math.Abs(got-want) > 1e-12 {
			t.Fatalf("SignFlipExact(%v) = %v, enumeration %v", d, got, want)
		}
	})
}

// TestSignFlipExactMcNemar: with differences of ±1 only, the test is the exact McNemar test.
func TestSignFlipExactMcNemar(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		d := rapid.SliceOfN(rapid.IntRange(-1, 1), 0, 300).Draw(t, "d")
		b, c := 0, 0
		for _, v := range d {
			switch v {
			case 1:
				b++
			case -1:
				c++
			}
		}
		got, want := SignFlipExact(d), McNemarExact(b, c)
		if math.Abs(got-want) > 1e-9*math.Max(want, 1e-300) && math.Abs(got-want) > 1e-15 {
			t.Fatalf("b=%d c=%d: SignFlipExact %v, McNemarExact %v", b, c, got, want)
		}
	})
}

// TestPairedInteractionSymmetry: exchanging the two comparisons, or the arms within both,
// turns the interval around; it contains the estimate and lies in [−2, 2].
func TestPairedInteractionSymmetry(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 120).Draw(t, "n")
		gen := rapid.SliceOfN(rapid.Bool(), n, n)
		a1, b1, a2, b2 := gen.Draw(t, "a1"), gen.Draw(t, "b1"), gen.Draw(t, "a2"), gen.Draw(t, "b2")
		d, lo, hi := PairedInteraction(a1, b1, a2, b2, 0.95)
		if lo > d || d > hi || lo < -2 || hi > 2 {
			t.Fatalf("interval [%v, %v] around %v", lo, hi, d)
		}
		for name, f := range map[string]func() (float64, float64, float64){
			"comparisons exchanged": func() (float64, float64, float64) { return PairedInteraction(a2, b2, a1, b1, 0.95) },
			"arms exchanged":        func() (float64, float64, float64) { return PairedInteraction(b1, a1, b2, a2, 0.95) },
		} {
			d2, lo2, hi2 := f()
			if math.Abs(d2+d) > 1e-12 || math.Abs(lo2+hi) > 1e-12 || math.Abs(hi2+lo) > 1e-12 {
				t.Fatalf("%s: %v [%v, %v], want %v [%v, %v]", name, d2, lo2, hi2, -d, -hi, -lo)
			}
		}
	})
}

// TestPairedInteractionCoverage: over simulated experiments of 80 units whose four arms
// share a latent draw (so that the comparisons are correlated, as common random numbers
// make them), the 95% interval covers the true interaction in about 95% of experiments;
// with 10 or 20 units whose arms nearly always agree, in at least about 95%.
// Each arm's outcome is 1 when a uniform falls below its probability; with probability
// rho the four arms of a unit use one uniform, otherwise each its own, so every arm's
// marginal probability is exact and the true interaction is (p_a1 − p_b1) − (p_a2 − p_b2).
func TestPairedInteractionCoverage(t *testing.T) {
	t.Parallel()
	const sims = 4000
	for _, tc := range []struct {
		name string
		p    [4]float64 // a1, b1, a2, b2
		rho  float64
		n    int
	}{
		{"an interaction near its largest", [4]float64{0.9, 0.1, 0.85, 0.8}, 0.5, 80},
		{"none, moderate rates", [4]float64{0.6, 0.3, 0.6, 0.3}, 0.7, 80},
		{"rare outcomes", [4]float64{0.15, 0.02, 0.05, 0.05}, 0.5, 80},
		// Few replicates whose arms nearly always agree: the raw correlation of x and z
		// is often 1 there, which without the continuity correction shrank the interval
		// to a point (84% coverage at 10 and 20 replicates, found in review).
		{"10 replicates, arms nearly always agreeing", [4]float64{0.5, 0.2, 0.45, 0.2}, 0.95, 10},
		{"20 replicates, arms nearly always agreeing", [4]float64{0.5, 0.2, 0.45, 0.2}, 0.95, 20},
		{"10 replicates, rarer outcomes", [4]float64{0.3, 0.1, 0.2, 0.1}, 0.9, 10},
	} {
		rng := rand.New(rand.NewPCG(2069, uint64(len(tc.name))))
		truth := (tc.p[0] - tc.p[1]) - (tc.p[2] - tc.p[3])
		n := tc.n
		a := [4][]bool{make([]bool, n), make([]bool, n), make([]bool, n), make([]bool, n)}
		covered := 0
		for range sims {
			for i := range n {
				shared := rng.Float64() < tc.rho
				u := rng.Float64()
				for k := range 4 {
					if !shared {
						u = rng.Float64()
					}
					a[k][i] = u < tc.p[k]
				}
			}
			_, lo, hi := PairedInteraction(a[0], a[1], a[2], a[3], 0.95)
			if lo <= truth && truth <= hi {
				covered++
			}
		}
		// 4000 experiments: a binomial standard error of 0.0034 at 0.95. With few
		// replicates the continuity correction makes the interval conservative (as
		// Newcombe's is): only its lower end is held there.
		if c := float64(covered) / sims; c < 0.93 || (n >= 80 && c > 0.99) {
			t.Errorf("%s: coverage %.4f, want about 0.95", tc.name, c)
		} else {
			t.Logf("%s: coverage %.4f", tc.name, c)
		}
	}
}

func TestPairedInteractionErrors(t *testing.T) {
	t.Parallel()
	if d, lo, hi := PairedInteraction(nil, nil, nil, nil, 0.95); d != 0 || lo != -2 || hi != 2 {
		t.Errorf("no units: %v [%v, %v], want 0 [-2, 2]", d, lo, hi)
	}
	mustPanic(t, func() { PairedInteraction([]bool{true}, nil, nil, nil, 0.95) })
	mustPanic(t, func() { PairedInteraction(nil, nil, nil, nil, 1) })
}
