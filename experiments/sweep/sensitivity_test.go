package sweep

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dtaosim/experiments/record"
	"dtaosim/experiments/sensitivity"
)

// swMorrisYAML is a Morris design over three scenario parameters of the tiny setup: 4
// trajectories × 4 points = 16 design points, 2 replicates each.
const swMorrisYAML = `name: morris
base: sn28
scenario:
  days: 0.2
  subnets: {count: 16, meme: {netuids: [3], takeover_day: 0.1}}
  agents: {speculators: {count: 20, arrival: {process: lump}}, yield_stakers: {count: 3, arrival: {process: lump}}, noise: {count: 5}, root_validators: {detection_delay_days: 0.05}}
  metrics: {min_days: 0.05}
replicates: 2
seed: 11
design: morris
trajectories: 4
levels: 4
axes:
  - {param: agents.speculators.count, range: {from: 5, to: 60, round: true}}
  - {param: agents.speculators.capital.min, range: {from: 100, to: 3000, log: true}}
  - {param: metrics.theta, range: {from: 0.02, to: 0.1}}
`

// TestMorrisSweep: a Morris design runs as a sweep; its manifest alone (after a merge of
// shards) lets Sensitivity rebuild the design and compute μ*, μ, σ per output and
// parameter, μ* inside its bootstrap interval; sensitivity.parquet holds the same rows.
func TestMorrisSweep(t *testing.T) {
	p := swParse(t, swMorrisYAML)
	d := p.Sensitivity
	if d == nil || d.Kind != "morris" || len(d.Points) != 16 || len(d.Steps) != 12 || len(d.PointCells) != 16 {
		t.Fatalf("design %+v, want Morris with 16 points and 12 steps", d)
	}
	// The design is NewMorris's, seeded from the experiment's seed.
	want, err := sensitivity.NewMorris(3, 4, 4, rand.New(rand.NewPCG(11, morrisStream)))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(want.Points, d.Points, slices.Equal) {
		t.Errorf("design points differ from NewMorris(seed 11)")
	}
	// Each point ran as the cell with its values: integer speculator counts, log-spaced
	// capital, θ on its grid.
	for n, u := range d.Points {
		c := p.Cells[d.PointCells[n]]
		count := c.Values[0].(int64)
		if wantCount := int64(5 + math.Floor(u[0]*56)); min(wantCount, 60) != count {
			t.Errorf("point %d (u %v): speculators %d, want %d", n, u, count, min(wantCount, 60))
		}
		if got, want := c.Scenario.Agents.Speculators.Capital.Min, math.Exp(math.Log(100)+u[1]*math.Log(30)); math.Abs(got-want) > 1e-9*want {
			t.Errorf("point %d: capital %v, want %v", n, got, want)
		}
	}
	ctx := context.Background()
	root := t.TempDir()
	var dirs []string
	for i := range 2 {
		dirs = append(dirs, filepath.Join(root, "shard"+string(rune('0'+i))))
		if _, err := Run(ctx, p, Options{Out: dirs[i], Workers: 2, Shard: i, Shards: 2}); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(root, "merged")
	if _, err := Merge(out, dirs); err != nil {
		t.Fatal(err)
	}
	res, err := Sensitivity(out, SensitivityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	res.Print(&b)
	t.Logf("\n%s", b.String())
	if res.Runs != 2*len(p.Cells) || res.Missing != 0 {
		t.Errorf("%d runs read, %d missing; want %d, 0", res.Runs, res.Missing, 2*len(p.Cells))
	}
	if len(res.Skipped) != 0 {
		t.Errorf("skipped %q, want none (the runs have every output's columns, misallocation too)", res.Skipped)
	}
	outputs := map[string]bool{}
	varies := false
	for _, r := range res.Rows {
		outputs[r.Output] = true
		if r.Design != "morris" || r.Points != 16 || r.Runs != 32 || !math.IsNaN(r.S1) || !math.IsNaN(r.ST) {
			t.Errorf("row %+v", r)
		}
		if !(r.MuStarLo <= r.MuStar && r.MuStar <= r.MuStarHi) {
			t.Errorf("%s, %s: mu* %v outside its interval [%v, %v]", r.Output, r.Param, r.MuStar, r.MuStarLo, r.MuStarHi)
		}
		if r.MuStar < math.Abs(r.Mu)-1e-12 || r.Sigma < 0 {
			t.Errorf("%s, %s: mu* %v < |mu| %v or sigma %v < 0", r.Output, r.Param, r.MuStar, r.Mu, r.Sigma)
		}
		if r.Output == "peak_meme_share" && r.MuStar > 0 {
			varies = true
		}
		// θ only changes how a run is classified, not the market: the meme share does
		// not depend on it.
		if r.Param == "metrics.theta" && strings.HasSuffix(r.Output, "meme_share") && r.MuStar != 0 {
			t.Errorf("%s: mu* of metrics.theta %v, want 0", r.Output, r.MuStar)
		}
	}
	if !varies {
		t.Errorf("peak_meme_share: every mu* is 0; the design should move the meme share")
	}
	if want := len(SensitivityOutputs); len(outputs) != want || !outputs["misallocation"] {
		t.Errorf("%d outputs analysed (misallocation: %v), want %d with misallocation", len(outputs), outputs["misallocation"], want)
	}
	if err := res.Write(out, "test", sensitivity.Bootstrap{}); err != nil {
		t.Fatal(err)
	}
	rows, err := record.ReadSensitivity(filepath.Join(out, "sensitivity.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	sameSensitivity(t, rows, res.Rows)
	// The same folder gives the same numbers (seeded bootstrap).
	again, err := Sensitivity(out, SensitivityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sameSensitivity(t, again.Rows, res.Rows)

	// A grid's folder is not a sensitivity design.
	grid := t.TempDir()
	if _, err := Run(ctx, swParse(t, swTinyYAML), Options{Out: grid, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	if _, err := Sensitivity(grid, SensitivityOptions{}); !errors.Is(err, ErrNotSensitivity) {
		t.Errorf("Sensitivity of a grid: %v, want ErrNotSensitivity", err)
	}
}

func sameSensitivity(t *testing.T, got, want []record.SensitivityRow) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Output != w.Output || g.Param != w.Param || g.Rank != w.Rank || !sameFloat(g.MuStar, w.MuStar) ||
			!sameFloat(g.MuStarLo, w.MuStarLo) || !sameFloat(g.S1, w.S1) || !sameFloat(g.ST, w.ST) || !sameFloat(g.NoiseCRNShare, w.NoiseCRNShare) {
			t.Errorf("row %d: %+v, want %+v", i, g, w)
		}
	}
}

func sameFloat(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

// TestSobolSweep: a small Sobol' design (2 parameters, N = 8 IID base rows, 1 replicate)
// runs end to end: S1 and ST per output and parameter, NaN Morris columns.
func TestSobolSweep(t *testing.T) {
	src := strings.Replace(swMorrisYAML, "design: morris\ntrajectories: 4\nlevels: 4\n", "design: sobol\nsamples: 8\nsobol_base: iid\n", 1)
	src = strings.Replace(src, "name: morris", "name: sobol", 1)
	src = strings.Replace(src, "replicates: 2", "replicates: 1", 1)
	src = strings.Replace(src, "  - {param: metrics.theta, range: {from: 0.02, to: 0.1}}\n", "", 1)
	p := swParse(t, src)
	d := p.Sensitivity
	if d == nil || d.Kind != "sobol" || d.Base != "iid" || len(d.Points) != 8*4 {
		t.Fatalf("design %+v, want Sobol' with 32 points", d)
	}
	want, err := sensitivity.NewSaltelli(2, 8, sensitivity.IID, rand.New(rand.NewPCG(11, sobolStream)))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(want.Points, d.Points, slices.Equal) {
		t.Errorf("design points differ from NewSaltelli(seed 11)")
	}
	out := t.TempDir()
	if _, err := Run(context.Background(), p, Options{Out: out, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	res, err := Sensitivity(out, SensitivityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	res.Print(&b)
	t.Logf("\n%s", b.String())
	found := false
	for _, r := range res.Rows {
		if r.Design != "sobol" || r.Points != 32 || !math.IsNaN(r.MuStar) || !math.IsNaN(r.Sigma) {
			t.Errorf("row %+v", r)
		}
		if r.Output == "peak_meme_share" {
			found = true
			if math.IsNaN(r.S1) || math.IsNaN(r.ST) || !(r.STLo <= r.STHi) || !(r.S1Lo <= r.S1Hi) || !(r.Variance > 0) {
				t.Errorf("peak_meme_share, %s: S1 %v [%v, %v], ST %v [%v, %v], V %v", r.Param, r.S1, r.S1Lo, r.S1Hi, r.ST, r.STLo, r.STHi, r.Variance)
			}
		}
	}
	if !found {
		t.Errorf("no peak_meme_share rows; skipped %q", res.Skipped)
	}
	if err := res.Write(out, "test", sensitivity.Bootstrap{}); err != nil {
		t.Fatal(err)
	}
	if _, err := record.ReadSensitivity(filepath.Join(out, "sensitivity.parquet")); err != nil {
		t.Fatal(err)
	}
}

// TestSensitivityDesignParse: design fields are checked and named; equal design points
// share a cell; the design is a function of the seed.
func TestSensitivityDesignParse(t *testing.T) {
	t.Parallel()
	const head = "name: x\nbase: sn28\n"
	const ax = "axes:\n  - {param: agents.speculators.count, range: {from: 5, to: 60, round: true}}\n"
	bad := []struct{ src, want string }{
		{"design: morris\nlevels: 4\n" + ax, "trajectories"},
		{"design: morris\ntrajectories: 1\n" + ax, "trajectories"},
		{"design: morris\ntrajectories: 4\nlevels: 3\n" + ax, "line 5: levels: expected an even number"},
		{"design: morris\ntrajectories: 4\naxes: [{param: subnets.count, values: [4, 8]}]\n", "axes[0] (subnets.count): design \"morris\" needs a range"},
		{"design: morris\ntrajectories: 4\naxes: [{param: subnets.count, range: {from: 4, to: 8, steps: 3}}]\n", "range.steps"},
		{"design: morris\ntrajectories: 4\naxes: [{param: subnets.count, range: {from: 4.5, to: 8, round: true}}]\n", "whole numbers"},
		{"design: morris\ntrajectories: 4\naxes: [{param: agents.speculators.stop_loss, range: {from: 0.5, to: 0.5}}]\n", "from < to"},
		{"design: morris\ntrajectories: 4\n", "at least one axis"},
		{"design: sobol\nsamples: 1\n" + ax, "samples"},
		{"design: sobol\nsamples: 8\nsobol_base: halton\n" + ax, "sobol_base"},
		{"design: grid\ntrajectories: 4\n", "trajectories: only used with design \"morris\""},
		{"design: morris\ntrajectories: 4\nsobol_base: iid\n" + ax, "sobol_base: only used"},
		{"design: grid\nsamples: 4\n", "samples: only used"},
		{"design: sobol\nsamples: 4\naxes: [{param: agents.speculators.count, range: {from: 5, to: 60000000, round: true}}]\n", "agents.speculators.count"},
	}
	for _, tc := range bad {
		_, err := Parse([]byte(head+tc.src), ".")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q): error %v, want one containing %q", tc.src, err, tc.want)
		}
	}
	// Two levels of an integer factor over [1, 2]: Morris points with equal values run once.
	src := head + "design: morris\ntrajectories: 6\nlevels: 2\naxes:\n  - {param: agents.speculators.count, range: {from: 1, to: 2, round: true}}\n  - {param: agents.noise.count, range: {from: 1, to: 2, round: true}}\n"
	p, err := Parse([]byte(src), ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Cells) != 4 || len(p.Sensitivity.Points) != 18 {
		t.Errorf("%d cells for %d points, want 4 (the 2 × 2 grid) for 18", len(p.Cells), len(p.Sensitivity.Points))
	}
	for n, c := range p.Sensitivity.PointCells {
		u := p.Sensitivity.Points[n]
		if want := []any{int64(1 + u[0]), int64(1 + u[1])}; !slices.Equal(p.Cells[c].Values, want) {
			t.Errorf("point %d (%v) in cell %d %v, want values %v", n, u, c, p.Cells[c].Values, want)
		}
	}
	q, _ := Parse([]byte(src), ".")
	r, _ := Parse([]byte(strings.Replace(src, "name: x", "name: x\nseed: 2", 1)), ".")
	if q.Hash != p.Hash || r.Hash == p.Hash {
		t.Errorf("hashes %s, %s (same file), %s (seed 2): want equal, then different", p.Hash, q.Hash, r.Hash)
	}
}

// TestCRNNoiseShare: the residual noise of a point × replicate decomposition. Outputs
// y = a_n + b_r (effects of the point and of the replicate's common random numbers) have
// none; adding independent noise e_nr of variance s² leaves s²/R in each point mean.
func TestCRNNoiseShare(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 1))
	const N, R = 200, 4
	y := make([][]float64, N)
	reps := make([][]int, N)
	for n := range y {
		for r := range R {
			y[n] = append(y[n], float64(n%7)+10*float64(r))
			reps[n] = append(reps[n], r)
		}
	}
	if got := crnNoiseShare(y, reps); math.Abs(got) > 1e-12 {
		t.Errorf("additive point and replicate effects: share %v, want 0", got)
	}
	// Point effects of variance 4 (n mod 7 is uniform on 0 … 6) and noise of variance 1:
	// the point means' variance is 4 + 1/4, of which 1/4 is noise: a share of 1/17.
	for n := range y {
		for r := range R {
			y[n][r] += rng.NormFloat64()
		}
	}
	// Tolerance: with 200 × 4 values both variances are estimated to within about 10%.
	if got, want := crnNoiseShare(y, reps), 1.0/17; math.Abs(got-want) > 0.25*want {
		t.Errorf("with unit noise: share %v, want about %v", got, want)
	}
	// Only replicates every point has count: with one, nothing can be said.
	reps[0] = []int{0, 5, 6, 7}
	y2 := [][]float64{y[0], y[1]}
	if got := crnNoiseShare(y2, [][]int{{0, 5, 6, 7}, {0, 1, 2, 3}}); !math.IsNaN(got) {
		t.Errorf("one common replicate: %v, want NaN", got)
	}
}
