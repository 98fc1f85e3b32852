package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidateCommand: a one-day validate of every calibration scenario prints the
// table, writes the CSV and ends with the score line (exit 0 whatever the score); bad
// flags, and --set settings that do not apply, are exit 2 with a message naming them.
func TestValidateCommand(t *testing.T) {
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "v", "validate.csv")
	res, stderr := capture(t, func() int {
		return run([]string{"validate", "--seeds", "1", "--workers", "2", "--max-days", "1", "--csv", csvPath})
	})
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, stderr)
	}
	lines := strings.Split(strings.TrimRight(res.out, "\n"), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "moments within band: ") {
		t.Errorf("last line %q", last)
	}
	for _, want := range []string{"simulated: mean [min, max]", "calib-launch (1 days)", "17b", "not computed"} {
		if !strings.Contains(res.out, want) {
			t.Errorf("output lacks %q:\n%s", want, res.out)
		}
	}
	if !strings.Contains(stderr, "validate: sn28 seed 1: 1 days in") {
		t.Errorf("no progress line for sn28 on stderr: %q", stderr)
	}
	data, err := os.ReadFile(csvPath)
	if err != nil || !strings.HasPrefix(string(data), "id,era,moment,real,band") {
		t.Errorf("CSV: %v, %.60q", err, data)
	}
	for _, bad := range [][]string{
		{"validate", "--seeds", "0"},
		{"validate", "--first-seed", "0"},
		{"validate", "--workers", "-1"},
		{"validate", "--max-days", "-2"},
		{"validate", "--seeds", "x"},
		{"validate", "extra"},
		{"validate", "--csv", filepath.Join(dir, "file-not-dir", "x.csv")},
		{"validate", "--max-days", "1", "--set", "agents.speculators.price_protection.mood=partial"},
		{"validate", "--max-days", "1", "--set", "agents.speculators.price_protection.mode=fill"},
		{"validate", "--max-days", "1", "--set", "days"},
	} {
		if bad[1] == "--csv" {
			os.WriteFile(filepath.Join(dir, "file-not-dir"), nil, 0o644)
		}
		res, stderr := capture(t, func() int { return run(bad) })
		if res.code != 2 || !strings.HasPrefix(stderr, "dtaosim: ") || (bad[len(bad)-2] == "--set" && !strings.Contains(stderr, bad[len(bad)-1])) {
			t.Errorf("dtaosim %s: exit %d, stderr %q", strings.Join(bad, " "), res.code, stderr)
		}
	}
}
