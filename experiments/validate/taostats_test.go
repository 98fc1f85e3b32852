package validate

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"testing"

	"dtaosim/market"
)

// taostatsKey names one value of data/taostats-2025.csv.
type taostatsKey struct {
	scope, netuid, timestamp, field string
}

// taostats holds data/taostats-2025.csv: each value, converted from rao to tokens where
// the unit is rao, and each response's block.
type taostats struct {
	t      *testing.T
	values map[taostatsKey]float64
	blocks map[taostatsKey]int64 // field left empty
}

// value returns the value of (scope, netuid, timestamp, field) and fails the test if the
// file has none, so that a misspelt key cannot pass as 0.
func (d taostats) value(scope, netuid, ts, field string) float64 {
	d.t.Helper()
	v, ok := d.values[taostatsKey{scope, netuid, ts, field}]
	if !ok {
		d.t.Fatalf("data/taostats-2025.csv: no %s %s %s %s", scope, netuid, ts, field)
	}
	return v
}

// readTaostats reads data/taostats-2025.csv.
func readTaostats(t *testing.T) taostats {
	t.Helper()
	const name = "data/taostats-2025.csv"
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	want := []string{"scope", "netuid", "timestamp", "block", "field", "value", "unit"}
	if len(rows) < 2 || len(rows[0]) != len(want) {
		t.Fatalf("%s: want the header %v and rows", name, want)
	}
	for j, h := range want {
		if rows[0][j] != h {
			t.Fatalf("%s: column %d: want %q, got %q", name, j+1, h, rows[0][j])
		}
	}
	d := taostats{t: t, values: map[taostatsKey]float64{}, blocks: map[taostatsKey]int64{}}
	for i, r := range rows[1:] {
		block, err := strconv.ParseInt(r[3], 10, 64)
		if err != nil {
			t.Fatalf("%s:%d: block %q: %v", name, i+2, r[3], err)
		}
		v, err := strconv.ParseFloat(r[5], 64)
		if err != nil {
			t.Fatalf("%s:%d: value %q: %v", name, i+2, r[5], err)
		}
		switch r[6] {
		case "rao":
			v /= 1e9
		case "count", "tao_per_alpha", "fraction":
		default:
			t.Fatalf("%s:%d: unit %q: want rao, count, tao_per_alpha or fraction", name, i+2, r[6])
		}
		d.values[taostatsKey{r[0], r[1], r[2], r[4]}] = v
		d.blocks[taostatsKey{r[0], r[1], r[2], ""}] = block
	}
	return d
}

// TestTaostats2025 checks the identities of the shipped Taostats responses
// (data/taostats-2025.source.md) and holds the model's root proportion (docs/mechanism.md
// §9.2: ρ = w·R/(w·R + I), I the subnet's whole alpha issuance, pool alpha included) to
// the indexer's root_prop for SN76, with R the root stake of the network rows. It logs
// the quantities docs/calibration.md quotes (go test ./experiments/validate -run
// Taostats2025 -v).
func TestTaostats2025(t *testing.T) {
	d := readTaostats(t)
	const apr, nov = "2025-04-27T23:59:48Z", "2025-11-04T23:59:48Z"
	for _, ts := range []string{apr, nov} {
		get := func(field string) float64 { return d.value("network", "", ts, field) }
		staked, root, alpha := get("staked"), get("staked_root"), get("staked_alpha")
		// Exact on 2025-04-27; 4.75 TAO apart on 2025-11-04 (the snapshot's fields are
		// not read at one instant, or a small stake is counted in neither).
		if math.Abs(staked-(root+alpha)) > 1e-6*staked {
			t.Errorf("%s: staked %.9f != staked_root %.9f + staked_alpha %.9f", ts, staked, root, alpha)
		}
		t.Logf("%s: root stake %.0f TAO, staked_alpha %.0f TAO, issued %.0f TAO, %.0f subnets",
			ts, root, alpha, get("issued"), get("subnets"))
	}

	sub := func(netuid, ts, field string) float64 { return d.value("subnet", netuid, ts, field) }
	const sn19, sn76 = "2025-04-29T00:09:00Z", "2025-05-12T18:41:24Z"
	for _, s := range []struct{ netuid, ts string }{{"19", sn19}, {"76", sn76}} {
		in, out, total := sub(s.netuid, s.ts, "alpha_in_pool"), sub(s.netuid, s.ts, "alpha_staked"), sub(s.netuid, s.ts, "total_alpha")
		if math.Abs(total-(in+out)) > 1e-6 {
			t.Errorf("SN%s: total_alpha %.9f != alpha_in_pool %.9f + alpha_staked %.9f", s.netuid, total, in, out)
		}
		if mc, p := sub(s.netuid, s.ts, "market_cap"), sub(s.netuid, s.ts, "price"); math.Abs(mc-p*total) > 1e-6*mc {
			t.Errorf("SN%s: market_cap %.3f != price × total_alpha %.3f", s.netuid, mc, p*total)
		}
	}

	// The model's ρ for a subnet in SN76's state, with root's stake of 2025-04-27 (the
	// nearest network row, 15 days before).
	params, err := market.PresetParams("launch_2025_02")
	if err != nil {
		t.Fatal(err)
	}
	rho := func(netuid, ts string, rootTAO float64) float64 {
		u, err := strconv.Atoi(netuid)
		if err != nil {
			t.Fatal(err)
		}
		c, err := market.New(params, []market.SubnetInit{{
			Netuid:        u,
			TaoReserve:    sub(netuid, ts, "total_tao"),
			AlphaReserve:  sub(netuid, ts, "alpha_in_pool"),
			AlphaIssuance: sub(netuid, ts, "total_alpha"),
			MovingPrice:   sub(netuid, ts, "price"),
		}}, rootTAO, 0)
		if err != nil {
			t.Fatal(err)
		}
		return c.RootProp(0)
	}
	rootApr := d.value("network", "", apr, "staked_root")
	got, real := rho("76", sn76, rootApr), sub("76", sn76, "root_prop")
	// The root stake of 15 days earlier stands in for the day's: a 2% band on ρ allows
	// R to have moved by about 5% (dρ/ρ = (1−ρ)·dR/R).
	if math.Abs(got-real) > 0.02*real {
		t.Errorf("SN76 on 2025-05-12: the model's ρ with R = %.0f is %.4f, the indexer's root_prop %.4f (want within 2%%)", rootApr, got, real)
	}
	w := params.TaoWeight
	impliedR := real / (1 - real) * sub("76", sn76, "total_alpha") / w
	outOnly := w * rootApr / (w*rootApr + sub("76", sn76, "alpha_staked"))
	t.Logf("SN76 on 2025-05-12: the indexer's root_prop %.4f; the model's ρ with R of 04-27 %.4f; R implied by root_prop %.0f TAO; with the pool's alpha left out of I, ρ would be %.4f",
		real, got, impliedR, outOnly)
	t.Logf("SN19 (a launch subnet) on 2025-04-29, day %.1f: ρ = %.4f with R of 04-27",
		float64(d.blocks[taostatsKey{"subnet", "19", sn19, ""}]-LaunchBlock)/7200, rho("19", sn19, rootApr))
}
