package sweep

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dtaosim/experiments/record"
)

// swAdaptiveYAML is the tiny setup with adaptive replicates: batches of 4 up to 20, until
// the capture rate's 95% half-width is 0.1. Its four values of θ make outcomes whose
// stopping points are known: with θ = 0.99 no run captures (the meme share never gets
// there), so the half-width is z²/(2(n + z²)) ≤ 0.1 from n = 16 on; with θ = 0 every run
// is already at θ at the takeover (the meme subnet's share is positive), so no run is
// eligible and the cell runs to max. With θ = 0.05 and 0.1 the outcomes are mixed and
// the stopping point follows from the runs.
const swAdaptiveYAML = `name: adaptive
base: sn28
scenario:
  days: 0.2
  subnets: {count: 16, meme: {netuids: [3], takeover_day: 0.1}}
  agents: {speculators: {count: 20, arrival: {process: lump}}, yield_stakers: {count: 3, arrival: {process: lump}}, noise: {count: 5}, root_validators: {detection_delay_days: 0.05}}
  metrics: {min_days: 0.05}
replicates: {min: 4, max: 20, ci_halfwidth: 0.1}
seed: 11
axes:
  - {param: metrics.theta, values: [0.99, 0.0, 0.05, 0.1]}
`

// swStops applies the stopping rule by hand to the runs files in out: per cell, the
// first checkpoint of 4, 8, …, 20 at which the Wilson half-width over the eligible runs
// so far is at most 0.1, else 20. It fails if a replicate before that point is missing
// or one after it exists.
func swStops(t *testing.T, out string, cells int) []Stop {
	t.Helper()
	var stops []Stop
	for c := range cells {
		k, e := 0, 0
		stop := Stop{20, StopMax}
		for n := 0; n < 20; n++ {
			rows, err := record.ReadRuns(RunPath(out, "runs", c, n))
			if err != nil {
				t.Fatalf("cell %d replicate %d: %v", c, n, err)
			}
			if !rows[0].AtThetaAtTakeover {
				e++
				if rows[0].Captured {
					k++
				}
			}
			if (n+1)%4 == 0 && HalfWidth(k, e) <= 0.1 {
				stop = Stop{n + 1, StopTarget}
				break
			}
		}
		if _, err := os.Stat(RunPath(out, "runs", c, stop.At)); err == nil {
			t.Errorf("cell %d: replicate %d exists beyond the stopping point %d", c, stop.At, stop.At)
		}
		stops = append(stops, stop)
	}
	return stops
}

