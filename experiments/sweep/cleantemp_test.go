package sweep

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestCleanTempSparesOtherShards: a shard starting in a shared folder removes the
// temporary files of its own runs (left by a killed attempt) but not those another shard
// is writing at that moment (found by the Slurm end-to-end test).
func TestCleanTempSparesOtherShards(t *testing.T) {
	t.Parallel()
	p := swParse(t, swTinyYAML)
	out := t.TempDir()
	R := p.Exp.Replicates.Max
	mine, theirs := -1, -1 // run indices of shard 0 and shard 1 of 2
	for k := range p.Runs() {
		if InShard(k, 0, 2) && mine < 0 {
			mine = k
		}
		if InShard(k, 1, 2) && theirs < 0 {
			theirs = k
		}
	}
	tmp := func(k int) string {
		path := RunPath(out, "series", k/R, k%R)
		return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-123")
	}
	for _, k := range []int{mine, theirs} {
		os.MkdirAll(filepath.Dir(tmp(k)), 0o755)
		os.WriteFile(tmp(k), []byte("partial"), 0o644)
	}
	if _, err := Run(context.Background(), p, Options{Out: out, Workers: 2, Shard: 0, Shards: 2}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp(mine)); !os.IsNotExist(err) {
		t.Errorf("shard 0 left its own stale temporary file %s", tmp(mine))
	}
	if _, err := os.Stat(tmp(theirs)); err != nil {
		t.Errorf("shard 0 removed shard 1's temporary file: %v", err)
	}
}
