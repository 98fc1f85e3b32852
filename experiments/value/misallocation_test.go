package value

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"pgregory.net/rapid"
)

func TestMisallocationHand(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		e, v []float64
		want float64
	}{
		{"identical", []float64{0.5, 0.3, 0.2}, []float64{0.5, 0.3, 0.2}, 0},
		{"proportional amounts", []float64{5, 3, 2}, []float64{50, 30, 20}, 0},
		{"disjoint", []float64{1, 0}, []float64{0, 1}, 1},
		// ½(|0.5−0.2| + |0.3−0.3| + |0.2−0.5|) = ½(0.3 + 0 + 0.3) = 0.3
		{"three subnets", []float64{0.5, 0.3, 0.2}, []float64{0.2, 0.3, 0.5}, 0.3},
		// A meme subnet (value 0) with 40% of emission; the two others split the value
		// 3:1: ½(|0.4−0| + |0.3−0.75| + |0.3−0.25|) = ½(0.4 + 0.45 + 0.05) = 0.45
		{"a meme subnet", []float64{0.4, 0.3, 0.3}, []float64{0, 3, 1}, 0.45},
		{"all emission to no value", []float64{1, 0, 0}, []float64{0, 0.5, 0.5}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			// The hand values are exact in decimals; binary rounding of the shares
			// leaves a few ulps.
			if got := Misallocation(tc.e, tc.v); !scalar.EqualWithinAbs(got, tc.want, 1e-15) {
				t.Errorf("Misallocation(%v, %v) = %v, want %v", tc.e, tc.v, got, tc.want)
			}
		})
	}
}

func TestMisallocationUndefined(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ e, v []float64 }{
		{[]float64{0.5, 0.5}, []float64{0, 0}},
		{[]float64{0, 0}, []float64{1, 2}},
		{nil, nil},
	} {
		if got := Misallocation(tc.e, tc.v); !math.IsNaN(got) {
			t.Errorf("Misallocation(%v, %v) = %v, want NaN", tc.e, tc.v, got)
		}
	}
}

func TestMisallocationPanics(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		e, v []float64
	}{
		{"lengths", []float64{1}, []float64{1, 2}},
		{"negative", []float64{1, -1}, []float64{1, 1}},
		{"NaN", []float64{1, 1}, []float64{math.NaN(), 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			defer func() {
				if r := recover(); r == nil || !strings.HasPrefix(r.(string), "value: Misallocation") {
					t.Errorf("recovered %v, want a value: panic", r)
				}
			}()
			Misallocation(tc.e, tc.v)
		})
	}
}

// TestMisallocationProperties: in [0, 1], symmetric, invariant to scaling either side,
// and 0 exactly when the shares agree.
func TestMisallocationProperties(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 20).Draw(t, "n")
		w := rapid.SliceOfN(rapid.Float64Range(0, 1e6), n, n)
		e, v := w.Draw(t, "e"), w.Draw(t, "v")
		m := Misallocation(e, v)
		if math.IsNaN(m) {
			return // a zero sum: checked by TestMisallocationUndefined
		}
		if m < 0 || m > 1 {
			t.Fatalf("m = %v outside [0, 1]", m)
		}
		if r := Misallocation(v, e); !scalar.EqualWithinAbs(m, r, 1e-12) {
			t.Fatalf("not symmetric: %v vs %v", m, r)
		}
		k := rapid.Float64Range(1e-3, 1e3).Draw(t, "scale")
		scaled := make([]float64, n)
		for i := range e {
			scaled[i] = k * e[i]
		}
		if r := Misallocation(scaled, v); !scalar.EqualWithinAbs(m, r, 1e-12) {
			t.Fatalf("not scale invariant: %v vs %v", m, r)
		}
		if r := Misallocation(e, e); r > 1e-12 {
			t.Fatalf("Misallocation(e, e) = %v", r)
		}
	})
}

func TestAccumulator(t *testing.T) {
	t.Parallel()
	var a Accumulator
	if !math.IsNaN(a.Mean()) || !math.IsNaN(a.Final()) {
		t.Error("an empty accumulator should report NaN")
	}
	// 0.2 for 1 unit, 0.5 for 3, undefined for 2, then 0.1 for 4:
	// mean = (0.2 + 1.5 + 0.4)/(1 + 3 + 4) = 2.1/8 = 0.2625; final 0.1.
	a.Add(0.2, 1)
	a.Add(0.5, 3)
	a.Add(math.NaN(), 2)
	a.Add(0.1, 4)
	if !scalar.EqualWithinAbs(a.Mean(), 0.2625, 1e-15) || a.Final() != 0.1 {
		t.Errorf("mean %v, final %v; want 0.2625, 0.1", a.Mean(), a.Final())
	}
	if n, nan := a.Count(); n != 4 || nan != 1 {
		t.Errorf("Count() = %d, %d; want 4, 1", n, nan)
	}
	a.Add(math.NaN(), 1)
	if !math.IsNaN(a.Final()) || !scalar.EqualWithinAbs(a.Mean(), 0.2625, 1e-15) {
		t.Errorf("after an undefined last value: final %v, mean %v", a.Final(), a.Mean())
	}
	defer func() {
		if r := recover(); r == nil {
			t.Error("Add with weight 0 did not panic")
		}
	}()
	a.Add(0.3, 0)
}

// TestMisallocatorMatches: over a sequence of blocks whose values change now and then,
// Misallocator gives Misallocation's bits.
func TestMisallocatorMatches(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "n")
		weight := rapid.OneOf(rapid.Just(0.0), rapid.Float64Range(0, 1e6))
		var m Misallocator
		value := rapid.SliceOfN(weight, n, n).Draw(t, "value")
		for range rapid.IntRange(1, 20).Draw(t, "blocks") {
			if rapid.Bool().Draw(t, "new values") {
				value = rapid.SliceOfN(weight, n, n).Draw(t, "value")
			}
			e := rapid.SliceOfN(weight, n, n).Draw(t, "emission")
			got, want := m.Misallocation(e, value), Misallocation(e, value)
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("Misallocator = %v, Misallocation = %v", got, want)
			}
			// Repeat, with the same values, for another emission vector.
			e2 := rapid.SliceOfN(weight, n, n).Draw(t, "emission again")
			got, want = m.Repeat(e2), Misallocation(e2, value)
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("Repeat = %v, Misallocation = %v", got, want)
			}
		}
	})
}
