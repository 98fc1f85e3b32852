package stats

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// Holm returns Holm's (1979, Scand. J. Statist. 6:65) step-down adjusted p-values for the
// family p, in p's order: with the m p-values sorted ascending, p₍ᵢ₎ (i = 1…m) becomes
//
//	max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎),
//
// and a hypothesis is rejected at family-wise level α when its adjusted p-value is ≤ α.
// It controls the family-wise error rate under any dependence between the tests, which
// comparisons sharing cells have. NaN entries are not tests: they stay NaN and do not
// count in m.
func Holm(p []float64) []float64 {
	idx := make([]int, 0, len(p))
	for i, v := range p {
		if !math.IsNaN(v) {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] < p[idx[b]] })
	out := make([]float64, len(p))
	for i := range out {
		out[i] = math.NaN()
	}
	m, running := len(idx), 0.0
	for rank, i := range idx {
		running = math.Max(running, math.Min(1, float64(m-rank)*p[i]))
		out[i] = running
	}
	return out
}

// PairedMean returns the mean of paired differences d (arm A − arm B, one per replicate)
// and its Student-t confidence interval at two-sided level conf:
//
//	mean ∓ t_{n−1, 1−(1−conf)/2} · s/√n,
//
// s the sample standard deviation. By the central limit theorem the interval is
// approximately right for the replicate counts of an experiment (tens or more) whatever
// the distribution of d; report [SignTest] beside it for an exact test. NaN entries
// (replicates where the outcome is undefined) are dropped; n is the number used. With
// n < 2 the interval is (NaN, NaN).
//
// It panics if conf is outside (0, 1).
func PairedMean(d []float64, conf float64) (mean, lo, hi float64, n int) {
	checkConf(conf)
	sum := 0.0
	for _, v := range d {
		if !math.IsNaN(v) {
			sum += v
			n++
		}
	}
	if n == 0 {
		return math.NaN(), math.NaN(), math.NaN(), 0
	}
	mean = sum / float64(n)
	if n < 2 {
		return mean, math.NaN(), math.NaN(), n
	}
	ss := 0.0
	for _, v := range d {
		if !math.IsNaN(v) {
			ss += (v - mean) * (v - mean)
		}
	}
	se := math.Sqrt(ss / float64(n-1) / float64(n))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(1 - (1-conf)/2)
	return mean, mean - t*se, mean + t*se, n
}

// SignTest returns the two-sided p-value of the exact sign test that the paired
// differences d have median zero: the numbers of positive and negative differences are
// compared with Binomial(n₊ + n₋, 1/2), zeros and NaNs dropped (Conover 1999, Practical
// Nonparametric Statistics, §3.4). It is the test [McNemarExact] makes on discordant
// pairs, and it holds at any sample size whatever the distribution of d. It returns 1
// when no difference is nonzero.
func SignTest(d []float64) float64 {
	pos, neg := 0, 0
	for _, v := range d {
		switch {
		case v > 0:
			pos++
		case v < 0:
			neg++
		}
	}
	return McNemarExact(pos, neg)
}
