package sweep

import (
	"strings"
	"testing"

	"dtaosim/experiments"
)

// TestOverride: settings reach the scenario (a field its YAML leaves out included), the
// original is untouched, a field set to a value the YAML encoding could leave out (0,
// "off") where the default is another keeps its value through the override, and a
// misspelt path, a value of the wrong kind or a malformed setting is an error naming it.
func TestOverride(t *testing.T) {
	t.Parallel()
	sc, err := experiments.LoadPreset("sn28")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Override(sc, []string{"agents.speculators.price_protection.mode=strict",
		"agents.speculators.price_protection.tolerance=0.05", "days=12"})
	if err != nil {
		t.Fatal(err)
	}
	if p := got.Agents.Speculators.PriceProtection; p.Mode != "strict" || p.Tolerance != 0.05 || got.Days != 12 {
		t.Errorf("overridden: %+v, days %v", p, got.Days)
	}
	if sc.Agents.Speculators.PriceProtection.Mode != "partial" || sc.Days != 30 {
		t.Errorf("the original changed: %+v, days %v", sc.Agents.Speculators.PriceProtection, sc.Days)
	}
	off := *sc
	off.Agents.Speculators.PriceProtection.Mode = "off"
	off.Agents.Speculators.QuitDrawdown, off.Agents.Speculators.HoldDays = 0, 0
	kept, err := Override(&off, []string{"days=12"})
	if err != nil {
		t.Fatal(err)
	}
	if sp := kept.Agents.Speculators; sp.PriceProtection.Mode != "off" || sp.QuitDrawdown != 0 || sp.HoldDays != 0 {
		t.Errorf("zero values did not survive the override: protection %+v, quit_drawdown %v, hold_days %v (want off, 0, 0)",
			sp.PriceProtection, sp.QuitDrawdown, sp.HoldDays)
	}
	if same, err := Override(sc, nil); err != nil || same != sc {
		t.Errorf("no settings: %v, %v", same, err)
	}
	for _, tc := range []struct{ set, want string }{
		{"agents.speculators.price_protection.mood=partial", "not a scenario field"},
		{"agents.speculators.price_protection.mode=fill", `"strict"`},
		{"days", "PATH=VALUE"},
		{"days=[1", "not YAML"},
	} {
		if _, err := Override(sc, []string{tc.set}); err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), strings.SplitN(tc.set, "=", 2)[0]) {
			t.Errorf("%s: error %v, want one naming the setting and saying %q", tc.set, err, tc.want)
		}
	}
}
