package yuma

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/mat"
)

// tol is the tolerance of the hand-computed cases: each expected value comes from
// a few dozen additions, multiplications and divisions of numbers in [0, 1], so
// float64 rounding stays below ~1e-15; 1e-12 leaves a wide margin while still
// catching any formula error (the smallest hand-computed difference is ~1e-3).
const tol = 1e-12

func near(a, b float64) bool { return scalar.EqualWithinAbsOrRel(a, b, tol, tol) }

// dense builds an n×n matrix from rows; missing rows and missing trailing
// entries are zero.
func dense(n int, rows ...[]float64) *mat.Dense {
	m := mat.NewDense(n, n, nil)
	for i, r := range rows {
		for j, v := range r {
			m.Set(i, j, v)
		}
	}
	return m
}

func checkVec(t *testing.T, name string, got, want []float64) {
	t.Helper()
	if want == nil {
		return
	}
	if len(got) != len(want) {
		t.Fatalf("%s: len %d, want %d", name, len(got), len(want))
	}
	for i := range want {
		if !near(got[i], want[i]) {
			t.Errorf("%s[%d] = %.15g, want %.15g", name, i, got[i], want[i])
		}
	}
}

func checkMat(t *testing.T, name string, got mat.Matrix, want [][]float64) {
	t.Helper()
	for i, row := range want {
		for j, v := range row {
			if g := got.At(i, j); !near(g, v) {
				t.Errorf("%s[%d][%d] = %.15g, want %.15g", name, i, j, g, v)
			}
		}
	}
}

// aLow is the liquid-alpha coefficient for a bond whose weight does not exceed
// consensus (x = 0): 0.7 + 0.2/(1 + exp(−(1000/100)·(0 − 0.5))) = 0.7 + 0.2/(1 + e^5).
var aLow = 0.7 + 0.2/(1+math.Exp(5))

