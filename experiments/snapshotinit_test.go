package experiments

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dtaosim/experiments/snapshot"
)

// TestSnapshotStart: init "snapshot" builds the chain Derive gives from the shipped file
// (reserves, issuance, moving prices, TAO issuance, root stake), sets subnets.count from
// the file, and gives each subnet's cohorts the derived outstanding alpha.
func TestSnapshotStart(t *testing.T) {
	t.Parallel()
	sc, err := ParseScenario([]byte("days: 1\nmechanism: {preset: price_burn_2026_06}\nsubnets: {count: 7, init: snapshot, snapshot: " + snapshot.Aug2026 + ", meme: {netuids: [3], takeover: false}}\nagents: {speculators: {count: 5}, noise: {count: 5}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := snapshot.Shipped(snapshot.Aug2026)
	if err != nil {
		t.Fatal(err)
	}
	start, err := snap.Derive(snapshot.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	if sc.Subnets.Count != len(start.Subnets) {
		t.Fatalf("subnets.count %d, want the file's %d", sc.Subnets.Count, len(start.Subnets))
	}
	s, err := NewSim(sc, Options{Streams: Streams{Master: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if s.C.TaoIssuance != start.TaoIssuance || s.C.RootTAO != start.RootTAO {
		t.Errorf("TAO issuance %v, root %v; derived %v, %v", s.C.TaoIssuance, s.C.RootTAO, start.TaoIssuance, start.RootTAO)
	}
	rootLedger := 0.0
	for _, id := range s.acct.root {
		rootLedger += s.L.Root[id]
	}
	// The ledger splits the root stake by shares summing to 1: rounding only.
	if math.Abs(rootLedger-start.RootTAO) > 1e-6*start.RootTAO {
		t.Errorf("root validators hold %v on root, the chain %v", rootLedger, start.RootTAO)
	}
	for i, in := range start.Subnets {
		if s.C.S.Netuid[i] != in.Netuid || s.C.S.TaoReserve[i] != in.TaoReserve || s.C.S.AlphaReserve[i] != in.AlphaReserve ||
			s.C.S.MovingPrice[i] != in.MovingPrice || s.C.AlphaIssuance(i) != in.AlphaIssuance {
			t.Fatalf("subnet %d: chain %v TAO, %v alpha, moving %v, issuance %v; derived %+v", in.Netuid,
				s.C.S.TaoReserve[i], s.C.S.AlphaReserve[i], s.C.S.MovingPrice[i], s.C.AlphaIssuance(i), in)
		}
		held := s.L.Alpha(s.acct.miners[i], i) + s.L.Alpha(s.acct.owner[i], i)
		for _, v := range s.acct.validators[i] {
			held += s.L.Alpha(v, i)
		}
		if math.Abs(held-start.AlphaOut[i]) > 1e-9*max(start.AlphaOut[i], 1) {
			t.Fatalf("subnet %d: cohorts hold %v alpha, outstanding %v", in.Netuid, held, start.AlphaOut[i])
		}
	}
	for range 7200 {
		if err := s.Step(); err != nil {
			t.Fatal(err)
		}
	}
	if row := s.Finish(); row.Blocks != 7200 || !(row.MeanHHI > 0) {
		t.Errorf("a day from the snapshot: %d blocks, mean HHI %v", row.Blocks, row.MeanHHI)
	}
}

// TestSnapshotErrors: a missing or unknown snapshot, netuids that are not 1..N, and
// fields that contradict the file fail naming the field.
func TestSnapshotErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("snapshot", "data", snapshot.Aug2026))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	gap := filepath.Join(dir, "gap.csv") // the header and the rows of netuids 1 and 3
	if err := os.WriteFile(gap, []byte(strings.Join([]string{lines[0], lines[1], lines[3]}, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	two := filepath.Join(dir, "two.csv") // netuids 1 and 2: a valid file by path
	if err := os.WriteFile(two, []byte(strings.Join(lines[:3], "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ src, want string }{
		{"subnets: {init: snapshot}", "subnets.snapshot: expected a shipped snapshot"},
		{"subnets: {init: snapshot, snapshot: no-such-file.csv}", "subnets.snapshot"},
		{"subnets: {init: snapshot, snapshot: " + gap + "}", "expected netuids 1..2"},
		{"subnets: {init: snapshot, snapshot: " + snapshot.Aug2026 + ", meme: {netuids: [28], start_rank: 2}}", "subnets.meme.start_rank"},
		{"chain: {age_days: 3}\nsubnets: {init: snapshot, snapshot: " + snapshot.Aug2026 + "}", "chain.age_days"},
		{"subnets: {init: snapshot, snapshot: " + two + ", meme: {netuids: [3]}}", "subnets.meme.netuids[0]: expected a netuid in [1, 2]"},
		{"subnets: {init: snapshot, snapshot: " + snapshot.Aug2026 + ", snapshot_rules: {outstanding_scale: -1}}", "subnets.snapshot_rules.outstanding_scale"},
	} {
		_, err := ParseScenario([]byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s:\n error %v\n want one containing %q", c.src, err, c.want)
		}
	}
}
