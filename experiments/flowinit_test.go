package experiments

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// TestFlowEMAInit: subnets.flow_ema_init "price" starts every subnet's flow EMA at
// min(moving price, spot price), for an aged and a snapshot start, so that the flow rule's
// first block splits the emission like those prices (among the subnets with emission
// enabled); "zero" (the default) starts them at 0,
// and with no trades the first block gives no subnet any TAO.
func TestFlowEMAInit(t *testing.T) {
	t.Parallel()
	const noAgents = "agents: {speculators: {count: 0}, yield_stakers: {count: 0}, arbitrageurs: {count: 0}, noise: {count: 0}}\n"
	aged := "days: 1\nchain: {tao_issuance: 10.6e6, age_days: 300}\nmechanism: {preset: taoflow_2025_11}\n" +
		"subnets: {count: 6, init: aged, price_sum: 1.2, meme: {netuids: []}, flow_ema_init: %s}\n" + noAgents
	snap := "days: 1\nmechanism: {preset: taoflow_2025_11}\n" +
		"subnets: {init: snapshot, snapshot: chain-2026-08-02-block8753086.csv, meme: {netuids: []}, flow_ema_init: %s}\n" + noAgents
	for _, c := range []struct{ name, yaml string }{{"aged", aged}, {"snapshot", snap}} {
		for _, rule := range []string{"price", "zero"} {
			sc, err := ParseScenario([]byte(fmt.Sprintf(c.yaml, rule)))
			if err != nil {
				t.Fatal(err)
			}
			s, err := NewSim(sc, Options{Streams: Streams{Master: 1}})
			if err != nil {
				t.Fatal(err)
			}
			S := s.C.S
			want := make([]float64, s.n)
			sum := 0.0
			for i := range s.n {
				if rule == "price" {
					want[i] = min(S.MovingPrice[i], s.C.Price(i))
				}
				if S.FlowEMA[i] != want[i] {
					t.Fatalf("%s, %s: subnet %d starts at flow EMA %v, want %v", c.name, rule, i+1, S.FlowEMA[i], want[i])
				}
				if S.EmissionEnabled[i] {
					sum += want[i]
				}
			}
			s.C.Step()
			total := 0.0
			for i := range s.n {
				total += s.C.Last.TaoEmission[i]
			}
			switch {
			case rule == "zero" && total != 0:
				t.Errorf("%s, zero: the first block gave %v TAO with every flow EMA at 0 and no trades", c.name, total)
			case rule == "price":
				for i := range s.n {
					if !S.EmissionEnabled[i] {
						continue
					}
					got, wantShare := s.C.Last.TaoEmission[i]/total, want[i]/sum
					if math.Abs(got-wantShare) > 1e-9 {
						t.Fatalf("%s, price: subnet %d's first-block share %v, want its price share %v", c.name, i+1, got, wantShare)
					}
				}
			}
		}
	}
}

// TestFlowEMAInitAtSwitch: with "price", a scheduled switch from a price rule into a flow
// rule sets every flow EMA to min(moving price, spot price) at the switch (the chain's
// migration of 2025-11-05 did so at its switch); a switch between the flow rules keeps
// them; a run that starts under a price rule keeps its EMAs at 0 until the switch.
func TestFlowEMAInitAtSwitch(t *testing.T) {
	t.Parallel()
	const y = "days: 1\nchain: {tao_issuance: 10.6e6, age_days: 300}\nmechanism: {preset: %s, schedule: [{day: 0.5, preset: %s}]}\n" +
		"subnets: {count: 6, init: aged, price_sum: 1.2, meme: {netuids: []}, flow_ema_init: price}\n" +
		"agents: {speculators: {count: 5}, yield_stakers: {count: 5}, noise: {count: 5}}\n"
	for _, c := range []struct {
		from, to string
		reset    bool
	}{{"price_burn_2026_06", "taoflow_2025_11", true}, {"taoflow_2025_11", "netflow_2026_05", false}} {
		sc, err := ParseScenario([]byte(fmt.Sprintf(y, c.from, c.to)))
		if err != nil {
			t.Fatal(err)
		}
		s, err := NewSim(sc, Options{Streams: Streams{Master: 3}})
		if err != nil {
			t.Fatal(err)
		}
		const at = 1 + 3600 // the switch's block
		for s.C.Block < at {
			if err := s.Step(); err != nil {
				t.Fatal(err)
			}
			if c.reset && slices.ContainsFunc(s.C.S.FlowEMA, func(f float64) bool { return f != 0 }) {
				t.Fatalf("%s: a flow EMA moved under the price rule before the switch: %v", c.from, s.C.S.FlowEMA)
			}
		}
		want := slices.Clone(s.C.S.FlowEMA)
		if c.reset {
			for i := range want {
				want[i] = min(s.C.S.MovingPrice[i], s.C.Price(i))
			}
		}
		if err := s.switches(at); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(s.C.S.FlowEMA, want) {
			t.Errorf("%s → %s: flow EMAs after the switch %v, want %v", c.from, c.to, s.C.S.FlowEMA, want)
		}
	}
}
