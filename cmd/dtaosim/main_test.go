package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// examples are the replay examples shipped in the repository (docs/replay.md).
var examples = filepath.Join("..", "..", "examples", "replay")

// TestExitCodes: 0 for a good replay, 2 for bad usage and bad input, with the message
// naming the file and the field.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"blocks": 3, "mechanism": "launch_2025_02", "subnets": [], "tape": []}`), 0o644)
	badYAML := filepath.Join(dir, "bad.yaml")
	os.WriteFile(badYAML, []byte("days: 1\nagents:\n  speculator: {count: 3}\n"), 0o644)
	shortYAML := filepath.Join(dir, "short.yaml")
	os.WriteFile(shortYAML, []byte("name: short\ndays: 0.2\nsubnets: {count: 4, meme: {netuids: [2], takeover_day: 0.05}}\nagents: {speculators: {count: 5}, noise: {count: 5}}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "file"), nil, 0o644) // a file where --out wants a directory
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"replay", filepath.Join(examples, "tao_flow.json")}, 0},
		{[]string{"replay", bad}, 2},
		{[]string{"replay", filepath.Join(dir, "missing.json")}, 2},
		{[]string{"replay"}, 2},
		{[]string{"frobnicate"}, 2},
		{[]string{"presets"}, 0},
		{[]string{"run", filepath.Join(dir, "missing.yaml")}, 2},
		{[]string{"run", "no-such-preset"}, 2},
		{[]string{"run", badYAML}, 2},
		{[]string{"run", shortYAML, "--out", filepath.Join(dir, "file", "sub")}, 2},
		{[]string{"run", shortYAML, "--out", filepath.Join(dir, "out"), "--seed", "3"}, 0},
		{[]string{"version"}, 0},
	}
	for _, tc := range cases {
		stdout, stderr := capture(t, func() int { return run(tc.args) })
		if code := stdout.code; code != tc.code {
			t.Errorf("dtaosim %s: exit %d, want %d (stderr %q)", strings.Join(tc.args, " "), code, tc.code, stderr)
		}
		if tc.code == 2 && !strings.HasPrefix(stderr, "dtaosim: ") {
			t.Errorf("dtaosim %s: stderr %q", strings.Join(tc.args, " "), stderr)
		}
	}
	for _, f := range []string{"series.parquet", "events.parquet", "run.parquet"} {
		if _, err := os.Stat(filepath.Join(dir, "out", f)); err != nil {
			t.Errorf("run did not write %s: %v", f, err)
		}
	}
	_, stderr := capture(t, func() int { return run([]string{"replay", bad}) })
	if !strings.Contains(stderr, "bad.json") || !strings.Contains(stderr, "subnets") {
		t.Errorf("error %q does not name the file and field", stderr)
	}
}

type result struct {
	code int
	out  string
}

// capture runs f with os.Stdout and os.Stderr redirected and returns what they got.
func capture(t *testing.T, f func() int) (result, string) {
	t.Helper()
	oldOut, oldErr := os.Stdout, os.Stderr
	ro, wo, _ := os.Pipe()
	re, we, _ := os.Pipe()
	os.Stdout, os.Stderr = wo, we
	outc, errc := make(chan string), make(chan string)
	go func() { var b bytes.Buffer; b.ReadFrom(ro); outc <- b.String() }()
	go func() { var b bytes.Buffer; b.ReadFrom(re); errc <- b.String() }()
	code := f()
	wo.Close()
	we.Close()
	os.Stdout, os.Stderr = oldOut, oldErr
	return result{code, <-outc}, <-errc
}

// TestReplayPrintsCSV: the replay command prints the header and one row per block and
// subnet (800 blocks × 3 subnets).
func TestReplayPrintsCSV(t *testing.T) {
	res, _ := capture(t, func() int { return run([]string{"replay", filepath.Join(examples, "launch_price_ema.json")}) })
	lines := strings.Split(strings.TrimSpace(res.out), "\n")
	if res.code != 0 || len(lines) != 2401 || !strings.HasPrefix(lines[0], "block,netuid,tao_reserve") {
		t.Errorf("exit %d, %d lines, header %q", res.code, len(lines), lines[0])
	}
}

