package mining

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestYAMLFields: a scenario's mining block decodes onto the defaults by the documented
// YAML names, unquoted dates included; unknown names are refused.
func TestYAMLFields(t *testing.T) {
	t.Parallel()
	src := "start: 2026-08-02\nbtc_price: 90000\nbtc_volatility: 0.6\nnetwork_hashrate_growth: 0.3\ncost_share: 0.4\n"
	c := Defaults()
	dec := yaml.NewDecoder(strings.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		t.Fatal(err)
	}
	want := Defaults()
	want.Start, want.BTCPrice, want.BTCVolatility, want.NetworkHashrateGrowth, want.CostShare = "2026-08-02", 90000, 0.6, 0.3, 0.4
	if c != want {
		t.Errorf("decoded %+v\nwant    %+v", c, want)
	}
	if err := c.Validate(); err != nil {
		t.Error(err)
	}
	bad := yaml.NewDecoder(strings.NewReader("btc_vol: 0.5\n"))
	bad.KnownFields(true)
	if err := bad.Decode(&c); err == nil {
		t.Error("an unknown field was accepted")
	}
}
