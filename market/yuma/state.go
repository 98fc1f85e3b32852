package yuma

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Panic messages for programmer misuse.
const (
	badSize       = "yuma: n < 1"
	badStake      = "yuma: len(stake) != n"
	badWeights    = "yuma: weights are not n×n"
	badActive     = "yuma: active is neither nil nor of length n"
	badBonds      = "yuma: bonds are not n×n"
	badUID        = "yuma: uid out of range"
	badDistribute = "yuma: destination lengths do not match the result"
)

// State is the persistent Yuma state of one subnet (one mechanism) between
// epochs, plus the workspace that makes [State.Epoch] allocation-free.
//
// Every matrix is n×n over uids, as on chain: row i is uid i in its role as
// validator and column j is uid j in its role as miner, so a uid can earn both
// incentive and dividends. The bond matrix B is what the chain stores in `Bonds`,
// without the u16 rounding: classic bonds column-max-upscaled (every nonzero
// column has maximum 1; only the column direction matters, since each epoch
// column-normalises them first), Yuma3 bonds as fractions in [0, 1]. Only uids
// holding a validator permit hold bonds.
//
// The work per epoch is O(V·n) plus sorting, where V ≤ MaxAllowedValidators is
// the number of permit holders: rows of uids without a permit are never read.
//
// To model a subnet whose size changes, size the State for the largest uid
// count (256 on mainnet) and leave free uids at zero stake and zero weight;
// call [State.ResetUID] when a uid is given to a new neuron.
//
// A State is not safe for concurrent use; use one per subnet per goroutine.
type State struct {
	n      int
	params Params

	bonds  []float64  // n×n row-major, persistent
	bondsM *mat.Dense // view of bonds for Bonds
	held   []bool     // held[i]: row i of bonds may be nonzero

	// Workspace, overwritten by every epoch.
	w      []float64 // n×n row-major processed weights W; only permitted rows are valid
	vals   []int     // uids holding a permit, ascending
	staked []int     // uids with active stake s_i > 0, ascending
	colA   []float64 // per-column sums
	colB   []float64 // per-column sums
	votes  []vote    // consensus sort buffer
	ranked []ranked  // permit sort buffer
}

// ranked is a uid and its stake, sorted for validator permits.
type ranked struct {
	v float64
	i int
}

