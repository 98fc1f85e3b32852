package experiments

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"dtaosim/agents"
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

// checkOption holds an option that is off by default to two things: setting it off
// (off) leaves the defaults' spec hash as it was, so committed outputs keep their
// hashes, and setting it on (on) changes the speculators' trading in a 10-day run of
// the defaults (seed 3) against the same run with it off.
func checkOption(t *testing.T, name string, off, on func(*Scenario)) {
	t.Helper()
	d, d0 := Defaults(), Defaults()
	off(&d0)
	if SpecHash(&d) != SpecHash(&d0) {
		t.Errorf("%s off changed the defaults' hash", name)
	}
	run := func(set func(*Scenario)) *record.RunRow {
		sc := Defaults()
		sc.Days = 10
		set(&sc)
		row, err := Run(context.Background(), &sc, Options{Streams: Streams{Master: 3}})
		if err != nil {
			t.Fatal(err)
		}
		return row
	}
	base, set := run(off), run(on)
	if set.VolumeSpeculators == base.VolumeSpeculators && set.TradesSpeculators == base.TradesSpeculators {
		t.Errorf("%s on left the speculators' trading as it was (%v TAO, %d trades)", name, set.VolumeSpeculators, set.TradesSpeculators)
	}
}

// TestThresholdSpread: agents.speculators.threshold_spread draws each speculator's exit
// thresholds within [1 − s, 1 + s] of the class's, not all alike and the same for the
// same stream; 0 leaves the scenario's hash as it was; it changes a run's trading;
// values that could reach a threshold of 1 are refused naming the field.
func TestThresholdSpread(t *testing.T) {
	const s = 0.4
	p := agents.DefaultSpeculator()
	draw := func() []agents.Agent {
		as := make([]agents.Agent, 200)
		for k := range as {
			as[k] = agents.NewSpeculator(agents.AccountID(k), p)
		}
		spreadThresholds(as, s, Streams{Master: 5}.Stream("thresholds"))
		return as
	}
	a, b := draw(), draw()
	distinct := map[float64]bool{}
	for k := range a {
		x, y := a[k].(*agents.Speculator).P, b[k].(*agents.Speculator).P
		if x != y {
			t.Fatalf("speculator %d: two draws from one stream differ: %+v, %+v", k, x, y)
		}
		for _, c := range []struct {
			name      string
			got, base float64
		}{{"stop_loss", x.StopLoss, p.StopLoss}, {"take_profit", x.TakeProfit, p.TakeProfit}, {"quit_drawdown", x.QuitDrawdown, p.QuitDrawdown}} {
			if c.got < (1-s)*c.base || c.got > (1+s)*c.base {
				t.Errorf("speculator %d: %s %v outside [%v, %v]", k, c.name, c.got, (1-s)*c.base, (1+s)*c.base)
			}
		}
		distinct[x.StopLoss] = true
		if x.RatePerDay != p.RatePerDay || x.HoldDays != p.HoldDays || x.EntryThreshold != p.EntryThreshold {
			t.Errorf("speculator %d: a parameter other than the three thresholds changed: %+v", k, x)
		}
	}
	if len(distinct) < 190 {
		t.Errorf("200 speculators drew %d distinct stop-losses, want nearly all distinct", len(distinct))
	}

	checkOption(t, "threshold_spread",
		func(sc *Scenario) { sc.Agents.Speculators.ThresholdSpread = 0 },
		func(sc *Scenario) { sc.Agents.Speculators.ThresholdSpread = s })

	for _, tc := range []struct {
		spread, stopLoss float64
		want             string
	}{
		{1, 0.5, "want a number in [0, 1)"},
		{-0.1, 0.5, "want a number in [0, 1)"},
		{0.7, 0.6, "want below 1"},
	} {
		sc := Defaults()
		sc.Agents.Speculators.ThresholdSpread, sc.Agents.Speculators.StopLoss = tc.spread, tc.stopLoss
		err := sc.Validate()
		if err == nil || !strings.Contains(err.Error(), "agents.speculators.threshold_spread") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("threshold_spread %v, stop_loss %v: error %v, want one naming the field and %q", tc.spread, tc.stopLoss, err, tc.want)
		}
	}
}

// TestLookbackMaxDays: agents.speculators.lookback_max_days draws each speculator's
// momentum window, a whole number of days in [lookback_days, lookback_max_days], every
// value of the range drawn, the same for the same stream; 0 leaves the scenario's hash
// as it was; it changes a run's trading; values outside [lookback_days, 30] are refused
// naming the field.
func TestLookbackMaxDays(t *testing.T) {
	const lo, hi = 7, 28
	p := agents.DefaultSpeculator()
	p.LookbackDays = lo
	draw := func() []agents.Agent {
		as := make([]agents.Agent, 400)
		for k := range as {
			as[k] = agents.NewSpeculator(agents.AccountID(k), p)
		}
		spreadLookbacks(as, hi, Streams{Master: 5}.Stream("lookbacks"))
		return as
	}
	a, b := draw(), draw()
	seen := map[int]int{}
	for k := range a {
		x, y := a[k].(*agents.Speculator).P, b[k].(*agents.Speculator).P
		if x != y {
			t.Fatalf("speculator %d: two draws from one stream differ: %+v, %+v", k, x, y)
		}
		if x.LookbackDays < lo || x.LookbackDays > hi {
			t.Errorf("speculator %d: lookback_days %d outside [%d, %d]", k, x.LookbackDays, lo, hi)
		}
		seen[x.LookbackDays]++
		y.LookbackDays = p.LookbackDays
		if y != p {
			t.Errorf("speculator %d: a parameter other than the window changed: %+v", k, x)
		}
	}
	if len(seen) != hi-lo+1 {
		t.Errorf("400 speculators drew %d distinct windows, want all %d of [%d, %d]: %v", len(seen), hi-lo+1, lo, hi, seen)
	}

	checkOption(t, "lookback_max_days",
		func(sc *Scenario) { sc.Agents.Speculators.LookbackMaxDays = 0 },
		func(sc *Scenario) { sc.Agents.Speculators.LookbackMaxDays = 14 })

	for _, tc := range []struct {
		lookback, max int
		ok            bool
	}{{3, 0, true}, {3, 3, true}, {3, 30, true}, {7, 6, false}, {3, 31, false}, {3, -1, false}} {
		sc := Defaults()
		sc.Agents.Speculators.LookbackDays, sc.Agents.Speculators.LookbackMaxDays = tc.lookback, tc.max
		err := sc.Validate()
		if tc.ok && err != nil {
			t.Errorf("lookback_days %d, lookback_max_days %d: %v, want no error", tc.lookback, tc.max, err)
		}
		if !tc.ok && (err == nil || !strings.Contains(err.Error(), "agents.speculators.lookback_max_days") || !strings.Contains(err.Error(), "[lookback_days = ")) {
			t.Errorf("lookback_days %d, lookback_max_days %d: error %v, want one naming the field and its range", tc.lookback, tc.max, err)
		}
	}
}

// TestLossMemoryDays: agents.speculators.loss_memory_days reaches the speculators of a
// run (a week of memory changes a 10-day run's trading) and 0, the default, leaves the
// scenario's hash as it was. The rule itself is tested in agents
// (TestSpeculatorLossMemory); a negative value is refused in TestParseScenarioErrors.
func TestLossMemoryDays(t *testing.T) {
	checkOption(t, "loss_memory_days",
		func(sc *Scenario) { sc.Agents.Speculators.LossMemoryDays = 0 },
		func(sc *Scenario) { sc.Agents.Speculators.LossMemoryDays = 7 })
}
