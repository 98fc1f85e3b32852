package sweep

import (
	"fmt"
	"strings"
)

// cellPair is two cells that share random numbers and differ in exactly one axis, or in
// the axes a contrast of the experiment file names.
type cellPair struct {
	a, b     int
	axis     int    // the axis that differs; -1 for a contrast
	context  string // the other axes' "name=value", joined by ";"
	contrast *ContrastManifest
}

// oneAxisPairs lists the pairs of cells of one CRN group whose values differ in exactly
// one axis, in cell order. With a grid, that is every pair of values of an axis within
// every combination of the other axes' values; a Latin hypercube has none.
func oneAxisPairs(m *Manifest) []cellPair {
	parts := make([][]string, len(m.Cells))
	for c := range m.Cells {
		parts[c] = strings.Split(m.Cells[c].Axes, ";")
	}
	var out []cellPair
	for a := range m.Cells {
		for b := a + 1; b < len(m.Cells); b++ {
			if m.Cells[a].CRNGroup != m.Cells[b].CRNGroup || len(parts[a]) != len(parts[b]) {
				continue
			}
			diff, at := 0, -1
			for k := range parts[a] {
				if parts[a][k] != parts[b][k] {
					diff, at = diff+1, k
				}
			}
			if diff != 1 {
				continue
			}
			ctx := append(append([]string(nil), parts[a][:at]...), parts[a][at+1:]...)
			out = append(out, cellPair{a: a, b: b, axis: at, context: strings.Join(ctx, ";")})
		}
	}
	return out
}

// contrastPairs lists, for each of the manifest's contrasts in turn, the pairs of cells
// of one CRN group that give the named axes arm A's and arm B's values and agree in every
// other axis, in cell order of arm A.
func contrastPairs(m *Manifest) []cellPair {
	var out []cellPair
	for i := range m.Contrasts {
		ct := &m.Contrasts[i]
		named := map[string]bool{}
		for _, name := range ct.axes() {
			named[name] = true
		}
		// Each cell's label split into its arm (the named axes' parts) and its context
		// (the others'); arm B's cells indexed by CRN group and context.
		arm, ctx := make([]string, len(m.Cells)), make([]string, len(m.Cells))
		armB := map[string]int{}
		for c := range m.Cells {
			var in, rest []string
			for _, part := range strings.Split(m.Cells[c].Axes, ";") {
				if name, _, _ := strings.Cut(part, "="); named[name] {
					in = append(in, part)
				} else {
					rest = append(rest, part)
				}
			}
			arm[c], ctx[c] = strings.Join(in, ";"), strings.Join(rest, ";")
			if arm[c] == ct.B {
				armB[fmt.Sprint(m.Cells[c].CRNGroup, "|", ctx[c])] = c
			}
		}
		for a := range m.Cells {
			if b, ok := armB[fmt.Sprint(m.Cells[a].CRNGroup, "|", ctx[a])]; ok && arm[a] == ct.A {
				out = append(out, cellPair{a: a, b: b, axis: -1, context: ctx[a], contrast: ct})
			}
		}
	}
	return out
}

// axes returns the names of the axes the contrast names, in axis order.
func (ct ContrastManifest) axes() []string {
	var names []string
	for _, part := range strings.Split(ct.A, ";") {
		name, _, _ := strings.Cut(part, "=")
		names = append(names, name)
	}
	return names
}

// arms returns the "axis=value" of each cell of pr on the axis that differs; for a
// contrast, the axes it names joined by "+" and each arm's "axis=value;axis=value".
func (pr cellPair) arms(m *Manifest) (axis, a, b string) {
	if pr.contrast != nil {
		return strings.Join(pr.contrast.axes(), "+"), pr.contrast.A, pr.contrast.B
	}
	pa := strings.Split(m.Cells[pr.a].Axes, ";")
	pb := strings.Split(m.Cells[pr.b].Axes, ";")
	return m.Axes[pr.axis], pa[pr.axis], pb[pr.axis]
}