// TestEpochHandComputed checks small cases against values derived by hand in the
// comments. κ = 32767/65535 ≈ 0.499992 throughout; β = 1 and a = 0.1 unless a
// case says otherwise. Only the last epoch's outputs are checked.
func TestEpochHandComputed(t *testing.T) {
	t.Parallel()

	// Case "2v3m": uids 0, 1 validate with raw stake 3 and 1, so S = s = (.75, .25);
	// uids 2, 3, 4 mine.
	//   W row 0 = (0,0,1,1,0) → (0,0,.5,.5,0);  row 1 = (0,0,0,1,1) → (0,0,0,.5,.5).
	//   C2: only v0 (.75 ≥ κ) at .5 → .5.   C3: both at .5 → .5.
	//   C4: v1 at .5 holds .25 < κ, the rest is zeros → 0.
	//   W̄ row 0 = (.5,.5,0) on uids 2..4, row 1 = (0,.5,0); VT = (1, .5).
	//   R = (.75·.5, .75·.5+.25·.5, 0) = (.375, .5, 0); ΣR = .875; I = (3/7, 4/7, 0).
	// Classic, first epoch: ΔB = s⊙W̄ column-normalised:
	//   col 2: (.375, 0) → (1, 0);  col 3: (.375, .125) → (.75, .25).  B = ΔB.
	//   D0 = 1·3/7 + .75·4/7 = 6/7;  D1 = .25·4/7 = 1/7.  σ = 2.
	//   Stored (column-max-upscaled): col 2 (1, 0), col 3 (1, 1/3).
	w2v3m := [][]float64{{0, 0, 1, 1, 0}, {0, 0, 0, 1, 1}}

	// Case "2v3m second epoch": epoch 1 as above, then row 0 = (0,0,0,1,0), row 1 unchanged.
	//   C = (0, 1, 0) on uids 2..4 (v0 puts 1 on uid 3 with .75 ≥ κ; v1's .5 on uid 4 has .25).
	//   W̄ row 0 = (0,1,0), row 1 = (0,.5,0); VT = (1, .5); R3 = .75 + .125 = .875; I = (0,1,0).
	//   Old B column-normalised: col 2 (1, 0), col 3 (.75, .25).
	//   ΔB col 2 = 0; col 3 = (.75, .125)/.875 = (6/7, 1/7).
	//   B col 2 = .9·(1, 0) → normalised (1, 0).
	//   B col 3 = .1·(6/7, 1/7) + .9·(.75, .25) = (213/280, 67/280) (sums to 1).
	//   D = (213/280, 67/280).  Stored col 3 = (1, 67/213).
	w2v3mNext := [][]float64{{0, 0, 0, 1, 0}, {0, 0, 0, 1, 1}}

	// Case "3v4m": uids 0, 1, 2 validate with stake 5, 3, 2 → s = (.5, .3, .2); uids 3..6 mine.
	//   Row 0 = (10,0,0,4,4,2,0): the self-weight 10 is dropped → (.4,.4,.2,0) on uids 3..6.
	//   Row 1 = (0,0,0,0,5,5,0) → (0,.5,.5,0).   Row 2 = (0,0,0,2,0,0,8) → (.2,0,0,.8).
	//   C3: v0 .4 (.5 ≥ κ) → .4.   C4: v1 .5 (.3), then v0 .4 (.8) → .4.
	//   C5: v1 .5 (.3), then v0 .2 (.8) → .2.   C6: v2 .8 (.2), then zeros → 0.
	//   W̄ row 0 = (.4,.4,.2,0), row 1 = (0,.4,.2,0), row 2 = (.2,0,0,0); VT = (1, .6, .2).
	//   R = (.2+.04, .2+.12, .1+.06, 0) = (.24, .32, .16, 0); ΣR = .72;
	//   I = (1/3, 4/9, 2/9, 0).
	//   ΔB col 3 = (.2, 0, .04)/.24 = (5/6, 0, 1/6); col 4 = (.2, .12, 0)/.32 = (5/8, 3/8, 0);
	//   col 5 = (.1, .06, 0)/.16 = (5/8, 3/8, 0).
	//   D0 = 5/6·1/3 + 5/8·4/9 + 5/8·2/9 = 50/72;  D1 = 3/8·(4/9 + 2/9) = 18/72;  D2 = 1/6·1/3 = 4/72.
	w3v4m := [][]float64{
		{10, 0, 0, 4, 4, 2, 0},
		{0, 0, 0, 0, 5, 5, 0},
		{0, 0, 0, 2, 0, 0, 8},
	}

	yuma3 := func(p *Params) { p.Yuma3 = true }

	tests := []struct {
		name   string
		params func(*Params) // nil: DefaultParams
		stake  []float64
		active []bool
		epochs [][][]float64 // weights per epoch (rows; missing rows zero)

		consensus, trust, rank, incentive, dividends []float64
		minerFrac, validatorFrac                     []float64
		bonds                                        [][]float64
	}{
		{
			name:          "classic 2v3m first epoch",
			stake:         []float64{3, 1, 0, 0, 0},
			epochs:        [][][]float64{w2v3m},
			consensus:     []float64{0, 0, .5, .5, 0},
			trust:         []float64{1, .5, 0, 0, 0},
			rank:          []float64{0, 0, .375, .5, 0},
			incentive:     []float64{0, 0, 3. / 7, 4. / 7, 0},
			dividends:     []float64{6. / 7, 1. / 7, 0, 0, 0},
			minerFrac:     []float64{0, 0, 3. / 14, 4. / 14, 0},
			validatorFrac: []float64{6. / 14, 1. / 14, 0, 0, 0},
			bonds:         [][]float64{{0, 0, 1, 1, 0}, {0, 0, 0, 1. / 3, 0}, {0, 0, 0, 0, 0}},
		},
		{
			name:          "classic 2v3m second epoch bond EMA",
			stake:         []float64{3, 1, 0, 0, 0},
			epochs:        [][][]float64{w2v3m, w2v3mNext},
			consensus:     []float64{0, 0, 0, 1, 0},
			trust:         []float64{1, .5, 0, 0, 0},
			incentive:     []float64{0, 0, 0, 1, 0},
			dividends:     []float64{213. / 280, 67. / 280, 0, 0, 0},
			minerFrac:     []float64{0, 0, 0, .5, 0},
			validatorFrac: []float64{213. / 560, 67. / 560, 0, 0, 0},
			bonds:         [][]float64{{0, 0, 1, 1, 0}, {0, 0, 0, 67. / 213, 0}},
		},
		{
			name:      "classic 3v4m self-weight dropped",
			stake:     []float64{5, 3, 2, 0, 0, 0, 0},
			epochs:    [][][]float64{w3v4m},
			consensus: []float64{0, 0, 0, .4, .4, .2, 0},
			trust:     []float64{1, .6, .2, 0, 0, 0, 0},
			rank:      []float64{0, 0, 0, .24, .32, .16, 0},
			incentive: []float64{0, 0, 0, 1. / 3, 4. / 9, 2. / 9, 0},
			dividends: []float64{50. / 72, 18. / 72, 4. / 72, 0, 0, 0, 0},
		},
		{
			// Yuma3, first epoch: B = a·W̄ = .1·W̄: row 0 (.05,.05,0), row 1 (0,.05,0) on uids 2..4.
			// B̂: col 2 (1, 0), col 3 (.5, .5).
			// D0 ∝ .75·(1·3/7 + .5·4/7) = 3.75/7;  D1 ∝ .25·(.5·4/7) = .5/7;  D = (15/17, 2/17).
			name:      "yuma3 2v3m first epoch",
			params:    yuma3,
			stake:     []float64{3, 1, 0, 0, 0},
			epochs:    [][][]float64{w2v3m},
			consensus: []float64{0, 0, .5, .5, 0},
			incentive: []float64{0, 0, 3. / 7, 4. / 7, 0},
			dividends: []float64{15. / 17, 2. / 17, 0, 0, 0},
			bonds:     [][]float64{{0, 0, .05, .05, 0}, {0, 0, 0, .05, 0}},
		},
		{
			// Second identical epoch: B = .1·.5 + .9·.05 = .095 where W̄ = .5; B̂ and D unchanged.
			name:      "yuma3 2v3m second epoch",
			params:    yuma3,
			stake:     []float64{3, 1, 0, 0, 0},
			epochs:    [][][]float64{w2v3m, w2v3m},
			incentive: []float64{0, 0, 3. / 7, 4. / 7, 0},
			dividends: []float64{15. / 17, 2. / 17, 0, 0, 0},
			bonds:     [][]float64{{0, 0, .095, .095, 0}, {0, 0, 0, .095, 0}},
		},
		{
			// Yuma3 + liquid alpha, β = 0 (W^b = W), first epoch (B = 0, so w ≥ b everywhere):
			//   W ≤ C entries: x = 0, a = aLow; B = .5·aLow at (0,2), (0,3), (1,3).
			//   (1,4): W = .5, C4 = 0, x = .5, sigmoid(0) = .5, a = .7 + .2·.5 = .8; B = .8·.5 = .4.
			//   B̂: col 2 (1,0), col 3 (.5,.5), col 4 (0,1); I4 = 0, so D = (15/17, 2/17) as above.
			name: "yuma3 liquid alpha beta 0",
			params: func(p *Params) {
				p.Yuma3, p.LiquidAlpha, p.BondsPenalty = true, true, 0
			},
			stake:     []float64{3, 1, 0, 0, 0},
			epochs:    [][][]float64{w2v3m},
			incentive: []float64{0, 0, 3. / 7, 4. / 7, 0},
			dividends: []float64{15. / 17, 2. / 17, 0, 0, 0},
			bonds:     [][]float64{{0, 0, .5 * aLow, .5 * aLow, 0}, {0, 0, 0, .5 * aLow, .4}},
		},
		{
			// Only uid 1 gets the single permit (stake 3 > 1); uid 0's row is masked.
			//   s = (0, 1, 0, 0); C = (0,0,0,1); I = (0,0,0,1); ΔB col 3 = (0,1); D = (0,1,0,0).
			name:          "permit top-k masks the smaller validator",
			params:        func(p *Params) { p.MaxAllowedValidators = 1 },
			stake:         []float64{1, 3, 0, 0},
			epochs:        [][][]float64{{{0, 0, 1, 0}, {0, 0, 0, 1}}},
			consensus:     []float64{0, 0, 0, 1},
			trust:         []float64{0, 1, 0, 0},
			incentive:     []float64{0, 0, 0, 1},
			dividends:     []float64{0, 1, 0, 0},
			validatorFrac: []float64{0, .5, 0, 0},
		},
		{
			// Threshold 2 zeroes uid 1 (stake 1): S = (1,0,0,0), no permit for uid 1.
			//   Row 0 = (0,0,.5,.5); C = (0,0,.5,.5); I = (0,0,.5,.5); D = (1,0,0,0).
			name:      "stake threshold",
			params:    func(p *Params) { p.StakeThreshold = 2 },
			stake:     []float64{3, 1, 0, 0},
			epochs:    [][][]float64{{{0, 0, 1, 1}, {0, 0, 0, 1}}},
			consensus: []float64{0, 0, .5, .5},
			incentive: []float64{0, 0, .5, .5},
			dividends: []float64{1, 0, 0, 0},
		},
		{
			// Inactive uid 0: s = (0, 1); its weights no longer count for consensus.
			//   C2: only v1 has stake and gives uid 2 zero → 0; C3 = 1 (v1). I = (0,0,0,1).
			//   VT0 = min(1, C2) = 0. D = (0,1,0,0).
			name:      "inactive validator does not count",
			stake:     []float64{3, 1, 0, 0},
			active:    []bool{false, true, true, true},
			epochs:    [][][]float64{{{0, 0, 1, 0}, {0, 0, 0, 1}}},
			consensus: []float64{0, 0, 0, 1},
			trust:     []float64{0, 1, 0, 0},
			incentive: []float64{0, 0, 0, 1},
			dividends: []float64{0, 1, 0, 0},
		},
		{
			// No weights: σ = 0, validators get s = (.75, .25, 0), miners nothing.
			name:          "sigma zero gives validators active stake",
			stake:         []float64{3, 1, 0},
			epochs:        [][][]float64{nil},
			incentive:     []float64{0, 0, 0},
			dividends:     []float64{0, 0, 0},
			minerFrac:     []float64{0, 0, 0},
			validatorFrac: []float64{.75, .25, 0},
		},
		{
			// Nobody active: s = 0, so σ = 0 and validators get S = (.75, .25, 0).
			name:          "sigma zero without active stake gives validators stake",
			stake:         []float64{3, 1, 0},
			active:        []bool{false, false, false},
			epochs:        [][][]float64{{{0, 0, 1}, {0, 0, 1}}},
			incentive:     []float64{0, 0, 0},
			minerFrac:     []float64{0, 0, 0},
			validatorFrac: []float64{.75, .25, 0},
		},
		{
			// No stake at all: every output is zero.
			name:          "no stake",
			stake:         []float64{0, 0, 0},
			epochs:        [][][]float64{{{0, 1, 1}, {1, 0, 1}}},
			consensus:     []float64{0, 0, 0},
			incentive:     []float64{0, 0, 0},
			minerFrac:     []float64{0, 0, 0},
			validatorFrac: []float64{0, 0, 0},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := DefaultParams()
			if tc.params != nil {
				tc.params(&p)
			}
			n := len(tc.stake)
			st, err := New(n, p)
			if err != nil {
				t.Fatal(err)
			}
			var res Result
			for _, rows := range tc.epochs {
				if err := st.Epoch(&res, tc.stake, dense(n, rows...), tc.active); err != nil {
					t.Fatal(err)
				}
			}
			checkVec(t, "Consensus", res.Consensus, tc.consensus)
			checkVec(t, "ValidatorTrust", res.ValidatorTrust, tc.trust)
			checkVec(t, "Rank", res.Rank, tc.rank)
			checkVec(t, "Incentive", res.Incentive, tc.incentive)
			checkVec(t, "Dividends", res.Dividends, tc.dividends)
			checkVec(t, "MinerFrac", res.MinerFrac, tc.minerFrac)
			checkVec(t, "ValidatorFrac", res.ValidatorFrac, tc.validatorFrac)
			checkMat(t, "Bonds", st.Bonds(), tc.bonds)
		})
	}
}

