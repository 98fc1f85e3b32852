package sweep

import (
	"context"
	"testing"

	"dtaosim/experiments/record"
)

// TestStartRankSweep: a sweep over subnets.meme.start_rank whose first ranks start above
// θ (Zipf exponent 1 over 16 subnets: rank 1 holds 29.6% of the emission, rank 2 14.8%,
// rank 12 2.5%) records each run's start rank and share at the takeover, counts the runs
// at θ apart, and counts none of them as captured; the typed axis column holds the rank.
func TestStartRankSweep(t *testing.T) {
	p := swParse(t, `name: start-rank
base: sn28-late
scenario:
  days: 1.5
  chain: {age_days: 90}
  subnets: {count: 16, meme: {netuids: [3], takeover_day: 0.2}}
  agents: {speculators: {count: 20}, yield_stakers: {count: 3}, noise: {count: 5}}
  metrics: {theta: 0.1, min_days: 0.5}
replicates: 3
seed: 5
axes:
  - {param: subnets.meme.start_rank, values: [1, 2, 12]}
`)
	out := t.TempDir()
	if _, err := Run(context.Background(), p, Options{Out: out, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	want := []int32{1, 2, 12}
	for c := range p.Cells {
		for r := range 3 {
			rows, err := record.ReadRuns(RunPath(out, "runs", c, r))
			if err != nil {
				t.Fatal(err)
			}
			row := rows[0]
			if row.MemeStartRank != want[c] || row.AxisValues[0].Int != int64(want[c]) {
				t.Errorf("cell %d replicate %d: meme_start_rank %d, axis column %d; want %d", c, r, row.MemeStartRank, row.AxisValues[0].Int, want[c])
			}
			if row.AtThetaAtTakeover != (row.MemeShareAtTakeover >= 0.1) || (row.AtThetaAtTakeover && row.Captured) {
				t.Errorf("cell %d replicate %d: share %.3f at the takeover, at θ %v, captured %v", c, r, row.MemeShareAtTakeover, row.AtThetaAtTakeover, row.Captured)
			}
		}
	}
	sum, err := Summarize(out)
	if err != nil {
		t.Fatal(err)
	}
	for c, row := range sum.Cells[:2] {
		if row.AtTheta != 3 || row.Eligible != 0 || row.Captured != 0 {
			t.Errorf("start rank %d: %d runs at θ, %d eligible, %d captured; want 3, 0, 0", want[c], row.AtTheta, row.Eligible, row.Captured)
		}
	}
	if row := sum.Cells[2]; row.AtTheta != 0 || row.Eligible != 3 {
		t.Errorf("start rank 12: %d runs at θ, %d eligible; want 0 and 3", row.AtTheta, row.Eligible)
	}
}
