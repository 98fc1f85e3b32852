package main

import (
	"strings"
	"testing"

	"dtaosim/market"
)

// TestPresetsListsDesigns: `dtaosim presets` lists the historical presets, then the
// designs under their own heading, then the scenario presets.
func TestPresetsListsDesigns(t *testing.T) {
	got, _ := capture(t, func() int { return run([]string{"presets"}) })
	if got.code != 0 {
		t.Fatalf("exit %d", got.code)
	}
	out := got.out
	designs := strings.Index(out, "Mechanism designs")
	scenarios := strings.Index(out, "Scenario presets")
	if designs < 0 || scenarios < designs {
		t.Fatalf("headings missing or out of order:\n%s", out)
	}
	for _, name := range market.PresetNames() {
		if i := strings.Index(out, "  "+name+" "); i < 0 || i > designs {
			t.Errorf("preset %s not listed before the designs", name)
		}
	}
	for _, name := range market.DesignNames() {
		if i := strings.Index(out, "  "+name+" "); i < designs || i > scenarios {
			t.Errorf("design %s not listed under the designs heading", name)
		}
	}
}
