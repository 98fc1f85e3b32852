package replay

import (
	"strings"
	"testing"
)

const okScenario = `{
  "blocks": 10,
  "mechanism": "launch_2025_02",
  "subnets": [
    {"netuid": 1, "tao_reserve": 10, "alpha_reserve": 100, "alpha_issuance": 150, "moving_price": 0.1}
  ],
  "root": {"tao_stake": 1000},
  "tape": [
    {"block": 5, "netuid": 1, "action": "buy", "amount": 1}
  ]
}`

// TestParseErrors: every bad input is an error naming the line and the field or tape
// entry, with what was expected.
func TestParseErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, old, new string
		want           []string // substrings of the error
	}{
		{"unknown top key", `"blocks": 10,`, `"blocks": 10, "blocs": 3,`, []string{"line 2", "blocs", "unknown key"}},
		{"wrong type", `"blocks": 10`, `"blocks": "10"`, []string{"line 2", "blocks", "expected a number", `"10"`}},
		{"fractional blocks", `"blocks": 10`, `"blocks": 10.5`, []string{"line 2", "blocks", "whole number"}},
		{"missing blocks", `"blocks": 10,`, ``, []string{"missing required key \"blocks\""}},
		{"unknown preset", `"launch_2025_02"`, `"launch"`, []string{"line 3", "mechanism", "launch_2025_02"}},
		{"negative reserve", `"tao_reserve": 10`, `"tao_reserve": -10`, []string{"line 5", "subnets[0].tao_reserve", ">= 0"}},
		{"zero reserve", `"alpha_reserve": 100,`, `"alpha_reserve": 0,`, []string{"subnets[0].alpha_reserve", "> 0"}},
		{"issuance below reserve", `"alpha_issuance": 150`, `"alpha_issuance": 50`, []string{"subnets[0].alpha_issuance", ">= alpha_reserve"}},
		{"unknown subnet key", `"moving_price": 0.1}`, `"moving_price": 0.1, "price": 1}`, []string{"line 5", "subnets[0].price", "unknown key"}},
		{"NaN amount", `"amount": 1}`, `"amount": "NaN"}`, []string{"line 9", "tape[0].amount", "expected a number"}},
		{"bare NaN", `"amount": 1}`, `"amount": NaN}`, []string{"line 9", "invalid JSON"}},
		{"negative amount", `"amount": 1}`, `"amount": -1}`, []string{"line 9", "tape[0].amount", ">= 0"}},
		{"zero amount", `"amount": 1}`, `"amount": 0}`, []string{"tape[0].amount", "> 0"}},
		{"unknown netuid", `"netuid": 1, "action"`, `"netuid": 9, "action"`, []string{"line 9", "tape[0].netuid", "no subnet with netuid 9"}},
		{"block past the end", `"block": 5`, `"block": 11`, []string{"line 9", "tape[0].block", "[1, 10]"}},
		{"block before start", `"block": 5`, `"block": 0`, []string{"tape[0].block", "[1, 10]"}},
		{"bad action", `"buy"`, `"stake"`, []string{"tape[0].action", `"buy" or "sell"`}},
		{"unknown param", `"blocks": 10,`, `"blocks": 10, "params": {"fee": 1},`, []string{"line 2", "params.fee", "unknown parameter"}},
		{"bad param value", `"blocks": 10,`, `"blocks": 10, "params": {"share_rule": "flow"},`, []string{"params.share_rule", "price_ema"}},
		{"bad param type", `"blocks": 10,`, `"blocks": 10, "params": {"tempo": "360"},`, []string{"params.tempo", "whole number"}},
		{"duplicate key", `"blocks": 10,`, `"blocks": 10, "blocks": 11,`, []string{"line 2", "appears twice"}},
		{"duplicate netuid", `"moving_price": 0.1}`, `"moving_price": 0.1}, {"netuid": 1, "tao_reserve": 1, "alpha_reserve": 1, "alpha_issuance": 1, "moving_price": 0}`, []string{"subnets[1].netuid", "already used"}},
		{"empty subnets", `{"netuid": 1, "tao_reserve": 10, "alpha_reserve": 100, "alpha_issuance": 150, "moving_price": 0.1}`, ``, []string{"subnets", "at least one"}},
		{"trailing data", "]\n}", "]\n}}", []string{"after the top-level object"}},
		{"truncated", "]\n}", "]\n", []string{"unexpected end"}},
		{"quote weight with cpmm", `"moving_price": 0.1}`, `"moving_price": 0.1, "quote_weight": 0.3}`, []string{"quote_weight", "cpmm"}},
		{"huge number", `"blocks": 10`, `"blocks": 1e999`, []string{"blocks", "finite"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := strings.Replace(okScenario, tc.old, tc.new, 1)
			if src == okScenario {
				t.Fatalf("test case does not change the scenario")
			}
			_, err := Parse([]byte(src))
			if err == nil {
				t.Fatalf("no error for\n%s", src)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
	if _, err := Parse([]byte(okScenario)); err != nil {
		t.Errorf("valid scenario: %v", err)
	}
}

// FuzzParse: the reader never panics, and whatever it accepts runs without panicking and
// without producing non-finite reserves.
func FuzzParse(f *testing.F) {
	f.Add([]byte(okScenario))
	for _, name := range workedScenarios {
		f.Add(mustRead(f, scenarioFile(name)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Parse(data)
		if err != nil {
			return
		}
		if sc.Blocks > 2000 || len(sc.Subnets) > 64 {
			return // keep each input fast; size is not what is being fuzzed
		}
		c, err := Run(sc, nil, nil)
		if err != nil {
			return
		}
		for i := range c.S.Netuid {
			if x := c.S.TaoReserve[i] + c.S.AlphaReserve[i] + c.S.MovingPrice[i]; x != x {
				t.Fatalf("NaN state after a run of %q", data)
			}
		}
	})
}