// New returns the State of a subnet with n uids, no bonds and parameters p.
// It returns an error wrapping [ErrParams] if p is invalid, and panics if n < 1.
func New(n int, p Params) (*State, error) {
	if n < 1 {
		panic(badSize)
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	st := &State{
		n:      n,
		params: p,
		bonds:  make([]float64, n*n),
		held:   make([]bool, n),
		w:      make([]float64, n*n),
		vals:   make([]int, 0, n),
		staked: make([]int, 0, n),
		colA:   make([]float64, n),
		colB:   make([]float64, n),
		votes:  make([]vote, 0, n),
		ranked: make([]ranked, n),
	}
	st.bondsM = mat.NewDense(n, n, st.bonds)
	return st, nil
}

// N returns the number of uids.
func (st *State) N() int { return st.n }

// Params returns the parameters in force.
func (st *State) Params() Params { return st.params }

// SetParams replaces the parameters, for example at a scheduled preset switch.
// Bonds are kept; switching between the classic and the Yuma3 path reads the
// stored bonds in the other convention, as the chain does. It returns an error
// wrapping [ErrParams], and changes nothing, if p is invalid.
func (st *State) SetParams(p Params) error {
	if err := p.Validate(); err != nil {
		return err
	}
	st.params = p
	return nil
}

// Bonds returns a read-only view of the bond matrix B (n×n, row = validator uid,
// column = miner uid, entries in [0, 1]; see [State] for the convention). The
// view aliases the State and changes with the next epoch; copy it with
// mat.DenseCopyOf to keep it. It must not be modified.
func (st *State) Bonds() mat.Matrix { return st.bondsM }

// SetBonds replaces the bond matrix with b, e.g. to restore a checkpoint. It
// returns an error wrapping [ErrInput], and changes nothing, if an entry is not
// in [0, 1]. It panics if b is not n×n. Rows of uids that do not hold a permit
// at the next epoch are cleared by it.
func (st *State) SetBonds(b mat.Matrix) error {
	if r, c := b.Dims(); r != st.n || c != st.n {
		panic(badBonds)
	}
	for i := range st.n {
		for j := range st.n {
			if v := b.At(i, j); !(v >= 0 && v <= 1) {
				return fmt.Errorf("yuma: bond[%d][%d] = %v not in [0, 1]: %w", i, j, v, ErrInput)
			}
		}
	}
	st.bondsM.Copy(b)
	for i := range st.held {
		st.held[i] = true
	}
	return nil
}

// ResetUID clears the bonds held by uid (its row) and held on uid (its column).
// Call it when uid is deregistered and given to a new neuron: the chain removes
// the row in `clear_neuron` and masks the column of recently registered uids at
// the next epoch (spec §12.6). It panics if uid is not in [0, n).
func (st *State) ResetUID(uid int) {
	if uid < 0 || uid >= st.n {
		panic(badUID)
	}
	n := st.n
	clear(st.bonds[uid*n : (uid+1)*n])
	st.held[uid] = false
	for i := range n {
		st.bonds[i*n+uid] = 0
	}
}

// Reset clears all bonds.
func (st *State) Reset() {
	clear(st.bonds)
	clear(st.held)
}

// Epoch runs one Yuma epoch (spec §12) and writes its outputs to dst.
//
// stake holds S_raw per uid (alpha stake + tao_weight × root stake, in any
// unit, already combined by the caller). w holds the weights: row i is what
// uid i set, column j the uid it rated; entries are non-negative in any scale,
// and each row is normalised after masking. Rows of uids without a validator
// permit are masked (spec §12.3) and never read. active marks the uids whose
// weights are recent enough (spec §12.2); nil means every uid is active.
//
// Epoch updates the bonds and sizes dst's slices (see [Result]); with the same n
// and a reused dst it does not allocate. It returns an error wrapping [ErrInput]
// if a stake, or a weight in the row of a permit holder, is negative, NaN or
// infinite; the State is then unchanged and dst's contents are unspecified. It
// panics if len(stake) != n, w is not n×n, or active is neither nil nor of
// length n.
func (st *State) Epoch(dst *Result, stake []float64, w mat.Matrix, active []bool) error {
	n := st.n
	if len(stake) != n {
		panic(badStake)
	}
	if r, c := w.Dims(); r != n || c != n {
		panic(badWeights)
	}
	if active != nil && len(active) != n {
		panic(badActive)
	}
	for i, v := range stake {
		if !finiteNonNeg(v) {
			return fmt.Errorf("yuma: stake[%d] = %v: %w", i, v, ErrInput)
		}
	}
	p := st.params
	dst.reset(n)

	// §12.1 Stake: threshold, then S = S_raw/ΣS_raw.
	S := dst.Stake
	for i, v := range stake {
		if v < p.StakeThreshold {
			v = 0
		}
		S[i] = v
	}
	normalize(S)

	// §12.2 Permits (top-k nonzero) and active stake s = S·active·permit, renormalised.
	st.permits(dst.Permit, S, p.MaxAllowedValidators)
	s := dst.ActiveStake
	st.vals, st.staked = st.vals[:0], st.staked[:0]
	for i := range s {
		s[i] = 0
		if dst.Permit[i] {
			st.vals = append(st.vals, i)
			if active == nil || active[i] {
				s[i] = S[i]
			}
		}
	}
	normalize(s)
	for _, i := range st.vals {
		if s[i] > 0 {
			st.staked = append(st.staked, i)
		}
	}

	// §12.3 Weights: rows without permit are masked (not copied); zero the
	// diagonal and row-normalise the others.
	W := st.w
	if err := st.permitWeights(w); err != nil {
		return err
	}

	// §12.4 Consensus, clipping W̄ = min(W, C), validator trust.
	// §12.5 Rank R_j = Σ_i s_i·W̄[i][j] and incentive I = R/ΣR.
	// Columns before lo hold no weight and no bond in any permitted row: their
	// consensus, rank and bonds are 0 and their terms in the sums below are ±0, which
	// change no sum that starts at +0, so the loops start at lo (bit for bit the same).
	lo := st.firstColumn()
	C := dst.Consensus
	consensus(C, W, s, st.staked, n, lo, p.Kappa, st.votes)
	R, VT := dst.Rank, dst.ValidatorTrust
	clear(R)
	clear(VT)
	Cl, Rl := C[lo:], R[lo:]
	for _, i := range st.vals {
		row := W[i*n+lo : (i+1)*n]
		var vt float64
		for j, wij := range row {
			vt += min(wij, Cl[j])
		}
		VT[i] = vt
		if si := s[i]; si > 0 {
			for j, wij := range row {
				Rl[j] += si * min(wij, Cl[j])
			}
		}
	}
	I := dst.Incentive
	copy(I, R)
	normalize(I)

	// §12.6 Bonds and dividends. A uid without permit holds no bonds (see bondsClassic).
	for i := range n {
		if st.held[i] && !dst.Permit[i] {
			clear(st.bonds[i*n : (i+1)*n])
			st.held[i] = false
		}
	}
	D := dst.Dividends
	clear(D)
	if p.Yuma3 {
		st.bondsYuma3(D, C, s, I)
	} else {
		st.bondsClassic(D, C, s, I, lo)
	}
	for _, i := range st.vals {
		st.held[i] = true
	}

	// §12.7 Emission proportions.
	dst.fractions(I, D, s, S)
	return nil
}

// firstColumn returns the first column in which some permit holder's row of the
// processed weights W or of the bonds is nonzero (n if none): at the default subnet
// size the burn uid's and the validators' columns come first and are empty unless an
// intervention burns.
func (st *State) firstColumn() int {
	n, lo := st.n, st.n
	for _, i := range st.vals {
		w, b := st.w[i*n:i*n+lo], st.bonds[i*n:i*n+lo]
		for j := range w {
			if w[j] != 0 || b[j] != 0 {
				lo = j
				break
			}
		}
	}
	return lo
}

// permitWeights copies the rows of w of the permit holders into st.w, zeroes their
// diagonal and row-normalises them (§12.3). A negative, NaN or infinite weight in such a
// row is an error wrapping ErrInput.
func (st *State) permitWeights(w mat.Matrix) error {
	n := st.n
	W := st.w
	for _, i := range st.vals {
		row := mat.Row(W[i*n:(i+1)*n], i, w)
		for j, v := range row {
			if !finiteNonNeg(v) {
				return fmt.Errorf("yuma: weight[%d][%d] = %v: %w", i, j, v, ErrInput)
			}
		}
		row[i] = 0
		normalize(row)
	}
	return nil
}

// fractions sets the emission proportions from incentive I and dividends D (§12.7):
// each over their common sum, or, when both are zero, all to the validators by active
// stake s (by stake S if s is zero too).
func (r *Result) fractions(I, D, s, S []float64) {
	sigma := sum(I) + sum(D)
	if sigma > 0 {
		for j := range I {
			r.MinerFrac[j] = I[j] / sigma
			r.ValidatorFrac[j] = D[j] / sigma
		}
		return
	}
	clear(r.MinerFrac)
	if sum(s) > 0 {
		copy(r.ValidatorFrac, s)
	} else {
		copy(r.ValidatorFrac, S)
	}
}

// permits sets dst[i] if S[i] > 0 and uid i is among the k largest of S, ties
// going to the higher uid (chain `is_topk_nonzero`: stable ascending sort, drop
// the first n−k).
func (st *State) permits(dst []bool, S []float64, k int) {
	for i, v := range S {
		dst[i] = v > 0
	}
	n := len(S)
	if n <= k {
		return
	}
	r := st.ranked[:n]
	for i, v := range S {
		r[i] = ranked{v: v, i: i}
	}
	slices.SortFunc(r, func(a, b ranked) int {
		if c := cmp.Compare(a.v, b.v); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	for _, x := range r[:n-k] {
		dst[x.i] = false
	}
}

func finiteNonNeg(v float64) bool { return v >= 0 && !math.IsInf(v, 1) }

func sum(x []float64) float64 {
	var t float64
	for _, v := range x {
		t += v
	}
	return t
}

// normalize divides x by its sum if the sum is positive (chain `inplace_normalize`).
func normalize(x []float64) {
	t := sum(x)
	if t <= 0 {
		return
	}
	for i := range x {
		x[i] /= t
	}
}

// colSums sets dst[j] to the sum of column j of the n×n row-major m over the
// given rows, for the columns from lo on; dst's earlier entries are set to 0.
func colSums(dst, m []float64, n, lo int, rows []int) {
	clear(dst)
	d := dst[lo:]
	for _, i := range rows {
		for j, v := range m[i*n+lo : (i+1)*n] {
			d[j] += v
		}
	}
}

// colMax sets dst[j] to the maximum of column j of the n×n row-major
// non-negative m over the given rows, for the columns from lo on; dst's earlier
// entries are set to 0.
func colMax(dst, m []float64, n, lo int, rows []int) {
	clear(dst)
	d := dst[lo:]
	for _, i := range rows {
		for j, v := range m[i*n+lo : (i+1)*n] {
			d[j] = max(d[j], v)
		}
	}
}

// colScale divides column j of the given rows of the n×n row-major m by d[j]
// where d[j] > 0, leaving other columns alone, for the columns from lo on. With
// column sums it column-normalises (chain `inplace_col_normalize`), with column
// maxima it max-upscales (`inplace_col_max_upscale`).
func colScale(m []float64, n, lo int, rows []int, d []float64) {
	d = d[lo:]
	for _, i := range rows {
		row := m[i*n+lo : (i+1)*n]
		for j, dj := range d {
			if dj > 0 {
				row[j] /= dj
			}
		}
	}
}