// TestRunPrintsSummary: the run command prints the capture verdict and the files written.
func TestRunPrintsSummary(t *testing.T) {
	dir := t.TempDir()
	sc := filepath.Join(dir, "s.yaml")
	os.WriteFile(sc, []byte("name: s\ndays: 0.2\nsubnets: {count: 4, meme: {netuids: [2], takeover_day: 0.05}}\nagents: {speculators: {count: 5}, root_validators: {policy: intervene, detect: timer, detection_delay_dist: fixed, detection_delay_days: 0.05}}\n"), 0o644)
	res, stderr := capture(t, func() int { return run([]string{"run", sc, "--out", dir}) })
	for _, want := range []string{"scenario s, seed 1", "meme capture:", "intervention: day", "wrote "} {
		if !strings.Contains(res.out, want) {
			t.Errorf("summary lacks %q:\n%s%s", want, res.out, stderr)
		}
	}
}

// TestSweepCommands: a tiny sweep runs (0), says so when run again (0), merges and
// summarizes, compares with itself; bad experiments and output folders are exit 2; a
// merge with a missing run is exit 1.
func TestSweepCommands(t *testing.T) {
	dir := t.TempDir()
	exp := filepath.Join(dir, "e.yaml")
	os.WriteFile(exp, []byte("name: e\nbase: sn28\nscenario: {days: 0.2, subnets: {count: 4, meme: {netuids: [2], takeover_day: 0.05}}, agents: {speculators: {count: 5}, noise: {count: 3}}}\nreplicates: 2\naxes:\n  - {param: mechanism.preset, values: [launch_2025_02, taoflow_2025_11]}\n"), 0o644)
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("name: e\nreplicates: 0\n"), 0o644)
	out := filepath.Join(dir, "out")
	os.WriteFile(filepath.Join(dir, "file"), nil, 0o644)
	steps := []struct {
		args []string
		code int
		want string // in stdout+stderr
	}{
		{[]string{"sweep", exp, "--out", out, "--workers", "2"}, 0, "capture k/n [95% CI]"},
		{[]string{"sweep", exp, "--out", out}, 0, "nothing to do"},
		{[]string{"summarize", out}, 0, "paired capture comparisons"},
		{[]string{"merge", out}, 0, "merged 4 runs"},
		{[]string{"compare", out, out, "--out", filepath.Join(dir, "cmp")}, 0, "out (B): the same cells"},
		{[]string{"compare", out, filepath.Join(dir, "nothing")}, 2, "no manifest.json"},
		{[]string{"compare", out}, 2, "accepts 2 arg"},
		{[]string{"sweep", bad, "--out", out}, 2, "line 2: replicates"},
		{[]string{"sweep", exp, "--out", filepath.Join(dir, "file", "x")}, 2, "--out"},
		{[]string{"sweep", exp, "--shard", "3/2"}, 2, "--shard"},
		{[]string{"slurm", exp, "--shards", "2", "--out", out}, 0, "sbatch"},
	}
	for _, st := range steps {
		res, stderr := capture(t, func() int { return run(st.args) })
		if res.code != st.code || !strings.Contains(res.out+stderr, st.want) {
			t.Errorf("dtaosim %s: exit %d (want %d), output lacks %q:\n%s%s", strings.Join(st.args, " "), res.code, st.code, st.want, res.out, stderr)
		}
	}
	os.Remove(filepath.Join(out, "runs", "cell=1", "rep=1.parquet"))
	res, stderr := capture(t, func() int { return run([]string{"merge", out}) })
	if res.code != 1 || !strings.Contains(stderr, "missing: cell 1 replicate 1") {
		t.Errorf("merge with a missing run: exit %d, %s", res.code, stderr)
	}
}

