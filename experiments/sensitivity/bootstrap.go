package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"

	"dtaosim/experiments/stats"
)

// Bootstrap configures the percentile bootstrap intervals of the indices (Efron &
// Tibshirani 1993, An Introduction to the Bootstrap, ch. 13). The zero value gives 1000
// resamples and 95% intervals. What is resampled is the design's independent unit: whole
// trajectories for Morris, base rows (a row of A with the matching rows of B and every
// AB_i) for Sobol'.
type Bootstrap struct {
	// Resamples is the number of bootstrap resamples; 0 means 1000.
	Resamples int
	// Level is the two-sided confidence level, in (0, 1); 0 means 0.95.
	Level float64
}

func (b Bootstrap) resolve() (Bootstrap, error) {
	if b.Resamples == 0 {
		b.Resamples = 1000
	}
	if b.Level == 0 {
		b.Level = 0.95
	}
	if b.Resamples < 2 || b.Resamples > 1_000_000 {
		return b, fmt.Errorf("sensitivity: bootstrap resamples %d outside [2, 1000000]", b.Resamples)
	}
	if !(b.Level > 0 && b.Level < 1) {
		return b, fmt.Errorf("sensitivity: bootstrap level %g outside (0, 1)", b.Level)
	}
	return b, nil
}

// percentile returns the equal-tailed percentile interval of level from the bootstrap
// replicates, using the Hyndman–Fan type 7 quantile ([stats.Quantile]). NaN replicates
// (a resample on which the index is undefined) are dropped; with none left the interval
// is NaN.
func percentile(reps []float64, level float64) (lo, hi float64) {
	kept := reps[:0:0]
	for _, r := range reps {
		if !math.IsNaN(r) {
			kept = append(kept, r)
		}
	}
	if len(kept) == 0 {
		return math.NaN(), math.NaN()
	}
	return stats.Quantile((1-level)/2, kept), stats.Quantile((1+level)/2, kept)
}

// needRand panics if rng is nil: every random draw comes from an injected source.
func needRand(rng *rand.Rand) {
	if rng == nil {
		panic("sensitivity: nil *rand.Rand")
	}
}
