package experiments

import (
	"testing"

	"dtaosim/market"
)

// TestPresetYuma: classic Yuma for the presets whose chain code predates 1d94555da,
// Yuma3 (liquid alpha off) for those that contain it and for the designs on the head,
// chain designs and validation designs alike (the validation designs as their base
// preset); κ is the chain's 32767/65535 everywhere.
func TestPresetYuma(t *testing.T) {
	t.Parallel()
	want := map[string]bool{
		"launch_2025_02": false, "subsidy_2025_07": false, "taoflow_2025_11": false,
		"netflow_2026_05": true, "price_burn_2026_06": true,
	}
	for _, d := range market.DesignNames() {
		want[d] = true
	}
	for _, d := range ValidationDesigns() {
		if d.Base != "price_burn_2026_06" {
			t.Errorf("%s is built on %s; the table assumes the head", d.Name, d.Base)
		}
		want[d.Name] = true
	}
	if len(want) != len(market.PresetNames())+len(market.DesignNames())+len(ValidationDesigns()) {
		t.Fatalf("presets %v: the test's table is out of date", market.PresetNames())
	}
	for name, y3 := range want {
		p := presetYuma(name)
		if p.Yuma3 != y3 || p.LiquidAlpha || p.Kappa != 32767.0/65535.0 {
			t.Errorf("%s: Yuma3 %v, liquid alpha %v, κ %v; want Yuma3 %v, off, 32767/65535", name, p.Yuma3, p.LiquidAlpha, p.Kappa, y3)
		}
	}
}

// TestScenarioYumaOverrides: mechanism.yuma sets the subnets' Yuma at the start and a
// schedule entry's yuma sets it from the switch on; bad values fail validation.
func TestScenarioYumaOverrides(t *testing.T) {
	t.Parallel()
	sc, err := ParseScenario([]byte(`
days: 1
record_every: 300
subnets: {count: 3, meme: {netuids: []}}
agents: {speculators: {count: 2}, yield_stakers: {count: 2}, noise: {count: 2}}
mechanism:
  preset: price_burn_2026_06
  yuma: {version: classic, kappa: 0.6}
  schedule:
    - {day: 0.5, preset: launch_2025_02, yuma: {version: yuma3, liquid_alpha: true}}
`))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSim(sc, Options{Streams: Streams{Master: 1}})
	if err != nil {
		t.Fatal(err)
	}
	for i, st := range s.val.yumas {
		if p := st.Params(); p.Yuma3 || p.Kappa != 0.6 {
			t.Errorf("subnet %d at the start: Yuma3 %v κ %v, want classic κ 0.6", i, p.Yuma3, p.Kappa)
		}
	}
	for range 3601 {
		if err := s.Step(); err != nil {
			t.Fatal(err)
		}
	}
	for i, st := range s.val.yumas {
		if p := st.Params(); !p.Yuma3 || !p.LiquidAlpha || p.Kappa != 32767.0/65535.0 {
			t.Errorf("subnet %d after the switch: Yuma3 %v liquid alpha %v κ %v, want Yuma3 with liquid alpha, κ 32767/65535",
				i, p.Yuma3, p.LiquidAlpha, p.Kappa)
		}
	}
	for _, bad := range []string{"{version: yuma4}", "{kappa: 1.5}"} {
		if _, err := ParseScenario([]byte("mechanism: {yuma: " + bad + "}")); err == nil {
			t.Errorf("mechanism.yuma %s: no error", bad)
		}
	}
}
