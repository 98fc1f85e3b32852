package sweep

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"dtaosim/experiments/record"
)

// TestParseErrors: bad experiment files give errors naming the field or axis.
func TestParseErrors(t *testing.T) {
	const head = "name: x\nbase: sn28\n"
	cases := []struct {
		name, src string
		want      []string // substrings of the error
	}{
		{"unknown key", head + "replicate: 3\n", []string{"replicate"}},
		{"replicates 0", head + "replicates: 0\n", []string{"replicates", "got 0"}},
		{"replicates negative", head + "replicates: -2\n", []string{"replicates"}},
		{"missing name", "base: sn28\nreplicates: 2\n", []string{"name"}},
		{"name with slash", "name: a/b\n", []string{"name"}},
		{"axis not a field", head + "axes: [{param: agents.speculator.count, values: [1, 2]}]\n",
			[]string{"axes[0]", "agents.speculator.count", "not a scenario field"}},
		{"axis is a group", head + "axes: [{param: agents.speculators, values: [1]}]\n",
			[]string{"axes[0]", "agents.speculators", "group"}},
		{"axis without param", head + "axes: [{values: [1]}]\n", []string{"axes[0]", "param"}},
		{"wrong type", head + "axes: [{param: subnets.count, values: [\"x\"]}]\n",
			[]string{"subnets.count"}},
		{"out of range", head + "axes: [{param: agents.speculators.stop_loss, values: [0.1, 2]}]\n",
			[]string{"agents.speculators.stop_loss", "2"}},
		{"values and range", head + "axes: [{param: subnets.count, values: [4], range: {from: 4, to: 8, steps: 2}}]\n",
			[]string{"axes[0]", "subnets.count", "not both"}},
		{"neither values nor range", head + "axes: [{param: subnets.count}]\n", []string{"axes[0]", "subnets.count"}},
		{"range steps 0", head + "axes: [{param: subnets.count, range: {from: 4, to: 8}}]\n",
			[]string{"axes[0]", "subnets.count", "steps"}},
		{"log range from 0", head + "axes: [{param: agents.speculators.stop_loss, range: {from: 0, to: 0.5, steps: 3, log: true}}]\n",
			[]string{"axes[0]", "agents.speculators.stop_loss", "log"}},
		{"lhs without range", head + "design: lhs\nsamples: 4\naxes: [{param: subnets.count, values: [4, 8]}]\n",
			[]string{"axes[0]", "subnets.count", "range"}},
		{"lhs without samples", head + "design: lhs\naxes: [{param: subnets.count, range: {from: 4, to: 8}}]\n",
			[]string{"samples"}},
		{"unknown design", head + "design: anova\n", []string{"design", "anova"}},
		{"unknown base preset", "name: x\nbase: no-such-preset\n", []string{"base", "no-such-preset"}},
		{"missing base file", "name: x\nbase: nothere.yaml\n", []string{"base"}},
		{"bad scenario field", head + "scenario: {days: 1, subnet: {count: 3}}\n", []string{"subnet"}},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			p, err := Parse([]byte(tc.src), t.TempDir())
			if err == nil {
				t.Fatalf("Parse(%q) = plan with %d cells, want an error", tc.src, len(p.Cells))
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Parse(%q): error %q does not name %q", tc.src, err, w)
				}
			}
		})
	}
}

