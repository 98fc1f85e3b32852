package snapshot

import (
	"math"
	"strings"
	"testing"

	"dtaosim/market"
)

// TestShippedFacts checks the facts its provenance note states about the shipped file,
// computed here from the parsed rows.
func TestShippedFacts(t *testing.T) {
	t.Parallel()
	s, err := Shipped(Aug2026)
	if err != nil {
		t.Fatal(err)
	}
	if s.Block != 8_753_086 {
		t.Errorf("block = %d, want 8753086", s.Block)
	}
	if len(s.Subnets) != 128 {
		t.Fatalf("%d subnets, want 128", len(s.Subnets))
	}
	seen := make([]bool, 129)
	var taoIn, price, taoInEm float64
	enabled := 0
	for _, r := range s.Subnets {
		if r.Netuid < 1 || r.Netuid > 128 || seen[r.Netuid] {
			t.Errorf("netuid %d out of 1..128 or repeated", r.Netuid)
			continue
		}
		seen[r.Netuid] = true
		taoIn += r.TaoIn
		price += r.Price
		taoInEm += r.TaoInEmission
		if r.EmissionEnabled {
			enabled++
		}
	}
	// The note rounds: Σ tao_in to the TAO (±0.5, ±1 if truncated), Σ price to 4
	// decimals (±5e-5), Σ tao_in_emission to 3 decimals (±5e-4).
	if math.Abs(taoIn-2_009_894) > 1 {
		t.Errorf("Σ tao_in = %.3f TAO, want 2,009,894 ± 1", taoIn)
	}
	if math.Abs(price-1.2818) > 5e-5 {
		t.Errorf("Σ price = %.6f, want 1.2818 ± 5e-5", price)
	}
	if math.Abs(taoInEm-0.164) > 5e-4 {
		t.Errorf("Σ tao_in_emission = %.6f TAO/block, want 0.164 ± 5e-4", taoInEm)
	}
	if enabled != 83 {
		t.Errorf("%d subnets with emission enabled, want 83", enabled)
	}
}

func TestShippedNames(t *testing.T) {
	t.Parallel()
	names := ShippedNames()
	if len(names) != 1 || names[0] != Aug2026 {
		t.Errorf("ShippedNames() = %v, want [%s]", names, Aug2026)
	}
	_, err := Shipped("nope.csv")
	if err == nil || !strings.Contains(err.Error(), `no shipped snapshot "nope.csv"`) || !strings.Contains(err.Error(), Aug2026) {
		t.Errorf("Shipped(nope.csv) error = %v, want one naming the file and listing %s", err, Aug2026)
	}
}

const header = "block,netuid,registered_block,tao_in,alpha_in,price_tao,miner_burned,emission_enabled,tao_in_emission,reg_cost_tao,paid_uids,owner_incentive_share\n"

// Two valid rows (price = tao_in/alpha_in exactly: 100/1000 and 50/2000).
const (
	row1 = "100,1,10,100,1000,0.1,0.25,1,0.001,0.5,4,0.25\n"
	row2 = "100,2,20,50,2000,0.025,0,0,0,0,1,0\n"
)

func TestReadValid(t *testing.T) {
	t.Parallel()
	s, err := Read(strings.NewReader(header+row1+row2), "ok.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []Subnet{
		{Netuid: 1, RegisteredBlock: 10, TaoIn: 100, AlphaIn: 1000, Price: 0.1, MinerBurned: 0.25, EmissionEnabled: true, TaoInEmission: 0.001, RegCost: 0.5, PaidUIDs: 4, OwnerIncentiveShare: 0.25},
		{Netuid: 2, RegisteredBlock: 20, TaoIn: 50, AlphaIn: 2000, Price: 0.025, PaidUIDs: 1},
	}
	if s.Name != "ok.csv" || s.Block != 100 || len(s.Subnets) != 2 {
		t.Fatalf("got %+v", s)
	}
	for i := range want {
		if s.Subnets[i] != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, s.Subnets[i], want[i])
		}
	}
	// CRLF line ends read the same.
	crlf := strings.ReplaceAll(header+row1+row2, "\n", "\r\n")
	s2, err := Read(strings.NewReader(crlf), "crlf.csv")
	if err != nil || len(s2.Subnets) != 2 || s2.Subnets[1] != want[1] {
		t.Errorf("CRLF file: %v, %+v", err, s2)
	}
}

// replaceField returns row with field col (0-based) replaced by v.
func replaceField(row string, col int, v string) string {
	f := strings.Split(strings.TrimSuffix(row, "\n"), ",")
	f[col] = v
	return strings.Join(f, ",") + "\n"
}

func TestReadErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, file, want string
	}{
		{"empty", "", "x.csv: empty file, expected the header " + strings.TrimSuffix(header, "\n")},
		{"no rows", header, "x.csv: no subnets: expected at least one row after the header"},
		{"renamed column", strings.Replace(header, "tao_in,", "tao,", 1) + row1,
			`x.csv:1: header: column 4: expected "tao_in", got "tao"`},
		{"short header", "block,netuid\n" + row1,
			`x.csv:1: header: expected 12 columns ` + strings.TrimSuffix(header, "\n") + `, got 2 (missing "registered_block")`},
		{"long header", strings.TrimSuffix(header, "\n") + ",extra\n" + row1,
			`x.csv:1: header: expected 12 columns, got 13 (unexpected "extra")`},
		{"missing field", header + row1 + "100,2,20,50,2000,0.025,0,0,0,0,1\n",
			"x.csv:3: expected 12 fields, got 11"},
		{"alpha_in not a number", header + row1 + replaceField(row2, 4, "x"),
			`x.csv:3: alpha_in: expected a number in (0, 21e6], got "x"`},
		{"alpha_in zero", header + replaceField(row1, 4, "0"),
			`x.csv:2: alpha_in: expected a number in (0, 21e6], got "0"`},
		{"alpha_in above the cap", header + replaceField(row1, 4, "2.2e7"),
			`x.csv:2: alpha_in: expected a number in (0, 21e6], got "2.2e7"`},
		{"tao_in negative", header + replaceField(row1, 3, "-1"),
			`x.csv:2: tao_in: expected a number in (0, 21e6], got "-1"`},
		{"tao_in NaN", header + replaceField(row1, 3, "NaN"),
			`x.csv:2: tao_in: expected a number in (0, 21e6], got "NaN"`},
		{"price Inf", header + replaceField(row1, 5, "Inf"),
			`x.csv:2: price_tao: expected a number in (0, 21e6], got "Inf"`},
		{"price not the reserve ratio", header + replaceField(row1, 5, "0.2"),
			`x.csv:2: price_tao: expected tao_in/alpha_in = 0.1 (within a relative 1e-09), got "0.2"`},
		{"netuid zero", header + replaceField(row1, 1, "0"),
			`x.csv:2: netuid: expected an integer in [1, 65535], got "0"`},
		{"netuid fractional", header + replaceField(row1, 1, "1.5"),
			`x.csv:2: netuid: expected an integer in [1, 65535], got "1.5"`},
		{"block empty", header + replaceField(row1, 0, ""),
			`x.csv:2: block: expected an integer >= 0, got ""`},
		{"registered_block negative", header + replaceField(row1, 2, "-3"),
			`x.csv:2: registered_block: expected an integer >= 0, got "-3"`},
		{"registered after the block", header + replaceField(row1, 2, "101"),
			"x.csv:2: registered_block: expected a block <= 100 (the snapshot's), got 101"},
		{"miner_burned above 1", header + replaceField(row1, 6, "1.5"),
			`x.csv:2: miner_burned: expected a number in [0, 1], got "1.5"`},
		{"emission_enabled 2", header + replaceField(row1, 7, "2"),
			`x.csv:2: emission_enabled: expected 0 or 1, got "2"`},
		{"emission_enabled true", header + replaceField(row1, 7, "true"),
			`x.csv:2: emission_enabled: expected 0 or 1, got "true"`},
		{"tao_in_emission negative", header + replaceField(row1, 8, "-0.1"),
			`x.csv:2: tao_in_emission: expected a number >= 0, got "-0.1"`},
		{"reg_cost_tao text", header + replaceField(row1, 9, "free"),
			`x.csv:2: reg_cost_tao: expected a number >= 0, got "free"`},
		{"paid_uids negative", header + replaceField(row1, 10, "-1"),
			`x.csv:2: paid_uids: expected an integer in [0, 2147483647], got "-1"`},
		{"owner share above 1", header + replaceField(row1, 11, "2"),
			`x.csv:2: owner_incentive_share: expected a number in [0, 1], got "2"`},
		{"two blocks", header + row1 + replaceField(row2, 0, "101"),
			"x.csv:3: block: expected 100 as on line 2 (a snapshot is one block), got 101"},
		{"netuid twice", header + row1 + row2 + row1,
			"x.csv:4: netuid: 1 appears twice (first on line 2)"},
		{"bad quoting", header + row1 + "100,\"2\"x,20\n",
			`x.csv:3:7: extraneous or missing " in quoted-field`},
		{"first error in the row wins", header + replaceField(replaceField(row1, 3, "x"), 4, "y"),
			`x.csv:2: tao_in: expected a number in (0, 21e6], got "x"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read(strings.NewReader(tc.file), "x.csv")
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("error\n got %q\nwant %q", err, tc.want)
			}
		})
	}
}

func TestReadFileMissing(t *testing.T) {
	t.Parallel()
	_, err := ReadFile("testdata/does-not-exist.csv")
	if err == nil || !strings.HasPrefix(err.Error(), "snapshot: open testdata/does-not-exist.csv") {
		t.Errorf("error = %v", err)
	}
}

// FuzzRead: Read never panics, and any file it accepts derives into a state market.New
// accepts.
func FuzzRead(f *testing.F) {
	f.Add(header + row1 + row2)
	f.Add(header + replaceField(row1, 4, "x"))
	f.Add(header + row1 + row1)
	f.Add("")
	f.Fuzz(func(t *testing.T, file string) {
		s, err := Read(strings.NewReader(file), "fuzz.csv")
		if err != nil {
			return
		}
		r := DefaultRules()
		r.RootTAO = 1e6 // the estimate may rightly refuse a fuzzed file
		st, err := s.Derive(r)
		if err != nil {
			t.Fatalf("accepted file does not derive: %v", err)
		}
		p, _ := market.PresetParams("price_burn_2026_06")
		if _, err := st.NewChain(p); err != nil {
			t.Fatalf("derived state refused by market.New: %v", err)
		}
	})
}
