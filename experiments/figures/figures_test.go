package figures

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
)

// encode draws f as a small PNG.
func encode(t *testing.T, f *Figure) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Encode(&buf, "png", 40); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDataChangesFigure: every figure is drawn from its data, not from anything fixed.
// Changing one number each figure draws changes the image.
func TestDataChangesFigure(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		draw   func(*Experiment) (*Figure, error)
		change func(*Experiment)
	}{
		{"capture-heatmap", CaptureHeatmap, func(e *Experiment) { e.Cells[5].Captured++; e.Cells[5].CaptureLo += 0.1 }},
		{"capture-heatmap axis value", CaptureHeatmap, func(e *Experiment) { e.Axes[2].Values[1] = "91" }},
		{"share-fan", func(e *Experiment) (*Figure, error) { return ShareFan(e, nil) }, func(e *Experiment) {
			for i := range e.Runs {
				for k := range e.Runs[i].KindShare["meme"] {
					e.Runs[i].KindShare["meme"][k].V *= 2
				}
			}
		}},
		{"sn28-episode", EpisodeFigure, func(e *Experiment) { e.Episodes[0].InterventionDay = 8 }},
		{"sn28-episode price", EpisodeFigure, func(e *Experiment) { e.Episodes[1].With[30].Price *= 10 }},
		{"intervention-success", InterventionSuccess, func(e *Experiment) { e.Cells[1].Succeeded = 0 }},
		{"root-proportion", RootProportion, func(e *Experiment) {
			for i := range e.Runs {
				e.Runs[i].Start.RootTAO *= 2 // changes the formula's R, not the simulated band
			}
		}},
		{"mechanism-comparison", MechanismComparison, func(e *Experiment) {
			for i, c := range e.Comparisons { // the first comparison of two mechanisms
				if strings.Contains(c.ArmB, "price_burn") {
					e.Comparisons[i].Diff += 0.2
					break
				}
			}
		}},
		{"mechanism name", MechanismComparison, func(e *Experiment) {
			for i := range e.Comparisons {
				e.Comparisons[i].ArmA = strings.ReplaceAll(e.Comparisons[i].ArmA, "launch_2025_02", "launch_x")
				e.Comparisons[i].ArmB = strings.ReplaceAll(e.Comparisons[i].ArmB, "launch_2025_02", "launch_x")
			}
			e.Axes[0].Values[0] = "launch_x"
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := synthetic(4)
			a, err := tc.draw(e)
			if err != nil {
				t.Fatal(err)
			}
			before := encode(t, a)
			again, _ := tc.draw(e)
			if !bytes.Equal(before, encode(t, again)) {
				t.Fatal("the same data drew two different images")
			}
			tc.change(e)
			b, err := tc.draw(e)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(before, encode(t, b)) {
				t.Error("changing the data did not change the figure")
			}
		})
	}
}

