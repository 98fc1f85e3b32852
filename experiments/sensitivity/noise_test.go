package sensitivity

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// A hand-computed example. Points with replicates {1, 3}, {2, 2, 2} and {5}: means 2, 2, 5;
// within sums of squares 2 + 0 + 0 over 1 + 2 + 0 degrees of freedom, so Within = 2/3; the
// six outputs have mean 2.5 and variance 9.5/5 = 1.9; the means have variance 3; the noise
// variance of a mean averages Within/n over the points: (2/3)(1/2 + 1/3 + 1)/3 = 11/27.
func TestPointMeansNoise(t *testing.T) {
	t.Parallel()
	means, nz, err := pointMeans([][]float64{{1, 3}, {2, 2, 2}, {5}}, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := Noise{Points: 3, Replicates: 6, Within: 2.0 / 3, Total: 1.9, Means: 3, Share: (2.0 / 3) / 1.9, MeansShare: 11.0 / 27 / 3}
	// Sums of a few small numbers: 1e-14 covers their rounding.
	eq := func(a, b float64) bool { return scalar.EqualWithinAbsOrRel(a, b, 1e-14, 1e-14) }
	if nz.Points != want.Points || nz.Replicates != want.Replicates || !eq(nz.Within, want.Within) ||
		!eq(nz.Total, want.Total) || !eq(nz.Means, want.Means) || !eq(nz.Share, want.Share) || !eq(nz.MeansShare, want.MeansShare) {
		t.Errorf("noise %+v, want %+v", nz, want)
	}
	if means[0] != 2 || means[1] != 2 || means[2] != 5 {
		t.Errorf("means %v, want [2 2 5]", means)
	}
}

// With one replicate per point the within-point variance cannot be estimated.
func TestPointMeansSingleReplicates(t *testing.T) {
	t.Parallel()
	_, nz, err := pointMeans([][]float64{{1}, {2}, {4}}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(nz.Within) || !math.IsNaN(nz.Share) || !math.IsNaN(nz.MeansShare) {
		t.Errorf("noise %+v: want NaN within-point variance and shares", nz)
	}
	if !scalar.EqualWithinAbsOrRel(nz.Means, 7.0/3, 1e-14, 1e-14) || nz.Means != nz.Total {
		t.Errorf("variances %g (means) and %g (total), want both 7/3", nz.Means, nz.Total)
	}
}

func TestPointMeansErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		y    [][]float64
		is   error
	}{
		{"wrong count", [][]float64{{1}, {2}}, nil},
		{"empty point", [][]float64{{1}, {}, {3}}, ErrMissing},
		{"infinite", [][]float64{{1}, {math.Inf(-1)}, {3}}, ErrNonFinite},
	} {
		_, _, err := pointMeans(tc.y, 3)
		if err == nil || tc.is != nil && !errors.Is(err, tc.is) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.is)
		}
	}
}