// TestAdaptiveReplicates: cells stop where the interval says, the summary says where and
// why, and the runs are the same byte for byte with 1 and 2 workers, with two shards
// merged, and after an interruption and --resume.
func TestAdaptiveReplicates(t *testing.T) {
	ctx := context.Background()
	p := swParse(t, swAdaptiveYAML)
	ref := t.TempDir()
	rep, err := Run(ctx, p, Options{Out: ref, Workers: 1})
	if err != nil {
		t.Fatalf("Run, 1 worker: %v", err)
	}
	stops := swStops(t, ref, len(p.Cells))
	if stops[0] != (Stop{16, StopTarget}) || stops[1] != (Stop{20, StopMax}) {
		t.Errorf("θ = 0.99 and θ = 0 stop at %+v and %+v, want 16 (target) and 20 (max: no eligible run)", stops[0], stops[1])
	}
	total := 0
	for _, s := range stops {
		total += s.At
	}
	if rep.Total != total || rep.Done != total || rep.Skipped != 0 {
		t.Errorf("report %+v, want %d runs done", rep, total)
	}
	t.Logf("stops: %+v", stops)

	sum, err := Summarize(ref)
	if err != nil {
		t.Fatal(err)
	}
	for c, row := range sum.Cells {
		if got := (Stop{int(row.StoppedAt), row.StopReason}); got != stops[c] || int(row.Runs) != stops[c].At {
			t.Errorf("summary cell %d: %d runs, stopped_at %d (%s); want %d (%s)", c, row.Runs, row.StoppedAt, row.StopReason, stops[c].At, stops[c].Reason)
		}
		if c >= 2 && row.StopReason == StopTarget && (row.CaptureHi-row.CaptureLo)/2 > 0.1 {
			t.Errorf("cell %d stopped on target with half-width %.3f", c, (row.CaptureHi-row.CaptureLo)/2)
		}
	}
	if sum.Missing != 0 || len(sum.Runs[0]) != stops[0].At {
		t.Errorf("summary: %d missing, %d runs of cell 0; want 0 and %d", sum.Missing, len(sum.Runs[0]), stops[0].At)
	}
	data, err := os.ReadFile(filepath.Join(ref, "manifest.json"))
	if err != nil || !strings.Contains(string(data), `"replicates_rule"`) || !strings.Contains(string(data), `"stop_reason": "target"`) {
		t.Errorf("manifest: err %v; want the rule and each cell's stop recorded", err)
	}

	t.Run("workers", func(t *testing.T) {
		two := t.TempDir()
		if _, err := Run(ctx, p, Options{Out: two, Workers: 2}); err != nil {
			t.Fatal(err)
		}
		swSameFiles(t, ref, two, 3*total)
	})

	t.Run("shards", func(t *testing.T) {
		root := t.TempDir()
		var dirs []string
		for i := range 2 {
			d := filepath.Join(root, "shard"+string(rune('0'+i)))
			dirs = append(dirs, d)
			if _, err := Run(ctx, p, Options{Out: d, Workers: 2, Shard: i, Shards: 2}); err != nil {
				t.Fatalf("shard %d: %v", i, err)
			}
			// A shard holds whole cells: c mod 2 = i.
			for c := range p.Cells {
				_, err := os.Stat(RunPath(d, "runs", c, 0))
				if has := err == nil; has != (c%2 == i) {
					t.Errorf("shard %d of 2: cell %d present %v", i, c, has)
				}
			}
		}
		merged := filepath.Join(root, "merged")
		man, err := Merge(merged, dirs)
		if err != nil {
			t.Fatalf("Merge: %v", err)
		}
		if man.RunsComplete != total {
			t.Errorf("merged runs_complete %d, want %d", man.RunsComplete, total)
		}
		for c, cm := range man.Cells {
			if (Stop{cm.Replicates, cm.StopReason}) != stops[c] {
				t.Errorf("merged manifest cell %d: %d (%s), want %+v", c, cm.Replicates, cm.StopReason, stops[c])
			}
		}
		swSameFiles(t, ref, merged, 3*total)

		// A run beyond a cell's stopping point is refused, as is a missing one.
		extra := RunPath(dirs[0], "runs", 0, stops[0].At)
		copyTo(t, RunPath(dirs[0], "runs", 0, 0), extra)
		if _, err := Merge(filepath.Join(root, "m2"), dirs); !errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), "unexpected: runs of cell 0 replicate 16") {
			t.Errorf("Merge with a run beyond the stopping point: %v", err)
		}
		os.Remove(extra)
		os.Remove(RunPath(dirs[1], "runs", 1, 5))
		if _, err := Merge(filepath.Join(root, "m3"), dirs); !errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), "missing: cell 1 replicate 5") {
			t.Errorf("Merge with cell 1 replicate 5 missing: %v", err)
		}
	})

	t.Run("resume", func(t *testing.T) {
		// A folder as an interrupted sweep leaves it: cell 0's first two batches and half
		// of its third, cell 2's first batch but one run, nothing of cells 1 and 3.
		out := t.TempDir()
		for _, kr := range [][2]int{{0, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {0, 6}, {0, 7}, {0, 9}, {0, 11}, {2, 0}, {2, 1}, {2, 3}} {
			for _, kind := range swKinds {
				copyTo(t, RunPath(ref, kind, kr[0], kr[1]), RunPath(out, kind, kr[0], kr[1]))
			}
		}
		if _, err := Run(ctx, p, Options{Out: out, Workers: 2}); !errors.Is(err, ErrExists) {
			t.Fatalf("partial folder without Resume: %v, want ErrExists", err)
		}
		rep, err := Run(ctx, p, Options{Out: out, Workers: 2, Resume: true})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Skipped != 13 || rep.Done != total-13 {
			t.Errorf("resume: report %+v, want 13 skipped and %d done", rep, total-13)
		}
		swSameFiles(t, ref, out, 3*total)

		// Interrupted for real: cancelled once a few runs are complete, then resumed.
		out2 := t.TempDir()
		cctx, cancel := context.WithCancel(ctx)
		errc := make(chan error, 1)
		go func() {
			_, err := Run(cctx, p, Options{Out: out2, Workers: 2})
			errc <- err
		}()
		var runErr error
	wait:
		for {
			select {
			case runErr = <-errc:
				break wait
			case <-time.After(5 * time.Millisecond):
				if swCountRuns(out2) >= 10 {
					cancel()
				}
			}
		}
		cancel()
		n := swCountRuns(out2)
		t.Logf("cancelled with %d runs complete (err %v)", n, runErr)
		if runErr != nil && !errors.Is(runErr, ErrInterrupted) {
			t.Fatalf("cancelled Run: %v", runErr)
		}
		if _, err := Run(ctx, p, Options{Out: out2, Workers: 2, Resume: true}); err != nil {
			t.Fatal(err)
		}
		swSameFiles(t, ref, out2, 3*total)
	})
}

// swSameFiles checks that a and b hold the same run files, byte for byte, want of them.
func swSameFiles(t *testing.T, a, b string, want int) {
	t.Helper()
	fa, fb := swRunFiles(t, a), swRunFiles(t, b)
	if len(fa) != want || !slices.Equal(fa, fb) {
		t.Fatalf("%d files in %s, %d in %s, want the same %d", len(fa), a, len(fb), b, want)
	}
	for _, f := range fa {
		da, err1 := os.ReadFile(filepath.Join(a, f))
		db, err2 := os.ReadFile(filepath.Join(b, f))
		if err1 != nil || err2 != nil || string(da) != string(db) {
			t.Errorf("%s differs between %s and %s", f, a, b)
		}
	}
}

func copyTo(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
