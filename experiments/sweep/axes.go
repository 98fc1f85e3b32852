package sweep

import (
	"fmt"
	"math"

	"dtaosim/experiments/record"
)

// This file resolves which axes share random numbers and types each axis's column.

// resolveCRN sets e.CRNAxes: the axes listed in crn_axes, or by default every axis not
// marked crn: false. Listing crn_axes and marking an axis crn: true/false contradict
// each other unless they agree.
func resolveCRN(e *Experiment) error {
	params := map[string]bool{}
	for _, ax := range e.Axes {
		params[ax.Param] = true
	}
	if e.CRNAxes != nil {
		for i, name := range e.CRNAxes {
			if !params[name] {
				return fmt.Errorf("crn_axes[%d]: %q is not an axis of this experiment", i, name)
			}
		}
		for a, ax := range e.Axes {
			if ax.CRN != nil && *ax.CRN != contains(e.CRNAxes, ax.Param) {
				return fmt.Errorf("axes[%d] (%s): crn: %v contradicts crn_axes; use one or the other", a, ax.Param, *ax.CRN)
			}
		}
		return nil
	}
	e.CRNAxes = []string{}
	for _, ax := range e.Axes {
		if ax.CRN == nil || *ax.CRN {
			e.CRNAxes = append(e.CRNAxes, ax.Param)
		}
	}
	return nil
}

// axisColumns types each axis from its values over the design (record.AxisType) and
// names its column (record.AxisColumnName); two axes may not share a column name.
func axisColumns(axes []Axis, points [][]any) ([]record.AxisColumn, error) {
	cols := make([]record.AxisColumn, len(axes))
	seen := map[string]int{}
	for a, ax := range axes {
		name := record.AxisColumnName(ax.Param)
		if b, dup := seen[name]; dup {
			return nil, fmt.Errorf("axes[%d] (%s): its column %s is also that of axes[%d] (%s)", a, ax.Param, name, b, axes[b].Param)
		}
		seen[name] = a
		vals := make([]any, len(points))
		for i, p := range points {
			vals[i] = p[a]
		}
		cols[a] = record.AxisColumn{Name: name, Param: ax.Param, Type: axisType(vals)}
	}
	return cols, nil
}

// axisType is the column type that holds every value of vals.
func axisType(vals []any) record.AxisType {
	var ints, floats, strs, bools int
	for _, v := range vals {
		switch v.(type) {
		case int, int64, uint64:
			ints++
		case float64:
			floats++
		case string:
			strs++
		case bool:
			bools++
		}
	}
	switch n := len(vals); {
	case bools == n:
		return record.AxisBool
	case ints == n:
		return record.AxisInt
	case ints+floats == n:
		return record.AxisFloat
	default:
		return record.AxisString
	}
}

// AxisValues returns the cell's typed values, one per axis (Plan.AxisTypes).
func (p *Plan) AxisValues(c *Cell) []record.AxisValue {
	return TypedValues(p.AxisTypes, c.Values)
}

// TypedValues converts one cell's axis values (as decoded from the experiment file or the
// manifest: JSON numbers are float64) to the axes' column types.
func TypedValues(cols []record.AxisColumn, vals []any) []record.AxisValue {
	out := make([]record.AxisValue, len(cols))
	for a, c := range cols {
		v := record.AxisValue{Column: c.Name, Type: c.Type}
		switch c.Type {
		case record.AxisInt:
			v.Int = toInt(vals[a])
		case record.AxisFloat:
			v.Float = toFloat(vals[a])
		case record.AxisBool:
			v.Bool, _ = vals[a].(bool)
		default:
			v.Str = fmt.Sprint(vals[a])
		}
		out[a] = v
	}
	return out
}

func toInt(v any) int64 {
	switch x := v.(type) {
	case int:
		return int64(x)
	case int64:
		return x
	case uint64:
		return int64(x)
	case float64:
		return int64(x)
	}
	return 0
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case uint64:
		return float64(x)
	case float64:
		return x
	}
	return math.NaN()
}
