package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Base selects how the N base rows of a [Saltelli] design are drawn.
type Base int

const (
	// ScrambledSobol draws the rows of A and B as the first N points of a 2k-dimensional
	// Sobol' sequence (Joe & Kuo 2008 direction numbers), A from its first k coordinates
	// and B from the last k, as Saltelli et al. (2010) do; the sequence is randomised by
	// Matoušek's linear scrambling plus a digital shift, so that each row is uniform and
	// the estimates unbiased. Quasi-random rows fill the cube more evenly than random ones,
	// so estimates converge faster (best with N a power of two). The rows are not
	// independent, though, so the row bootstrap tends to overstate the error: its intervals
	// are conservative. Supports up to 128 factors.
	ScrambledSobol Base = iota
	// IID draws every coordinate of A and B independently and uniformly from rng (plain
	// Monte Carlo, Saltelli 2002). Rows are independent, which is what the row bootstrap
	// assumes, so intervals have their nominal coverage; estimates converge more slowly.
	IID
)

// Saltelli is the sampling design of Saltelli (2002, Comput. Phys. Commun. 145:280) and
// Saltelli et al. (2010, Comput. Phys. Commun. 181:259) for first-order and total Sobol'
// indices: two N×k matrices A and B of independent base rows in the unit hypercube, and for
// each factor i the matrix AB_i, equal to A except for column i, which comes from B. The
// N(k+2) points are the rows of A, then B, then AB_1 … AB_k, each block in base-row order.
type Saltelli struct {
	Factors int  // k ≥ 1
	N       int  // base rows, ≥ 2
	Base    Base // how A and B were drawn
	// Points holds the N(k+2) design points in k+2 blocks of N rows: A, B, AB_1, …, AB_k.
	// Use [Saltelli.A], [Saltelli.B] and [Saltelli.AB] for indices into it.
	Points [][]float64
}

// NewSaltelli draws a Saltelli design with n base rows for k factors, with base rows drawn
// as base says, from rng. It returns an error if k < 1, n < 2, the design would exceed
// 10 million points, base is unknown, or (ScrambledSobol) k > 128 or n > 2^32.
func NewSaltelli(k, n int, base Base, rng *rand.Rand) (*Saltelli, error) {
	needRand(rng)
	switch {
	case k < 1:
		return nil, fmt.Errorf("sensitivity: sobol: %d factors, expected at least 1", k)
	case n < 2:
		return nil, fmt.Errorf("sensitivity: sobol: %d base samples, expected at least 2", n)
	case float64(n)*float64(k+2) > maxPoints:
		return nil, fmt.Errorf("sensitivity: sobol: %d samples × %d blocks exceed %d points", n, k+2, maxPoints)
	case base == ScrambledSobol && 2*k > maxSobolDim:
		return nil, fmt.Errorf("sensitivity: sobol: %d factors need a %d-dimensional Sobol' sequence; at most %d factors are supported", k, 2*k, maxSobolDim/2)
	case base != ScrambledSobol && base != IID:
		return nil, fmt.Errorf("sensitivity: sobol: unknown base sampling %d", base)
	}
	var ab [][]float64 // row j: A_j then B_j
	switch base {
	case ScrambledSobol:
		ab = sobolPoints(n, 2*k, rng)
	case IID:
		ab = make([][]float64, n)
		for j := range ab {
			ab[j] = make([]float64, 2*k)
			for c := range ab[j] {
				ab[j][c] = rng.Float64()
			}
		}
	}
	d := &Saltelli{Factors: k, N: n, Base: base, Points: make([][]float64, n*(k+2))}
	flat := make([]float64, n*(k+2)*k)
	for p := range d.Points {
		d.Points[p] = flat[p*k : (p+1)*k : (p+1)*k]
	}
	for j, row := range ab {
		copy(d.Points[d.A(j)], row[:k])
		copy(d.Points[d.B(j)], row[k:])
		for i := range k {
			p := d.Points[d.AB(i, j)]
			copy(p, row[:k])
			p[i] = row[k+i]
		}
	}
	return d, nil
}

// A returns the index in Points of row j of A.
func (d *Saltelli) A(j int) int { return j }

// B returns the index in Points of row j of B.
func (d *Saltelli) B(j int) int { return d.N + j }

// AB returns the index in Points of row j of AB_i (A with column i from B).
func (d *Saltelli) AB(i, j int) int { return (2+i)*d.N + j }

