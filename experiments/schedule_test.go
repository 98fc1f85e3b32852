package experiments

import (
	"context"
	"testing"

	"dtaosim/experiments/record"
	"dtaosim/market"
)

// TestScheduleSwitchesPreset: a scheduled switch changes the chain's mechanism at its
// block, records an event, and the series names the preset in force.
func TestScheduleSwitchesPreset(t *testing.T) {
	t.Parallel()
	sc, err := ParseScenario([]byte(`
days: 1
record_every: 300
subnets: {count: 4, meme: {netuids: []}}
agents: {speculators: {count: 3}, yield_stakers: {count: 2}, noise: {count: 3}}
mechanism:
  preset: launch_2025_02
  schedule:
    - {day: 0.5, preset: taoflow_2025_11, params: {tempo: 99}}
`))
	if err != nil {
		t.Fatal(err)
	}
	var switched []record.EventRow
	mechs := map[string]bool{}
	s, err := NewSim(sc, Options{Streams: Streams{Master: 1},
		Events: func(e *record.EventRow) error {
			if e.Type == "preset_switch" {
				switched = append(switched, *e)
			}
			return nil
		},
		Series: func(r *record.SeriesRow) error { mechs[r.Mechanism] = true; return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	for range 7200 {
		if err := s.Step(); err != nil {
			t.Fatal(err)
		}
		if s.C.Block-1 == 3600 && s.C.P.ShareRule != market.SharePriceEMA {
			t.Fatal("switched before its block")
		}
	}
	if len(switched) != 1 || switched[0].Block != 3601 || switched[0].Detail != "taoflow_2025_11" {
		t.Fatalf("switch events %+v, want one at block 3601", switched)
	}
	if s.C.P.ShareRule != market.ShareTaoFlow || s.C.P.Tempo != 99 || s.C.P.TaoIssuance != sc.Chain.TaoIssuance {
		t.Errorf("after the switch: share rule %v, tempo %d", s.C.P.ShareRule, s.C.P.Tempo)
	}
	if !mechs["launch_2025_02"] || !mechs["taoflow_2025_11"] {
		t.Errorf("series named the presets %v", mechs)
	}
	if _, err := Run(context.Background(), sc, Options{Streams: Streams{Master: 1}}); err != nil {
		t.Fatal(err)
	}
}
