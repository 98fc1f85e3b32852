package market

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// TestPresetsMatchSpec checks every preset, parameter by parameter, against
// testdata/presets.json, the reference parameter table the worked replay scenarios were
// computed with (docs/mechanism.md §16): the code must carry exactly its values.
func TestPresetsMatchSpec(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("testdata", "presets.json"))
	if err != nil {
		t.Fatalf("reading the reference presets: %v", err)
	}
	var spec map[string]map[string]any
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	var specNames []string
	for name := range spec {
		specNames = append(specNames, name)
	}
	sort.Strings(specNames)
	got := PresetNames()
	sort.Strings(got)
	if len(got) != len(specNames) {
		t.Fatalf("presets: got %v, spec has %v", got, specNames)
	}
	for _, name := range specNames {
		p, err := PresetParams(name)
		if err != nil {
			t.Fatalf("spec preset %q: %v", name, err)
		}
		if len(spec[name]) != len(ParamNames()) {
			t.Errorf("%s: spec has %d parameters, code has %d", name, len(spec[name]), len(ParamNames()))
		}
		for key, want := range spec[name] {
			v, err := p.Param(key)
			if err != nil {
				t.Errorf("%s.%s: %v", name, key, err)
				continue
			}
			// Exact equality: the spec's decimals are the shortest round-trip forms of
			// the same float64 values (33/65535, 11796/65535, …).
			if v != want {
				t.Errorf("%s.%s = %v, spec says %v", name, key, v, want)
			}
		}
	}
}

// TestMovingAlphaHistory: the launch preset carries SubnetMovingAlpha's launch value
// 0.000003 and every later preset the value the sudo key set after subtensor PR #1335,
// the I96F32 number with bits 1,288,490 (spec §5). Exact equality: both are constants.
func TestMovingAlphaHistory(t *testing.T) {
	t.Parallel()
	if MovingAlphaLaunch != 3e-6 || MovingAlphaRaised != 1288490.0/(1<<32) {
		t.Fatalf("constants: launch %v, raised %v", MovingAlphaLaunch, MovingAlphaRaised)
	}
	for k, p := range Presets() {
		want := MovingAlphaRaised
		if k == 0 {
			if p.Name != "launch_2025_02" {
				t.Fatalf("first preset is %q, want launch_2025_02", p.Name)
			}
			want = MovingAlphaLaunch
		}
		if p.Params.MovingAlpha != want {
			t.Errorf("%s: moving_alpha %v, want %v", p.Name, p.Params.MovingAlpha, want)
		}
	}
}

func TestSetParamErrors(t *testing.T) {
	t.Parallel()
	p, _ := PresetParams("launch_2025_02")
	cases := []struct {
		name string
		v    any
	}{
		{"fee_rate", "x"}, {"fee_rate", -0.1}, {"fee_rate", 1.0}, {"tempo", 1.5}, {"tempo", 0.0},
		{"share_rule", "price"}, {"share_rule", 3.0}, {"root_compound", "yes"},
		{"owner_cut", 1.5}, {"moving_alpha", math.NaN()}, {"ema_price_cap", -1.0}, {"flow_exponent", 0.0},
		{"tao_issuance", 22e6}, {"no_such_param", 1.0},
	}
	for _, tc := range cases {
		if err := p.SetParam(tc.name, tc.v); err == nil {
			t.Errorf("SetParam(%q, %v): no error", tc.name, tc.v)
		}
	}
	if err := p.SetParam("ema_price_cap", nil); err != nil || !math.IsInf(p.EMAPriceCap, 1) {
		t.Errorf("ema_price_cap null: err %v, cap %v; want no clamp", err, p.EMAPriceCap)
	}
	if err := p.SetParam("share_rule", "net_tao_flow"); err != nil || p.ShareRule != ShareNetTaoFlow {
		t.Errorf("share_rule: err %v, rule %v", err, p.ShareRule)
	}
	if err := p.Validate(); err != nil {
		t.Errorf("Validate after valid sets: %v", err)
	}
}
