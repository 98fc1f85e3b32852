package sweep

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// swTinyYAML is a 4-cell × 3-replicate experiment that runs in a fraction of a second.
const swTinyYAML = `name: tiny
base: sn28
scenario:
  days: 0.3
  subnets: {count: 8, meme: {netuids: [3], takeover_day: 0.1}}
  agents: {speculators: {count: 20, arrival: {process: lump}}, yield_stakers: {count: 3, arrival: {process: lump}}, noise: {count: 5}, root_validators: {detection_delay_days: 0.05}}
replicates: 3
seed: 11
axes:
  - {param: mechanism.preset, values: [launch_2025_02, price_burn_2026_06]}
  - {param: agents.root_validators.policy, values: [passive, intervene]}
`

// swKinds are the per-run output folders.
var swKinds = []string{"runs", "series", "events"}

func swParse(t *testing.T, src string) *Plan {
	t.Helper()
	p, err := Parse([]byte(src), ".")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return p
}

// swSweep runs the experiment src into out with two workers and returns out.
func swSweep(t *testing.T, out, src string) string {
	t.Helper()
	if _, err := Run(context.Background(), swParse(t, src), Options{Out: out, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	return out
}

// swRunFiles lists the files under out/{runs,series,events}, relative to out, sorted.
func swRunFiles(t *testing.T, out string) []string {
	t.Helper()
	var files []string
	for _, kind := range swKinds {
		root := filepath.Join(out, kind)
		if _, err := os.Stat(root); os.IsNotExist(err) {
			continue
		}
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				rel, err := filepath.Rel(out, path)
				if err != nil {
					return err
				}
				files = append(files, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			t.Fatalf("walk %s: %v", root, err)
		}
	}
	sort.Strings(files)
	return files
}

// swSameRuns checks that a and b hold the same set of run files, byte for byte, and that
// this set is the plan's full set of runs, series and events files.
func swSameRuns(t *testing.T, p *Plan, a, b string) {
	t.Helper()
	fa, fb := swRunFiles(t, a), swRunFiles(t, b)
	if want := 3 * p.Runs(); len(fa) != want {
		t.Errorf("%s: %d run files, want %d (3 per run)", a, len(fa), want)
	}
	if !equalStrings(fa, fb) {
		t.Fatalf("file sets differ:\n  %s: %v\n  %s: %v", a, fa, b, fb)
	}
	for _, f := range fa {
		da, err := os.ReadFile(filepath.Join(a, f))
		if err != nil {
			t.Fatal(err)
		}
		db, err := os.ReadFile(filepath.Join(b, f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(da, db) {
			t.Errorf("%s differs: %d bytes in %s, %d bytes in %s", f, len(da), a, len(db), b)
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// swIsParquet reports whether data looks like a whole Parquet file: "PAR1" at both ends.
func swIsParquet(data []byte) bool {
	return len(data) >= 12 && string(data[:4]) == "PAR1" && string(data[len(data)-4:]) == "PAR1"
}
