package yuma

import (
	"math"
	"slices"
)

// bondWeight returns W^b = (1−β)·W + β·W̄ for one entry (spec §12.6).
func bondWeight(w, c, beta float64) float64 {
	return (1-beta)*w + beta*min(w, c)
}

// bondsClassic runs the classic bond update and writes the dividends to D, which
// is zero on entry (spec §12.6, Yuma3 off):
//
//	B  ← B column-normalised
//	ΔB = s_i·W^b[i][j], column-normalised
//	B  ← a·ΔB + (1−a)·B, column-normalised
//	D_i = Σ_j B[i][j]·I_j, normalised
//
// then stores B column-max-upscaled, as the chain does. Rows of uids without
// permit were cleared by the caller: the chain clears them when it stores the
// bonds of an epoch whose new permits they lack, and it masks weights and stake
// with the permits of the previous epoch, so the bonds an epoch reads are always
// held by the uids whose permits are in force. Using this epoch's permits, the
// same invariant requires clearing before the update. On the first epoch B = 0,
// so B = a·ΔB column-normalised = ΔB. Only permitted rows are touched, and of them
// only the columns from lo on (before lo there is neither weight nor bond: they are
// set to +0, which is what the update would leave there).
func (st *State) bondsClassic(D, C, s, I []float64, lo int) {
	n := st.n
	B, W, vals := st.bonds, st.w, st.vals
	a, beta := st.params.BondsAlpha(), st.params.BondsPenalty

	// Columns before lo have no weight and no bond in the permitted rows (Epoch): the
	// update below would store +0 in them, which is all that happens to them.
	for _, i := range vals {
		clear(B[i*n : i*n+lo])
	}
	// Column sums of the old bonds and of ΔB. Divisions, not reciprocals: a
	// subnormal sum has an infinite reciprocal.
	oldSum := st.colA
	colSums(oldSum, B, n, lo, vals)
	deltaSum := st.colB
	clear(deltaSum)
	Cl := C[lo:]
	for _, i := range st.staked {
		si := s[i]
		ds := deltaSum[lo:]
		for j, wij := range W[i*n+lo : (i+1)*n] {
			ds[j] += si * bondWeight(wij, Cl[j], beta)
		}
	}
	for _, i := range vals {
		si := s[i]
		row, wrow := B[i*n+lo:(i+1)*n], W[i*n+lo:(i+1)*n]
		ds, os := deltaSum[lo:], oldSum[lo:]
		for j, b := range row {
			// a·ΔB + (1−a)·B_old, both column-normalised; empty columns stay 0.
			var delta, old float64
			if ds[j] > 0 {
				delta = si * bondWeight(wrow[j], Cl[j], beta) / ds[j]
			}
			if os[j] > 0 {
				old = b / os[j]
			}
			row[j] = a*delta + (1-a)*old
		}
	}
	colSums(st.colA, B, n, lo, vals)
	colScale(B, n, lo, vals, st.colA)

	Il := I[lo:]
	for _, i := range vals {
		var d float64
		for j, b := range B[i*n+lo : (i+1)*n] {
			d += b * Il[j]
		}
		D[i] = d
	}
	normalize(D)

	colMax(st.colA, B, n, lo, vals)
	colScale(B, n, lo, vals, st.colA)
}

// bondsYuma3 runs the Yuma3 bond update and writes the dividends to D, which is
// zero on entry (spec §12.6, Yuma3 on):
//
//	B ← a ⊙ W^b + (1−a) ⊙ B, clipped to [0, 1]
//	D_i ∝ s_i·Σ_j B̂[i][j]·I_j, B̂ = B column-normalised
//
// a is the constant BondsAlpha, or, with LiquidAlpha and some C_j ≠ 0, the
// per-entry [liquidAlpha]. Only permitted rows are touched.
func (st *State) bondsYuma3(D, C, s, I []float64) {
	n := st.n
	p := st.params
	B, W, vals := st.bonds, st.w, st.vals
	a, beta := p.BondsAlpha(), p.BondsPenalty
	liquid := p.LiquidAlpha && slices.ContainsFunc(C, func(c float64) bool { return c != 0 })

	for _, i := range vals {
		row, wrow := B[i*n:(i+1)*n], W[i*n:(i+1)*n]
		for j, b := range row {
			wb := bondWeight(wrow[j], C[j], beta)
			aij := a
			if liquid {
				aij = liquidAlpha(C[j], wb, b, p.AlphaLow, p.AlphaHigh, p.AlphaSigmoidSteepness)
			}
			row[j] = min(max((1-aij)*b+max(aij*wb, 0), 0), 1)
		}
	}

	colSum := st.colA
	colSums(colSum, B, n, 0, vals)
	for _, i := range st.staked {
		var d float64
		for j, b := range B[i*n : (i+1)*n] {
			if colSum[j] > 0 {
				d += b / colSum[j] * I[j] // B̂[i][j]·I_j
			}
		}
		D[i] = s[i] * d
	}
	normalize(D)
}

// liquidAlpha returns the Yuma3 liquid-alpha EMA coefficient for one bond
// (spec §12.6; `alpha_sigmoid` in run_epoch.rs): with
// x = clamp(w − c, 0, 1) if w ≥ b, else clamp(b − w, 0, 1),
//
//	a = low + (high − low)/(1 + exp(−(steepness/100)·(x − 1/2))),
//
// where w is the bond weight W^b, b the previous bond and c the consensus.
// The exponent is clamped to [−20, 20] as the chain's `exp_safe` does.
func liquidAlpha(c, w, b, low, high, steepness float64) float64 {
	var x float64
	if w >= b {
		x = min(max(w-c, 0), 1)
	} else {
		x = min(max(b-w, 0), 1)
	}
	e := min(max(-steepness/100*(x-0.5), -20), 20)
	sig := 1 / (1 + math.Exp(e))
	return min(max(low+sig*(high-low), low), high)
}
