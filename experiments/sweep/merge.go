package sweep

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
)

// ErrIncomplete is returned by Merge when a run is missing or present more than once.
var ErrIncomplete = errors.New("sweep: merge found missing or duplicated runs")

// Merge joins the outputs of shards into out: it reads every dir's manifests (all must be
// of the same plan), checks that every run of the plan is present exactly once across
// dirs (its runs, series and events files) and that no run lies beyond its cell's
// stopping point, copies the files of other dirs into out, and writes out/manifest.json.
// With adaptive replicates, a cell's runs are those the stopping rule reaches when
// applied to the runs found (Replicates.Walk), and the manifest records where each cell
// stopped. A dir may be out itself (shards that wrote to one folder).
func Merge(out string, dirs []string) (*Manifest, error) {
	var man *Manifest
	for _, d := range dirs {
		files, _ := filepath.Glob(filepath.Join(d, "manifest*.json"))
		if len(files) == 0 {
			return nil, fmt.Errorf("%s: no manifest*.json: not a sweep output folder", d)
		}
		for _, f := range files {
			m, err := readManifestFile(f)
			if err != nil {
				return nil, err
			}
			if man == nil {
				man = m
			} else if m.PlanHash != man.PlanHash {
				return nil, fmt.Errorf("%s is of plan %s, others of plan %s: not shards of one experiment", f, m.PlanHash, man.PlanHash)
			} else if !slices.Equal(m.Contrasts, man.Contrasts) {
				return nil, fmt.Errorf("%s declares the contrasts %v, other shards %v: shards of one experiment run from different versions of its file", f, m.Contrasts, man.Contrasts)
			} else if !slices.Equal(m.Interactions, man.Interactions) {
				return nil, fmt.Errorf("%s declares the interactions %v, other shards %v: shards of one experiment run from different versions of its file", f, m.Interactions, man.Interactions)
			}
		}
	}
	if man == nil {
		return nil, errors.New("merge: no folders given")
	}
	var problems []string
	rule := man.Rule()
	cells, expected := len(man.Cells), 0
	copies := map[string]string{} // destination → source
	for c := range cells {
		// Which folders hold which replicates of the cell, per kind of file.
		found := map[string]map[int][]string{}
		for _, kind := range []string{"runs", "series", "events"} {
			found[kind] = map[int][]string{}
			for _, d := range dirs {
				for _, r := range repsIn(filepath.Join(d, kind, fmt.Sprintf("cell=%d", c))) {
					found[kind][r] = append(found[kind][r], d)
				}
			}
		}
		var readErr error
		stop := rule.Walk(func(r int) Outcome {
			ds := found["runs"][r]
			if len(ds) == 0 {
				return Outcome{}
			}
			if !rule.Adaptive() {
				return Outcome{Present: true}
			}
			o, err := readOutcome(RunPath(ds[0], "runs", c, r))
			if err != nil && readErr == nil {
				readErr = err
			}
			return o
		})
		if readErr != nil {
			return nil, readErr
		}
		expected += stop.At
		if rule.Adaptive() && stop.Reason != StopIncomplete {
			man.Cells[c].Replicates, man.Cells[c].StopReason = stop.At, stop.Reason
		}
		for r := range stop.At {
			for _, kind := range []string{"runs", "series", "events"} {
				switch ds := found[kind][r]; {
				case len(ds) == 0:
					if kind == "runs" {
						problems = append(problems, fmt.Sprintf("missing: cell %d replicate %d", c, r))
					} else if len(problems) < 1000 {
						problems = append(problems, fmt.Sprintf("missing: %s of cell %d replicate %d", kind, c, r))
					}
				case len(ds) > 1:
					problems = append(problems, fmt.Sprintf("duplicated: %s of cell %d replicate %d in %s", kind, c, r, strings.Join(ds, ", ")))
				default:
					if filepath.Clean(ds[0]) != filepath.Clean(out) {
						copies[RunPath(out, kind, c, r)] = RunPath(ds[0], kind, c, r)
					}
				}
			}
		}
		for r, ds := range found["runs"] {
			if r >= stop.At {
				why := "its stopping point"
				if stop.Reason == StopIncomplete {
					why = "the batch it has reached"
				}
				problems = append(problems, fmt.Sprintf("unexpected: runs of cell %d replicate %d in %s, beyond %s (%d replicates)",
					c, r, strings.Join(ds, ", "), why, stop.At))
			}
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		shown := problems
		if len(shown) > 20 {
			shown = append(shown[:20:20], fmt.Sprintf("… and %d more", len(problems)-20))
		}
		return nil, fmt.Errorf("%w (%d problems, %d runs expected):\n  %s", ErrIncomplete, len(problems), expected, strings.Join(shown, "\n  "))
	}
	dsts := make([]string, 0, len(copies))
	for d := range copies {
		dsts = append(dsts, d)
	}
	sort.Strings(dsts)
	for _, dst := range dsts {
		if err := copyFile(copies[dst], dst); err != nil {
			return nil, err
		}
	}
	man.Shard, man.Shards = 0, 1
	man.RunsComplete = expected
	man.Finished = time.Now().UTC().Format(time.RFC3339)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	return man, man.write(out, 0, 1)
}

// copyFile copies src to dst atomically (temporary name, then rename).
func copyFile(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := filepath.Join(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp-merge")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, in); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, dst)
}

// repsIn lists the replicates whose files are in a cell's folder (rep=R.parquet; not
// temporary files), in increasing order; none if the folder does not exist.
func repsIn(cellDir string) []int {
	entries, _ := os.ReadDir(cellDir)
	var out []int
	for _, e := range entries {
		var r int
		name := e.Name()
		if _, err := fmt.Sscanf(name, "rep=%d.parquet", &r); err == nil && name == fmt.Sprintf("rep=%d.parquet", r) {
			out = append(out, r)
		}
	}
	sort.Ints(out)
	return out
}
