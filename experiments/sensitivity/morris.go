package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat"
)

// maxPoints caps the size of a design, so that a typo in an experiment file is an error
// rather than an attempt to allocate the machine's memory.
const maxPoints = 10_000_000

// Morris is an elementary-effects design (Morris 1991, Technometrics 33:161) in the unit
// hypercube [0, 1]^k: Trajectories independent one-at-a-time trajectories, each of
// Factors+1 points on the grid {0, 1/(p−1), …, 1} of p = Levels levels per factor, each
// step moving a single factor by ±Δ with Δ = p/(2(p−1)).
//
// A trajectory is Morris's randomised orientation matrix B* = (J x* + (Δ/2)[(2B − J)D* +
// J])P*: a base point x* drawn uniformly from the levels {0, …, 1 − Δ}, a random direction
// d_i = ±1 per factor and a random order of the factors. Factor i starts at x*_i when d_i =
// +1 (and moves up to x*_i + Δ) or at x*_i + Δ when d_i = −1 (and moves down), so every
// point stays in [0, 1] and on the grid. Trajectories are not optimised for spread
// (Campolongo et al. 2007's selection among candidates): they are independent, which is
// what the bootstrap over trajectories assumes.
type Morris struct {
	Factors      int     // k ≥ 1
	Trajectories int     // r ≥ 2
	Levels       int     // p, even, ≥ 2
	Delta        float64 // Δ = p/(2(p−1)), in unit coordinates
	// Points holds the r(k+1) design points in order: trajectory t is
	// Points[t(k+1) : (t+1)(k+1)].
	Points [][]float64
	// Steps holds the r·k moves in order: Steps[t·k + j] takes point t(k+1)+j to point
	// t(k+1)+j+1, changing one factor by ±Δ. Each factor moves exactly once per trajectory.
	Steps []Step
}

// Step is one move along a Morris trajectory: Factor changes by Delta (+Δ or −Δ) and every
// other coordinate stays.
type Step struct {
	Factor int
	Delta  float64
}

// NewMorris draws a Morris design of r trajectories over p levels of k factors from rng.
// It returns an error if k < 1, r < 2, p is odd or below 2, or the design would exceed
// 10 million points. The levels must be even: only then is Δ = p/(2(p−1)) a whole number
// (p/2) of grid steps, so that every point lies on the grid.
func NewMorris(k, r, p int, rng *rand.Rand) (*Morris, error) {
	needRand(rng)
	switch {
	case k < 1:
		return nil, fmt.Errorf("sensitivity: morris: %d factors, expected at least 1", k)
	case r < 2:
		return nil, fmt.Errorf("sensitivity: morris: %d trajectories, expected at least 2", r)
	case p < 2 || p%2 != 0 || p > 1<<20:
		return nil, fmt.Errorf("sensitivity: morris: levels %d, expected an even number in [2, 2^20]", p)
	case float64(r)*float64(k+1) > maxPoints:
		return nil, fmt.Errorf("sensitivity: morris: %d trajectories × %d points exceed %d points", r, k+1, maxPoints)
	}
	d := &Morris{
		Factors:      k,
		Trajectories: r,
		Levels:       p,
		Delta:        float64(p) / float64(2*(p-1)),
		Points:       make([][]float64, r*(k+1)),
		Steps:        make([]Step, r*k),
	}
	flat := make([]float64, r*(k+1)*k)
	for n := range d.Points {
		d.Points[n] = flat[n*k : (n+1)*k : (n+1)*k]
	}
	grid := float64(p - 1)
	half := p / 2 // Δ in grid steps
	level := make([]int, k)
	up := make([]bool, k)
	for t := range r {
		for i := range k {
			base := rng.IntN(half) // x* ∈ {0, …, p/2 − 1}/(p−1) = {0, …, 1 − Δ}
			up[i] = rng.IntN(2) == 0
			level[i] = base
			if !up[i] {
				level[i] = base + half
			}
		}
		order := rng.Perm(k)
		first := t * (k + 1)
		for i, l := range level {
			d.Points[first][i] = float64(l) / grid
		}
		for j, i := range order {
			if up[i] {
				level[i] += half
				d.Steps[t*k+j] = Step{Factor: i, Delta: d.Delta}
			} else {
				level[i] -= half
				d.Steps[t*k+j] = Step{Factor: i, Delta: -d.Delta}
			}
			next := d.Points[first+j+1]
			copy(next, d.Points[first+j])
			next[i] = float64(level[i]) / grid
		}
	}
	return d, nil
}

