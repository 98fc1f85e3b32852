package yuma

import "testing"

// The key property of Yuma for this project (DESIGN.md §5, root-validator
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
	st, err := New(n, DefaultParams())
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
