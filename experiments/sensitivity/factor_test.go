package sensitivity

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"pgregory.net/rapid"
)

func TestFactorAt(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		f    Factor
		u    float64
		want float64
	}{
		{"uniform low end", Factor{Lo: -2, Hi: 6}, 0, -2},
		{"uniform middle", Factor{Lo: -2, Hi: 6}, 0.25, 0},
		{"uniform high end", Factor{Lo: -2, Hi: 6}, 1, 6},
		{"log middle is the geometric mean", Factor{Lo: 1, Hi: 100, Log: true}, 0.5, 10},
		{"log high end", Factor{Lo: 0.01, Hi: 3, Log: true}, 1, 3},
		// Integers 1…4: four bins of width 1/4 in u.
		{"integer first bin", Factor{Lo: 1, Hi: 4, Integer: true}, 0.2499, 1},
		{"integer second bin starts at 1/4", Factor{Lo: 1, Hi: 4, Integer: true}, 0.25, 2},
		{"integer third bin", Factor{Lo: 1, Hi: 4, Integer: true}, 0.5, 3},
		{"integer u = 1 is the top value", Factor{Lo: 1, Hi: 4, Integer: true}, 1, 4},
		{"integer single value", Factor{Lo: 7, Hi: 7, Integer: true}, 0.7, 7},
		// Log integers 1…3: log-uniform on [1, 4), so [1, 2) has probability ln2/ln4 = 1/2.
		{"log integer below the median", Factor{Lo: 1, Hi: 3, Log: true, Integer: true}, 0.499, 1},
		{"log integer at the median", Factor{Lo: 1, Hi: 3, Log: true, Integer: true}, 0.5, 2},
		{"log integer top", Factor{Lo: 1, Hi: 3, Log: true, Integer: true}, 1, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := tc.f.Check(); err != nil {
				t.Fatal(err)
			}
			// 1e-12 relative: exp/log round-trips lose a few ulps; integers are exact.
			if got := tc.f.At(tc.u); !scalar.EqualWithinAbsOrRel(got, tc.want, 1e-12, 1e-12) {
				t.Errorf("At(%g) = %.17g, want %g", tc.u, got, tc.want)
			}
		})
	}
}

func TestFactorCheck(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		f    Factor
		want string // substring of the error
	}{
		{"empty", Factor{Lo: 1, Hi: 1}, "empty"},
		{"reversed", Factor{Lo: 2, Hi: 1}, "empty"},
		{"NaN", Factor{Lo: math.NaN(), Hi: 1}, "not finite"},
		{"infinite", Factor{Lo: 0, Hi: math.Inf(1)}, "not finite"},
		{"log through zero", Factor{Lo: 0, Hi: 1, Log: true}, "lo > 0"},
		{"fractional integer", Factor{Lo: 0.5, Hi: 3, Integer: true}, "whole"},
		{"reversed integer", Factor{Lo: 3, Hi: 2, Integer: true}, "empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.f.Check()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Check() = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// Every whole number of an integer range gets the same share of the unit interval.
func TestFactorIntegerEqualShares(t *testing.T) {
	t.Parallel()
	f := Factor{Lo: -3, Hi: 5, Integer: true}
	const grid = 90_000 // a multiple of the 9 values, so shares are exact up to a bin edge
	count := map[float64]int{}
	for j := range grid {
		count[f.At((float64(j)+0.5)/grid)]++
	}
	for v := -3.0; v <= 5; v++ {
		if c := count[v]; c != grid/9 {
			t.Errorf("value %g: %d of %d grid points, want %d", v, c, grid, grid/9)
		}
	}
}

// At is non-decreasing and stays in [Lo, Hi], whatever the range.
func TestFactorAtProperties(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		lo := rapid.Float64Range(-1e6, 1e6).Draw(t, "lo")
		f := Factor{Lo: lo, Hi: lo + rapid.Float64Range(1e-3, 1e6).Draw(t, "width")}
		switch rapid.IntRange(0, 3).Draw(t, "kind") {
		case 1:
			f.Log = true
			f.Lo = math.Abs(f.Lo) + 1e-3
			f.Hi = f.Lo * rapid.Float64Range(1.001, 1e6).Draw(t, "ratio")
		case 2:
			f.Integer = true
			f.Lo, f.Hi = math.Round(f.Lo), math.Round(f.Hi)
		case 3:
			f.Log, f.Integer = true, true
			f.Lo = float64(rapid.IntRange(1, 1000).Draw(t, "ilo"))
			f.Hi = f.Lo + float64(rapid.IntRange(0, 1000).Draw(t, "iwidth"))
		}
		if err := f.Check(); err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		u1 := rapid.Float64Range(0, 1).Draw(t, "u1")
		u2 := rapid.Float64Range(u1, 1).Draw(t, "u2")
		x1, x2 := f.At(u1), f.At(u2)
		if x1 > x2 {
			t.Fatalf("%+v: At(%g) = %g > At(%g) = %g", f, u1, x1, u2, x2)
		}
		if x1 < f.Lo || x2 > f.Hi {
			t.Fatalf("%+v: values %g, %g outside the range", f, x1, x2)
		}
		if f.Integer && (x1 != math.Trunc(x1) || x2 != math.Trunc(x2)) {
			t.Fatalf("%+v: integer factor gave %g, %g", f, x1, x2)
		}
	})
}

func TestValues(t *testing.T) {
	t.Parallel()
	fs := []Factor{{Lo: 0, Hi: 10}, {Lo: 1, Hi: 3, Integer: true}}
	got, err := Values(fs, [][]float64{{0.5, 0}, {1, 1}})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{5, 1}, {10, 3}}
	for n := range want {
		for i := range want[n] {
			if got[n][i] != want[n][i] {
				t.Errorf("point %d factor %d = %g, want %g", n, i, got[n][i], want[n][i])
			}
		}
	}
	if _, err := Values(fs, [][]float64{{0.5}}); err == nil {
		t.Error("a point with too few coordinates: no error")
	}
	if _, err := Values([]Factor{{Lo: 1, Hi: 0}}, [][]float64{{0.5}}); err == nil {
		t.Error("an empty range: no error")
	}
}
