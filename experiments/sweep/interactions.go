package sweep

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"dtaosim/experiments/record"
	"dtaosim/experiments/stats"
)

// Interaction names a paired effect on capture, arm A against arm B of one axis, and two
// values of another axis, e.g. root intervening against passive, with no yield stakers
// and with 50. For every combination of the other axes' values the four cells are paired
// by replicate and the effect at the first value is compared with the effect at the
// second (a difference in differences; docs/experiments.md). Both axes must share random
// numbers.
type Interaction struct {
	Axis     string `yaml:"axis"`      // the axis whose effect is measured
	A        any    `yaml:"a"`         // arm A's value of it
	B        any    `yaml:"b"`         // arm B's
	By       string `yaml:"by"`        // the axis across whose values the effect is compared
	ByValues []any  `yaml:"by_values"` // two of its values
}

// InteractionManifest is an interaction with its values written as the cells' labels
// write them: A and B "axis=value" of the measured axis, By1 and By2 of the other.
type InteractionManifest struct {
	Axis string `json:"axis"`
	A    string `json:"a"`
	B    string `json:"b"`
	By   string `json:"by"`
	By1  string `json:"by_1"`
	By2  string `json:"by_2"`
}

// resolveInteractions checks the experiment's interactions against its axes and values
// and writes each value as the cells' labels do.
func resolveInteractions(e *Experiment, points [][]any) ([]InteractionManifest, error) {
	if len(e.Interactions) == 0 {
		return nil, nil
	}
	if e.Design != "grid" {
		return nil, fmt.Errorf("interactions: a %s design has no arms to pair; interactions need design: grid", e.Design)
	}
	axisIndex := func(where, field, name string) (int, error) {
		if name == "" {
			return 0, fmt.Errorf("%s.%s: expected the name of an axis of the experiment", where, field)
		}
		k := slices.IndexFunc(e.Axes, func(ax Axis) bool { return ax.Param == name })
		if k < 0 {
			return 0, fmt.Errorf("%s.%s: %q is not an axis of the experiment", where, field, name)
		}
		if !contains(e.CRNAxes, name) {
			return 0, fmt.Errorf("%s.%s: axis %s does not share random numbers (crn: false), so its arms cannot be paired", where, field, name)
		}
		return k, nil
	}
	// value writes v as the cells' labels write axis k's values, or says why it cannot.
	value := func(where, field string, k int, v any) (string, error) {
		name := e.Axes[k].Param
		if v == nil {
			return "", fmt.Errorf("%s.%s: expected a value of %s", where, field, name)
		}
		l, err := axisLabel(points, k, name, v)
		if err != nil {
			return "", fmt.Errorf("%s.%s: %w", where, field, err)
		}
		return l, nil
	}
	var out []InteractionManifest
	for i, in := range e.Interactions {
		where := fmt.Sprintf("interactions[%d]", i)
		ka, err := axisIndex(where, "axis", in.Axis)
		if err != nil {
			return nil, err
		}
		kb, err := axisIndex(where, "by", in.By)
		if err != nil {
			return nil, err
		}
		if ka == kb {
			return nil, fmt.Errorf("%s: axis and by both name %s; expected two different axes", where, in.Axis)
		}
		if len(in.ByValues) != 2 {
			return nil, fmt.Errorf("%s.by_values: expected two values of %s, got %d", where, in.By, len(in.ByValues))
		}
		var im InteractionManifest
		im.Axis, im.By = in.Axis, in.By
		for _, f := range []struct {
			field string
			k     int
			v     any
			dst   *string
		}{{"a", ka, in.A, &im.A}, {"b", ka, in.B, &im.B}, {"by_values[0]", kb, in.ByValues[0], &im.By1}, {"by_values[1]", kb, in.ByValues[1], &im.By2}} {
			if *f.dst, err = value(where, f.field, f.k, f.v); err != nil {
				return nil, err
			}
		}
		if im.A == im.B {
			return nil, fmt.Errorf("%s: a and b both give %s; expected two different values", where, im.A)
		}
		if im.By1 == im.By2 {
			return nil, fmt.Errorf("%s: by_values gives %s twice; expected two different values", where, im.By1)
		}
		// The same four cells asked the other way round, the effect of by across the
		// values of axis, are the same difference in differences.
		transposed := InteractionManifest{Axis: im.By, A: im.By1, B: im.By2, By: im.Axis, By1: im.A, By2: im.B}
		for j, prev := range out {
			if sameInteraction(prev, im) || sameInteraction(prev, transposed) {
				return nil, fmt.Errorf("%s: asks what interactions[%d] asks; each interaction once", where, j)
			}
		}
		out = append(out, im)
	}
	return out, nil
}

// sameInteraction reports whether a and b measure the same interaction up to its sign:
// the same axis with the same arms in either order, across the same two values of by in
// either order.
func sameInteraction(a, b InteractionManifest) bool {
	if a.Axis != b.Axis || a.By != b.By {
		return false
	}
	arms := (a.A == b.A && a.B == b.B) || (a.A == b.B && a.B == b.A)
	by := (a.By1 == b.By1 && a.By2 == b.By2) || (a.By1 == b.By2 && a.By2 == b.By1)
	return arms && by
}

