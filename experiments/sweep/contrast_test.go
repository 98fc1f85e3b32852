package sweep

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"dtaosim/experiments/stats"
)

// swContrastAxis is a third axis for swTinyYAML, and swContrastDecl a contrast between
// its cell of the launch rule with root passive and that of today's rule with root
// intervening (within each number of speculators, with the third axis).
const swContrastAxis = "  - {param: agents.speculators.count, values: [20, 12]}\n"
const swContrastDecl = `contrasts:
  - a: {mechanism.preset: launch_2025_02, agents.root_validators.policy: passive}
    b: {mechanism.preset: price_burn_2026_06, agents.root_validators.policy: intervene}
`

// TestContrastErrors: a contrast naming a field that is not an axis, a value the axis
// does not take, a single axis, an axis only one arm names, an axis in which the arms
// agree, an axis without common random numbers, a pair of arms declared twice (either
// way round) or a design without a grid is refused with the contrast's line and what was
// expected.
func TestContrastErrors(t *testing.T) {
	axes := "axes:\n  - {param: mechanism.preset, values: [launch_2025_02, price_burn_2026_06]}\n" +
		"  - {param: agents.root_validators.policy, values: [passive, intervene]}\n"
	head := "name: x\nbase: sn28\nscenario: {days: 0.3}\n"
	cases := []struct {
		name, src string
		want      []string
	}{
		{"not an axis", head + axes + "contrasts:\n  - a: {mechanism.preset: launch_2025_02, subnets.count: 8}\n    b: {mechanism.preset: price_burn_2026_06, subnets.count: 4}\n",
			[]string{"line 8", "contrasts[0]", `"subnets.count" is not an axis`}},
		{"value not taken", head + axes + "contrasts:\n  - a: {mechanism.preset: launch_2025_02, agents.root_validators.policy: passive}\n    b: {mechanism.preset: taoflow_2025_11, agents.root_validators.policy: intervene}\n",
			[]string{"line 8", "contrasts[0]", "mechanism.preset = taoflow_2025_11 is not one of the axis's values (launch_2025_02, price_burn_2026_06)"}},
		{"one axis", head + axes + "contrasts:\n  - a: {mechanism.preset: launch_2025_02}\n    b: {mechanism.preset: price_burn_2026_06}\n",
			[]string{"contrasts[0]", "two or more axes"}},
		{"named once", head + axes + "  - {param: chain.age_days, values: [7, 90]}\n" +
			"contrasts:\n  - a: {mechanism.preset: launch_2025_02, agents.root_validators.policy: passive}\n    b: {mechanism.preset: price_burn_2026_06, agents.root_validators.policy: intervene, chain.age_days: 7}\n",
			[]string{"line 9", "contrasts[0]", "chain.age_days is named in only one of a and b"}},
		{"repeated", head + axes + swContrastDecl + "  - a: {mechanism.preset: price_burn_2026_06, agents.root_validators.policy: intervene}\n    b: {mechanism.preset: launch_2025_02, agents.root_validators.policy: passive}\n",
			[]string{"line 10", "contrasts[1]", "contrasts[0]"}},
		{"same value", head + axes + "contrasts:\n  - a: {mechanism.preset: launch_2025_02, agents.root_validators.policy: passive}\n    b: {mechanism.preset: price_burn_2026_06, agents.root_validators.policy: passive}\n",
			[]string{"contrasts[0]", "both give agents.root_validators.policy = passive"}},
		{"without CRN", head + strings.Replace(axes, "values: [passive, intervene]}", "values: [passive, intervene], crn: false}", 1) +
			"contrasts:\n  - a: {mechanism.preset: launch_2025_02, agents.root_validators.policy: passive}\n    b: {mechanism.preset: price_burn_2026_06, agents.root_validators.policy: intervene}\n",
			[]string{"contrasts[0]", "agents.root_validators.policy", "crn: false"}},
		{"not a grid", head + "design: lhs\nsamples: 4\naxes:\n  - {param: subnets.count, range: {from: 4, to: 8, round: true}}\n  - {param: agents.speculators.count, range: {from: 4, to: 8, round: true}}\n" +
			"contrasts:\n  - a: {subnets.count: 4, agents.speculators.count: 4}\n    b: {subnets.count: 8, agents.speculators.count: 8}\n",
			[]string{"contrasts", "design: grid"}},
		{"unknown key", head + axes + "contrasts:\n  - a: {mechanism.preset: launch_2025_02, agents.root_validators.policy: passive}\n    c: {mechanism.preset: price_burn_2026_06}\n",
			[]string{"line 9", "field c"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src), ".")
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
	if _, err := Parse([]byte(head+axes+swContrastDecl), "."); err != nil {
		t.Errorf("a valid contrast refused: %v", err)
	}
}

// TestContrastSummary: a contrast is compared within every combination of the other axes'
// values, as a one-axis comparison is: its 2×2 table of capture and its paired effects
// are those read from the runs files, its rows name the axes it names joined by "+", its
// arms and its context, and Holm's adjustment counts it in the family. It is analysis:
// the plan and its runs are those of the same experiment without it.
func TestContrastSummary(t *testing.T) {
	base := swTinyYAML + swContrastAxis
	src := base + swContrastDecl
	with, without := swParse(t, src), swParse(t, base)
	if with.Hash != without.Hash {
		t.Errorf("plan hash %s with the contrast, %s without: a contrast must not change the runs", with.Hash, without.Hash)
	}
	wantA := "mechanism.preset=launch_2025_02;agents.root_validators.policy=passive"
	wantB := "mechanism.preset=price_burn_2026_06;agents.root_validators.policy=intervene"
	if len(with.Contrasts) != 1 || with.Contrasts[0].A != wantA || with.Contrasts[0].B != wantB {
		t.Fatalf("contrasts %+v, want A %q, B %q", with.Contrasts, wantA, wantB)
	}
	dir := swSweep(t, filepath.Join(t.TempDir(), "c"), src)
	s, err := Summarize(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Manifest.Contrasts) != 1 || s.Manifest.Contrasts[0] != with.Contrasts[0] {
		t.Fatalf("manifest contrasts %+v, want %+v", s.Manifest.Contrasts, with.Contrasts)
	}
	const axis = "mechanism.preset+agents.root_validators.policy"
	oneAxis := len(oneAxisPairs(&s.Manifest))
	if len(s.Comparisons) != oneAxis+2 {
		t.Fatalf("%d comparisons, want the %d one-axis ones and 2 of the contrast", len(s.Comparisons), oneAxis)
	}
	seen := map[string]bool{}
	for _, c := range s.Comparisons {
		if c.Axis != axis {
			continue
		}
		seen[c.Context] = true
		if c.ArmA != wantA || c.ArmB != wantB {
			t.Errorf("[%s] arms %q, %q", c.Context, c.ArmA, c.ArmB)
		}
		a, b := s.Manifest.Cells[c.CellA], s.Manifest.Cells[c.CellB]
		if !strings.Contains(a.Axes, "launch_2025_02") || !strings.Contains(a.Axes, "=passive") ||
			!strings.Contains(b.Axes, "price_burn_2026_06") || !strings.Contains(b.Axes, "=intervene") ||
			!strings.Contains(a.Axes, c.Context) || !strings.Contains(b.Axes, c.Context) {
			t.Errorf("[%s] cells %q and %q are not the contrast's arms in that context", c.Context, a.Axes, b.Axes)
		}
		var n [4]int32 // n11, n10, n01, n00
		for r := range 3 {
			x, y := readRun(t, dir, int(c.CellA), r), readRun(t, dir, int(c.CellB), r)
			if x.AtThetaAtTakeover || y.AtThetaAtTakeover {
				continue
			}
			switch {
			case x.Captured && y.Captured:
				n[0]++
			case x.Captured:
				n[1]++
			case y.Captured:
				n[2]++
			default:
				n[3]++
			}
		}
		if [4]int32{c.N11, c.N10, c.N01, c.N00} != n {
			t.Errorf("[%s] table %d %d %d %d, from the files %v", c.Context, c.N11, c.N10, c.N01, c.N00, n)
		}
	}
	// Holm's adjustment is over the one-axis comparisons and the contrast's together.
	ps := make([]float64, len(s.Comparisons))
	for i, c := range s.Comparisons {
		ps[i] = c.McNemarP
	}
	for i, h := range stats.Holm(ps) {
		if c := s.Comparisons[i]; !(h == c.McNemarPHolm || math.IsNaN(h) && math.IsNaN(c.McNemarPHolm)) {
			t.Errorf("%s [%s]: Holm p %v, over the whole family %v", c.Axis, c.Context, c.McNemarPHolm, h)
		}
	}
	if !seen["agents.speculators.count=20"] || !seen["agents.speculators.count=12"] || len(seen) != 2 {
		t.Errorf("contrast contexts %v, want one per number of speculators", seen)
	}
	effects := 0
	for _, e := range s.Effects {
		if e.Axis != axis {
			continue
		}
		effects++
		if e.Outcome != "mean_meme_share" {
			continue
		}
		var d float64
		for r := range 3 {
			d += (readRun(t, dir, int(e.CellA), r).MeanMemeShare - readRun(t, dir, int(e.CellB), r).MeanMemeShare) / 3
		}
		if e.Pairs != 3 || math.Abs(e.Diff-d) > 1e-12 {
			t.Errorf("[%s] mean_meme_share: %+v; from the files %v", e.Context, e, d)
		}
	}
	if effects != 2*len(s.Outcomes) {
		t.Errorf("%d contrast effects, want 2 per outcome (%d)", effects, 2*len(s.Outcomes))
	}
	var out bytes.Buffer
	s.Print(&out)
	if !strings.Contains(out.String(), "the arms of the experiment's 1 contrast(s)") || !strings.Contains(out.String(), wantA+" vs "+wantB) {
		t.Errorf("printed summary does not show the contrast:\n%s", out.String())
	}
}

// TestContrastMerge: shards run from versions of the file that declare different
// contrasts (the same plan hash, since contrasts change no run) are refused by Merge,
// naming the shard; shards that agree merge with the contrast kept.
func TestContrastMerge(t *testing.T) {
	dir := t.TempDir()
	with, without := swParse(t, swTinyYAML+swContrastDecl), swParse(t, swTinyYAML)
	shards := make([]string, 2)
	for i, p := range []*Plan{with, without} {
		shards[i] = filepath.Join(dir, fmt.Sprint("shard", i))
		if _, err := Run(context.Background(), p, Options{Out: shards[i], Workers: 2, Shard: i, Shards: 2}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Merge(filepath.Join(dir, "merged"), shards)
	if err == nil || !strings.Contains(err.Error(), "contrasts") || !strings.Contains(err.Error(), "shard") {
		t.Fatalf("shards with different contrasts merged: %v", err)
	}
	if _, err := Run(context.Background(), with, Options{Out: shards[1] + "b", Workers: 2, Shard: 1, Shards: 2}); err != nil {
		t.Fatal(err)
	}
	m, err := Merge(filepath.Join(dir, "merged2"), []string{shards[0], shards[1] + "b"})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Contrasts) != 1 || m.Contrasts[0] != with.Contrasts[0] {
		t.Errorf("merged manifest's contrasts %+v, want %+v", m.Contrasts, with.Contrasts)
	}
}
