package yuma

// Result holds the per-uid outputs of one epoch (spec §12.8). Every slice has one
// entry per uid. A zero Result is ready to use: [State.Epoch] sizes its slices,
// reusing their capacity, so one Result passed to repeated epochs of the same
// size allocates nothing.
type Result struct {
	// Stake is S = S_raw/ΣS_raw after the stake threshold (spec §12.1).
	// It sums to 1, or is all zero when no uid has stake.
	Stake []float64

	// Permit reports the validator permits: the top MaxAllowedValidators uids by
	// Stake among those with nonzero Stake (spec §12.2). Ties at the cut go to
	// the higher uid, as in the chain's stable ascending sort (`is_topk_nonzero`).
	Permit []bool

	// ActiveStake is s_i = S_i·active_i·permit_i renormalised (spec §12.2).
	// It sums to 1, or is all zero.
	ActiveStake []float64

	// Consensus is C_j ∈ [0, 1], the stake-weighted κ-quantile of column j of
	// the row-normalised weights (spec §12.4).
	Consensus []float64

	// ValidatorTrust is VT_i = Σ_j min(W[i][j], C_j) ∈ [0, 1] (spec §12.4).
	ValidatorTrust []float64

	// Rank is R_j = Σ_i s_i·min(W[i][j], C_j) ∈ [0, 1], not normalised
	// (spec §12.5). The chain stores it normalised, which equals Incentive.
	Rank []float64

	// Incentive is I_j = R_j/ΣR (spec §12.5). It sums to 1, or is all zero.
	Incentive []float64

	// Dividends is D_i from the bonds (spec §12.6). It sums to 1, or is all zero.
	Dividends []float64

	// MinerFrac is uid j's server (miner) share of the epoch total, I_j/σ with
	// σ = ΣI + ΣD (spec §12.7). It is all zero when σ = 0.
	MinerFrac []float64

	// ValidatorFrac is uid i's validator share of the epoch total, D_i/σ; when
	// σ = 0 it is ActiveStake, or Stake if no stake is active (spec §12.7).
	// ΣMinerFrac + ΣValidatorFrac is 1, or 0 when no uid has stake.
	ValidatorFrac []float64
}

// Distribute splits total (any amount unit, e.g. pending alpha in alpha) by the
// emission fractions: dstMiner[j] = total·MinerFrac[j] and
// dstValidator[i] = total·ValidatorFrac[i] (spec §12.8). The two destinations
// sum to total, or to 0 when no uid has stake. It panics if the lengths of
// dstMiner or dstValidator differ from len(r.MinerFrac).
func (r *Result) Distribute(total float64, dstMiner, dstValidator []float64) {
	if len(dstMiner) != len(r.MinerFrac) || len(dstValidator) != len(r.ValidatorFrac) {
		panic(badDistribute)
	}
	for j, f := range r.MinerFrac {
		dstMiner[j] = total * f
	}
	for i, f := range r.ValidatorFrac {
		dstValidator[i] = total * f
	}
}

// reset sizes every slice of r to n, reusing capacity. Contents are unspecified.
func (r *Result) reset(n int) {
	r.Stake = resize(r.Stake, n)
	r.Permit = resizeBool(r.Permit, n)
	r.ActiveStake = resize(r.ActiveStake, n)
	r.Consensus = resize(r.Consensus, n)
	r.ValidatorTrust = resize(r.ValidatorTrust, n)
	r.Rank = resize(r.Rank, n)
	r.Incentive = resize(r.Incentive, n)
	r.Dividends = resize(r.Dividends, n)
	r.MinerFrac = resize(r.MinerFrac, n)
	r.ValidatorFrac = resize(r.ValidatorFrac, n)
}

func resize(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

func resizeBool(s []bool, n int) []bool {
	if cap(s) < n {
		return make([]bool, n)
	}
	return s[:n]
}
