package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Wilson returns the Wilson (1927, JASA 22:209) score interval for a binomial
// proportion with the given number of successes out of n trials at
// two-sided confidence level conf (e.g. 0.95). With z = Φ⁻¹(1 − (1−conf)/2)
// and p̂ = successes/n,
//
//	centre = (successes + z²/2) / (n + z²)
//	half   = z/(n + z²) · sqrt(successes·(n−successes)/n + z²/4)
//
// (Brown, Cai & DasGupta 2001, Stat. Sci. 16:101; Newcombe 1998,
// Stat. Med. 17:857, method 3). The interval always lies in [0, 1] and
// contains p̂; lo is exactly 0 when successes = 0 and hi exactly 1 when
// successes = n. With no trials (n = 0) it returns the uninformative (0, 1).
//
// It panics if n < 0, successes is outside [0, n], or conf is outside (0, 1).
func Wilson(successes, n int, conf float64) (lo, hi float64) {
	checkCounts(successes, n)
	z := zCrit(conf)
	if n == 0 {
		return 0, 1
	}
	x, m, z2 := float64(successes), float64(n), z*z
	centre := (x + z2/2) / (m + z2)
	half := z / (m + z2) * math.Sqrt(x*(m-x)/m+z2/4)
	lo, hi = clamp(centre-half, 0, 1), clamp(centre+half, 0, 1)
	if successes == 0 {
		lo = 0
	}
	if successes == n {
		hi = 1
	}
	return lo, hi
}

// ClopperPearson returns the Clopper–Pearson (1934, Biometrika 26:404)
// "exact" interval for a binomial proportion at two-sided confidence level
// conf, written with beta quantiles (Brown, Cai & DasGupta 2001, §2.1):
//
//	lo = B⁻¹(α/2; x, n−x+1)   (0 when x = 0)
//	hi = B⁻¹(1−α/2; x+1, n−x) (1 when x = n)
//
// with α = 1 − conf and x = successes. Its coverage is at least conf for
// every true proportion, at the price of being wider than [Wilson]; use it
// when coverage must be conservative (spec/calibration.md §2). With n = 0
// it returns (0, 1).
//
// It panics if n < 0, successes is outside [0, n], or conf is outside (0, 1).
func ClopperPearson(successes, n int, conf float64) (lo, hi float64) {
	checkCounts(successes, n)
	checkConf(conf)
	alpha := 1 - conf
	x, m := float64(successes), float64(n)
	lo, hi = 0, 1
	if successes > 0 {
		lo = distuv.Beta{Alpha: x, Beta: m - x + 1}.Quantile(alpha / 2)
	}
	if successes < n {
		hi = distuv.Beta{Alpha: x + 1, Beta: m - x}.Quantile(1 - alpha/2)
	}
	return lo, hi
}

// checkCounts panics unless 0 ≤ successes ≤ n.
func checkCounts(successes, n int) {
	if n < 0 {
		panic("stats: negative number of trials")
	}
	if successes < 0 || successes > n {
		panic("stats: successes outside [0, n]")
	}
}