// cellQuad is the four cells of an interaction within one combination of the other axes'
// values and one CRN group: arm A and arm B at by_1, then at by_2.
type cellQuad struct {
	a1, b1, a2, b2 int
	context        string
	in             *InteractionManifest
}

// interactionQuads lists, for each of the manifest's interactions in turn, the quads of
// cells of one CRN group that agree in every axis but the interaction's two, in cell
// order of their first cell.
func interactionQuads(m *Manifest) []cellQuad {
	var out []cellQuad
	for i := range m.Interactions {
		in := &m.Interactions[i]
		slot := map[string]int{in.A: 0, in.B: 1}
		by := map[string]int{in.By1: 0, in.By2: 2}
		found := map[string]*[4]int{}
		var order []string
		for c := range m.Cells {
			var rest []string
			arm, at := -1, -1 // arm A 0 or B 1; by_1 0 or by_2 2
			for _, part := range strings.Split(m.Cells[c].Axes, ";") {
				switch name, _, _ := strings.Cut(part, "="); name {
				case in.Axis:
					if k, ok := slot[part]; ok {
						arm = k
					}
				case in.By:
					if k, ok := by[part]; ok {
						at = k
					}
				default:
					rest = append(rest, part)
				}
			}
			if arm < 0 || at < 0 {
				continue
			}
			key := fmt.Sprint(m.Cells[c].CRNGroup, "|", strings.Join(rest, ";"))
			q, ok := found[key]
			if !ok {
				q = &[4]int{-1, -1, -1, -1}
				found[key] = q
				order = append(order, key)
			}
			q[arm+at] = c
		}
		for _, key := range order {
			q := found[key]
			if slices.Contains(q[:], -1) {
				continue
			}
			_, ctx, _ := strings.Cut(key, "|")
			out = append(out, cellQuad{a1: q[0], b1: q[1], a2: q[2], b2: q[3], context: ctx, in: in})
		}
	}
	return out
}

// interact pairs the four cells' capture outcomes by replicate. A replicate missing from
// a cell is skipped; one where a cell was at θ at the takeover is left out (Excluded).
func interact(m *Manifest, q cellQuad, runs [][]*record.RunRow) record.InteractionRow {
	in := q.in
	row := record.InteractionRow{Group: int32(m.Cells[q.a1].CRNGroup), Axis: in.Axis, ArmA: in.A, ArmB: in.B,
		By: in.By, By1: in.By1, By2: in.By2, Context: q.context,
		CellA1: int32(q.a1), CellB1: int32(q.b1), CellA2: int32(q.a2), CellB2: int32(q.b2)}
	cells := [4][]*record.RunRow{runs[q.a1], runs[q.b1], runs[q.a2], runs[q.b2]}
	var y [4][]bool
	var d []int
	for r := range cells[0] {
		var rr [4]*record.RunRow
		present, atTheta := true, false
		for k := range cells {
			if r < len(cells[k]) && cells[k][r] != nil {
				rr[k] = cells[k][r]
				atTheta = atTheta || rr[k].AtThetaAtTakeover
			} else {
				present = false
			}
		}
		switch {
		case !present:
			continue
		case atTheta:
			row.Excluded++
			continue
		}
		v := 0
		for k, sign := range [4]int{1, -1, -1, 1} {
			y[k] = append(y[k], rr[k].Captured)
			if rr[k].Captured {
				v += sign
			}
		}
		d = append(d, v)
		switch {
		case v > 0:
			row.Positive++
		case v < 0:
			row.Negative++
		}
	}
	row.Replicates = int32(len(d))
	row.Effect1, row.Effect2, row.Diff, row.DiffLo, row.DiffHi = math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()
	row.SignFlipP, row.SignFlipPHolm = math.NaN(), math.NaN()
	if len(d) > 0 {
		n := float64(len(d))
		row.Effect1 = float64(count(y[0])-count(y[1])) / n
		row.Effect2 = float64(count(y[2])-count(y[3])) / n
		row.Diff, row.DiffLo, row.DiffHi = stats.PairedInteraction(y[0], y[1], y[2], y[3], 0.95)
		row.SignFlipP = stats.SignFlipExact(d)
	}
	return row
}

// holmInteractions adjusts the interactions' p-values by Holm's method over the summary's
// interactions (their own family, apart from the comparisons'); a row without replicates
// keeps NaN.
func holmInteractions(rows []record.InteractionRow) {
	var idx []int
	var p []float64
	for i := range rows {
		if !math.IsNaN(rows[i].SignFlipP) {
			idx = append(idx, i)
			p = append(p, rows[i].SignFlipP)
		}
	}
	for k, h := range stats.Holm(p) {
		rows[idx[k]].SignFlipPHolm = h
	}
}

func count(b []bool) int {
	n := 0
	for _, v := range b {
		if v {
			n++
		}
	}
	return n
}
