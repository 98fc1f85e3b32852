package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// McNemar returns McNemar's (1947, Psychometrika 12:153) test of marginal
// homogeneity for paired binary outcomes, with the Edwards (1948, Psychometrika
// 13:185) continuity correction. b and c are the discordant counts: pairs
// with outcome 1 in the first arm and 0 in the second, and the reverse. The
// statistic is
//
//	X² = (max(|b − c| − 1, 0))² / (b + c)
//
// and p is its upper tail under χ² with 1 degree of freedom (Agresti 2002,
// Categorical Data Analysis, §10.1). The correction is floored at zero so
// that b = c gives X² = 0 and p = 1; R's mcnemar.test omits the floor and
// reports 1/(b+c) in that case. If b + c = 0 there is no evidence either way
// and it returns (0, 1). Prefer [McNemarExact] when b + c is small (below
// about 25).
//
// It panics if b or c is negative.
func McNemar(b, c int) (statistic, p float64) {
	checkDiscordant(b, c)
	if b+c == 0 {
		return 0, 1
	}
	d := math.Max(math.Abs(float64(b-c))-1, 0)
	statistic = d * d / float64(b+c)
	return statistic, chi2Tail1(statistic)
}

// McNemarUncorrected is [McNemar] without continuity correction:
// X² = (b − c)²/(b + c), the square of the score statistic
// z = (b − c)/sqrt(b + c) (Agresti 2002, §10.1). If b + c = 0 it
// returns (0, 1).
//
// It panics if b or c is negative.
func McNemarUncorrected(b, c int) (statistic, p float64) {
	checkDiscordant(b, c)
	if b+c == 0 {
		return 0, 1
	}
	d := float64(b - c)
	statistic = d * d / float64(b+c)
	return statistic, chi2Tail1(statistic)
}

// McNemarExact returns the two-sided p-value of the exact conditional
// McNemar test: given b + c discordant pairs, b ~ Binomial(b + c, 1/2)
// under the null, and
//
//	p = min(1, 2·P(X ≤ min(b, c)))
//
// (Agresti 2002, §10.1; the null distribution is symmetric, so doubling
// the smaller tail equals summing all outcomes no more likely than the
// one observed). If b + c = 0 it returns 1.
//
// It panics if b or c is negative.
func McNemarExact(b, c int) (p float64) {
	checkDiscordant(b, c)
	if b+c == 0 {
		return 1
	}
	tail := distuv.Binomial{N: float64(b + c), P: 0.5}.CDF(float64(min(b, c)))
	return math.Min(1, 2*tail)
}

// PairedDiff returns the difference between two paired proportions and its
// Wald confidence interval at two-sided level conf. The counts form the
// paired 2×2 table: n11 pairs with outcome 1 in both arms, n10 with 1 in the
// first arm only, n01 with 1 in the second only, n00 with 0 in both;
// n = n11 + n10 + n01 + n00. Then
//
//	diff = p₁₊ − p₊₁ = (n10 − n01)/n
//	var  = ((n10 + n01) − (n10 − n01)²/n) / n²
//	(lo, hi) = diff ∓ z·sqrt(var), clipped to [−1, 1]
//
// (Agresti 2002, Categorical Data Analysis, §10.1). The Wald
// interval undercovers for small discordant counts and collapses to a point
// when n10 = n01 = 0; spec/calibration.md §2 prefers score intervals, so
// report [PairedDiffNewcombe] and keep this one for comparison with the
// textbook. With n = 0 it returns (0, −1, 1).
//
// It panics if a count is negative or conf is outside (0, 1).
func PairedDiff(n11, n10, n01, n00 int, conf float64) (diff, lo, hi float64) {
	n := checkTable(n11, n10, n01, n00)
	z := zCrit(conf)
	if n == 0 {
		return 0, -1, 1
	}
	m := float64(n)
	d := float64(n10 - n01)
	diff = d / m
	se := math.Sqrt(math.Max(float64(n10+n01)-d*d/m, 0)) / m
	return diff, clamp(diff-z*se, -1, 1), clamp(diff+z*se, -1, 1)
}

// PairedDiffNewcombe returns the difference between two paired proportions,
// (n10 − n01)/n as in [PairedDiff], with Newcombe's (1998, Stat. Med.
// 17:2635, method 10) hybrid score ("square-and-add") interval. With
// p₁ = (n11 + n10)/n and p₂ = (n11 + n01)/n, their [Wilson] intervals
// (l₁, u₁) and (l₂, u₂), and the correlation estimate φ,
//
//	lo = diff − sqrt((p₁−l₁)² − 2φ(p₁−l₁)(u₂−p₂) + (u₂−p₂)²)
//	hi = diff + sqrt((p₂−l₂)² − 2φ(p₂−l₂)(u₁−p₁) + (u₁−p₁)²)
//
// where φ = A/sqrt(r₁r₂c₁c₂) over the row and column totals, with
// A = n11·n00 − n10·n01 replaced by A − n/2 when A > n/2, by 0 when
// 0 ≤ A ≤ n/2, and φ = 0 when a margin is empty (Newcombe 1998;
// Fagerland, Lydersen & Laake 2017, Statistical Analysis of Contingency
// Tables, §8.5). The interval lies in [−1, 1] and is the one to report for
// paired binary outcomes. With n = 0 it returns (0, −1, 1).
//
// It panics if a count is negative or conf is outside (0, 1).
func PairedDiffNewcombe(n11, n10, n01, n00 int, conf float64) (diff, lo, hi float64) {
	n := checkTable(n11, n10, n01, n00)
	checkConf(conf)
	if n == 0 {
		return 0, -1, 1
	}
	m := float64(n)
	r1, r2 := n11+n10, n01+n00 // first arm's 1s and 0s
	c1, c2 := n11+n01, n10+n00 // second arm's 1s and 0s
	p1, p2 := float64(r1)/m, float64(c1)/m
	diff = p1 - p2
	l1, u1 := Wilson(r1, n, conf)
	l2, u2 := Wilson(c1, n, conf)

	phi := 0.0
	if r1 > 0 && r2 > 0 && c1 > 0 && c2 > 0 {
		a := float64(n11)*float64(n00) - float64(n10)*float64(n01)
		switch {
		case a > m/2:
			a -= m / 2
		case a >= 0:
			a = 0
		}
		phi = a / math.Sqrt(float64(r1)*float64(r2)*float64(c1)*float64(c2))
	}
	dl1, du1 := p1-l1, u1-p1
	dl2, du2 := p2-l2, u2-p2
	lo = diff - math.Sqrt(math.Max(dl1*dl1-2*phi*dl1*du2+du2*du2, 0))
	hi = diff + math.Sqrt(math.Max(du1*du1-2*phi*du1*dl2+dl2*dl2, 0))
	return diff, clamp(lo, -1, 1), clamp(hi, -1, 1)
}

// chi2Tail1 returns P(χ²₁ > x).
func chi2Tail1(x float64) float64 {
	return distuv.ChiSquared{K: 1}.Survival(x)
}

// checkDiscordant panics if a discordant count is negative.
func checkDiscordant(b, c int) {
	if b < 0 || c < 0 {
		panic("stats: negative discordant count")
	}
}

// checkTable panics if a cell of the paired table is negative and returns
// the total.
func checkTable(n11, n10, n01, n00 int) int {
	if n11 < 0 || n10 < 0 || n01 < 0 || n00 < 0 {
		panic("stats: negative cell count")
	}
	return n11 + n10 + n01 + n00
}
