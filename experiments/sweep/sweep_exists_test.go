package sweep

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dtaosim/experiments"
)

// TestExistsAndOwner: an output folder of another plan, of the same plan written under
// an earlier hash scheme (other defaults), or a partial one without Resume, is refused
// with ErrExists; Resume completes it; a complete one is a no-op.
func TestExistsAndOwner(t *testing.T) {
	ctx := context.Background()
	p := swParse(t, swTinyYAML)
	out := t.TempDir()
	if _, err := Run(ctx, p, Options{Out: out, Workers: 2}); err != nil {
		t.Fatalf("Run: %v", err)
	}
	before := swRunFiles(t, out)

	other := swParse(t, strings.Replace(swTinyYAML, "seed: 11", "seed: 12", 1))
	if other.Hash == p.Hash {
		t.Fatalf("seeds 11 and 12 give the same plan hash %s", p.Hash)
	}
	for _, resume := range []bool{false, true} {
		_, err := Run(ctx, other, Options{Out: out, Workers: 2, Resume: resume})
		if !errors.Is(err, ErrExists) {
			t.Errorf("another plan into a used folder (resume %v): err %v, want ErrExists", resume, err)
		}
	}
	if after := swRunFiles(t, out); !equalStrings(before, after) {
		t.Errorf("a refused Run changed the folder: %d files before, %d after", len(before), len(after))
	}

	// The same plan under hash scheme 2 (the defaults before 2026-12-03) or 3 (before
	// 2026-12-06): refused, even with Resume, and the folder left as it was.
	manPath := filepath.Join(out, "manifest.json")
	orig, err := os.ReadFile(manPath)
	if err != nil {
		t.Fatal(err)
	}
	now := fmt.Sprintf(`"hash_scheme": %d`, experiments.SpecHashScheme)
	if !strings.Contains(string(orig), now) {
		t.Fatalf("the manifest does not record %s", now)
	}
	for _, old := range []int{2, 3} {
		if err := os.WriteFile(manPath, []byte(strings.Replace(string(orig), now, fmt.Sprintf(`"hash_scheme": %d`, old), 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Run(ctx, p, Options{Out: out, Workers: 2, Resume: true}); !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), fmt.Sprintf("scheme %d", old)) {
			t.Errorf("the same plan under scheme %d (resume): err %v, want ErrExists naming the scheme", old, err)
		}
		if after := swRunFiles(t, out); !equalStrings(before, after) {
			t.Errorf("a refused Run changed the folder: %d files before, %d after", len(before), len(after))
		}
	}
	if err := os.WriteFile(manPath, orig, 0o644); err != nil {
		t.Fatal(err)
	}

	// Complete: nothing to do, and the manifest (the record of who ran it, when) is left
	// as it is. Its times are set to a mark first, so that a rewrite within the same
	// second would show.
	data, err := os.ReadFile(manPath)
	if err != nil {
		t.Fatal(err)
	}
	marked := regexp.MustCompile(`"(started|finished)": "[^"]*"`).ReplaceAll(data, []byte(`"$1": "2000-01-01T00:00:00Z"`))
	if err := os.WriteFile(manPath, marked, 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Run(ctx, p, Options{Out: out, Workers: 2})
	if err != nil || rep.Done != 0 || rep.Skipped != p.Runs() {
		t.Errorf("complete folder again: report %+v, err %v; want all %d skipped", rep, err, p.Runs())
	}
	if got, _ := os.ReadFile(manPath); string(got) != string(marked) {
		t.Errorf("a complete folder's manifest was rewritten:\n%s", got)
	}

	// Partial: ErrExists naming --resume, then Resume runs only the missing run.
	if err := os.Remove(RunPath(out, "runs", 1, 2)); err != nil {
		t.Fatal(err)
	}
	_, err = Run(ctx, p, Options{Out: out, Workers: 2})
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "--resume") {
		t.Fatalf("partial folder without Resume: err %v, want ErrExists mentioning --resume", err)
	}
	rep, err = Run(ctx, p, Options{Out: out, Workers: 2, Resume: true})
	if err != nil || rep.Done != 1 || rep.Skipped != p.Runs()-1 {
		t.Errorf("partial folder with Resume: report %+v, err %v; want 1 done, %d skipped", rep, err, p.Runs()-1)
	}
	if _, err := os.Stat(RunPath(out, "runs", 1, 2)); err != nil {
		t.Errorf("Resume did not rewrite the missing run: %v", err)
	}
	if m, err := ReadManifest(out); err != nil || m.Started != "2000-01-01T00:00:00Z" || m.Finished == "2000-01-01T00:00:00Z" || m.RunsComplete != int(p.Runs()) {
		t.Errorf("resumed manifest: %+v, %v; want the first session's start, a new finish, every run complete", m, err)
	}
}
