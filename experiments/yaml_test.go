package experiments

import (
	"strings"
	"testing"
)

// TestParseScenarioErrors: bad scenario files are errors naming the line and the field,
// with what was expected.
func TestParseScenarioErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, src string
		want      []string
	}{
		{"unknown field", "name: x\nagents:\n  speculator: {count: 3}\n", []string{"line 3", `unknown field "speculator"`, "speculators"}},
		{"unknown top field", "nme: x\n", []string{"line 1", `unknown field "nme"`, "name"}},
		{"wrong type", "days: \"x\"\n", []string{"line 1", "into a number"}},
		{"fraction out of range", "days: 3\nagents:\n  speculators:\n    stop_loss: 1.5\n", []string{"line 4", "agents.speculators.stop_loss", "[0, 1]"}},
		{"non-integral count", "subnets:\n  count: 1.5\n", []string{"line 2", "subnets.count", "whole number"}},
		{"negative days", "days: -1\n", []string{"line 1", "days", "> 0"}},
		{"bad preset", "mechanism:\n  preset: launch\n", []string{"line 2", "mechanism.preset", "launch_2025_02"}},
		{"bad override", "mechanism:\n  params: {tempo: -3}\n", []string{"line 2", "mechanism.params.tempo", "whole number"}},
		{"unknown override", "mechanism:\n  params: {tempi: 3}\n", []string{"mechanism.params.tempi", "unknown parameter"}},
		{"launch moving alpha out of range", "mechanism:\n  launch_moving_alpha: 1.5\n", []string{"line 2", "mechanism.launch_moving_alpha", "[0, 1]"}},
		{"launch moving alpha not a number", "mechanism:\n  launch_moving_alpha: fast\n", []string{"line 2", "into a number"}},
		{"meme netuid out of range", "subnets:\n  meme: {netuids: [99]}\n", []string{"line 2", "subnets.meme.netuids[0]", "[1, 64]"}},
		{"meme and revenue overlap", "subnets:\n  meme: {netuids: [3]}\n  revenue: {netuids: [3]}\n", []string{"subnets.revenue.netuids[0]", "already a meme"}},
		{"bad paid holders", "subnets:\n  meme: {netuids: [3], paid_holders: everyone}\n", []string{"line 2", "subnets.meme.paid_holders", "\"cohorts\""}},
		{"bad dividend fallback", "mechanism:\n  dividend_fallback: burn\n", []string{"line 2", "mechanism.dividend_fallback", "\"none\""}},
		{"aged age with launch", "chain:\n  age_days: 30\n", []string{"line 2", "chain.age_days", "aged"}},
		{"bad init", "subnets:\n  init: old\n", []string{"line 2", "subnets.init", "launch"}},
		{"negative hold days", "agents:\n  speculators: {hold_days: -1}\n", []string{"line 2", "agents.speculators.hold_days", ">= 0"}},
		{"negative loss memory", "agents:\n  speculators: {loss_memory_days: -7}\n", []string{"line 2", "agents.speculators.loss_memory_days", ">= 0"}},
		{"bad flow EMA init", "subnets:\n  flow_ema_init: ema\n", []string{"line 2", "subnets.flow_ema_init", "\"price\""}},
		{"bad capital", "agents:\n  noise: {capital: {dist: lognormal, min: 1}}\n", []string{"agents.noise.capital.dist", "pareto"}},
		{"arbitrage band of 1", "agents:\n  arbitrageurs: {band: 1}\n", []string{"line 2", "agents.arbitrageurs.band", "[0, 1)"}},
		{"base above max inventory", "agents:\n  arbitrageurs: {max_inventory: 0.1, base_inventory: 0.2}\n", []string{"line 2", "agents.arbitrageurs.base_inventory", "max_inventory = 0.1"}},
		{"arbitrage sample 0", "agents:\n  arbitrageurs: {sample: 0}\n", []string{"line 2", "agents.arbitrageurs.sample", "whole number"}},
		{"arbitrage reserve", "agents:\n  arbitrageurs: {reserve: -0.1}\n", []string{"line 2", "agents.arbitrageurs.reserve", "[0, 1]"}},
		{"arbitrage pool share", "agents:\n  arbitrageurs: {max_pool_share: -1}\n", []string{"line 2", "agents.arbitrageurs.max_pool_share", ">= 0"}},
		{"arbitrage lookback", "agents:\n  arbitrageurs: {lookback_days: 31}\n", []string{"line 2", "agents.arbitrageurs.lookback_days", "[1, 30]"}},
		{"value band of 1", "agents:\n  value_investors: {band: 1}\n", []string{"line 2", "agents.value_investors.band", "[0, 1)"}},
		{"value noise negative", "agents:\n  value_investors: {value_noise: -0.1}\n", []string{"line 2", "agents.value_investors.value_noise", "[0, 5]"}},
		{"value noise too large", "agents:\n  value_investors: {value_noise: 9}\n", []string{"line 2", "agents.value_investors.value_noise", "[0, 5]"}},
		{"vol target negative", "agents:\n  speculators: {vol_target: -0.05}\n", []string{"line 2", "agents.speculators.vol_target", ">= 0"}},
		{"quit drawdown of 1", "agents:\n  speculators: {quit_drawdown: 1}\n", []string{"line 2", "agents.speculators.quit_drawdown", "[0, 1)"}},
		{"vol days beyond the history", "agents:\n  speculators: {vol_days: 40}\n", []string{"line 2", "agents.speculators.vol_days", "[0, 31]"}},
		{"value base above max", "agents:\n  value_investors: {max_inventory: 0.1, base_inventory: 0.2}\n", []string{"line 2", "agents.value_investors.base_inventory", "max_inventory = 0.1"}},
		{"value investors count", "agents:\n  value_investors: {count: -1}\n", []string{"line 2", "agents.value_investors.count", "whole number"}},
		{"value investors protection", "agents:\n  value_investors: {price_protection: {mode: partial, tolerance: 0}}\n", []string{"agents.value_investors.price_protection.tolerance", "(0, 1)"}},
		{"old arbitrage horizon", "agents:\n  arbitrageurs: {horizon_days: 30}\n", []string{"line 2", `unknown field "horizon_days"`}},
		{"tolerance of 1", "agents:\n  speculators:\n    price_protection: {mode: strict, tolerance: 1}\n", []string{"line 3", "agents.speculators.price_protection.tolerance", "(0, 1)"}},
		{"tolerance 0 with partial", "agents:\n  noise:\n    price_protection: {mode: partial, tolerance: 0}\n", []string{"line 3", "agents.noise.price_protection.tolerance", "(0, 1)", `"partial"`}},
		{"negative tolerance off", "agents:\n  noise:\n    price_protection: {tolerance: -0.05}\n", []string{"line 3", "agents.noise.price_protection.tolerance", "[0, 1)"}},
		{"bad protection mode", "agents:\n  yield_stakers:\n    price_protection: {mode: fill_or_kill}\n", []string{"line 3", "agents.yield_stakers.price_protection.mode", `"strict"`, `"partial"`, `"off"`}},
		{"old max_slippage", "agents:\n  speculators: {max_slippage: 0.05}\n", []string{"line 2", `unknown field "max_slippage"`, "price_protection"}},
		{"bad policy", "agents:\n  root_validators: {policy: panic}\n", []string{"agents.root_validators.policy", "intervene"}},
		{"bad detection rule", "agents:\n  root_validators: {detect: gossip}\n", []string{"line 2", "agents.root_validators.detect", `"weights"`, `"timer"`}},
		{"old detection name", "agents:\n  root_validators: {detect: holdings}\n", []string{"agents.root_validators.detect", "old name", `"timer"`, `"weights"`}},
		{"correlation threshold zero", "agents:\n  root_validators: {holdings_correlation: 0}\n", []string{"agents.root_validators.holdings_correlation", "(0, 1]"}},
		{"materiality above one", "agents:\n  root_validators: {materiality_share: 1.5}\n", []string{"agents.root_validators.materiality_share", "[0, 1]"}},
		{"bad delay distribution", "agents:\n  root_validators: {detection_delay_dist: lognormal}\n", []string{"agents.root_validators.detection_delay_dist", "gamma"}},
		{"schedule out of order", "days: 10\nmechanism:\n  schedule:\n    - {day: 5, preset: taoflow_2025_11}\n    - {day: 2, preset: launch_2025_02}\n", []string{"mechanism.schedule[1].day"}},
		{"old arrive_day", "agents:\n  speculators: {arrive_day: 6}\n", []string{"line 2", `unknown field "arrive_day"`, "arrival"}},
		{"bad arrival process", "agents:\n  speculators:\n    arrival: {process: wave}\n", []string{"line 3", "agents.speculators.arrival.process", `"poisson"`, `"lump"`}},
		{"day with poisson arrival", "agents:\n  yield_stakers:\n    arrival: {day: 6}\n", []string{"line 3", "agents.yield_stakers.arrival.day", `process "lump"`}},
		{"negative quote_tao", "agents:\n  yield_stakers: {quote_tao: -1}\n", []string{"line 2", "agents.yield_stakers.quote_tao", ">= 0", "-1"}},
		{"arrival rate out of range", "agents:\n  speculators:\n    arrival: {base_rate: 2}\n", []string{"line 3", "agents.speculators.arrival.base_rate", "(0, 1]"}},
		{"arrival lookback", "agents:\n  speculators:\n    arrival: {lookback_days: 0}\n", []string{"agents.speculators.arrival.lookback_days", "[1, 30]"}},
		{"two documents", "name: a\n---\nname: b\n", []string{"second YAML document"}},
		{"not yaml", "name: [unclosed\n", []string{"line"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseScenario([]byte(tc.src))
			if err == nil {
				t.Fatalf("no error for\n%s", tc.src)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// TestParseScenarioDefaults: an empty file is the default scenario; a few lines override
// only what they name.
func TestParseScenarioDefaults(t *testing.T) {
	t.Parallel()
	sc, err := ParseScenario(nil)
	if err != nil {
		t.Fatal(err)
	}
	if SpecHash(sc) != SpecHash(ptr(Defaults())) {
		t.Error("an empty file differs from Defaults()")
	}
	sc, err = ParseScenario([]byte("days: 3\nagents:\n  speculators: {count: 7, stop_loss: 0.2}\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := Defaults()
	if sc.Days != 3 || sc.Agents.Speculators.Count != 7 || sc.Agents.Speculators.StopLoss != 0.2 ||
		sc.Agents.Speculators.TakeProfit != d.Agents.Speculators.TakeProfit || sc.Subnets.Count != d.Subnets.Count {
		t.Errorf("overrides not applied on top of the defaults: %+v", sc.Agents.Speculators)
	}
}

func ptr[T any](x T) *T { return &x }

// FuzzParseScenario: the reader never panics, and whatever it accepts validates.
func FuzzParseScenario(f *testing.F) {
	for _, p := range ScenarioPresets() {
		f.Add(p.YAML)
	}
	f.Add([]byte("days: 3\nsubnets: {count: 4, meme: {netuids: [2]}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := ParseScenario(data)
		if err != nil {
			return
		}
		if err := sc.Validate(); err != nil {
			t.Fatalf("accepted a scenario that does not validate: %v", err)
		}
	})
}

// TestSpecHashOfDifferences: the spec hash reads only what differs from the defaults, so
// spelling out a default (or a field added later with its default) does not change it,
// and any other value does, including an omitted-when-empty field set to its empty value
// where the default is not empty.
func TestSpecHashOfDifferences(t *testing.T) {
	t.Parallel()
	parse := func(y string) *Scenario {
		t.Helper()
		sc, err := ParseScenario([]byte(y))
		if err != nil {
			t.Fatal(err)
		}
		return sc
	}
	base := SpecHash(parse(""))
	for _, y := range []string{"days: 30\n", "subnets: {flow_ema_init: zero, price_sum: 2}\n", "agents: {speculators: {quit_drawdown: 0.5, price_protection: {mode: partial}}}\n"} {
		if h := SpecHash(parse(y)); h != base {
			t.Errorf("%q spells out defaults: hash %s, want the defaults' %s", y, h, base)
		}
	}
	seen := map[string]string{"": base}
	for _, y := range []string{"days: 31\n", "subnets: {flow_ema_init: price}\n", "agents: {speculators: {quit_drawdown: 0}}\n",
		"agents: {speculators: {price_protection: {mode: \"off\"}}}\n",
		"mechanism: {schedule: [{day: 3, preset: taoflow_2025_11}]}\n", "name: other\n"} {
		h := SpecHash(parse(y))
		if prev, dup := seen[h]; dup {
			t.Errorf("%q and %q hash alike (%s)", y, prev, h)
		}
		seen[h] = y
	}
	d := Defaults()
	d.Subnets.Meme.Netuids = nil // a list emptied where the default has one
	if SpecHash(&d) == base {
		t.Error("emptying the default meme netuids left the hash unchanged")
	}
	m := map[string]any{}
	for k, v := range diffMaps(map[string]any{"a": 1}, map[string]any{"a": 1, "b": 2}) {
		m[k] = v
	}
	if v, ok := m["b"]; !ok || v != nil || len(m) != 1 {
		t.Errorf("a key of the defaults missing from the scenario: diff %v, want {b: null}", m)
	}
}
