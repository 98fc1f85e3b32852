// Package sensitivity holds the designs and estimators of global sensitivity analysis for
// simulation experiments (docs/experiments.md, "Sensitivity"): Morris screening and
// Sobol' variance-based indices, with replicates at each design point and bootstrap
// intervals on the indices. It is pure: no I/O, no goroutines, and every random draw
// comes from the *rand.Rand the caller passes, so a design and its analysis are functions
// of the seeds.
//
// # Workflow
//
//  1. Build a design in the unit hypercube [0, 1]^k: [NewMorris] (r trajectories over p
//     levels) or [NewSaltelli] (N base rows).
//  2. Map its Points to input values with [Values] and one [Factor] per input (uniform,
//     log-uniform or integer ranges).
//  3. Run the model at every point, as many replicates as wanted (with different random
//     numbers), giving y[n] = the replicate outputs at point n, per output.
//  4. Call [Morris.Analyze] or [Saltelli.Analyze] once per output: indices per factor, a
//     bootstrap interval, and a [Noise] report on the replicates.
//
// # Morris elementary effects
//
// Morris (1991, "Factorial sampling plans for preliminary computational experiments",
// Technometrics 33:161) screens many factors cheaply. Each factor takes p levels
// {0, 1/(p−1), …, 1}; a trajectory starts at a random grid point and moves one factor at a
// time by Δ = p/(2(p−1)), up or down, until every factor has moved once (k+1 points). The
// elementary effect of factor i on a step from x is
//
//	EE_i = (y(x + Δe_i) − y(x)) / Δ        (Δ signed: the step's direction)
//
// and over r trajectories
//
//	μ_i  = (1/r) Σ_t EE_i,t                 (Morris 1991)
//	μ*_i = (1/r) Σ_t |EE_i,t|               (Campolongo, Cariboni & Saltelli 2007,
//	                                         Environ. Model. Softw. 22:1509)
//	σ_i  = √( Σ_t (EE_i,t − μ_i)² / (r−1) ) (Morris 1991)
//
// μ* ranks overall influence (effects of opposite sign do not cancel, as they can in μ);
// σ large relative to μ* flags interactions or non-linearity. The design costs r(k+1) model
// evaluations per replicate. Effects are per unit coordinate, i.e. per full range of the
// factor, so factors in different units compare. The trajectories here are drawn
// independently; Campolongo et al.'s selection of r spread-out trajectories from a larger
// candidate set is not implemented, because it makes trajectories dependent, which the
// bootstrap over trajectories does not allow for.
//
// # Sobol' indices
//
// With independent uniform inputs, the output variance decomposes into the contributions
// of each factor alone and of every group of interacting factors (Sobol' 1993, "Sensitivity
// estimates for nonlinear mathematical models", Math. Model. Comput. Exp. 1:407). The
// first-order index S1_i = V[E(Y|X_i)]/V(Y) is the share of variance X_i explains alone;
// the total index ST_i = E[V(Y|X_~i)]/V(Y) = 1 − V[E(Y|X_~i)]/V(Y) is the share that involves
// X_i in any way. ST_i ≈ 0 means the factor can be fixed anywhere in its range;
// ST_i − S1_i measures its interactions; Σ S1 ≤ 1 with equality for additive models.
//
// Saltelli's design (Saltelli 2002, "Making best use of model evaluations to compute
// sensitivity indices", Comput. Phys. Commun. 145:280) draws two N×k matrices A and B of
// independent rows and forms, for each factor i, AB_i: A with column i taken from B. The
// N(k+2) model evaluations give both indices for every factor. With f_A, f_B, f_ABi the
// outputs on those rows, f̄ and V the mean and variance of the 2N values of f_A and f_B:
//
//	S1_i = (1/N)  Σ_j (f_B,j − f̄)(f_ABi,j − f_A,j) / V   (Saltelli et al. 2010, "Variance
//	                                                      based sensitivity analysis of model
//	                                                      output", Comput. Phys. Commun.
//	                                                      181:259)
//	ST_i = (1/2N) Σ_j (f_A,j − f_ABi,j)²               / V   (Jansen 1999, "Analysis of
//	                                                      variance designs for model output",
//	                                                      Comput. Phys. Commun. 117:35)
//
// Saltelli et al. (2010) recommend exactly this pair. Centring f_B on f̄ does not change
// the expectation and keeps a large output mean from adding variance to S1.
//
// The base rows come from a scrambled Sobol' sequence ([ScrambledSobol], the default) as in
// Saltelli et al. (2010): the first N points of a 2k-dimensional Sobol' sequence with the
// direction numbers of Joe & Kuo (2008, SIAM J. Sci. Comput. 30:2635), A from the first k
// coordinates and B from the last k, randomised by Matoušek's (1998, J. Complexity 14:527)
// linear scrambling plus a random digital shift so that the estimates are unbiased and
// independent seeds give independent estimates. Powers of two for N keep the sequence's
// balance. [IID] draws plain uniform rows instead.
//
// # Bootstrap intervals
//
// Intervals are percentile bootstrap intervals (Efron & Tibshirani 1993, ch. 13): resample
// the design's independent units with replacement, recompute the index, and take the
// (1−level)/2 and (1+level)/2 quantiles of the resampled indices. For Morris the unit is a
// trajectory; for Sobol' it is a base row j (row j of A, of B and of every AB_i together).
// With [IID] rows the intervals have about their nominal coverage (tested); with
// [ScrambledSobol] rows, which are negatively correlated by construction, the row bootstrap
// overstates the error and the intervals are conservative (also tested). A sharper interval
// for quasi-random designs needs independent randomisations: run the design with several
// seeds and take the spread of the estimates.
//
// # Replicates and noise
//
// A stochastic simulation gives a different output at the same point with different random
// numbers. The analyses accept several replicates per point and compute the indices from
// the point means; replicate noise left in the means behaves like an extra factor that no
// input controls: it adds σ²_noise/n to V and to Jansen's numerator, so first-order indices
// shrink towards 0 and total indices grow (the test TestSobolReplicates checks the exact
// amounts), and Morris σ grows. [Noise] reports the pooled within-point variance, the
// total and between-point variances, and the share of each that is noise, so a reader sees
// when noise swamps the effects (MeansShare well above 0.1 means the indices are blurred;
// above 0.5 they mostly measure noise).
//
// # Errors and panics
//
// Bad design parameters, bootstrap settings, and outputs that do not match the design come
// back as errors (an output that is missing at a point is [ErrMissing], a NaN or infinite
// one [ErrNonFinite], a constant one [ErrConstantOutput]). A nil *rand.Rand is a programming
// error and panics with a message starting "sensitivity: ".
package sensitivity
