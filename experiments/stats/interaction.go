package stats

import (
	"math"

	"gonum.org/v1/gonum/stat"
)

// PairedInteraction returns the interaction of two paired comparisons of
// proportions made on the same n units: the difference between the paired
// difference of arms a1 and b1 and that of arms a2 and b2 (a difference in
// differences), with a two-sided interval at level conf. Unit i has the four
// binary outcomes a1[i], b1[i], a2[i], b2[i]; with xᵢ = a1ᵢ − b1ᵢ and
// zᵢ = a2ᵢ − b2ᵢ,
//
//	θ₁ = mean(x), θ₂ = mean(z), diff = θ₁ − θ₂.
//
// The interval is the MOVER ("method of variance estimates recovery") limit
// for a difference of two correlated estimates (Zou & Donner 2008, Stat. Med.
// 27:1693, eq. 7), built from [PairedDiffNewcombe]'s interval (l₁, u₁) of θ₁
// and (l₂, u₂) of θ₂ and the correlation r of x and z over the units (the
// correlation of θ̂₁ and θ̂₂), continuity-corrected as Newcombe corrects his
// (correctedCorrelation; 0 when x or z is constant):
//
//	lo = diff − sqrt((θ₁−l₁)² + (u₂−θ₂)² − 2r(θ₁−l₁)(u₂−θ₂))
//	hi = diff + sqrt((u₁−θ₁)² + (θ₂−l₂)² − 2r(u₁−θ₁)(θ₂−l₂))
//
// clipped to [−2, 2]. Newcombe's method 10 is the same construction one level
// down, from two Wilson intervals. With n = 0 it returns (0, −2, 2).
//
// It panics if the slices differ in length or conf is outside (0, 1).
func PairedInteraction(a1, b1, a2, b2 []bool, conf float64) (diff, lo, hi float64) {
	n := len(a1)
	if len(b1) != n || len(a2) != n || len(b2) != n {
		panic("stats: PairedInteraction: outcome slices of different lengths")
	}
	checkConf(conf)
	if n == 0 {
		return 0, -2, 2
	}
	x, z := make([]float64, n), make([]float64, n)
	var t1, t2 [4]int // n11, n10, n01, n00 of (a1, b1) and (a2, b2)
	for i := range n {
		x[i] = b2f(a1[i]) - b2f(b1[i])
		z[i] = b2f(a2[i]) - b2f(b2[i])
		t1[cellOf(a1[i], b1[i])]++
		t2[cellOf(a2[i], b2[i])]++
	}
	th1, l1, u1 := PairedDiffNewcombe(t1[0], t1[1], t1[2], t1[3], conf)
	th2, l2, u2 := PairedDiffNewcombe(t2[0], t2[1], t2[2], t2[3], conf)
	r := correctedCorrelation(x, z)
	diff = th1 - th2
	dl1, du1 := th1-l1, u1-th1
	dl2, du2 := th2-l2, u2-th2
	lo = diff - math.Sqrt(math.Max(dl1*dl1+du2*du2-2*r*dl1*du2, 0))
	hi = diff + math.Sqrt(math.Max(du1*du1+dl2*dl2-2*r*du1*dl2, 0))
	return diff, clamp(lo, -2, 2), clamp(hi, -2, 2)
}

// correctedCorrelation returns the correlation of x and z with Newcombe's
// continuity correction of the cross product (the A − n/2 of
// [PairedDiffNewcombe], which for 0/1 outcomes is n·Sxz): with
// Sxz = Σ(xᵢ − x̄)(zᵢ − z̄), a positive Sxz is lowered by ½, to no less than 0,
// before dividing by sqrt(Sxx·Szz). Without it, arms that agree on every
// replicate (r = 1, common under common random numbers) would shrink the
// interval to a point however few the replicates. It is 0 when x or z is
// constant.
func correctedCorrelation(x, z []float64) float64 {
	mx, mz := stat.Mean(x, nil), stat.Mean(z, nil)
	var sxx, szz, sxz float64
	for i := range x {
		dx, dz := x[i]-mx, z[i]-mz
		sxx += dx * dx
		szz += dz * dz
		sxz += dx * dz
	}
	if sxx == 0 || szz == 0 {
		return 0
	}
	if sxz > 0 {
		sxz = math.Max(sxz-0.5, 0)
	}
	return sxz / math.Sqrt(sxx*szz)
}

// SignFlipExact returns the two-sided p-value of the exact randomization
// (sign-flip) test that the integer differences d are symmetric about zero:
// under the null each nonzero dᵢ is as likely to have had the other sign, so
// S = Σ sᵢ|dᵢ| with independent signs sᵢ = ±1 of probability ½ each, and
//
//	p = P(|S| ≥ |Σ dᵢ|)
//
// computed exactly over the 2^m sign patterns of the m nonzero differences by
// convolution (Fisher 1935, The Design of Experiments, §21; Lehmann &
// Romano 2005, Testing Statistical Hypotheses, §15.2). With every |dᵢ| = 1
// it is [McNemarExact] on the counts of +1 and −1. Zeros carry no
// information and are dropped; with none left it returns 1.
func SignFlipExact(d []int) float64 {
	total, obs := 0, 0
	for _, v := range d {
		total += abs(v)
		obs += v
	}
	if total == 0 {
		return 1
	}
	// prob[s+total] = P(S = s), built one difference at a time.
	prob := make([]float64, 2*total+1)
	next := make([]float64, 2*total+1)
	prob[total] = 1
	for _, v := range d {
		a := abs(v)
		if a == 0 {
			continue
		}
		clear(next)
		for s, q := range prob {
			if q == 0 {
				continue
			}
			next[s+a] += q / 2
			next[s-a] += q / 2
		}
		prob, next = next, prob
	}
	p := 0.0
	for s, q := range prob {
		if abs(s-total) >= abs(obs) {
			p += q
		}
	}
	return math.Min(1, p)
}

// cellOf returns the index of the paired table's cell (n11, n10, n01, n00)
// that outcomes a and b fall in.
func cellOf(a, b bool) int {
	switch {
	case a && b:
		return 0
	case a:
		return 1
	case b:
		return 2
	}
	return 3
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
