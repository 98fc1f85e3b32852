package sweep

import (
	"testing"

	"dtaosim/market"
)

// TestLaunchMovingAlphaAxis: an experiment can vary the moving-price coefficient assumed
// under the launch preset (mechanism.launch_moving_alpha) across a mechanism axis; the
// launch cells get the axis value and the head preset's cells keep 1288490/2^32.
func TestLaunchMovingAlphaAxis(t *testing.T) {
	p, err := Parse([]byte(`name: ema
base: sn28
replicates: 1
axes:
  - {param: mechanism.preset, values: [launch_2025_02, price_burn_2026_06]}
  - {param: mechanism.launch_moving_alpha, values: [3.0e-6, 0.0002999999560415745]}
`), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Cells) != 4 {
		t.Fatalf("%d cells, want 4", len(p.Cells))
	}
	for _, c := range p.Cells {
		sc := c.Scenario
		params, err := sc.Params(sc.Mechanism.Preset, sc.Mechanism.Params, "mechanism")
		if err != nil {
			t.Fatalf("cell %s: %v", c.Label, err)
		}
		want := market.MovingAlphaRaised
		if sc.Mechanism.Preset == "launch_2025_02" {
			want = c.Values[1].(float64)
		}
		if params.MovingAlpha != want { // exact: the value is copied from the axis or preset
			t.Errorf("cell %s: moving_alpha %v, want %v", c.Label, params.MovingAlpha, want)
		}
	}
}