// Effects returns the elementary effects of the trajectories from the output at each
// design point (one value per point, e.g. the mean over replicates): ee[t][i] is the effect
// of factor i in trajectory t,
//
//	EE_i = (y(x + Δe_i) − y(x)) / Δ   (Δ signed, the step's Delta),
//
// in output units per unit coordinate. It returns an error if y does not have one value
// per design point.
func (d *Morris) Effects(y []float64) ([][]float64, error) {
	if len(y) != len(d.Points) {
		return nil, fmt.Errorf("sensitivity: morris: %d outputs, expected %d (one per design point)", len(y), len(d.Points))
	}
	k := d.Factors
	flat := make([]float64, d.Trajectories*k)
	ee := make([][]float64, d.Trajectories)
	for t := range ee {
		ee[t] = flat[t*k : (t+1)*k : (t+1)*k]
		first := t * (k + 1)
		for j := range k {
			s := d.Steps[t*k+j]
			ee[t][s.Factor] = (y[first+j+1] - y[first+j]) / s.Delta
		}
	}
	return ee, nil
}

// MorrisIndex holds the Morris measures of one factor for one output, in output units per
// unit coordinate (per full range of the factor; see [Factor]).
type MorrisIndex struct {
	// MuStar is μ* = mean |EE| over trajectories (Campolongo, Cariboni & Saltelli 2007): the
	// factor's overall influence, robust to effects of opposite signs cancelling.
	MuStar float64
	// MuStarLo and MuStarHi bound the bootstrap percentile interval of μ*, resampling whole
	// trajectories.
	MuStarLo, MuStarHi float64
	// Mu is μ = mean EE (Morris 1991); |μ| ≪ μ* flags a non-monotonic effect.
	Mu float64
	// Sigma is σ, the sample standard deviation of EE (denominator r − 1): interactions with
	// other factors or non-linearity in this one.
	Sigma float64
}

// MorrisResult holds the Morris measures of every factor for one output.
type MorrisResult struct {
	Factors []MorrisIndex // in factor order
	Noise   Noise         // the replicate noise at the design points
}

// Analyze computes μ*, μ and σ of every factor for one output from the replicate outputs
// y (y[n] holds the replicates at design point n, at least one each): the elementary
// effects use the point means, and μ*'s interval comes from b.Resamples bootstrap
// resamples of the trajectories drawn from rng.
//
// It returns an error if y does not match the design ([ErrMissing] for a point with no
// replicate, [ErrNonFinite] for a NaN or infinite output) or b is invalid.
func (d *Morris) Analyze(y [][]float64, b Bootstrap, rng *rand.Rand) (*MorrisResult, error) {
	needRand(rng)
	b, err := b.resolve()
	if err != nil {
		return nil, err
	}
	means, noise, err := pointMeans(y, len(d.Points))
	if err != nil {
		return nil, fmt.Errorf("morris: %w", err)
	}
	ee, err := d.Effects(means)
	if err != nil {
		return nil, err
	}
	r, k := d.Trajectories, d.Factors
	res := &MorrisResult{Factors: make([]MorrisIndex, k), Noise: noise}
	col := make([]float64, r)
	for i := range k {
		var abs float64
		for t := range r {
			col[t] = ee[t][i]
			abs += math.Abs(col[t])
		}
		mu, sigma := stat.MeanStdDev(col, nil)
		res.Factors[i] = MorrisIndex{MuStar: abs / float64(r), Mu: mu, Sigma: sigma}
	}

	// Bootstrap μ*: resample r trajectories with replacement, the same draw for every factor.
	reps := make([][]float64, k)
	for i := range reps {
		reps[i] = make([]float64, b.Resamples)
	}
	pick := make([]int, r)
	for s := range b.Resamples {
		for t := range pick {
			pick[t] = rng.IntN(r)
		}
		for i := range k {
			var abs float64
			for _, t := range pick {
				abs += math.Abs(ee[t][i])
			}
			reps[i][s] = abs / float64(r)
		}
	}
	for i := range k {
		res.Factors[i].MuStarLo, res.Factors[i].MuStarHi = percentile(reps[i], b.Level)
	}
	return res, nil
}