// TestCRNGroups: by default every axis shares random numbers, so every cell of a
// replicate sees the same streams; an axis marked crn: false, or left out of an explicit
// crn_axes, draws its own per value; the manifest records which.
func TestCRNGroups(t *testing.T) {
	p := swParse(t, swTinyYAML)
	if len(p.Cells) != 4 || p.Runs() != 12 {
		t.Fatalf("%d cells, %d runs; want 4 and 12", len(p.Cells), p.Runs())
	}
	for _, c := range p.Cells {
		if c.CRNGroup != 0 {
			t.Errorf("default: cell %d (%s) in CRN group %d, want every cell in group 0", c.Index, c.Label, c.CRNGroup)
		}
	}
	if want := []string{"mechanism.preset", "agents.root_validators.policy"}; !slices.Equal(p.Exp.CRNAxes, want) {
		t.Errorf("default CRN axes %v, want %v", p.Exp.CRNAxes, want)
	}
	if p.Cells[0].Scenario.Mechanism.Preset != "launch_2025_02" || p.Cells[3].Scenario.Agents.RootValidators.Policy != "intervene" {
		t.Errorf("axis values not applied: cell 0 preset %q, cell 3 policy %q",
			p.Cells[0].Scenario.Mechanism.Preset, p.Cells[3].Scenario.Agents.RootValidators.Policy)
	}

	// Cell order: the last axis varies fastest.
	// 0 launch/passive, 1 launch/intervene, 2 price_burn/passive, 3 price_burn/intervene.
	optOut := swParse(t, strings.Replace(swTinyYAML, "values: [passive, intervene]}", "values: [passive, intervene], crn: false}", 1))
	explicit := swParse(t, swTinyYAML+"crn_axes: [mechanism.preset]\n")
	for _, q := range []*Plan{optOut, explicit} {
		for i := range q.Cells {
			for j := range q.Cells {
				samePolicy := q.Cells[i].Values[1] == q.Cells[j].Values[1]
				if same := q.Cells[i].CRNGroup == q.Cells[j].CRNGroup; same != samePolicy {
					t.Errorf("policy opted out: cells %d (%s) and %d (%s): same CRN group %v, want %v",
						i, q.Cells[i].Label, j, q.Cells[j].Label, same, samePolicy)
				}
			}
		}
		if !slices.Equal(q.Exp.CRNAxes, []string{"mechanism.preset"}) {
			t.Errorf("CRN axes %v, want [mechanism.preset]", q.Exp.CRNAxes)
		}
	}
	if optOut.Hash != explicit.Hash {
		t.Errorf("crn: false and the same explicit crn_axes give other plans: %s, %s", optOut.Hash, explicit.Hash)
	}
	none := swParse(t, swTinyYAML+"crn_axes: []\n")
	seen := map[int]bool{}
	for _, c := range none.Cells {
		if seen[c.CRNGroup] {
			t.Errorf("crn_axes []: cell %d shares group %d with another cell", c.Index, c.CRNGroup)
		}
		seen[c.CRNGroup] = true
	}
	if p.Hash == optOut.Hash || p.Hash == none.Hash {
		t.Errorf("plans with other CRN groups have the same hash %s", p.Hash)
	}
	for _, bad := range []struct{ src, want string }{
		{swTinyYAML + "crn_axes: [days]\n", `crn_axes[0]: "days" is not an axis`},
		{strings.Replace(swTinyYAML, "values: [passive, intervene]}", "values: [passive, intervene], crn: true}", 1) +
			"crn_axes: [mechanism.preset]\n", "contradicts crn_axes"},
	} {
		if _, err := Parse([]byte(bad.src), t.TempDir()); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("Parse: err = %v, want one naming %q", err, bad.want)
		}
	}
}