// TestSkips: a figure whose data is missing is skipped with a message naming what is
// missing, and All reports it instead of drawing it.
func TestSkips(t *testing.T) {
	t.Parallel()
	dropAxis := func(e *Experiment, param string) {
		i := e.axis(param)
		e.Axes = append(e.Axes[:i], e.Axes[i+1:]...)
		for k := range e.Cells {
			c := &e.Cells[k]
			c.Values = append(c.Values[:i:i], c.Values[i+1:]...)
		}
	}
	cases := []struct {
		name, figure, want string
		change             func(*Experiment)
	}{
		{"one axis besides the mechanism", "capture-heatmap", "fewer than two axes", func(e *Experiment) {
			dropAxis(e, AgeAxis)
			dropAxis(e, PolicyAxis)
		}},
		{"lhs", "capture-heatmap", "Latin hypercube", func(e *Experiment) { e.Design = "lhs" }},
		{"no series", "share-fan", "no run has a recorded series", func(e *Experiment) {
			for i := range e.Runs {
				e.Runs[i].KindShare = nil
			}
		}},
		{"no policy axis", "sn28-episode", PolicyAxis, func(e *Experiment) { dropAxis(e, PolicyAxis); e.Episodes = nil }},
		{"no age axis", "intervention-success", AgeAxis, func(e *Experiment) { dropAxis(e, AgeAxis) }},
		{"no intervention", "intervention-success", "no run intervened", func(e *Experiment) {
			for i := range e.Cells {
				e.Cells[i].Intervened = 0
			}
		}},
		{"no early subnet", "root-proportion", "subnet 1", func(e *Experiment) {
			for i := range e.Runs {
				e.Runs[i].RootProp = nil
			}
		}},
		{"no mechanism axis", "mechanism-comparison", MechanismAxis, func(e *Experiment) { dropAxis(e, MechanismAxis) }},
		{"no comparisons", "mechanism-comparison", "crn_axes", func(e *Experiment) { e.Comparisons = nil }},
		{"no head comparisons", "design-tradeoff", "head preset", func(e *Experiment) { e.HeadDiffs = nil }},
		{"not a sensitivity design", "sensitivity", "design: morris", func(*Experiment) {}},
		{"constant outputs", "sensitivity-sobol", "constant", func(e *Experiment) {
			e.Sensitivity = syntheticSensitivity("sobol").Sensitivity
			for i := range e.Sensitivity {
				e.Sensitivity[i].S1, e.Sensitivity[i].ST = math.NaN(), math.NaN()
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := synthetic(2)
			tc.change(e)
			figs, skipped := All(e, Options{})
			var msg string
			for _, s := range skipped {
				if s.Figure == tc.figure {
					msg = s.Error()
				}
			}
			if msg == "" {
				t.Fatalf("%s was not skipped", tc.figure)
			}
			if !strings.HasPrefix(msg, tc.figure+": skipped, ") || !strings.Contains(msg, tc.want) {
				t.Errorf("message %q does not name %q", msg, tc.want)
			}
			for _, f := range figs {
				if f.Name == tc.figure {
					t.Errorf("%s drawn although skipped", tc.figure)
				}
			}
			if len(figs)+len(skipped) != 8 {
				t.Errorf("%d figures drawn and %d skipped, want 8 in all", len(figs), len(skipped))
			}
		})
	}
}

// TestParamLabels: parameters are shortened as elsewhere, with more of the path kept
// where two short names would be the same.
func TestParamLabels(t *testing.T) {
	t.Parallel()
	got := paramLabels([]string{"agents.speculators.capital.min", "agents.arbitrageurs.capital.min", "agents.speculators.herding",
		"a.x.count", "b.x.count"})
	want := []string{"speculators.capital.min", "arbitrageurs.capital.min", "herding", "a.x.count", "b.x.count"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("labels %q, want %q", got, want)
			break
		}
	}
}

// TestTradeoffNoteControlArm: when no run compared with the head had a takeover, the
// trade-off figure's note says so, and what a capture there is (a utility subnet
// reaching θ on its own, which happens: the capture-control study part has one);
// otherwise it describes both intervals.
func TestTradeoffNoteControlArm(t *testing.T) {
	t.Parallel()
	e := syntheticTradeoff()
	if note := tradeoffNote(e.HeadDiffs); strings.Contains(note, "control arm),") || !strings.Contains(note, "Newcombe") {
		t.Errorf("with takeovers: %q", note)
	}
	for i := range e.HeadDiffs {
		e.HeadDiffs[i].Takeovers = 0
	}
	if note := tradeoffNote(e.HeadDiffs); !strings.Contains(note, "No run here had a takeover") ||
		!strings.Contains(note, "reaching θ on its own") || strings.Contains(note, "by construction") {
		t.Errorf("without takeovers: %q", note)
	}
}

// TestFacetAxes: the heat map draws the longest leading run of the remaining axes with at
// most maxPanelRows combinations as rows of panels and pools the axes after it.
func TestFacetAxes(t *testing.T) {
	withSizes := func(sizes ...int) (*Experiment, []int) {
		e := &Experiment{}
		var idx []int
		for i, n := range sizes {
			a := Axis{Param: fmt.Sprintf("axis%d", i)}
			for v := range n {
				a.Values = append(a.Values, fmt.Sprint(v))
			}
			e.Axes = append(e.Axes, a)
			idx = append(idx, i)
		}
		return e, idx
	}
	cases := []struct {
		sizes      []int
		rows, pool []int
	}{
		{nil, nil, nil},
		{[]int{2}, []int{0}, nil},
		{[]int{2, 2}, []int{0, 1}, nil},
		{[]int{4}, []int{0}, nil},
		{[]int{2, 3}, []int{0}, []int{1}},
		{[]int{2, 2, 2}, []int{0, 1}, []int{2}},
		{[]int{5, 2}, nil, []int{0, 1}},
		{[]int{3, 2, 2}, []int{0}, []int{1, 2}},
	}
	for _, tc := range cases {
		e, rest := withSizes(tc.sizes...)
		rows, pool := facetAxes(e, rest)
		if fmt.Sprint(rows) != fmt.Sprint(tc.rows) || fmt.Sprint(pool) != fmt.Sprint(tc.pool) {
			t.Errorf("sizes %v: rows %v, pooled %v; want %v, %v", tc.sizes, rows, pool, tc.rows, tc.pool)
		}
	}
}
