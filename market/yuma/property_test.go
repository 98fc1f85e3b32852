package yuma

import (
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/mat"
	"pgregory.net/rapid"
)

// propTol bounds the rounding in the property checks: sums of at most a few
// hundred products of numbers in [0, 1] carry relative error ≲ 1e-13, so 1e-12
// separates rounding from a broken invariant (which would be off by ≳ 1e-3).
const propTol = 1e-12

// epochIn is one epoch's inputs.
type epochIn struct {
	stake  []float64
	w      *mat.Dense
	active []bool
}

// amount draws a stake or weight: often exactly zero, otherwise in [0, 100].
var amount = rapid.OneOf(rapid.Just(0.0), rapid.Float64Range(0, 100))

func drawParams(t *rapid.T, n int) Params {
	p := DefaultParams()
	p.Kappa = rapid.Float64Range(0, 1).Draw(t, "kappa")
	p.BondsPenalty = rapid.Float64Range(0, 1).Draw(t, "beta")
	p.BondsMovingAverage = rapid.Float64Range(0, 1e6).Draw(t, "bma")
	p.Yuma3 = rapid.Bool().Draw(t, "yuma3")
	p.LiquidAlpha = rapid.Bool().Draw(t, "liquid")
	p.MaxAllowedValidators = rapid.IntRange(1, n+1).Draw(t, "k")
	return p
}

func drawEpoch(t *rapid.T, n int) epochIn { return drawEpochFrom(t, n, amount) }

// drawEpochFrom draws one epoch's inputs with stakes and weights from values.
func drawEpochFrom(t *rapid.T, n int, values *rapid.Generator[float64]) epochIn {
	in := epochIn{
		stake: rapid.SliceOfN(values, n, n).Draw(t, "stake"),
		w:     mat.NewDense(n, n, rapid.SliceOfN(values, n*n, n*n).Draw(t, "w")),
	}
	if rapid.Bool().Draw(t, "has active mask") {
		in.active = rapid.SliceOfN(rapid.Bool(), n, n).Draw(t, "active")
	}
	return in
}

func inUnit(x float64) bool { return x >= 0 && x <= 1+propTol }

func sumNear(x []float64, want float64) bool {
	return scalar.EqualWithinAbs(sum(x), want, propTol)
}

// sumsToOneOrZero reports whether x sums to 1, or is all zero.
func sumsToOneOrZero(x []float64) bool {
	return sumNear(x, 1) || sum(x) == 0
}

// normalizedWeights recomputes the masked, row-normalised W of spec §12.3.
func normalizedWeights(in epochIn, permit []bool) *mat.Dense {
	n := len(in.stake)
	w := mat.DenseCopyOf(in.w)
	for i := range n {
		if !permit[i] {
			w.SetRow(i, make([]float64, n))
			continue
		}
		w.Set(i, i, 0)
		row := w.RawRowView(i)
		normalize(row)
	}
	return w
}

// checkInvariants checks the invariants of one epoch's result and the bonds after it.
func checkInvariants(t *rapid.T, p Params, st *State, in epochIn, res *Result) {
	n := st.N()
	for name, v := range map[string][]float64{
		"Stake": res.Stake, "ActiveStake": res.ActiveStake, "Consensus": res.Consensus,
		"ValidatorTrust": res.ValidatorTrust, "Rank": res.Rank, "Incentive": res.Incentive,
		"Dividends": res.Dividends, "MinerFrac": res.MinerFrac, "ValidatorFrac": res.ValidatorFrac,
	} {
		for i, x := range v {
			if !inUnit(x) {
				t.Fatalf("%s[%d] = %v not in [0, 1]", name, i, x)
			}
		}
	}
	for name, v := range map[string][]float64{
		"Stake": res.Stake, "ActiveStake": res.ActiveStake,
		"Incentive": res.Incentive, "Dividends": res.Dividends,
	} {
		if !sumsToOneOrZero(v) {
			t.Fatalf("Σ%s = %v, want 1 or all zero", name, sum(v))
		}
	}

	// Fractions: Σ = 1 whenever some uid has stake (σ > 0, or the σ = 0 fallback).
	wantFrac := 0.0
	if sum(res.Stake) > 0 {
		wantFrac = 1
	}
	if got := sum(res.MinerFrac) + sum(res.ValidatorFrac); !scalar.EqualWithinAbs(got, wantFrac, propTol) {
		t.Fatalf("ΣMinerFrac + ΣValidatorFrac = %v, want %v", got, wantFrac)
	}
	if sigma := sum(res.Incentive) + sum(res.Dividends); sigma > 0 {
		if !scalar.EqualWithinAbs(sum(res.MinerFrac), sum(res.Incentive)/sigma, propTol) {
			t.Fatalf("ΣMinerFrac = %v, want ΣI/σ", sum(res.MinerFrac))
		}
	}

	// Consensus: C_j ≤ the largest weight in column j among validators with stake,
	// and C_j is the κ-quantile: stake(W ≥ C_j) ≥ κ·Σs and stake(W > C_j) < κ·Σs.
	w := normalizedWeights(in, res.Permit)
	total := sum(res.ActiveStake)
	for j := range n {
		var maxW, atLeast, above float64
		for i := range n {
			s := res.ActiveStake[i]
			if s <= 0 {
				continue
			}
			wij := w.At(i, j)
			maxW = max(maxW, wij)
			if wij >= res.Consensus[j] {
				atLeast += s
			}
			if wij > res.Consensus[j] {
				above += s
			}
		}
		c := res.Consensus[j]
		if c > maxW {
			t.Fatalf("Consensus[%d] = %v > max column weight %v", j, c, maxW)
		}
		if total > 0 && (atLeast < p.Kappa*total-propTol || above >= p.Kappa*total+propTol) {
			t.Fatalf("Consensus[%d] = %v is not the κ = %v quantile: stake(W ≥ C) = %v, stake(W > C) = %v",
				j, c, p.Kappa, atLeast, above)
		}
		if c == 0 && res.Incentive[j] != 0 {
			t.Fatalf("Incentive[%d] = %v with zero consensus", j, res.Incentive[j])
		}
	}

	// Bonds: in [0, 1]; only permit holders hold them; classic columns are
	// max-upscaled (max 1 or all zero), i.e. normalised up to a column scale.
	b := st.Bonds()
	for j := range n {
		var colMax float64
		for i := range n {
			v := b.At(i, j)
			if !inUnit(v) {
				t.Fatalf("B[%d][%d] = %v not in [0, 1]", i, j, v)
			}
			if v != 0 && !res.Permit[i] {
				t.Fatalf("B[%d][%d] = %v held without permit", i, j, v)
			}
			if res.Dividends[i] != 0 && !res.Permit[i] {
				t.Fatalf("Dividends[%d] = %v without permit", i, res.Dividends[i])
			}
			colMax = max(colMax, v)
		}
		if !p.Yuma3 && colMax != 0 && !scalar.EqualWithinAbs(colMax, 1, propTol) {
			t.Fatalf("classic bond column %d has max %v, want 0 or 1", j, colMax)
		}
	}
}

