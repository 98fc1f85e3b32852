package experiments

import (
	"math/rand/v2"
	"slices"
	"testing"

	"dtaosim/agents"
	"dtaosim/experiments/record"
	"dtaosim/experiments/stats"
	"dtaosim/market"
)

// events collects the types and blocks of the events a part emits.
type events struct {
	types  []string
	blocks []int64
}

func (e *events) log() *eventLog {
	return &eventLog{out: func(r *record.EventRow) error {
		e.types = append(e.types, r.Type)
		e.blocks = append(e.blocks, r.Block)
		return nil
	}, c: testChain()}
}

// testChain is a chain of three subnets at the launch state, for event logs (which
// need netuids) and parts that read prices.
func testChain() *market.Chain {
	p, err := market.PresetParams("launch_2025_02")
	if err != nil {
		panic(err)
	}
	var inits []market.SubnetInit
	for u := 1; u <= 3; u++ {
		inits = append(inits, market.SubnetInit{Netuid: u, TaoReserve: 1, AlphaReserve: 1, AlphaIssuance: 1,
			MovingPrice: 1.0 / 3, BlocksSinceStart: market.DefaultBlocksSinceStart})
	}
	c, err := market.New(p, inits, 1e6, 1)
	if err != nil {
		panic(err)
	}
	return c
}

// TestCapture: from below θ at the takeover (the first block observed), the meme share
// must stay at or above θ for min_days in a row; the capture block is the first block of
// that run, and a dip below θ restarts the count. A share already at θ at the takeover
// never makes a capture, however long it stays there.
func TestCapture(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		theta    float64
		shares   []float64 // blocks 1, 2, …
		captured bool
		block    int64
		types    []string
	}{
		{"never", 0.1, []float64{0.05, 0.09, 0.0999}, false, -1, nil},
		{"three in a row", 0.1, []float64{0.05, 0.1, 0.2, 0.1, 0.3}, true, 2,
			[]string{"capture_start", "capture"}},
		{"dip restarts", 0.1, []float64{0.05, 0.1, 0.2, 0.05, 0.1, 0.1, 0.1}, true, 5,
			[]string{"capture_start", "capture_end", "capture_start", "capture"}},
		{"at theta at the takeover", 0.1, []float64{0.1, 0.2, 0.3, 0.4, 0.5}, false, -1,
			[]string{"capture_start"}},
		{"at theta at the takeover, dips and returns", 0.1, []float64{0.12, 0.05, 0.2, 0.3, 0.4}, false, -1,
			[]string{"capture_start", "capture_end", "capture_start"}},
		{"two then out", 0.1, []float64{0.1, 0.2, 0.05}, false, -1,
			[]string{"capture_start", "capture_end"}},
		{"zero theta needs a share", 0, []float64{0, 0, 0}, false, -1, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := newCapture(MetricsSpec{Theta: tc.theta, MinDays: 3.0 / agents.BlocksPerDay}) // three blocks
			var got events
			ev := got.log()
			for k, s := range tc.shares {
				if err := c.observe(int64(k+1), s, ev); err != nil {
					t.Fatal(err)
				}
			}
			if c.captured != tc.captured || c.block != tc.block {
				t.Errorf("captured %v at block %d, want %v at %d", c.captured, c.block, tc.captured, tc.block)
			}
			if !slices.Equal(got.types, tc.types) {
				t.Errorf("events %v, want %v", got.types, tc.types)
			}
		})
	}
}

// TestRankCapture: from outside the top k at the takeover (the first block observed), a
// meme subnet in the top k for min_days in a row is a rank capture; other subnets never
// are, whatever their rank; a meme subnet already in the top k at the takeover never is.
func TestRankCapture(t *testing.T) {
	t.Parallel()
	m := MetricsSpec{TopK: 1, MinDays: 2.0 / agents.BlocksPerDay}
	memes := []int{1} // subnet 1 of 3 is the meme subnet
	r := newRankCapture(m, 3)
	var got events
	ev := got.log()
	for b, shares := range [][]float64{
		{0.5, 0.3, 0.2}, // utility subnet 0 first: nothing
		{0.3, 0.5, 0.2}, // meme subnet 1 first
		{0.5, 0.3, 0.2}, // out again
		{0.2, 0.6, 0.2}, // first
		{0.2, 0.6, 0.2}, // second block in a row: captured from block 4
	} {
		if err := r.observe(int64(b+1), shares, memes, ev); err != nil {
			t.Fatal(err)
		}
	}
	if !r.captured || r.block != 4 {
		t.Errorf("rank captured %v at block %d, want true at 4", r.captured, r.block)
	}
	if !slices.Equal(got.types, []string{"rank_capture"}) || got.blocks[0] != 5 {
		t.Errorf("events %v at %v, want one rank_capture at block 5", got.types, got.blocks)
	}
}

// TestRankCaptureInTopKAtTakeover: a meme subnet in the top k at the takeover is never a
// rank capture, and the best rank at the takeover is recorded.
func TestRankCaptureInTopKAtTakeover(t *testing.T) {
	t.Parallel()
	r := newRankCapture(MetricsSpec{TopK: 1, MinDays: 2.0 / agents.BlocksPerDay}, 2)
	var got events
	for b := range 5 {
		if err := r.observe(int64(b+1), []float64{0.3, 0.7}, []int{1}, got.log()); err != nil {
			t.Fatal(err)
		}
	}
	if r.captured || !r.inTopK || r.best != 1 || len(got.types) != 0 {
		t.Errorf("captured %v, in top k %v, best rank %d, events %v; want no capture from inside the top k at rank 1", r.captured, r.inTopK, r.best, got.types)
	}
}

// TestRankWithin holds rankWithin to stats.Rank capped at k + 1, on random shares with ties.
func TestRankWithin(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 4))
	for trial := range 5000 {
		shares := make([]float64, 1+trial%70)
		for j := range shares {
			shares[j] = float64(rng.IntN(6)) / 5
		}
		i, k := rng.IntN(len(shares)), rng.IntN(8)
		if got, want := rankWithin(shares, i, k), min(stats.Rank(shares, i), k+1); got != want {
			t.Fatalf("%v, subnet %d, k %d: rankWithin %d, want %d", shares, i, k, got, want)
		}
	}
}
