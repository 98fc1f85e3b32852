package experiments

import (
	"math"
	"testing"

	"dtaosim/agents"
)

// TestArrivalsInRun: speculators arrive over time at the base rate, those not yet
// arrived have not traded (their TAO is untouched), the same seed gives the same
// arrivals, and an aged start has the base rate's share present from the first block.
func TestArrivalsInRun(t *testing.T) {
	t.Parallel()
	src := "days: 5\nsubnets: {count: 8, meme: {netuids: []}}\nagents:\n" +
		"  speculators: {count: 40, arrival: {process: poisson, base_rate: 0.1, recruit: 0}}\n" +
		"  yield_stakers: {count: 3, arrival: {process: lump, day: 1}}\n  noise: {count: 5}\n"
	arrived := func(days float64) (int, *Sim) {
		sc, err := ParseScenario([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		s, err := NewSim(sc, Options{Streams: Streams{Master: 9}})
		if err != nil {
			t.Fatal(err)
		}
		init := append([]float64(nil), s.L.TAO[:40]...)
		if got := s.pop.groups[0].proc.Arrived(); got != 0 {
			t.Fatalf("%d speculators at the launch, want 0", got)
		}
		for range int64(days * agents.BlocksPerDay) {
			if err := s.Step(); err != nil {
				t.Fatal(err)
			}
		}
		n := s.pop.groups[0].proc.Arrived()
		for k := n; k < 40; k++ {
			if s.L.TAO[k] != init[k] {
				t.Errorf("speculator %d has not arrived but its TAO changed: %v -> %v", k, init[k], s.L.TAO[k])
			}
		}
		return n, s
	}
	a, _ := arrived(5)
	b, _ := arrived(5)
	want := 40 * 0.1 * 5.0
	if a != b || math.Abs(float64(a)-want) > 4*math.Sqrt(want) {
		t.Errorf("arrived %d and %d by day 5 on one seed; want equal and near %v", a, b, want)
	}

	sc, err := ParseScenario([]byte("days: 1\nchain: {age_days: 7}\nsubnets: {count: 8, init: aged, meme: {netuids: []}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSim(sc, Options{Streams: Streams{Master: 9}})
	if err != nil {
		t.Fatal(err)
	}
	w := 400 * sc.Agents.Speculators.Arrival.BaseRate * 7
	if got := float64(s.pop.groups[0].proc.Arrived()); math.Abs(got-w) > 4*math.Sqrt(w) {
		t.Errorf("%v speculators present on a week-old chain, want about %v", got, w)
	}
}
