package experiments

import (
	"testing"

	"dtaosim/market"
)

// TestLaunchMovingAlpha: mechanism.launch_moving_alpha sets the moving-price coefficient
// wherever launch_2025_02 is in force (base preset or switch), leaves the later presets'
// 1288490/2^32 alone, and yields to an explicit params.moving_alpha of the same preset.
// Exact equality: the values are copied, not computed.
func TestLaunchMovingAlpha(t *testing.T) {
	t.Parallel()
	d := Defaults()
	if d.Mechanism.LaunchMovingAlpha != market.MovingAlphaLaunch {
		t.Fatalf("default launch_moving_alpha %v, want the launch value %v", d.Mechanism.LaunchMovingAlpha, market.MovingAlphaLaunch)
	}
	sc, err := ParseScenario([]byte(`days: 20
mechanism:
  preset: launch_2025_02
  launch_moving_alpha: 0.0002999999560415745
  schedule:
    - {day: 5, preset: price_burn_2026_06}
    - {day: 10, preset: launch_2025_02}
    - {day: 15, preset: launch_2025_02, params: {moving_alpha: 1.0e-5}}
`))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Mechanism.LaunchMovingAlpha != market.MovingAlphaRaised {
		t.Fatalf("launch_moving_alpha read as %v, want %v", sc.Mechanism.LaunchMovingAlpha, market.MovingAlphaRaised)
	}
	check := func(what, preset string, over map[string]any, want float64) {
		t.Helper()
		p, err := sc.Params(preset, over, what)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if p.MovingAlpha != want {
			t.Errorf("%s (%s): moving_alpha %v, want %v", what, preset, p.MovingAlpha, want)
		}
	}
	check("mechanism", sc.Mechanism.Preset, sc.Mechanism.Params, market.MovingAlphaRaised)
	for k, want := range []float64{market.MovingAlphaRaised, market.MovingAlphaRaised, 1e-5} {
		sw := sc.Mechanism.Schedule[k]
		check("schedule", sw.Preset, sw.Params, want)
	}

	// A later preset keeps its own coefficient whatever launch_moving_alpha says.
	sc.Mechanism.LaunchMovingAlpha = 0.01
	for _, name := range market.PresetNames()[1:] {
		check("later preset", name, nil, market.MovingAlphaRaised)
	}
	check("launch preset", launchPreset, nil, 0.01)
}
