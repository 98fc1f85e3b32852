package stats

import (
	"math"
	"slices"
)

// Quantile returns the p-quantile of the sample x by linear interpolation
// between order statistics: Hyndman & Fan (1996, Am. Stat. 50:361)
// definition 7, the default of R's quantile and NumPy's percentile. With
// x₍₁₎ ≤ … ≤ x₍ₙ₎ the sorted sample and h = (n − 1)·p,
//
//	Q(p) = x₍⌊h⌋+1₎ + (h − ⌊h⌋)·(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎)
//
// so Q(0) is the minimum, Q(1) the maximum and Q(0.5) the usual median.
// gonum's stat.Quantile offers definitions 1, 2 and 4 but not 7, hence this
// function. x is not modified (a sorted copy is made) and is assumed
// NaN-free; with NaNs the result is meaningless.
//
// It panics if x is empty or p is outside [0, 1].
func Quantile(p float64, x []float64) float64 {
	if len(x) == 0 {
		panic("stats: zero-length sample")
	}
	if !(p >= 0 && p <= 1) {
		panic("stats: quantile probability outside [0, 1]")
	}
	s := slices.Clone(x)
	slices.Sort(s)
	h := float64(len(s)-1) * p
	i := int(math.Floor(h))
	if i >= len(s)-1 {
		return s[len(s)-1]
	}
	return s[i] + (h-float64(i))*(s[i+1]-s[i])
}
