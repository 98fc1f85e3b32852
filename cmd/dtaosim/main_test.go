package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var scenarios = filepath.Join("..", "..", "..", "shared", "spec", "scenarios")

// TestExitCodes: 0 for a good replay, 2 for bad usage and bad input, with the message
// naming the file and the field.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"blocks": 3, "mechanism": "launch_2025_02", "subnets": [], "tape": []}`), 0o644)
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"replay", filepath.Join(scenarios, "tao_flow.json")}, 0},
		{[]string{"replay", bad}, 2},
		{[]string{"replay", filepath.Join(dir, "missing.json")}, 2},
		{[]string{"replay"}, 2},
		{[]string{"frobnicate"}, 2},
		{[]string{"presets"}, 0},
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
	res, _ := capture(t, func() int { return run([]string{"replay", filepath.Join(scenarios, "launch_price_ema.json")}) })
	lines := strings.Split(strings.TrimSpace(res.out), "\n")
	if res.code != 0 || len(lines) != 2401 || !strings.HasPrefix(lines[0], "block,netuid,tao_reserve") {
		t.Errorf("exit %d, %d lines, header %q", res.code, len(lines), lines[0])
	}
}