func TestPermitsTieGoesToHigherUID(t *testing.T) {
	t.Parallel()
	p := DefaultParams()
	p.MaxAllowedValidators = 2
	st, err := New(5, p)
	if err != nil {
		t.Fatal(err)
	}
	var res Result
	// Stakes 2, 1, 2, 2, 0: the chain sorts ascending (stably) and drops the first
	// n−k = 3, i.e. uid 4 (zero), uid 1, then uid 0 (lowest uid among the tied 2s).
	if err := st.Epoch(&res, []float64{2, 1, 2, 2, 0}, dense(5), nil); err != nil {
		t.Fatal(err)
	}
	want := []bool{false, false, true, true, false}
	for i := range want {
		if res.Permit[i] != want[i] {
			t.Errorf("Permit = %v, want %v", res.Permit, want)
			break
		}
	}
}

func TestResetUIDAndSetBonds(t *testing.T) {
	t.Parallel()
	st, err := New(3, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	b := dense(3, []float64{.1, .2, .3}, []float64{.4, .5, .6}, []float64{.7, .8, .9})
	if err := st.SetBonds(b); err != nil {
		t.Fatal(err)
	}
	st.ResetUID(1)
	checkMat(t, "Bonds", st.Bonds(), [][]float64{{.1, 0, .3}, {0, 0, 0}, {.7, 0, .9}})
	if err := st.SetBonds(dense(3, []float64{2})); !errors.Is(err, ErrInput) {
		t.Errorf("SetBonds(2) error = %v, want ErrInput", err)
	}
	st.Reset()
	if got := mat.Sum(st.Bonds()); got != 0 {
		t.Errorf("after Reset, ΣB = %v", got)
	}
}

func TestEpochInputErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		stake []float64
		w     *mat.Dense
	}{
		{"negative stake", []float64{1, -1}, dense(2)},
		{"NaN stake", []float64{1, math.NaN()}, dense(2)},
		{"infinite stake", []float64{math.Inf(1), 1}, dense(2)},
		{"negative weight", []float64{1, 1}, dense(2, []float64{0, -1})},
		{"NaN weight", []float64{1, 1}, dense(2, []float64{0, math.NaN()})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			st, err := New(2, DefaultParams())
			if err != nil {
				t.Fatal(err)
			}
			if err := st.SetBonds(dense(2, []float64{0, 1})); err != nil {
				t.Fatal(err)
			}
			var res Result
			if err := st.Epoch(&res, tc.stake, tc.w, nil); !errors.Is(err, ErrInput) {
				t.Fatalf("error = %v, want ErrInput", err)
			}
			if st.Bonds().At(0, 1) != 1 {
				t.Errorf("bonds changed on error")
			}
		})
	}
}

func TestParamsValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		edit  func(*Params)
		valid bool
	}{
		{"default", func(*Params) {}, true},
		{"zero value", func(p *Params) { *p = Params{} }, false},
		{"kappa above 1", func(p *Params) { p.Kappa = 1.5 }, false},
		{"kappa NaN", func(p *Params) { p.Kappa = math.NaN() }, false},
		{"penalty negative", func(p *Params) { p.BondsPenalty = -0.1 }, false},
		{"moving average above 1e6", func(p *Params) { p.BondsMovingAverage = 2e6 }, false},
		{"alpha low above high", func(p *Params) { p.AlphaLow, p.AlphaHigh = 0.9, 0.7 }, false},
		{"negative steepness", func(p *Params) { p.AlphaSigmoidSteepness = -1 }, false},
		{"negative threshold", func(p *Params) { p.StakeThreshold = -1 }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := DefaultParams()
			tc.edit(&p)
			err := p.Validate()
			if (err == nil) != tc.valid {
				t.Errorf("Validate() = %v, want valid %v", err, tc.valid)
			}
			if err != nil && !errors.Is(err, ErrParams) {
				t.Errorf("error %v does not wrap ErrParams", err)
			}
		})
	}
	// a = 1 − 900000/1e6 = 0.1, up to one rounding of the subtraction.
	if a := DefaultParams().BondsAlpha(); !near(a, 0.1) {
		t.Errorf("BondsAlpha = %v, want 0.1", a)
	}
}

