package sweep

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWorkersDeterminism: the number of workers changes nothing in the outputs.
func TestWorkersDeterminism(t *testing.T) {
	p := swParse(t, swTinyYAML)
	one, eight := t.TempDir(), t.TempDir()
	for _, c := range []struct {
		out     string
		workers int
	}{{one, 1}, {eight, 8}} {
		rep, err := Run(context.Background(), p, Options{Out: c.out, Workers: c.workers})
		if err != nil {
			t.Fatalf("Run workers %d: %v", c.workers, err)
		}
		if rep.Total != p.Runs() || rep.Done != p.Runs() || rep.Skipped != 0 {
			t.Errorf("workers %d: report %+v, want %d runs done", c.workers, rep, p.Runs())
		}
	}
	swSameRuns(t, p, one, eight)
}

// TestShardsMergeEqualUnsharded: shards in separate folders or one shared folder, merged,
// equal an unsharded sweep; Merge refuses missing and duplicated runs.
func TestShardsMergeEqualUnsharded(t *testing.T) {
	p := swParse(t, swTinyYAML)
	R := p.Exp.Replicates.Max

	// InShard partitions the runs: each k in exactly one shard.
	for n := 1; n <= 7; n++ {
		for k := range p.Runs() + 10 {
			in := 0
			for i := range n {
				if InShard(k, i, n) {
					in++
				}
			}
			if in != 1 {
				t.Fatalf("run %d is in %d of %d shards, want exactly 1", k, in, n)
			}
		}
	}

	ctx := context.Background()
	ref := t.TempDir()
	if _, err := Run(ctx, p, Options{Out: ref, Workers: 2}); err != nil {
		t.Fatalf("unsharded: %v", err)
	}

	const n = 3
	root := t.TempDir()
	shared := filepath.Join(root, "shared")
	var dirs []string
	for i := range n {
		d := filepath.Join(root, "shard"+string(rune('0'+i)))
		dirs = append(dirs, d)
		for _, out := range []string{d, shared} {
			rep, err := Run(ctx, p, Options{Out: out, Workers: 2, Shard: i, Shards: n})
			if err != nil {
				t.Fatalf("shard %d/%d into %s: %v", i, n, out, err)
			}
			want := 0
			for k := range p.Runs() {
				if InShard(k, i, n) {
					want++
				}
			}
			if rep.Total != want || rep.Done != want {
				t.Errorf("shard %d/%d: report %+v, want %d runs", i, n, rep, want)
			}
		}
		if _, err := os.Stat(filepath.Join(d, ManifestName(i, n))); err != nil {
			t.Errorf("shard %d: no manifest: %v", i, err)
		}
		// The shard's folder holds exactly its runs.
		for k := range p.Runs() {
			_, err := os.Stat(RunPath(d, "runs", k/R, k%R))
			if has := err == nil; has != InShard(k, i, n) {
				t.Errorf("shard %d/%d: run %d present %v, InShard %v", i, n, k, has, InShard(k, i, n))
			}
		}
	}

	merged := filepath.Join(root, "merged")
	man, err := Merge(merged, dirs)
	if err != nil {
		t.Fatalf("Merge: %v", err)
	}
	if man.RunsComplete != p.Runs() || man.Shards != 1 || man.PlanHash != p.Hash {
		t.Errorf("merged manifest: runs_complete %d shards %d plan %s; want %d, 1, %s", man.RunsComplete, man.Shards, man.PlanHash, p.Runs(), p.Hash)
	}
	if _, err := os.Stat(filepath.Join(merged, "manifest.json")); err != nil {
		t.Errorf("merged: no manifest.json: %v", err)
	}
	swSameRuns(t, p, ref, merged)

	if _, err := Merge(shared, []string{shared}); err != nil {
		t.Fatalf("Merge of the shared folder into itself: %v", err)
	}
	swSameRuns(t, p, ref, shared)

	// A missing runs file: ErrIncomplete naming the cell and replicate.
	k := 7
	missing := RunPath(dirs[k%n], "runs", k/R, k%R)
	if err := os.Remove(missing); err != nil {
		t.Fatal(err)
	}
	_, err = Merge(filepath.Join(root, "merged2"), dirs)
	if !errors.Is(err, ErrIncomplete) {
		t.Fatalf("Merge with %s deleted: err %v, want ErrIncomplete", missing, err)
	}
	if want := "missing: cell 2 replicate 1"; !strings.Contains(err.Error(), want) {
		t.Errorf("Merge with cell 2 replicate 1 deleted: error %q does not say %q", err, want)
	}
	if _, err := os.Stat(filepath.Join(root, "merged2", "manifest.json")); err == nil {
		t.Errorf("a failed Merge wrote a manifest")
	}

	// The same run in two folders: ErrIncomplete naming "duplicated".
	_, err = Merge(filepath.Join(root, "merged3"), []string{ref, dirs[1]})
	if !errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), "duplicated") {
		t.Fatalf("Merge of the unsharded folder and shard 1: err %v, want ErrIncomplete naming duplicated runs", err)
	}
	// Run 1 (cell 0 replicate 1) is in shard 1 and in the unsharded folder.
	if want := "duplicated: runs of cell 0 replicate 1"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
}