// TestEpochInvariants runs 1–4 random epochs and checks the invariants after each.
func TestEpochInvariants(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "n")
		p := drawParams(t, n)
		st, err := New(n, p)
		if err != nil {
			t.Fatal(err)
		}
		var res Result
		for range rapid.IntRange(1, 4).Draw(t, "epochs") {
			in := drawEpoch(t, n)
			if err := st.Epoch(&res, in.stake, in.w, in.active); err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, p, st, in, &res)
		}
	})
}

// TestEpochPermutationInvariance relabels the uids (rows and columns of W, stake,
// activity) and checks that every output is relabelled the same way. Permits
// are not truncated (k ≥ n), because the top-k tie rule is by uid on purpose.
//
// Relabelling changes the order of floating-point sums. Where a κ comparison is
// an exact tie in real arithmetic (κ = 1, or one stake below the float64
// resolution of another), rounding decides it, and so does the order. The
// inputs therefore stay off those knife edges: κ ∈ [0.01, 0.99] and nonzero
// stakes and weights in [1e-3, 100].
func TestEpochPermutationInvariance(t *testing.T) {
	t.Parallel()
	// permTol: the relabelled run sums the same terms in a different order, which
	// changes results by a few ulps per operation; over ≤ 4 epochs of ≤ 8 uids
	// that stays far below 1e-9.
	const permTol = 1e-9
	moderate := rapid.OneOf(rapid.Just(0.0), rapid.Float64Range(1e-3, 100))
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "n")
		p := drawParams(t, n)
		p.Kappa = rapid.Float64Range(0.01, 0.99).Draw(t, "moderate kappa")
		p.MaxAllowedValidators = n
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		perm := rapid.Permutation(idx).Draw(t, "perm")

		a, err := New(n, p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := New(n, p)
		if err != nil {
			t.Fatal(err)
		}
		var ra, rb Result
		for range rapid.IntRange(1, 4).Draw(t, "epochs") {
			in := drawEpochFrom(t, n, moderate)
			pin := epochIn{stake: make([]float64, n), w: mat.NewDense(n, n, nil)}
			if in.active != nil {
				pin.active = make([]bool, n)
			}
			for i := range n {
				pin.stake[perm[i]] = in.stake[i]
				if in.active != nil {
					pin.active[perm[i]] = in.active[i]
				}
				for j := range n {
					pin.w.Set(perm[i], perm[j], in.w.At(i, j))
				}
			}
			if err := a.Epoch(&ra, in.stake, in.w, in.active); err != nil {
				t.Fatal(err)
			}
			if err := b.Epoch(&rb, pin.stake, pin.w, pin.active); err != nil {
				t.Fatal(err)
			}
			for name, pair := range map[string][2][]float64{
				"Consensus": {ra.Consensus, rb.Consensus}, "ValidatorTrust": {ra.ValidatorTrust, rb.ValidatorTrust},
				"Incentive": {ra.Incentive, rb.Incentive}, "Dividends": {ra.Dividends, rb.Dividends},
				"MinerFrac": {ra.MinerFrac, rb.MinerFrac}, "ValidatorFrac": {ra.ValidatorFrac, rb.ValidatorFrac},
			} {
				for i := range n {
					if !scalar.EqualWithinAbsOrRel(pair[0][i], pair[1][perm[i]], permTol, permTol) {
						t.Fatalf("%s[%d] = %v, relabelled %v", name, i, pair[0][i], pair[1][perm[i]])
					}
				}
			}
			for i := range n {
				for j := range n {
					x, y := a.Bonds().At(i, j), b.Bonds().At(perm[i], perm[j])
					if !scalar.EqualWithinAbsOrRel(x, y, permTol, permTol) {
						t.Fatalf("B[%d][%d] = %v, relabelled %v", i, j, x, y)
					}
				}
			}
		}
	})
}
