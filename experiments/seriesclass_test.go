package experiments

import (
	"context"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"dtaosim/agents"
	"dtaosim/experiments/record"
)

// TestSeriesClassHoldings: the series' speculator_alpha, yield_staker_alpha, speculators
// and yield_stakers are, at every recorded block, the ledger's alpha of that subnet summed
// over the class's accounts and the number of them holding any; together they are at
// most holder_alpha. Checked on a run where both classes trade. (The sums are equal up to
// rounding: the series adds in the holder index's order, the test in account order.)
func TestSeriesClassHoldings(t *testing.T) {
	t.Parallel()
	sc, err := ParseScenario([]byte(`
days: 6
record_every: 1200
subnets: {count: 6, meme: {netuids: []}}
agents:
  speculators: {count: 20, arrival: {process: lump, day: 0}}
  yield_stakers: {count: 8, arrival: {process: lump, day: 0}}
  noise: {count: 10}
`))
	if err != nil {
		t.Fatal(err)
	}
	var s *Sim
	rows, traded := 0, [2]bool{}
	check := func(r *record.SeriesRow) error {
		rows++
		i := -1
		for k := range s.n {
			if int32(s.C.S.Netuid[k]) == r.Netuid {
				i = k
			}
		}
		if i < 0 {
			t.Fatalf("series row for unknown netuid %d", r.Netuid)
		}
		var want [2]float64
		var n [2]int32
		for a := range s.acct.count() {
			k := -1
			switch s.acct.class[a] {
			case "speculator":
				k = 0
			case "yield_staker":
				k = 1
			}
			if x := s.L.Alpha(agents.AccountID(a), i); k >= 0 && x > 0 {
				want[k] += x
				n[k]++
			}
		}
		got := [2]float64{r.SpeculatorAlpha, r.YieldStakerAlpha}
		gotN := [2]int32{r.Speculators, r.YieldStakers}
		for k := range 2 {
			if !scalar.EqualWithinRel(got[k], want[k], 1e-12) || gotN[k] != n[k] {
				t.Errorf("block %d subnet %d class %d: alpha %g held by %d, ledger %g by %d", r.Block, r.Netuid, k, got[k], gotN[k], want[k], n[k])
			}
			traded[k] = traded[k] || n[k] > 0
		}
		if sum := r.SpeculatorAlpha + r.YieldStakerAlpha; sum > r.HolderAlpha*(1+1e-12) {
			t.Errorf("block %d subnet %d: classes hold %g > holder_alpha %g", r.Block, r.Netuid, sum, r.HolderAlpha)
		}
		return nil
	}
	s, err = NewSim(sc, Options{Streams: Streams{Master: 3}, Series: check})
	if err != nil {
		t.Fatal(err)
	}
	for range 6 * 7200 {
		if err := s.Step(); err != nil {
			t.Fatal(err)
		}
	}
	if rows == 0 || !traded[0] || !traded[1] {
		t.Fatalf("%d rows; speculators and yield stakers held alpha: %v (the test needs both)", rows, traded)
	}
}

// TestMemeHoldersMeans: the runs columns meme_tao_speculators, meme_tao_yield_stakers and
// meme_yield_stakers are the means, over the daily snapshots from the takeover on, of the
// classes' meme alpha at spot price and of the yield stakers holding it, recomputed here
// from the ledger after each day's last block.
func TestMemeHoldersMeans(t *testing.T) {
	t.Parallel()
	// takeover_day 1.5, and 14399/7200: the takeover on day 1's last block, whose
	// snapshot (after the takeover, in the same block) must count.
	for _, tc := range []struct {
		takeover string
		block    int64 // the takeover's block in the run
		days     int   // day-last blocks from it: 7200k + 7199 ≥ block, k < 6
	}{{"1.5", 10800, 5}, {"1.99986111111111", 14399, 5}} {
		t.Run(tc.takeover, func(t *testing.T) {
			t.Parallel()
			memeHoldersMeans(t, tc.takeover, tc.block, tc.days)
		})
	}
}

func memeHoldersMeans(t *testing.T, takeover string, wantBlock int64, wantDays int) {
	sc, err := ParseScenario([]byte(`
days: 6
subnets: {count: 6, meme: {netuids: [3], takeover_day: ` + takeover + `}}
agents:
  speculators: {count: 30, arrival: {process: lump, day: 0}}
  yield_stakers: {count: 12, arrival: {process: lump, day: 0}}
  noise: {count: 10}
`))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSim(sc, Options{Streams: Streams{Master: 5}})
	if err != nil {
		t.Fatal(err)
	}
	var sum [3]float64
	days := 0
	for range 6 * 7200 {
		b := s.C.Block
		if err := s.Step(); err != nil {
			t.Fatal(err)
		}
		if (b-s.C.StartBlock)%7200 != 7199 || b < s.obs.takeover.block {
			continue
		}
		days++
		i := 2 // netuid 3
		for a := range s.acct.count() {
			x := s.L.Alpha(agents.AccountID(a), i)
			if x <= 0 {
				continue
			}
			switch s.acct.class[a] {
			case "speculator":
				sum[0] += x * s.C.Price(i)
			case "yield_staker":
				sum[1] += x * s.C.Price(i)
				sum[2]++
			}
		}
	}
	if days != wantDays || s.obs.takeover.block-s.C.StartBlock != wantBlock || sum[0] <= 0 {
		t.Fatalf("test setup: %d days from the takeover at block %d of the run; want %d days from block %d; speculators' meme TAO %g",
			days, s.obs.takeover.block-s.C.StartBlock, wantDays, wantBlock, sum[0])
	}
	row := s.Finish()
	got := [3]float64{row.MemeTAOSpeculators, row.MemeTAOYieldStakers, row.MemeYieldStakers}
	for k := range 3 {
		if want := sum[k] / float64(days); !scalar.EqualWithinRel(got[k], want, 1e-12) {
			t.Errorf("column %d: %g, want the daily mean %g over %d days", k, got[k], want, days)
		}
	}
}

// TestMemeHoldersNaNWithoutTakeover: a run that ends before its takeover has no snapshot
// to average, so the three columns are NaN.
func TestMemeHoldersNaNWithoutTakeover(t *testing.T) {
	t.Parallel()
	sc, err := ParseScenario([]byte(`
days: 1
subnets: {count: 4, meme: {netuids: [3], takeover_day: 2}}
agents: {speculators: {count: 3}, yield_stakers: {count: 2}, noise: {count: 3}}
`))
	if err != nil {
		t.Fatal(err)
	}
	row, err := Run(context.Background(), sc, Options{Streams: Streams{Master: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(row.MemeTAOSpeculators) || !math.IsNaN(row.MemeTAOYieldStakers) || !math.IsNaN(row.MemeYieldStakers) {
		t.Errorf("no takeover: %g, %g, %g, want NaN", row.MemeTAOSpeculators, row.MemeTAOYieldStakers, row.MemeYieldStakers)
	}
}