// TestShardFromEnv: --shard auto reads Slurm job arrays and Kubernetes Indexed Jobs, and
// names the variable when one is wrong or missing.
func TestShardFromEnv(t *testing.T) {
	cases := []struct {
		env     map[string]string
		i, n    int
		wantErr string
	}{
		{map[string]string{"SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_COUNT": "4"}, 2, 4, ""},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "1"}, 0, 1, ""},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "9", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_COUNT": "4"}, 0, 0, "contiguous"},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "2"}, 0, 0, "SLURM_ARRAY_TASK_ID"},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "2"}, 0, 0, "SLURM_ARRAY_TASK_MIN is not set"},
		{map[string]string{"JOB_COMPLETION_INDEX": "3", "DTAOSIM_SHARDS": "16"}, 3, 16, ""},
		{map[string]string{"JOB_COMPLETION_INDEX": "3"}, 0, 0, "DTAOSIM_SHARDS"},
		{map[string]string{"JOB_COMPLETION_INDEX": "16", "DTAOSIM_SHARDS": "16"}, 0, 0, "not in [0"},
		{map[string]string{}, 0, 0, "neither a Slurm job array"},
	}
	for _, tc := range cases {
		i, n, err := shardFromEnv(func(k string) string { return tc.env[k] })
		switch {
		case tc.wantErr == "" && (err != nil || i != tc.i || n != tc.n):
			t.Errorf("%v: got %d/%d, %v; want %d/%d", tc.env, i, n, err, tc.i, tc.n)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%v: error %v, want one containing %q", tc.env, err, tc.wantErr)
		}
	}
}

// TestSensitivityCommand: a small Morris design with adaptive replicates runs, and
// dtaosim sensitivity ranks its axes and writes sensitivity.parquet (0); the summary says
// where each cell stopped; a grid's folder, a folder without a manifest and a bad
// --resamples are exit 2.
func TestSensitivityCommand(t *testing.T) {
	dir := t.TempDir()
	exp := filepath.Join(dir, "m.yaml")
	os.WriteFile(exp, []byte(`name: m
base: sn28
scenario: {days: 0.2, subnets: {count: 6, meme: {netuids: [2], takeover_day: 0.05}}, agents: {speculators: {count: 5}, noise: {count: 3}}}
replicates: {min: 2, max: 4, ci_halfwidth: 0.3}
design: morris
trajectories: 2
axes:
  - {param: agents.speculators.count, range: {from: 2, to: 20, round: true}}
  - {param: agents.noise.count, range: {from: 1, to: 10, round: true}}
`), 0o644)
	grid := filepath.Join(dir, "g.yaml")
	os.WriteFile(grid, []byte("name: g\nbase: sn28\nscenario: {days: 0.1, subnets: {count: 4, meme: {netuids: [2], takeover_day: 0.05}}, agents: {speculators: {count: 5}}}\nreplicates: 1\n"), 0o644)
	out, gout := filepath.Join(dir, "out"), filepath.Join(dir, "gout")
	steps := []struct {
		args []string
		code int
		want string // in stdout+stderr
	}{
		{[]string{"sweep", exp, "--out", out, "--workers", "2"}, 0, "stopped"},
		{[]string{"sensitivity", out}, 0, "mu*"},
		{[]string{"sensitivity", out, "--resamples", "1"}, 2, "--resamples"},
		{[]string{"sweep", grid, "--out", gout}, 0, "1 cells"},
		{[]string{"sensitivity", gout}, 2, "design: morris"},
		{[]string{"sensitivity", dir}, 2, "no manifest.json"},
		{[]string{"sensitivity", "--help"}, 0, "dtaosim sensitivity results/screening"},
	}
	for _, st := range steps {
		res, stderr := capture(t, func() int { return run(st.args) })
		if res.code != st.code || !strings.Contains(res.out+stderr, st.want) {
			t.Errorf("dtaosim %s: exit %d (want %d), output lacks %q:\n%s%s", strings.Join(st.args, " "), res.code, st.code, st.want, res.out, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "sensitivity.parquet")); err != nil {
		t.Errorf("no sensitivity.parquet: %v", err)
	}
}
