package sweep

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"dtaosim/experiments/record"
	"dtaosim/experiments/stats"
)

// swInteractionAxis is a third axis for swTinyYAML, and swInteractionDecl an interaction:
// root intervening against passive, under the launch rule against today's rule (within
// each number of speculators).
const swInteractionAxis = "  - {param: agents.speculators.count, values: [20, 12]}\n"
const swInteractionDecl = `interactions:
  - {axis: agents.root_validators.policy, a: intervene, b: passive, by: mechanism.preset, by_values: [launch_2025_02, price_burn_2026_06]}
`

// TestInteractionErrors: an interaction naming a field that is not an axis, the same axis
// twice, a value the axis does not take, equal arms, other than two values of by, an axis
// without common random numbers, an interaction asked twice (either way round), an unknown
// key or a design without a grid is refused with the interaction's line and what was
// expected.
func TestInteractionErrors(t *testing.T) {
	axes := "axes:\n  - {param: mechanism.preset, values: [launch_2025_02, price_burn_2026_06]}\n" +
		"  - {param: agents.root_validators.policy, values: [passive, intervene]}\n"
	head := "name: x\nbase: sn28\nscenario: {days: 0.3}\n"
	decl := func(s string) string { return "interactions:\n  - " + s + "\n" }
	cases := []struct {
		name, src string
		want      []string
	}{
		{"not an axis", head + axes + decl("{axis: subnets.count, a: 4, b: 8, by: mechanism.preset, by_values: [launch_2025_02, price_burn_2026_06]}"),
			[]string{"line 8", "interactions[0].axis", `"subnets.count" is not an axis`}},
		{"by missing", head + axes + decl("{axis: agents.root_validators.policy, a: intervene, b: passive}"),
			[]string{"line 8", "interactions[0].by", "expected the name of an axis"}},
		{"same axis", head + axes + decl("{axis: mechanism.preset, a: launch_2025_02, b: price_burn_2026_06, by: mechanism.preset, by_values: [launch_2025_02, price_burn_2026_06]}"),
			[]string{"interactions[0]", "two different axes"}},
		{"value not taken", head + axes + decl("{axis: agents.root_validators.policy, a: intervene, b: passive, by: mechanism.preset, by_values: [launch_2025_02, taoflow_2025_11]}"),
			[]string{"line 8", "interactions[0].by_values[1]", "mechanism.preset = taoflow_2025_11 is not one of the axis's values (launch_2025_02, price_burn_2026_06)"}},
		{"arm missing", head + axes + decl("{axis: agents.root_validators.policy, a: intervene, by: mechanism.preset, by_values: [launch_2025_02, price_burn_2026_06]}"),
			[]string{"interactions[0].b", "expected a value of agents.root_validators.policy"}},
		{"equal arms", head + axes + decl("{axis: agents.root_validators.policy, a: passive, b: passive, by: mechanism.preset, by_values: [launch_2025_02, price_burn_2026_06]}"),
			[]string{"interactions[0]", "a and b both give agents.root_validators.policy=passive"}},
		{"one by value", head + axes + decl("{axis: agents.root_validators.policy, a: intervene, b: passive, by: mechanism.preset, by_values: [launch_2025_02]}"),
			[]string{"line 8", "interactions[0].by_values", "expected two values of mechanism.preset, got 1"}},
		{"equal by values", head + axes + decl("{axis: agents.root_validators.policy, a: intervene, b: passive, by: mechanism.preset, by_values: [launch_2025_02, launch_2025_02]}"),
			[]string{"interactions[0]", "by_values gives mechanism.preset=launch_2025_02 twice"}},
		{"without CRN", head + strings.Replace(axes, "values: [passive, intervene]}", "values: [passive, intervene], crn: false}", 1) + swInteractionDecl,
			[]string{"interactions[0].axis", "agents.root_validators.policy", "crn: false"}},
		{"repeated", head + axes + swInteractionDecl + "  - {axis: agents.root_validators.policy, a: passive, b: intervene, by: mechanism.preset, by_values: [price_burn_2026_06, launch_2025_02]}\n",
			[]string{"line 9", "interactions[1]", "interactions[0]"}},
		{"transposed", head + axes + swInteractionDecl + "  - {axis: mechanism.preset, a: price_burn_2026_06, b: launch_2025_02, by: agents.root_validators.policy, by_values: [intervene, passive]}\n",
			[]string{"line 9", "interactions[1]", "asks what interactions[0] asks"}},
		{"value with a semicolon", head + "axes:\n  - {param: mechanism.preset, values: [launch_2025_02, price_burn_2026_06]}\n  - {param: subnets.meme.name, values: [\"p;q\", r]}\n" +
			decl("{axis: subnets.meme.name, a: \"p;q\", b: r, by: mechanism.preset, by_values: [launch_2025_02, price_burn_2026_06]}"),
			[]string{"interactions[0].a", "cannot be told apart"}},
		{"unknown key", head + axes + decl("{axis: agents.root_validators.policy, a: intervene, b: passive, by: mechanism.preset, values: [launch_2025_02, price_burn_2026_06]}"),
			[]string{"line 8", "field values"}},
		{"not a grid", head + "design: lhs\nsamples: 4\naxes:\n  - {param: subnets.count, range: {from: 4, to: 8, round: true}}\n  - {param: agents.speculators.count, range: {from: 4, to: 8, round: true}}\n" +
			decl("{axis: subnets.count, a: 4, b: 8, by: agents.speculators.count, by_values: [4, 8]}"),
			[]string{"interactions", "design: grid"}},
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
	// Asking the same interaction with the arms swapped but not the values of by is
	// another sign of it, not a repeat: refused too.
	swapped := head + axes + swInteractionDecl + "  - {axis: agents.root_validators.policy, a: passive, b: intervene, by: mechanism.preset, by_values: [launch_2025_02, price_burn_2026_06]}\n"
	if _, err := Parse([]byte(swapped), "."); err == nil || !strings.Contains(err.Error(), "interactions[1]") {
		t.Errorf("the interaction with its arms swapped: %v", err)
	}
	if _, err := Parse([]byte(head+axes+swInteractionDecl), "."); err != nil {
		t.Errorf("a valid interaction refused: %v", err)
	}
}

// TestInteractionSummary: an interaction is computed within every combination of the
// other axes' values from the four cells' runs files: each arm's effect, their
// difference, the replicates whose difference is positive or negative, the interval and
// the exact sign-flip test of stats, Holm over the interactions; it is analysis (the plan
// and its runs are those of the experiment without it), is written to
// interactions.parquet and printed.
func TestInteractionSummary(t *testing.T) {
	base := swTinyYAML + swInteractionAxis
	src := base + swInteractionDecl
	with, without := swParse(t, src), swParse(t, base)
	if with.Hash != without.Hash {
		t.Errorf("plan hash %s with the interaction, %s without: an interaction must not change the runs", with.Hash, without.Hash)
	}
	want := InteractionManifest{Axis: "agents.root_validators.policy", A: "agents.root_validators.policy=intervene",
		B: "agents.root_validators.policy=passive", By: "mechanism.preset",
		By1: "mechanism.preset=launch_2025_02", By2: "mechanism.preset=price_burn_2026_06"}
	if len(with.Interactions) != 1 || with.Interactions[0] != want {
		t.Fatalf("interactions %+v, want %+v", with.Interactions, want)
	}
	dir := swSweep(t, filepath.Join(t.TempDir(), "i"), src)
	s, err := Summarize(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Manifest.Interactions) != 1 || s.Manifest.Interactions[0] != want {
		t.Fatalf("manifest interactions %+v, want %+v", s.Manifest.Interactions, want)
	}
	if len(s.Interactions) != 2 {
		t.Fatalf("%d interaction rows, want one per number of speculators", len(s.Interactions))
	}
	seen := map[string]bool{}
	var ps []float64
	for _, in := range s.Interactions {
		seen[in.Context] = true
		cells := []int32{in.CellA1, in.CellB1, in.CellA2, in.CellB2}
		parts := [][2]string{{want.A, want.By1}, {want.B, want.By1}, {want.A, want.By2}, {want.B, want.By2}}
		for k, c := range cells {
			ax := s.Manifest.Cells[c].Axes
			if !strings.Contains(ax, parts[k][0]) || !strings.Contains(ax, parts[k][1]) || !strings.Contains(ax, in.Context) {
				t.Errorf("[%s] cell %d (%q) is not %v in that context", in.Context, c, ax, parts[k])
			}
		}
		var y [4][]bool
		var d []int
		var pos, neg int32
		for r := range 3 {
			rows := make([]bool, 4)
			skip := false
			for k, c := range cells {
				run := readRun(t, dir, int(c), r)
				skip = skip || run.AtThetaAtTakeover
				rows[k] = run.Captured
			}
			if skip {
				continue
			}
			v := 0
			for k, sign := range []int{1, -1, -1, 1} {
				y[k] = append(y[k], rows[k])
				if rows[k] {
					v += sign
				}
			}
			d = append(d, v)
			pos += b2i32(v > 0)
			neg += b2i32(v < 0)
		}
		if in.Replicates != int32(len(d)) || in.Positive != pos || in.Negative != neg || int(in.Replicates+in.Excluded) != 3 {
			t.Errorf("[%s] replicates %d (+%d excluded), positive %d, negative %d; from the files %d, %d, %d", in.Context,
				in.Replicates, in.Excluded, in.Positive, in.Negative, len(d), pos, neg)
		}
		if len(d) == 0 {
			continue
		}
		diff, lo, hi := stats.PairedInteraction(y[0], y[1], y[2], y[3], 0.95)
		e1 := float64(count(y[0])-count(y[1])) / float64(len(d))
		e2 := float64(count(y[2])-count(y[3])) / float64(len(d))
		if in.Diff != diff || in.DiffLo != lo || in.DiffHi != hi || in.Effect1 != e1 || in.Effect2 != e2 ||
			math.Abs(in.Diff-(in.Effect1-in.Effect2)) > 1e-12 {
			t.Errorf("[%s] %+v; from the files effects %v, %v, interaction %v [%v, %v]", in.Context, in, e1, e2, diff, lo, hi)
		}
		if p := stats.SignFlipExact(d); in.SignFlipP != p {
			t.Errorf("[%s] sign-flip p %v, from the files %v", in.Context, in.SignFlipP, p)
		}
		ps = append(ps, in.SignFlipP)
	}
	if !seen["agents.speculators.count=20"] || !seen["agents.speculators.count=12"] {
		t.Errorf("contexts %v, want one per number of speculators", seen)
	}
	for i, h := range stats.Holm(ps) {
		if s.Interactions[i].SignFlipPHolm != h {
			t.Errorf("row %d: Holm p %v, over the interactions %v", i, s.Interactions[i].SignFlipPHolm, h)
		}
	}
	if err := s.Write(dir, "test"); err != nil {
		t.Fatal(err)
	}
	rows, err := record.ReadInteractions(filepath.Join(dir, "interactions.parquet"))
	if err != nil || len(rows) != 2 || rows[0].Context != s.Interactions[0].Context || rows[1].SignFlipP != s.Interactions[1].SignFlipP {
		t.Errorf("interactions.parquet: %v, %+v", err, rows)
	}
	var out bytes.Buffer
	s.Print(&out)
	if !strings.Contains(out.String(), "paired interactions") || !strings.Contains(out.String(), want.A+" vs "+want.B+", "+want.By1+" vs "+want.By2) {
		t.Errorf("printed summary does not show the interaction:\n%s", out.String())
	}
}

// TestInteractionMerge: shards run from versions of the file that declare different
// interactions (the same plan hash) are refused by Merge, naming the shard; a summary of
// an experiment without interactions writes no interactions.parquet.
func TestInteractionMerge(t *testing.T) {
	dir := t.TempDir()
	with, without := swParse(t, swTinyYAML+swInteractionDecl), swParse(t, swTinyYAML)
	shards := make([]string, 2)
	for i, p := range []*Plan{with, without} {
		shards[i] = filepath.Join(dir, fmt.Sprint("shard", i))
		if _, err := Run(context.Background(), p, Options{Out: shards[i], Workers: 2, Shard: i, Shards: 2}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Merge(filepath.Join(dir, "merged"), shards)
	if err == nil || !strings.Contains(err.Error(), "interactions") || !strings.Contains(err.Error(), "shard") {
		t.Fatalf("shards with different interactions merged: %v", err)
	}
	plain := swSweep(t, filepath.Join(dir, "plain"), swTinyYAML)
	s, err := Summarize(plain)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(plain, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := record.ReadInteractions(filepath.Join(plain, "interactions.parquet")); err == nil {
		t.Error("an experiment without interactions wrote interactions.parquet")
	}
}

// TestInteractHand: four cells listed out of order, seven replicates (one with a cell at θ
// at the takeover, one missing from a cell), the interaction counted by hand.
func TestInteractHand(t *testing.T) {
	in := InteractionManifest{Axis: "x", A: "x=a", B: "x=b", By: "y", By1: "y=1", By2: "y=2"}
	m := &Manifest{Axes: []string{"x", "y"}, Interactions: []InteractionManifest{in},
		Cells: []CellManifest{{Axes: "x=b;y=2"}, {Axes: "x=a;y=1"}, {Axes: "x=a;y=2"}, {Axes: "x=b;y=1"}}}
	// Captured per replicate in arm A at y=1, B at y=1, A at y=2, B at y=2, and the
	// difference of paired differences (a1 − b1) − (a2 − b2).
	outcomes := [][4]bool{
		{true, false, false, false}, // +1
		{true, false, true, true},   // +1
		{false, false, false, true}, // +1
		{true, true, true, false},   // −1
		{true, false, false, true},  // +2
		{true, true, true, true},    // replicate 5: arm A at y=1 at θ at the takeover
		{true, false, false, false}, // replicate 6: missing from B at y=2
	}
	cellOf := [4]int{1, 3, 2, 0} // a1, b1, a2, b2 in the manifest's order
	runs := make([][]*record.RunRow, 4)
	for c := range runs {
		runs[c] = make([]*record.RunRow, len(outcomes))
	}
	for r, o := range outcomes {
		for k, c := range cellOf {
			runs[c][r] = &record.RunRow{Captured: o[k], AtThetaAtTakeover: r == 5 && k == 0}
		}
	}
	runs[0][6] = nil
	quads := interactionQuads(m)
	if len(quads) != 1 || [4]int{quads[0].a1, quads[0].b1, quads[0].a2, quads[0].b2} != cellOf {
		t.Fatalf("quads %+v, want the cells %v", quads, cellOf)
	}
	row := interact(m, quads[0], runs)
	// Over replicates 0-4: A − B at y=1 (4 − 1)/5, at y=2 (2 − 3)/5.
	if row.Replicates != 5 || row.Excluded != 1 || row.Positive != 4 || row.Negative != 1 ||
		math.Abs(row.Effect1-0.6) > 1e-15 || math.Abs(row.Effect2+0.2) > 1e-15 || math.Abs(row.Diff-0.8) > 1e-15 {
		t.Errorf("row %+v, want 5 replicates (1 excluded), 4 positive, 1 negative, effects 0.6 and -0.2, interaction 0.8", row)
	}
	// Signs of |d| = 1, 1, 1, 1, 2: P(|S| ≥ 4) = 5/16 (|S| ≥ 4 when the four ones sum
	// to 2 or more with +2, or to −2 or less with −2: 5 of 16 patterns each).
	if math.Abs(row.SignFlipP-5.0/16) > 1e-15 {
		t.Errorf("sign-flip p %v, want 5/16", row.SignFlipP)
	}
	if !(row.DiffLo < 0.8 && row.DiffHi > 0.8) {
		t.Errorf("interval [%v, %v] does not contain 0.8", row.DiffLo, row.DiffHi)
	}
}
