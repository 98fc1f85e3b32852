package experiments

import "testing"

// TestScenarioPresetsParse: every shipped scenario parses and validates, and the four
// the issue names are there.
func TestScenarioPresetsParse(t *testing.T) {
	t.Parallel()
	got := map[string]bool{}
	for _, p := range ScenarioPresets() {
		got[p.Name] = true
		if p.Description == "" {
			t.Errorf("%s: no description", p.Name)
		}
	}
	for _, name := range []string{"sn28", "sn28-late", "btc-buyback", "root-decay"} {
		if !got[name] {
			t.Errorf("missing scenario preset %q", name)
		}
		if _, err := LoadPreset(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := LoadPreset("nope"); err == nil {
		t.Error("unknown preset: no error")
	}
}
