package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// zCrit returns the two-sided standard normal critical value
// z = Φ⁻¹(1 − (1 − conf)/2), e.g. 1.959964 for conf = 0.95.
// It panics unless 0 < conf < 1.
func zCrit(conf float64) float64 {
	checkConf(conf)
	return distuv.UnitNormal.Quantile(1 - (1-conf)/2)
}

// checkConf panics unless conf lies strictly between 0 and 1.
func checkConf(conf float64) {
	if !(conf > 0 && conf < 1) {
		panic("stats: confidence level must be in (0, 1)")
	}
}

// clamp returns x restricted to [lo, hi].
func clamp(x, lo, hi float64) float64 {
	return math.Max(lo, math.Min(hi, x))
}
