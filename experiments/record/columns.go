package record

import (
	"github.com/apache/arrow-go/v18/arrow"
)

// Column describes one column of a table as it is written to Parquet.
//
// The Arrow type maps to Parquet as follows: int32 → INT32, int64 → INT64, uint64 → INT64
// with logical type INTEGER(64, unsigned), float64 → DOUBLE (BYTE_STREAM_SPLIT encoded),
// bool → BOOLEAN, utf8 → BYTE_ARRAY with logical type STRING. Every column is REQUIRED
// (never null); missing values are encoded in-band (NaN in float columns, -1 in block
// columns), as documented per column.
type Column struct {
	Name  string         // snake_case of the row field's name
	Type  arrow.DataType // Arrow type of the column
	Doc   string         // one-line meaning, with units
	Stats bool           // min/max statistics are written for each row group
}

// column binds a Column to the function that reads its value from a row of type T.
// Exactly one getter is set, the one matching Type.
type column[T any] struct {
	Column
	i32 func(*T) int32
	i64 func(*T) int64
	u64 func(*T) uint64
	f64 func(*T) float64
	b   func(*T) bool
	s   func(*T) string
}

// table is the descriptor of one output table: its name (written as the "table"
// metadata value) and its columns in file order.
type table[T any] struct {
	name   string
	cols   []column[T]
	fields []arrow.Field
}

func newTable[T any](name string, cols ...[]column[T]) *table[T] {
	t := &table[T]{name: name}
	for _, c := range cols {
		t.cols = append(t.cols, c...)
	}
	t.fields = make([]arrow.Field, len(t.cols))
	for i, c := range t.cols {
		t.fields[i] = arrow.Field{Name: c.Name, Type: c.Type, Nullable: false}
	}
	return t
}

// columns returns a copy of the public descriptions of t's columns.
func (t *table[T]) columns() []Column {
	out := make([]Column, len(t.cols))
	for i, c := range t.cols {
		out[i] = c.Column
	}
	return out
}

func int32Col[T any](name, doc string, get func(*T) int32) column[T] {
	return column[T]{Column: Column{name, arrow.PrimitiveTypes.Int32, doc, true}, i32: get}
}

func int64Col[T any](name, doc string, get func(*T) int64) column[T] {
	return column[T]{Column: Column{name, arrow.PrimitiveTypes.Int64, doc, true}, i64: get}
}

func uint64Col[T any](name, doc string, get func(*T) uint64) column[T] {
	return column[T]{Column: Column{name, arrow.PrimitiveTypes.Uint64, doc, true}, u64: get}
}

func float64Col[T any](name, doc string, get func(*T) float64) column[T] {
	return column[T]{Column: Column{name, arrow.PrimitiveTypes.Float64, doc, true}, f64: get}
}

func boolCol[T any](name, doc string, get func(*T) bool) column[T] {
	return column[T]{Column: Column{name, arrow.FixedWidthTypes.Boolean, doc, true}, b: get}
}

func stringCol[T any](name, doc string, get func(*T) string) column[T] {
	return column[T]{Column: Column{name, arrow.BinaryTypes.String, doc, true}, s: get}
}

// withoutStats turns off the min/max statistics of cols. Statistics let readers skip row
// groups when filtering on a column; they are worth their cost (a comparison per value
// when writing) on key and time columns, not on the series table's measured values, which
// every row group spans alike.
func withoutStats[T any](cols []column[T]) []column[T] {
	for i := range cols {
		cols[i].Stats = false
	}
	return cols
}

// keyColumns returns the RunKey columns (cell, replicate, seed) that start every table.
func keyColumns[T any](key func(*T) *RunKey) []column[T] {
	return []column[T]{
		int32Col("cell", "grid cell index (0 for a single run)", func(r *T) int32 { return key(r).Cell }),
		int32Col("replicate", "replicate index within the cell (0 for a single run)", func(r *T) int32 { return key(r).Replicate }),
		uint64Col("seed", "the run's master seed", func(r *T) uint64 { return key(r).Seed }),
	}
}
