package record

import (
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// AxisType is the Parquet type of an experiment axis's column.
type AxisType string

// The axis types. An axis whose values are all booleans is AxisBool; all strings,
// AxisString; all whole numbers written without a decimal point (or from a rounded range),
// AxisInt; all numbers, AxisFloat. An axis mixing kinds is AxisString, its values printed
// as in the "axes" column.
const (
	AxisInt    AxisType = "int64"
	AxisFloat  AxisType = "double"
	AxisString AxisType = "string"
	AxisBool   AxisType = "bool"
)

// AxisPrefix starts the name of every typed axis column.
const AxisPrefix = "axis_"

// AxisColumnName is the column of the axis varying the scenario field at the dotted path
// param: "axis_" followed by the path with its dots replaced by underscores, e.g.
// chain.age_days → axis_chain_age_days.
func AxisColumnName(param string) string {
	return AxisPrefix + strings.ReplaceAll(param, ".", "_")
}

// AxisColumn is one typed axis column of the runs and summary tables of an experiment.
type AxisColumn struct {
	Name  string   // AxisColumnName(Param)
	Param string   // the scenario field, by its dotted YAML path
	Type  AxisType // the column's type
}

// AxisValue is a cell's value on one axis: the field matching the column's type is set.
type AxisValue struct {
	Column string // the column's name
	Type   AxisType
	Int    int64
	Float  float64
	Str    string
	Bool   bool
}

// WithAxes adds one typed column per axis, after the fixed columns, to a runs or summary
// file; each row's AxisValues must then hold one value per axis, in the same order. The
// series, events and comparisons writers refuse it.
func WithAxes(cols []AxisColumn) Option {
	return func(c *config) { c.axes = append([]AxisColumn(nil), cols...) }
}

// withAxisColumns returns t, or a copy of t with the axis columns of opts appended, the
// values read from each row by get. An axis column whose name is taken is an error.
func withAxisColumns[T any](t *table[T], opts []Option, get func(*T) []AxisValue) (*table[T], error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	if len(cfg.axes) == 0 {
		return t, nil
	}
	if get == nil {
		return nil, fmt.Errorf("record: the %s table has no axis columns", t.name)
	}
	taken := map[string]bool{}
	for _, c := range t.cols {
		taken[c.Name] = true
	}
	extra := make([]column[T], len(cfg.axes))
	for k, ax := range cfg.axes {
		if !strings.HasPrefix(ax.Name, AxisPrefix) || taken[ax.Name] {
			return nil, fmt.Errorf("record: axis column %q: expected a unique name starting with %q", ax.Name, AxisPrefix)
		}
		taken[ax.Name] = true
		doc := "value of the experiment axis " + ax.Param
		val := func(r *T) *AxisValue {
			vs := get(r)
			if k >= len(vs) {
				return &AxisValue{}
			}
			return &vs[k]
		}
		switch ax.Type {
		case AxisInt:
			extra[k] = int64Col(ax.Name, doc, func(r *T) int64 { return val(r).Int })
		case AxisFloat:
			extra[k] = float64Col(ax.Name, doc, func(r *T) float64 { return val(r).Float })
		case AxisBool:
			extra[k] = boolCol(ax.Name, doc, func(r *T) bool { return val(r).Bool })
		case AxisString:
			extra[k] = stringCol(ax.Name, doc, func(r *T) string { return val(r).Str })
		default:
			return nil, fmt.Errorf("record: axis column %q: unknown type %q", ax.Name, ax.Type)
		}
	}
	return newTable(t.name, t.cols, extra), nil
}

// checkAxisValues reports a row whose axis values do not match the file's axis columns.
func checkAxisValues[T any](t *table[T], n int, vs []AxisValue) error {
	if len(vs) != n {
		return fmt.Errorf("%s row has %d axis values, the file has %d axis columns", t.name, len(vs), n)
	}
	return nil
}

// readAxisValues returns, per row of tbl, the values of its axis columns (those whose
// names start with AxisPrefix), in file order.
func readAxisValues(tbl arrow.Table) ([][]AxisValue, error) {
	rows := make([][]AxisValue, tbl.NumRows())
	for i, f := range tbl.Schema().Fields() {
		if !strings.HasPrefix(f.Name, AxisPrefix) {
			continue
		}
		r := 0
		for _, ch := range tbl.Column(i).Data().Chunks() {
			for k := range ch.Len() {
				v := AxisValue{Column: f.Name}
				switch a := ch.(type) {
				case *array.Int64:
					v.Type, v.Int = AxisInt, a.Value(k)
				case *array.Float64:
					v.Type, v.Float = AxisFloat, a.Value(k)
				case *array.Boolean:
					v.Type, v.Bool = AxisBool, a.Value(k)
				case *array.String:
					v.Type, v.Str = AxisString, strings.Clone(a.Value(k))
				default:
					return nil, fmt.Errorf("axis column %s: unexpected type %s", f.Name, ch.DataType())
				}
				rows[r] = append(rows[r], v)
				r++
			}
		}
	}
	return rows, nil
}
