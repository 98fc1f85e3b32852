package yuma

import "testing"

// The key property of Yuma for this project (docs/agents.md, root-validator
// intervention): a validator holding more than κ of the active stake that gives
// a miner zero weight clips that miner's consensus, and so its incentive, to
// exactly zero, however highly everyone else rates it; a validator holding less
// than κ cannot. κ = 32767/65535 ≈ 0.499992.
//
// In every case uid 0 is the zeroing validator, which puts all its weight on
// uid m+1 (so its row is not empty), and the target miner is uid m, the first
// uid after the validators. The other validators put 0.9 of their weight on the
// target and 0.1 on uid m+1.

type kappaCase struct {
	name  string
	stake []float64 // validators' raw stake; uid 0 zeroes the target
}

// runKappaCase returns the result of one classic epoch and the target uid.
func runKappaCase(t *testing.T, tc kappaCase) (*Result, int) {
	t.Helper()
	return runKappaCaseWith(t, tc, DefaultParams())
}

// runKappaCaseWith returns the result of one epoch under p and the target uid.
func runKappaCaseWith(t *testing.T, tc kappaCase, p Params) (*Result, int) {
	t.Helper()
	v := len(tc.stake)
	n := v + 2
	target, other := v, v+1
	stake := make([]float64, n)
	copy(stake, tc.stake)
	rows := make([][]float64, v)
	for i := range v {
		rows[i] = make([]float64, n)
		if i == 0 {
			rows[i][other] = 1
		} else {
			rows[i][target], rows[i][other] = 0.9, 0.1
		}
	}
	st, err := New(n, p)
	if err != nil {
		t.Fatal(err)
	}
	var res Result
	if err := st.Epoch(&res, stake, dense(n, rows...), nil); err != nil {
		t.Fatal(err)
	}
	return &res, target
}

func TestKappaMajorityZeroWeightClipsMinerToZero(t *testing.T) {
	t.Parallel()
	tests := []kappaCase{
		{"0.6 zeroes vs 0.4 at 0.9", []float64{6, 4}},
		{"0.51 zeroes vs 0.49 at 0.9", []float64{51, 49}},
		{"0.6 zeroes vs two 0.2 at 0.9", []float64{6, 2, 2}},
		{"0.9 zeroes vs 0.1 at 0.9", []float64{9, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, target := runKappaCase(t, tc)
			// Exact zeros, not within a tolerance: clipping is a min, not arithmetic.
			if c := res.Consensus[target]; c != 0 {
				t.Errorf("Consensus[target] = %v, want exactly 0", c)
			}
			if inc := res.Incentive[target]; inc != 0 {
				t.Errorf("Incentive[target] = %v, want exactly 0", inc)
			}
			if f := res.MinerFrac[target]; f != 0 {
				t.Errorf("MinerFrac[target] = %v, want exactly 0", f)
			}
		})
	}
}

func TestKappaMinorityZeroWeightCannotClip(t *testing.T) {
	t.Parallel()
	tests := []kappaCase{
		{"0.4 zeroes vs 0.6 at 0.9", []float64{4, 6}},
		{"0.49 zeroes vs 0.51 at 0.9", []float64{49, 51}},
		{"0.4 zeroes vs two 0.3 at 0.9", []float64{4, 3, 3}},
		// κ < 1/2, so the half that weights the miner reaches κ first.
		{"0.5 zeroes vs 0.5 at 0.9", []float64{5, 5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, target := runKappaCase(t, tc)
			// The others hold ≥ κ at weight 0.9, so consensus is 0.9 and the miner is paid.
			if c := res.Consensus[target]; !near(c, 0.9) {
				t.Errorf("Consensus[target] = %v, want 0.9", c)
			}
			if inc := res.Incentive[target]; !(inc > 0) {
				t.Errorf("Incentive[target] = %v, want > 0", inc)
			}
		})
	}
}

// TestKappaBoundaryHandComputed checks both sides of the 0.6/0.4 split exactly.
func TestKappaBoundaryHandComputed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                            string
		stake                           []float64
		consensus, incentive, dividends []float64
	}{
		{
			// s = (.6, .4). Rows: v0 (0,0,0,1), v1 (0,0,.9,.1).
			// C2: v1 .9 holds .4 < κ, then v0's zero → 0.  C3: v0 1 holds .6 ≥ κ → 1.
			// W̄: v0 (0,1), v1 (0,.1). R = (0, .6 + .04) → I = (0, 1).
			// ΔB col 3 = (.6, .04)/.64 = (.9375, .0625) = D.
			name:      "majority 0.6 clips",
			stake:     []float64{6, 4},
			consensus: []float64{0, 0, 0, 1},
			incentive: []float64{0, 0, 0, 1},
			dividends: []float64{.9375, .0625, 0, 0},
		},
		{
			// s = (.4, .6). C2: v1 .9 holds .6 ≥ κ → .9.  C3: v0 1 (.4), then v1 .1 (1.0) → .1.
			// W̄: v0 (0,.1), v1 (.9,.1). R = (.54, .04 + .06) = (.54, .1); ΣR = .64;
			// I = (.84375, .15625).
			// ΔB col 2 = (0, 1); col 3 = (.04, .06)/.1 = (.4, .6).
			// D0 = .4·.15625 = .0625;  D1 = .84375 + .6·.15625 = .9375.
			name:      "minority 0.4 cannot clip",
			stake:     []float64{4, 6},
			consensus: []float64{0, 0, .9, .1},
			incentive: []float64{0, 0, .84375, .15625},
			dividends: []float64{.0625, .9375, 0, 0},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, _ := runKappaCase(t, kappaCase{tc.name, tc.stake})
			checkVec(t, "Consensus", res.Consensus, tc.consensus)
			checkVec(t, "Incentive", res.Incentive, tc.incentive)
			checkVec(t, "Dividends", res.Dividends, tc.dividends)
		})
	}
}

