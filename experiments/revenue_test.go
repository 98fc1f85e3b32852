package experiments

import (
	"fmt"
	"math"
	"testing"

	"dtaosim/agents"
)

// TestRevenueWithoutBuybackIsUtility: a revenue subnet that buys back nothing
// (buyback_fraction 0) leaves the market as it is without one: under a rule of emission
// that reads no values every price and emission share is the same bits as in the run
// where the subnet is a utility subnet, so a study's buyback 0.5 − 0 on the same random
// numbers is the effect of a buying-back revenue subnet against none
// (experiments/study-revenue-90d.yaml).
func TestRevenueWithoutBuybackIsUtility(t *testing.T) {
	t.Parallel()
	run := func(revenue string) [][]float64 {
		s := revenueSim(t, revenue, 6)
		var out [][]float64
		for b := range 2 * agents.BlocksPerDay {
			if err := s.Step(); err != nil {
				t.Fatal(err)
			}
			if b%360 == 0 {
				row := append([]float64(nil), s.C.Last.Share...)
				for i := range s.n {
					row = append(row, s.C.Price(i))
				}
				out = append(out, row)
			}
		}
		return out
	}
	plain := run("")
	zero := run("{netuids: [5], buyback_fraction: 0}")
	half := run("{netuids: [5], buyback_fraction: 0.5}")
	differs := func(a, b [][]float64) bool {
		for k := range a {
			for j := range a[k] {
				if math.Float64bits(a[k][j]) != math.Float64bits(b[k][j]) {
					return true
				}
			}
		}
		return false
	}
	if differs(plain, zero) {
		t.Error("a revenue subnet buying back nothing changed the prices or emission shares")
	}
	if !differs(plain, half) {
		t.Error("a revenue subnet buying back half its revenue changed no price or emission share: the test would not see a difference")
	}
}

// revenueSim builds a 2-day run of 6 aged subnets, subnet 3 a meme taken over at half a
// day and, when revenue is not empty, the subnets.revenue spec it gives (YAML flow
// mapping), on master seed seed.
func revenueSim(t *testing.T, revenue string, seed uint64) *Sim {
	t.Helper()
	rev := ""
	if revenue != "" {
		rev = ", revenue: " + revenue
	}
	src := fmt.Sprintf("days: 2\nchain: {age_days: 90}\nsubnets: {count: 6, init: aged, meme: {netuids: [3], takeover_day: 0.5}%s}\nagents: {speculators: {count: 8, arrival: {process: lump}}, yield_stakers: {count: 3, arrival: {process: lump}}, noise: {count: 6}}\n", rev)
	sc, err := ParseScenario([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSim(sc, Options{Streams: Streams{Master: seed}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
