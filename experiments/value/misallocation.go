package value

import "math"

// Misallocation returns ½ Σ_i |e_i/Σe − v_i/Σv|, the total-variation distance between
// the emission shares and the value shares: 0 when emission follows value, 1 when all
// emission goes to subnets without value. emission and value are non-negative weights
// per subnet (shares or amounts; each is normalised by its sum). It returns NaN when
// either sum is 0, where value shares or emission shares do not exist. It panics if the
// lengths differ or a weight is negative or NaN.
func Misallocation(emission, value []float64) float64 {
	if len(emission) != len(value) {
		panic("value: Misallocation: slice lengths do not match")
	}
	var se, sv float64
	for i := range emission {
		if !(emission[i] >= 0) || !(value[i] >= 0) {
			panic("value: Misallocation: weights must be >= 0")
		}
		se += emission[i]
		sv += value[i]
	}
	if se == 0 || sv == 0 || math.IsInf(se, 0) || math.IsInf(sv, 0) {
		return math.NaN()
	}
	d := 0.0
	for i := range emission {
		d += math.Abs(emission[i]/se - value[i]/sv)
	}
	return min(d/2, 1) // rounding can put the sum a few ulps above 2
}

// Accumulator keeps the time-weighted mean and the last value of misallocation over a
// run. The zero value is empty and ready to use.
type Accumulator struct {
	sum, weight float64
	last        float64
	n, nan      int
}

// Add records a misallocation m that held for weight (e.g. the blocks since the last
// observation; > 0). An undefined m (NaN) is counted and left out of the mean, and
// becomes the final value. It panics if weight is not finite and > 0.
func (a *Accumulator) Add(m, weight float64) {
	if !(weight > 0) || math.IsInf(weight, 0) {
		panic("value: Accumulator.Add: weight must be finite and > 0")
	}
	a.n++
	a.last = m
	if math.IsNaN(m) {
		a.nan++
		return
	}
	a.sum += m * weight
	a.weight += weight
}

// Mean returns the weighted mean of the defined values added, NaN if there are none.
func (a *Accumulator) Mean() float64 {
	if a.weight == 0 {
		return math.NaN()
	}
	return a.sum / a.weight
}

// Final returns the last value added (NaN if none, or if it was undefined).
func (a *Accumulator) Final() float64 {
	if a.n == 0 {
		return math.NaN()
	}
	return a.last
}

// Count returns how many values were added and how many of them were undefined.
func (a *Accumulator) Count() (added, undefined int) { return a.n, a.nan }
