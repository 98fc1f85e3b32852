package sweep

import (
	"strings"
	"testing"

	"dtaosim/experiments"
)

// TestAxisOnOmittedField: a field the scenario's YAML leaves out at its default
// (price_protection, omitempty) can still be an axis, its other settings keep their
// defaults, and a misspelt field under it is still an error.
func TestAxisOnOmittedField(t *testing.T) {
	p, err := Parse([]byte(`name: pp
base: sn28
replicates: 1
axes:
  - {param: agents.speculators.price_protection.mode, values: ["off", strict, partial]}
  - {param: agents.yield_stakers.price_protection.tolerance, values: [0.005, 0.05]}
`), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Cells) != 6 {
		t.Fatalf("%d cells, want 6", len(p.Cells))
	}
	for _, c := range p.Cells {
		sp, ys := c.Scenario.Agents.Speculators.PriceProtection, c.Scenario.Agents.YieldStakers.PriceProtection
		if sp.Mode != c.Values[0].(string) || sp.Tolerance != experiments.ClientTolerance {
			t.Errorf("cell %s: speculators %+v", c.Label, sp)
		}
		if ys.Mode != "off" || ys.Tolerance != c.Values[1].(float64) {
			t.Errorf("cell %s: yield stakers %+v", c.Label, ys)
		}
	}
	_, err = Parse([]byte(`name: pp
base: sn28
axes: [{param: agents.speculators.price_protection.mood, values: ["off", strict]}]
`), t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "not a scenario field") {
		t.Errorf("misspelt field under an omitted group: %v", err)
	}
}
