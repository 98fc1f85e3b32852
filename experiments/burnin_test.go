package experiments

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"dtaosim/experiments/record"
	"dtaosim/market"
)

// burnInRows runs sc with master seed 11 and returns its run row, series and events, each
// printed with %v (NaN prints as NaN, so equal outputs give equal strings).
func burnInRows(t *testing.T, sc *Scenario) (run string, series, events []string) {
	t.Helper()
	opt := Options{Streams: Streams{Master: 11}, Key: record.RunKey{Seed: 11}}
	opt.Series = func(r *record.SeriesRow) error { series = append(series, fmt.Sprintf("%v", *r)); return nil }
	opt.Events = func(e *record.EventRow) error { events = append(events, fmt.Sprintf("%v", *e)); return nil }
	row, err := Run(context.Background(), sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%v", *row), series, events
}

// TestBurnInIsTheShiftedScenario: a scenario with burn_in_days runs exactly as the same
// scenario written out by hand s days earlier (the four fields the study's burn-in parts
// set, study-capture-burnin-105.yaml and study-capture-from-launch.yaml): on an aged
// chain older than the burn-in, and on one younger, which starts from the launch.
func TestBurnInIsTheShiftedScenario(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		age      float64
		burnIn   float64
		explicit func(sc *Scenario)
	}{
		{"aged", 365, 3, func(sc *Scenario) {
			sc.Chain.AgeDays, sc.Chain.TaoIssuance = 362, 8.5e6-3*7200
			sc.Subnets.Meme.TakeoverDay, sc.Days = 4, 5
		}},
		{"younger than the burn-in: from the launch", 2, 3, func(sc *Scenario) {
			sc.Subnets.Init, sc.Chain.AgeDays, sc.Chain.TaoIssuance = "launch", 0, 8.5e6-2*7200
			sc.Subnets.Meme.TakeoverDay, sc.Days = 3, 4
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			base, err := LoadPreset("sn28-late")
			if err != nil {
				t.Fatal(err)
			}
			base.Days, base.Chain.TaoIssuance, base.Chain.AgeDays = 2, 8.5e6, tc.age
			burnt := *base
			burnt.BurnInDays = tc.burnIn
			want := *base
			tc.explicit(&want)
			if got := burnt.RunDays(); got != want.Days {
				t.Fatalf("RunDays = %v, want %v", got, want.Days)
			}
			gotRun, gotSeries, gotEvents := burnInRows(t, &burnt)
			wantRun, wantSeries, wantEvents := burnInRows(t, &want)
			if gotRun != wantRun {
				t.Errorf("run rows differ:\nburn-in  %s\nexplicit %s", gotRun, wantRun)
			}
			if strings.Join(gotSeries, "\n") != strings.Join(wantSeries, "\n") {
				t.Errorf("series differ (%d rows against %d)", len(gotSeries), len(wantSeries))
			}
			if strings.Join(gotEvents, "\n") != strings.Join(wantEvents, "\n") {
				t.Errorf("events differ (%d against %d)", len(gotEvents), len(wantEvents))
			}
			if !strings.Contains(strings.Join(gotEvents, "\n"), "takeover") {
				t.Error("no takeover event: the case does not reach the shifted takeover")
			}
			if burnt.BurnInDays != tc.burnIn || burnt.Days != 2 {
				t.Error("NewSim changed the scenario it was given")
			}
		})
	}
}

func TestBurnInShift(t *testing.T) {
	t.Parallel()
	sc := Defaults() // init launch
	sc.BurnInDays = 30
	if s := sc.BurnInShift(); s != 0 {
		t.Errorf("launch state: shift %v, want 0 (no earlier state)", s)
	}
	if sc.started() != &sc {
		t.Error("launch state: started() copied the scenario")
	}
	sc.Subnets.Init, sc.Chain.AgeDays = "aged", 90
	if s := sc.BurnInShift(); s != 30 {
		t.Errorf("aged 90 days, burn-in 30: shift %v, want 30", s)
	}
	sc.Mechanism.Schedule = []SwitchSpec{{Day: 10, Preset: "taoflow_2025_11"}}
	sc.Agents.YieldStakers.Arrival.Process, sc.Agents.YieldStakers.Arrival.Day = "lump", 5
	st := sc.started()
	if st.Mechanism.Schedule[0].Day != 40 || sc.Mechanism.Schedule[0].Day != 10 {
		t.Errorf("schedule day %v (scenario's %v), want 40 (10)", st.Mechanism.Schedule[0].Day, sc.Mechanism.Schedule[0].Day)
	}
	if st.Agents.YieldStakers.Arrival.Day != 35 {
		t.Errorf("lump arrival day %v, want 35", st.Agents.YieldStakers.Arrival.Day)
	}
	if st.Chain.AgeDays != 60 || st.Subnets.Init != "aged" || st.Days != sc.Days+30 {
		t.Errorf("started: age %v init %q days %v", st.Chain.AgeDays, st.Subnets.Init, st.Days)
	}
	sc.Chain.AgeDays = 0 // aged at age 0: no earlier day to start from, but from the launch
	if st := sc.started(); st.Subnets.Init != "launch" || st.Days != sc.Days || st.Chain.TaoIssuance != sc.Chain.TaoIssuance {
		t.Errorf("aged at age 0: init %q days %v issuance %v, want launch, %v, %v", st.Subnets.Init, st.Days, st.Chain.TaoIssuance, sc.Days, sc.Chain.TaoIssuance)
	}
}

func TestBurnInValidation(t *testing.T) {
	t.Parallel()
	sc := Defaults()
	sc.BurnInDays = -1
	if err := sc.Validate(); err == nil || !strings.HasPrefix(err.Error(), "burn_in_days:") {
		t.Errorf("negative burn-in: %v", err)
	}
	snap, err := LoadPreset("chain-2026-08")
	if err != nil {
		t.Fatal(err)
	}
	snap.BurnInDays = 30
	if err := snap.Validate(); err == nil || !strings.Contains(err.Error(), "burn_in_days: expected 0 with subnets.init \"snapshot\"") {
		t.Errorf("snapshot with a burn-in: %v", err)
	}
}

// TestIssuedBefore: below the halving a day back is 7,200 TAO exactly; across it,
// issuing forward from the result block by block returns to the start within half a TAO.
func TestIssuedBefore(t *testing.T) {
	t.Parallel()
	if got := issuedBefore(8.5e6, 30*7200); got != 8.284e6 {
		t.Errorf("30 days before 8.5e6: %v, want 8.284e6", got)
	}
	if got := issuedBefore(100, 7200); got != 0 {
		t.Errorf("before the start of issuance: %v, want 0", got)
	}
	for _, at := range []float64{10.5e6 + 1000, 10.5e6 + 5000, 10.51e6} {
		const blocks = 30 * 7200
		x := issuedBefore(at, blocks)
		for range blocks {
			x += market.BlockEmission(x)
		}
		if d := x - at; d < -0.5 || d > 0.5 {
			t.Errorf("issuedBefore(%v) then %d blocks forward: %v (off by %v)", at, blocks, x, d)
		}
	}
}