// SobolIndex holds the first-order and total Sobol' indices of one factor for one output,
// as fractions of the output variance, with bootstrap percentile intervals (resampling
// base rows). Estimates are not clipped: sampling error can put S1 below 0 or ST above 1.
type SobolIndex struct {
	// S1 is the first-order index V[E(Y|X_i)]/V(Y) by the estimator of Saltelli et al.
	// (2010): the share of variance X_i explains alone.
	S1, S1Lo, S1Hi float64
	// ST is the total index E[V(Y|X_~i)]/V(Y) by Jansen's (1999) estimator: the share of
	// variance involving X_i, alone or in interaction. ST − S1 measures its interactions.
	ST, STLo, STHi float64
}

// SobolResult holds the Sobol' indices of every factor for one output.
type SobolResult struct {
	Factors  []SobolIndex // in factor order
	Variance float64      // V(Y): variance (denominator 2N) of the point means on the rows of A and B
	Noise    Noise        // the replicate noise at the design points
}

// Analyze computes the first-order and total Sobol' indices of every factor for one output
// from the replicate outputs y (y[n] holds the replicates at design point n, at least one
// each), using the point means; the intervals come from b.Resamples bootstrap resamples of
// the N base rows drawn from rng. With f_A, f_B, f_ABi the point means on the rows of A, B
// and AB_i, f̄ the mean and V the variance (denominator 2N) of the 2N values of f_A and f_B,
//
//	S1_i = (1/N) Σ_j (f_B,j − f̄)(f_ABi,j − f_A,j) / V   (Saltelli et al. 2010)
//	ST_i = (1/2N) Σ_j (f_A,j − f_ABi,j)² / V             (Jansen 1999)
//
// Centring f_B on f̄ leaves the expectation unchanged (E[f_ABi − f_A] = 0) and removes the
// variance that a large output mean would otherwise add.
//
// It returns an error if y does not match the design ([ErrMissing], [ErrNonFinite]) or b is
// invalid. If the output is constant over A and B it returns the result with NaN indices and
// [ErrConstantOutput].
func (d *Saltelli) Analyze(y [][]float64, b Bootstrap, rng *rand.Rand) (*SobolResult, error) {
	needRand(rng)
	b, err := b.resolve()
	if err != nil {
		return nil, err
	}
	means, noise, err := pointMeans(y, len(d.Points))
	if err != nil {
		return nil, fmt.Errorf("sobol: %w", err)
	}
	n, k := d.N, d.Factors
	fA := means[d.A(0) : d.A(0)+n]
	fB := means[d.B(0) : d.B(0)+n]
	fAB := make([][]float64, k)
	for i := range fAB {
		fAB[i] = means[d.AB(i, 0) : d.AB(i, 0)+n]
	}
	res := &SobolResult{Factors: make([]SobolIndex, k), Noise: noise}
	all := make([]int, n)
	for j := range all {
		all[j] = j
	}
	s1 := make([]float64, k)
	st := make([]float64, k)
	res.Variance = sobolIndices(s1, st, fA, fB, fAB, all)
	for i := range k {
		res.Factors[i].S1, res.Factors[i].ST = s1[i], st[i]
	}

	reps1 := make([][]float64, k)
	repsT := make([][]float64, k)
	for i := range k {
		reps1[i] = make([]float64, b.Resamples)
		repsT[i] = make([]float64, b.Resamples)
	}
	pick := make([]int, n)
	for s := range b.Resamples {
		for j := range pick {
			pick[j] = rng.IntN(n)
		}
		sobolIndices(s1, st, fA, fB, fAB, pick)
		for i := range k {
			reps1[i][s], repsT[i][s] = s1[i], st[i]
		}
	}
	for i := range k {
		f := &res.Factors[i]
		f.S1Lo, f.S1Hi = percentile(reps1[i], b.Level)
		f.STLo, f.STHi = percentile(repsT[i], b.Level)
	}
	if res.Variance == 0 {
		return res, ErrConstantOutput
	}
	return res, nil
}

// sobolIndices writes S1 and ST of every factor into s1 and st, estimated on the base rows
// rows (indices into fA, fB and each fAB[i], repeats allowed), and returns V. With V = 0 the
// indices are NaN.
func sobolIndices(s1, st, fA, fB []float64, fAB [][]float64, rows []int) float64 {
	m := float64(len(rows))
	var mean float64
	for _, j := range rows {
		mean += fA[j] + fB[j]
	}
	mean /= 2 * m
	var v float64
	for _, j := range rows {
		v += (fA[j]-mean)*(fA[j]-mean) + (fB[j]-mean)*(fB[j]-mean)
	}
	v /= 2 * m
	for i, ab := range fAB {
		if v == 0 {
			s1[i], st[i] = math.NaN(), math.NaN()
			continue
		}
		var first, total float64
		for _, j := range rows {
			diff := ab[j] - fA[j]
			first += (fB[j] - mean) * diff
			total += diff * diff
		}
		s1[i] = first / m / v
		st[i] = total / (2 * m) / v
	}
	return v
}
