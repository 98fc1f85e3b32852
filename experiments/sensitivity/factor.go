package sensitivity

import (
	"fmt"
	"math"
)

// Factor maps the unit interval onto the range of one input (an axis of the experiment).
// Designs live in the unit hypercube [0, 1]^k; a Factor says what a coordinate u means:
//
//   - continuous, uniform:     x = Lo + u·(Hi − Lo)
//   - continuous, log-uniform: x = exp(ln Lo + u·(ln Hi − ln Lo))            (Log; Lo > 0)
//   - integer:                 x = min(⌊c(u)⌋, Hi), with c the map above onto [Lo, Hi + 1)
//
// so that a uniform u gives each whole number Lo … Hi the same probability (uniform), or
// the probability of [n, n+1) under the log-uniform law on [Lo, Hi + 1) (Log and Integer).
// Rounding to the nearest integer instead would give the two end values half the weight.
//
// Morris elementary effects are computed in the unit coordinates (per unit of u, that is per
// full range of the factor), so factors with different units are comparable; for a Log
// factor that means per full range of ln x.
type Factor struct {
	Name    string  // for reports; not used by the mapping
	Lo, Hi  float64 // the range, Lo < Hi; whole numbers when Integer
	Log     bool    // log-uniform instead of uniform; needs Lo > 0
	Integer bool    // whole numbers Lo … Hi
}

// Check reports whether the factor describes a usable range.
func (f Factor) Check() error {
	switch {
	case math.IsNaN(f.Lo) || math.IsNaN(f.Hi) || math.IsInf(f.Lo, 0) || math.IsInf(f.Hi, 0):
		return fmt.Errorf("sensitivity: factor %q: range [%g, %g] is not finite", f.Name, f.Lo, f.Hi)
	case f.Integer && f.Lo > f.Hi, !f.Integer && !(f.Lo < f.Hi):
		return fmt.Errorf("sensitivity: factor %q: range [%g, %g] is empty (need lo < hi)", f.Name, f.Lo, f.Hi)
	case f.Log && f.Lo <= 0:
		return fmt.Errorf("sensitivity: factor %q: log range needs lo > 0, got %g", f.Name, f.Lo)
	case f.Integer && (f.Lo != math.Trunc(f.Lo) || f.Hi != math.Trunc(f.Hi)):
		return fmt.Errorf("sensitivity: factor %q: integer range needs whole end points, got [%g, %g]", f.Name, f.Lo, f.Hi)
	case f.Integer && math.Abs(f.Lo) > 1<<52 || f.Integer && math.Abs(f.Hi) > 1<<52:
		return fmt.Errorf("sensitivity: factor %q: integer range [%g, %g] exceeds ±2^52", f.Name, f.Lo, f.Hi)
	}
	return nil
}

// At returns the factor's value at the unit coordinate u (see [Factor]). At(0) = Lo and
// At(1) = Hi; the map is non-decreasing. The factor is assumed to pass [Factor.Check].
//
// It panics if u is outside [0, 1] (design points never are).
func (f Factor) At(u float64) float64 {
	if !(u >= 0 && u <= 1) {
		panic("sensitivity: unit coordinate outside [0, 1]")
	}
	hi := f.Hi
	if f.Integer {
		hi++
	}
	var x float64
	if f.Log {
		x = math.Exp(math.Log(f.Lo) + u*(math.Log(hi)-math.Log(f.Lo)))
	} else {
		x = f.Lo + u*(hi-f.Lo)
	}
	if f.Integer {
		return math.Max(f.Lo, math.Min(math.Floor(x), f.Hi))
	}
	// Guard the end points against rounding in exp/log.
	return math.Max(f.Lo, math.Min(x, f.Hi))
}

// Values maps design points in the unit hypercube to factor values: out[n][i] =
// factors[i].At(unit[n][i]). It returns an error if a factor fails [Factor.Check] or a
// point does not have one coordinate per factor.
func Values(factors []Factor, unit [][]float64) ([][]float64, error) {
	for _, f := range factors {
		if err := f.Check(); err != nil {
			return nil, err
		}
	}
	k := len(factors)
	flat := make([]float64, len(unit)*k)
	out := make([][]float64, len(unit))
	for n, u := range unit {
		if len(u) != k {
			return nil, fmt.Errorf("sensitivity: point %d has %d coordinates, expected %d (one per factor)", n, len(u), k)
		}
		row := flat[n*k : (n+1)*k : (n+1)*k]
		for i, f := range factors {
			row[i] = f.At(u[i])
		}
		out[n] = row
	}
	return out, nil
}
