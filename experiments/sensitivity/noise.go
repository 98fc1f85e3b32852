package sensitivity

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"
)

// Noise summarises the replicate outputs at the design points, so that a reader sees when
// replicate noise swamps the effects the indices measure. The indices are computed from the
// point means ȳ_n of the n_n replicates at each point; noise in those means acts like an
// extra factor that no input controls: it inflates σ (Morris) and the total variance V and
// Jansen's total indices (Sobol'), and pulls first-order indices towards zero.
//
// Variances are sample variances (denominator count − 1). A field is NaN when it cannot be
// estimated (no point with two replicates, or a zero denominator).
type Noise struct {
	// Points is the number of design points; Replicates the number of outputs over all points.
	Points, Replicates int
	// Within is the pooled within-point variance Σ_n Σ_r (y_nr − ȳ_n)² / Σ_n (n_n − 1): the
	// variance of one run around its point's mean.
	Within float64
	// Total is the variance of all Replicates outputs pooled: one run's variance over the design.
	Total float64
	// Means is the variance of the point means ȳ_n, the quantity the indices decompose.
	Means float64
	// Share is Within / Total: the part of a single run's variance that is replicate noise.
	Share float64
	// MeansShare is Within·mean_n(1/n_n) / Means: the part of the point means' variance that
	// is replicate noise. Near 0 the indices measure the inputs; from about 0.5 on, noise
	// dominates and more replicates per point (or fewer points) are needed.
	MeansShare float64
}

// pointMeans checks the replicate outputs y (one slice per design point) against the
// design size and returns the point means and the noise summary.
func pointMeans(y [][]float64, points int) ([]float64, Noise, error) {
	if len(y) != points {
		return nil, Noise{}, fmt.Errorf("sensitivity: outputs for %d design points, expected %d", len(y), points)
	}
	means := make([]float64, points)
	var all []float64
	var ss, dof, invN float64
	for n, reps := range y {
		if len(reps) == 0 {
			return nil, Noise{}, fmt.Errorf("%w (point %d)", ErrMissing, n)
		}
		for r, v := range reps {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, Noise{}, fmt.Errorf("%w (point %d, replicate %d: %g)", ErrNonFinite, n, r, v)
			}
		}
		m := stat.Mean(reps, nil)
		means[n] = m
		for _, v := range reps {
			ss += (v - m) * (v - m)
		}
		dof += float64(len(reps) - 1)
		invN += 1 / float64(len(reps))
		all = append(all, reps...)
	}
	nz := Noise{Points: points, Replicates: len(all)}
	nz.Within = ratio(ss, dof)
	nz.Total = variance(all)
	nz.Means = variance(means)
	nz.Share = ratio(nz.Within, nz.Total)
	nz.MeansShare = ratio(nz.Within*invN/float64(points), nz.Means)
	return means, nz, nil
}

// variance is the sample variance, NaN for fewer than two values.
func variance(x []float64) float64 {
	if len(x) < 2 {
		return math.NaN()
	}
	return stat.Variance(x, nil)
}

// ratio is a/b, NaN when b is zero or either is NaN.
func ratio(a, b float64) float64 {
	if b == 0 || math.IsNaN(a) || math.IsNaN(b) {
		return math.NaN()
	}
	return a / b
}