// TestAxisTypes: each axis gets a typed column named from its path, its type from its
// values; two axes whose names collide are refused.
func TestAxisTypes(t *testing.T) {
	p := swParse(t, `name: typed
base: sn28-late
scenario: {days: 0.1}
replicates: 1
axes:
  - {param: mechanism.preset, values: [launch_2025_02]}
  - {param: chain.age_days, values: [7, 90]}
  - {param: agents.speculators.capital.min, values: [100, 250.5]}
  - {param: subnets.meme.takeover_day, range: {from: 1, to: 3, steps: 2, round: true}}
`)
	want := []record.AxisColumn{
		{Name: "axis_mechanism_preset", Param: "mechanism.preset", Type: record.AxisString},
		{Name: "axis_chain_age_days", Param: "chain.age_days", Type: record.AxisInt},
		{Name: "axis_agents_speculators_capital_min", Param: "agents.speculators.capital.min", Type: record.AxisFloat},
		{Name: "axis_subnets_meme_takeover_day", Param: "subnets.meme.takeover_day", Type: record.AxisInt},
	}
	if !slices.Equal(p.AxisTypes, want) {
		t.Fatalf("axis columns %+v, want %+v", p.AxisTypes, want)
	}
	last := p.AxisValues(&p.Cells[len(p.Cells)-1])
	if last[1].Int != 90 || last[2].Float != 250.5 || last[3].Int != 3 || last[0].Str != "launch_2025_02" {
		t.Errorf("last cell's typed values %+v", last)
	}
}

// TestLHS: a Latin hypercube puts one value in each stratum of every axis.
func TestLHS(t *testing.T) {
	const N = 20
	src := func(seed int) string {
		return `name: lhs
base: sn28
design: lhs
samples: 20
replicates: 1
seed: ` + string(rune('0'+seed)) + `
axes:
  - {param: agents.speculators.stop_loss, range: {from: 0.1, to: 0.5}}
  - {param: subnets.emission_skew, range: {from: 0.5, to: 2}}
  - {param: agents.speculators.count, range: {from: 10, to: 50, round: true}}
`
	}
	ranges := [][2]float64{{0.1, 0.5}, {0.5, 2}}
	p := swParse(t, src(1))
	if len(p.Cells) != N {
		t.Fatalf("%d cells, want %d", len(p.Cells), N)
	}
	for a, r := range ranges {
		strata := make([]int, N)
		for _, c := range p.Cells {
			v, ok := c.Values[a].(float64)
			if !ok {
				t.Fatalf("cell %d axis %d: value %v is %T, want float64", c.Index, a, c.Values[a], c.Values[a])
			}
			if v < r[0] || v > r[1] {
				t.Errorf("cell %d axis %d: %v not in [%v, %v]", c.Index, a, v, r[0], r[1])
			}
			s := min(int(math.Floor((v-r[0])/(r[1]-r[0])*N)), N-1)
			strata[s]++
		}
		for s, n := range strata {
			if n != 1 {
				t.Errorf("axis %d: stratum %d holds %d values, want 1 (strata %v)", a, s, n, strata)
			}
		}
	}
	counts := map[int64]bool{}
	for _, c := range p.Cells {
		v, ok := c.Values[2].(int64)
		if !ok {
			t.Fatalf("cell %d: round axis value %v is %T, want an integer", c.Index, c.Values[2], c.Values[2])
		}
		if v < 10 || v > 50 {
			t.Errorf("cell %d: count %d not in [10, 50]", c.Index, v)
		}
		if got := c.Scenario.Agents.Speculators.Count; int64(got) != v {
			t.Errorf("cell %d: scenario speculators %d, axis value %d", c.Index, got, v)
		}
		if got := c.Scenario.Agents.Speculators.StopLoss; got != c.Values[0] {
			t.Errorf("cell %d: scenario stop_loss %v, axis value %v", c.Index, got, c.Values[0])
		}
		counts[v] = true
	}
	if len(counts) < N/2 {
		t.Errorf("round axis: only %d distinct values in %d samples", len(counts), N)
	}

	values := func(p *Plan) [][]any {
		var out [][]any
		for _, c := range p.Cells {
			out = append(out, c.Values)
		}
		return out
	}
	again := swParse(t, src(1))
	if !reflect.DeepEqual(values(p), values(again)) || p.Hash != again.Hash {
		t.Errorf("same seed, different design")
	}
	other := swParse(t, src(2))
	if reflect.DeepEqual(values(p), values(other)) || p.Hash == other.Hash {
		t.Errorf("seeds 1 and 2 give the same design")
	}
}
