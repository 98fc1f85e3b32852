package sweep

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Contrast names two arms of a grid by the values of two or more of its axes, e.g. 50
// yield stakers of capital 120 against 6 of capital 1000 (the same capital in all). For
// every combination of the other axes' values the two cells are compared in pairs by
// replicate, as cells differing in one axis are. The named axes must share random numbers
// and A and B must differ in each of them.
type Contrast struct {
	A map[string]any `yaml:"a"`
	B map[string]any `yaml:"b"`
}

// ContrastManifest is a contrast's two arms, each "param=value;param=value" over the axes
// it names, in axis order.
type ContrastManifest struct {
	A string `json:"a"`
	B string `json:"b"`
}

// resolveContrasts checks the experiment's contrasts against its axes and values and
// writes each arm as the cells' labels do.
func resolveContrasts(e *Experiment, points [][]any) ([]ContrastManifest, error) {
	if len(e.Contrasts) == 0 {
		return nil, nil
	}
	if e.Design != "grid" {
		return nil, fmt.Errorf("contrasts: a %s design has no arms to contrast; contrasts need design: grid", e.Design)
	}
	var out []ContrastManifest
	for i, c := range e.Contrasts {
		where := fmt.Sprintf("contrasts[%d]", i)
		if len(c.A) < 2 || len(c.B) < 2 {
			return nil, fmt.Errorf("%s: expected a and b each to name two or more axes with a value (cells differing in one axis are compared anyway), got %d and %d", where, len(c.A), len(c.B))
		}
		for _, arm := range []map[string]any{c.A, c.B} {
			for _, name := range slices.Sorted(maps.Keys(arm)) {
				if !slices.ContainsFunc(e.Axes, func(ax Axis) bool { return ax.Param == name }) {
					return nil, fmt.Errorf("%s: %q is not an axis of the experiment", where, name)
				}
			}
		}
		var a, b []string
		for k, ax := range e.Axes {
			va, inA := c.A[ax.Param]
			vb, inB := c.B[ax.Param]
			if inA != inB {
				return nil, fmt.Errorf("%s: %s is named in only one of a and b; expected both to name the same axes", where, ax.Param)
			}
			if !inA {
				continue
			}
			if !contains(e.CRNAxes, ax.Param) {
				return nil, fmt.Errorf("%s: axis %s does not share random numbers (crn: false), so its arms cannot be paired", where, ax.Param)
			}
			la, err := axisLabel(points, k, ax.Param, va)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", where, err)
			}
			lb, err := axisLabel(points, k, ax.Param, vb)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", where, err)
			}
			if la == lb {
				return nil, fmt.Errorf("%s: a and b both give %s = %v; name only the axes in which they differ", where, ax.Param, va)
			}
			a = append(a, la)
			b = append(b, lb)
		}
		ct := ContrastManifest{A: strings.Join(a, ";"), B: strings.Join(b, ";")}
		for j, prev := range out {
			if prev == ct || (prev.A == ct.B && prev.B == ct.A) {
				return nil, fmt.Errorf("%s: compares the arms contrasts[%d] compares; each pair of arms once", where, j)
			}
		}
		out = append(out, ct)
	}
	return out, nil
}

// axisLabel returns the "name=value" part with which the cells' labels write value v of
// axis k (named name), or why no cell's label can hold it: a value with ";" (which
// separates the parts), or one the axis does not take.
func axisLabel(points [][]any, k int, name string, v any) (string, error) {
	t := fmt.Sprint(v)
	if strings.ContainsRune(t, ';') {
		return "", fmt.Errorf("%s: a value with \";\" cannot be told apart in the cells' labels", name)
	}
	if vals := axisValues(points, k); !slices.Contains(vals, t) {
		return "", fmt.Errorf("%s = %s is not one of the axis's values (%s)", name, t, strings.Join(vals, ", "))
	}
	return name + "=" + t, nil
}
