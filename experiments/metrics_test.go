package experiments

import (
	"math"
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