func TestDistribute(t *testing.T) {
	t.Parallel()
	st, err := New(5, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	var res Result
	// The "2v3m" case: MinerFrac = (0,0,3/14,4/14,0), ValidatorFrac = (6/14,1/14,0,0,0).
	if err := st.Epoch(&res, []float64{3, 1, 0, 0, 0}, dense(5, []float64{0, 0, 1, 1, 0}, []float64{0, 0, 0, 1, 1}), nil); err != nil {
		t.Fatal(err)
	}
	miner, val := make([]float64, 5), make([]float64, 5)
	res.Distribute(1400, miner, val)
	checkVec(t, "miner", miner, []float64{0, 0, 300, 400, 0})
	checkVec(t, "validator", val, []float64{600, 100, 0, 0, 0})

	defer func() {
		if recover() == nil {
			t.Error("Distribute with short destination did not panic")
		}
	}()
	res.Distribute(1, miner[:4], val)
}

// TestConsensusMatchesChainWeightedMedianCol replays the cases of the chain's
// `test_math_weighted_median_col` (pallets/subtensor/src/tests/math.rs at
// 14bc6f9f9). The chain's matrices are 4×3; a zero fourth column pads them to
// the square form used here.
func TestConsensusMatchesChainWeightedMedianCol(t *testing.T) {
	t.Parallel()
	w1 := []float64{ // rows = validators
		0, .1, 0, 0,
		0, .2, .4, 0,
		0, .3, .1, 0,
		0, .4, .5, 0,
	}
	w2 := []float64{
		0, .1, 0, 0,
		0, .2, .4, 0,
		0, .3, .1, 0,
		0, 0, .5, 0,
	}
	tests := []struct {
		name  string
		stake []float64
		w     []float64
		kappa float64
		want  []float64
	}{
		{"no stake", []float64{0, 0, 0, 0}, w1, .5, []float64{0, 0, 0, 0}},
		{"kappa 0.24", []float64{0, .75, .25, 0}, w1, .24, []float64{0, .3, .4, 0}},
		{"kappa 0.26", []float64{0, .75, .25, 0}, w1, .26, []float64{0, .2, .4, 0}},
		{"kappa 0.76", []float64{0, .75, .25, 0}, w1, .76, []float64{0, .2, .1, 0}},
		{"kappa 0.51", []float64{0, .3, .2, .5}, w2, .51, []float64{0, 0, .4, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var staked []int
			for i, s := range tc.stake {
				if s > 0 {
					staked = append(staked, i)
				}
			}
			got := make([]float64, 4)
			consensus(got, tc.w, tc.stake, staked, 4, 0, tc.kappa, make([]vote, 0, 4))
			for j := range got {
				// Exact: consensus returns one of the column's values unchanged.
				if got[j] != tc.want[j] {
					t.Errorf("C = %v, want %v", got, tc.want)
					break
				}
			}
		})
	}
}
