package experiments

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// TestHHI: the run's final HHI is Σ s_i² of the last block's shares, between 1/N and 1,
// and the mean lies in the same bounds.
func TestHHI(t *testing.T) {
	t.Parallel()
	sc, err := ParseScenario([]byte("days: 0.5\nsubnets: {count: 4, meme: {netuids: [2], takeover_day: 0.1}}\nagents: {speculators: {count: 10}, noise: {count: 5}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSim(sc, Options{Streams: Streams{Master: 3}})
	if err != nil {
		t.Fatal(err)
	}
	for range 3600 {
		if err := s.Step(); err != nil {
			t.Fatal(err)
		}
	}
	row := s.Finish()
	want := 0.0
	for _, x := range s.C.Last.Share {
		want += x * x
	}
	if math.Abs(row.FinalHHI-want) > 1e-15 {
		t.Errorf("final HHI %v, Σ s² of the last block %v", row.FinalHHI, want)
	}
	for name, h := range map[string]float64{"final": row.FinalHHI, "mean": row.MeanHHI} {
		if h < 0.25-1e-12 || h > 1 {
			t.Errorf("%s HHI %v outside [1/4, 1]", name, h)
		}
	}
}

// TestStartRankAndCaptureFromBelow: subnets.meme.start_rank puts the meme subnet at that
// rank of the initial emission split (swapping ranks with the subnet that drew it, so the
// other subnets keep theirs); a run whose meme share is already at or above θ at the
// takeover records that and is never a capture, however long the share stays there.
func TestStartRankAndCaptureFromBelow(t *testing.T) {
	t.Parallel()
	src := `days: 9
chain: {age_days: 90}
subnets: {count: 16, init: aged, meme: {netuids: [5], takeover_day: 1, start_rank: RANK}}
agents: {speculators: {count: 20, arrival: {process: lump}}, yield_stakers: {count: 3, arrival: {process: lump}}, noise: {count: 5}}
metrics: {theta: 0.1, min_days: 2}
`
	ranks := map[int][]int{}
	for _, rank := range []int{0, 1, 2, 9} {
		sc, err := ParseScenario([]byte(strings.Replace(src, "RANK", strconv.Itoa(rank), 1)))
		if err != nil {
			t.Fatal(err)
		}
		s, err := NewSim(sc, Options{Streams: Streams{Master: 7}})
		if err != nil {
			t.Fatal(err)
		}
		ranks[rank] = append([]int(nil), s.kinds.startRank...)
		for s.C.Block <= int64(sc.Days*7200) {
			if err := s.Step(); err != nil {
				t.Fatal(err)
			}
		}
		row := s.Finish()
		if rank > 0 && int(row.MemeStartRank) != rank {
			t.Errorf("start_rank %d: recorded meme_start_rank %d", rank, row.MemeStartRank)
		}
		if math.IsNaN(row.MemeShareAtTakeover) || row.TakeoverBlock != s.kinds.takeover {
			t.Errorf("start_rank %d: share at takeover %v, takeover block %d (want %d)", rank, row.MemeShareAtTakeover, row.TakeoverBlock, s.kinds.takeover)
		}
		if want := row.MemeShareAtTakeover >= 0.1; row.AtThetaAtTakeover != want {
			t.Errorf("start_rank %d: at_theta_at_takeover %v with share %.3f at the takeover", rank, row.AtThetaAtTakeover, row.MemeShareAtTakeover)
		}
		if row.AtThetaAtTakeover && row.Captured {
			t.Errorf("start_rank %d: captured although the share was %.3f ≥ θ at the takeover", rank, row.MemeShareAtTakeover)
		}
		t.Logf("start_rank %d: meme_start_rank %d, share at takeover %.3f (at θ %v), peak %.3f, captured %v",
			rank, row.MemeStartRank, row.MemeShareAtTakeover, row.AtThetaAtTakeover, row.PeakMemeShare, row.Captured)
		if rank == 1 && !row.AtThetaAtTakeover {
			t.Errorf("start_rank 1 of 16 (Zipf share %.2f): want the share at the takeover above θ = 0.1", 1/harmonic(16))
		}
	}
	// Fixing the meme subnet's rank swaps it with the subnet that drew that rank; the
	// others keep the ranks of the random draw.
	drawn := ranks[0]
	for _, rank := range []int{1, 2, 9} {
		got := ranks[rank]
		for i := range got {
			switch {
			case i == 4:
				if got[i] != rank {
					t.Errorf("start_rank %d: meme subnet at rank %d", rank, got[i])
				}
			case drawn[i] == rank:
				if got[i] != drawn[4] {
					t.Errorf("start_rank %d: subnet %d should have taken the meme subnet's drawn rank %d, has %d", rank, i+1, drawn[4], got[i])
				}
			case got[i] != drawn[i]:
				t.Errorf("start_rank %d: subnet %d moved from rank %d to %d", rank, i+1, drawn[i], got[i])
			}
		}
	}
}

func harmonic(n int) float64 {
	h := 0.0
	for k := 1; k <= n; k++ {
		h += 1 / float64(k)
	}
	return h
}