// yumaVersions are the three Yuma variants a preset or scenario can select.
func yumaVersions() []struct {
	name string
	p    Params
} {
	classic, y3, y3la := DefaultParams(), DefaultParams(), DefaultParams()
	y3.Yuma3 = true
	y3la.Yuma3, y3la.LiquidAlpha = true, true
	return []struct {
		name string
		p    Params
	}{{"classic", classic}, {"yuma3", y3}, {"yuma3 liquid alpha", y3la}}
}

// TestKappaClipUnderEachVersion: the clip of the root-validator intervention is the same
// under classic Yuma and Yuma3 (consensus and incentive come before the bonds, which are
// all the versions change), while the dividends of the first epoch differ, by hand:
//
// Yuma3 starts from B = 0, so after one epoch B = a·W̄ and B̂ is W̄'s column
// normalisation; D_i ∝ s_i·Σ_j B̂_ij·I_j. With liquid alpha every nonzero entry has
// x = 0 (W̄ = C where not clipped, W^b ≤ C where clipped), so every entry's a is the
// same sigmoid value and B̂, and D, equal the constant-a case.
//
//   - s = (.6, .4), majority clips: W̄ = v0 (0,1), v1 (0,.1) on (target, other); I = (0, 1);
//     B̂ col other = (1, .1)/1.1; D ∝ (.6·10/11, .4·1/11) → (.9375, .0625), as classic.
//   - s = (.4, .6), minority cannot clip: W̄ = v0 (0,.1), v1 (.9,.1); I = (.84375, .15625);
//     B̂ col target = (0, 1), col other = (.5, .5);
//     D ∝ (.4·.5·.15625, .6·(.84375 + .5·.15625)) = (10/320, 177/320) → (10/187, 177/187),
//     where classic gives (.0625, .9375).
func TestKappaClipUnderEachVersion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                          string
		stake                         []float64
		consensus, incentive          []float64
		classicDividends, y3Dividends []float64
	}{
		{
			name:             "majority 0.6 clips",
			stake:            []float64{6, 4},
			consensus:        []float64{0, 0, 0, 1},
			incentive:        []float64{0, 0, 0, 1},
			classicDividends: []float64{.9375, .0625, 0, 0},
			y3Dividends:      []float64{.9375, .0625, 0, 0},
		},
		{
			name:             "minority 0.4 cannot clip",
			stake:            []float64{4, 6},
			consensus:        []float64{0, 0, .9, .1},
			incentive:        []float64{0, 0, .84375, .15625},
			classicDividends: []float64{.0625, .9375, 0, 0},
			y3Dividends:      []float64{10.0 / 187, 177.0 / 187, 0, 0},
		},
	}
	for _, tc := range tests {
		for _, v := range yumaVersions() {
			t.Run(tc.name+"/"+v.name, func(t *testing.T) {
				t.Parallel()
				res, _ := runKappaCaseWith(t, kappaCase{tc.name, tc.stake}, v.p)
				checkVec(t, "Consensus", res.Consensus, tc.consensus)
				checkVec(t, "Incentive", res.Incentive, tc.incentive)
				want := tc.classicDividends
				if v.p.Yuma3 {
					want = tc.y3Dividends
				}
				checkVec(t, "Dividends", res.Dividends, want)
			})
		}
	}
}

// TestKappaSettable: the clip threshold is κ, not one half. The validators weighting the
// target at 0.9 hold 1 − z of the stake, z the zeroing validator's share; the target's
// consensus is 0.9 if 1 − z ≥ κ, and 0 (clipped) otherwise, under each version.
func TestKappaSettable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		kappa   float64
		stake   []float64
		clipped bool
	}{
		// κ = 0.6: a 0.45 minority zeroing clips, since the 0.55 at 0.9 is below κ.
		{"kappa 0.6, 0.45 zeroes vs 0.55", 0.6, []float64{45, 55}, true},
		// κ = 0.6: a 0.35 minority cannot, since the 0.65 at 0.9 reaches κ.
		{"kappa 0.6, 0.35 zeroes vs 0.65", 0.6, []float64{35, 65}, false},
		// κ = 0.4: a 0.55 majority zeroing cannot clip, since the 0.45 at 0.9 reaches κ.
		{"kappa 0.4, 0.55 zeroes vs 0.45", 0.4, []float64{55, 45}, false},
		// κ = 0.4: a 0.65 majority clips, since the 0.35 at 0.9 is below κ.
		{"kappa 0.4, 0.65 zeroes vs 0.35", 0.4, []float64{65, 35}, true},
	}
	for _, tc := range tests {
		for _, v := range yumaVersions() {
			t.Run(tc.name+"/"+v.name, func(t *testing.T) {
				t.Parallel()
				p := v.p
				p.Kappa = tc.kappa
				res, target := runKappaCaseWith(t, kappaCase{tc.name, tc.stake}, p)
				want := 0.9
				if tc.clipped {
					want = 0
				}
				if c := res.Consensus[target]; !near(c, want) {
					t.Errorf("Consensus[target] = %v, want %v", c, want)
				}
				if inc := res.Incentive[target]; (inc == 0) != tc.clipped {
					t.Errorf("Incentive[target] = %v, clipped %v", inc, tc.clipped)
				}
			})
		}
	}
}
