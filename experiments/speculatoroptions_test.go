package experiments

import (
	"context"
	"fmt"
	"testing"

	"dtaosim/experiments/record"
)

// TestSpeculatorOptionsReachRuns: the speculators' options (vol_target, quit_drawdown,
// hold_days) reach the agents of a run: from the defaults with quit_drawdown and
// hold_days off, a setting that can never bind leaves the run as it is, one that binds
// changes the speculators' trading.
func TestSpeculatorOptionsReachRuns(t *testing.T) {
	run := func(set func(sc *Scenario)) *record.RunRow {
		sc := Defaults()
		sc.Days = 10
		sc.Agents.Speculators.QuitDrawdown, sc.Agents.Speculators.HoldDays = 0, 0
		set(&sc)
		row, err := Run(context.Background(), &sc, Options{Streams: Streams{Master: 3}})
		if err != nil {
			t.Fatal(err)
		}
		return row
	}
	base := run(func(*Scenario) {})
	for _, tc := range []struct {
		name       string
		inert, set func(sc *Scenario)
	}{
		{"vol_target",
			func(sc *Scenario) { sc.Agents.Speculators.VolTarget = 1e9 },   // above every volatility
			func(sc *Scenario) { sc.Agents.Speculators.VolTarget = 1e-9 }}, // below every moving subnet's
		{"quit_drawdown",
			func(sc *Scenario) { sc.Agents.Speculators.QuitDrawdown = 1 - 1e-12 }, // never lost so much
			func(sc *Scenario) { sc.Agents.Speculators.QuitDrawdown = 0.05 }},     // many lose 5%
		{"hold_days",
			func(sc *Scenario) { sc.Agents.Speculators.HoldDays = 11 },   // beyond the 10-day run
			func(sc *Scenario) { sc.Agents.Speculators.HoldDays = 0.5 }}, // half a day
	} {
		inert, set := run(tc.inert), run(tc.set)
		if i, b := fmt.Sprintf("%+v", *inert), fmt.Sprintf("%+v", *base); i != b { // NaN fields print alike
			t.Errorf("%s that cannot bind changed the run:\n%s\nagainst\n%s", tc.name, i, b)
		}
		if set.VolumeSpeculators == base.VolumeSpeculators && set.TradesSpeculators == base.TradesSpeculators {
			t.Errorf("%s that binds left the speculators' trading as it was (%v TAO, %d trades)",
				tc.name, set.VolumeSpeculators, set.TradesSpeculators)
		}
	}
}
