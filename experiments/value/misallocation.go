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

// Misallocator computes [Misallocation] for a value vector that changes less often than
// the emission: it keeps the value shares v_i/Σv until the values change, and gives the
// same result, bit for bit, with the same panics. The zero value is ready to use; it is
// not safe for concurrent use.
type Misallocator struct {
	value  []float64 // the values the shares were computed from
	shares []float64 // v_i/Σv
	sv     float64   // Σv
}

// Misallocation returns Misallocation(emission, value).
func (m *Misallocator) Misallocation(emission, value []float64) float64 {
	if len(emission) != len(value) {
		panic("value: Misallocation: slice lengths do not match")
	}
	if !m.same(value) {
		m.set(value)
	}
	return m.misallocation(emission)
}

// Repeat returns Misallocation(emission, value) for the value of the last call, which
// the caller knows has not changed (it skips the comparison). It panics if there was no
// last call or the length of emission differs from it.
func (m *Misallocator) Repeat(emission []float64) float64 {
	if m.value == nil || len(emission) != len(m.value) {
		panic("value: Misallocator.Repeat: no value of the same length")
	}
	return m.misallocation(emission)
}

// misallocation is Misallocation against the kept value shares.
func (m *Misallocator) misallocation(emission []float64) float64 {
	var se float64
	for _, e := range emission {
		if !(e >= 0) {
			panic("value: Misallocation: weights must be >= 0")
		}
		se += e
	}
	sv := m.sv
	if se == 0 || sv == 0 || math.IsInf(se, 0) || math.IsInf(sv, 0) {
		return math.NaN()
	}
	d := 0.0
	for i, vs := range m.shares[:len(emission)] {
		d += math.Abs(emission[i]/se - vs)
	}
	return min(d/2, 1)
}

// same reports whether value holds the bits m's shares were computed from.
func (m *Misallocator) same(value []float64) bool {
	if m.value == nil || len(value) != len(m.value) {
		return false
	}
	for i, v := range value {
		if math.Float64bits(v) != math.Float64bits(m.value[i]) {
			return false
		}
	}
	return true
}

// set computes the value shares of value, as Misallocation does.
func (m *Misallocator) set(value []float64) {
	var sv float64
	for _, v := range value {
		if !(v >= 0) {
			panic("value: Misallocation: weights must be >= 0")
		}
		sv += v
	}
	m.value = append(m.value[:0], value...)
	m.shares = m.shares[:0]
	for _, v := range value {
		m.shares = append(m.shares, v/sv)
	}
	m.sv = sv
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
