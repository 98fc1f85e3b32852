package record

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// ReadSeries reads the SeriesRows of a series file. Columns are matched to SeriesRow's
// fields through the table's descriptor (the names the writer uses); a column the file
// lacks is an error naming it.
func ReadSeries(path string) ([]SeriesRow, error) { return readRows(path, seriesTable, nil) }

// ReadEvents reads the EventRows of an events file (see ReadSeries).
func ReadEvents(path string) ([]EventRow, error) { return readRows(path, eventsTable, nil) }

// ReadSummary reads the SummaryRows of a summary.parquet file (see ReadSeries).
// Its typed axis columns, if any, fill each row's AxisValues.
func ReadSummary(path string) ([]SummaryRow, error) {
	return readRows(path, summaryTable, func(r *SummaryRow, v []AxisValue) { r.AxisValues = v })
}

// ReadComparisons reads the ComparisonRows of a comparisons.parquet file (see ReadSeries).
func ReadComparisons(path string) ([]ComparisonRow, error) {
	return readRows(path, comparisonTable, nil)
}

// readRows reads a whole Parquet file written for table t into rows of type T. The
// descriptor's columns follow T's fields in order (embedded structs flattened), so column
// i fills field i; matching by position rather than by snake-casing the field name keeps
// columns whose names differ from their fields' (ComparisonRow.Group is "crn_group").
// Fields tagged `record:"-"` are not columns. If setAxes is not nil, it receives each
// row's typed axis columns (see WithAxes).
func readRows[T any](path string, t *table[T], setAxes func(*T, []AxisValue)) ([]T, error) {
	fields := flatIndices(reflect.TypeFor[T](), nil)
	if len(fields) != len(t.cols) {
		panic(fmt.Sprintf("record: table %s has %d columns for %d fields", t.name, len(t.cols), len(fields)))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pr, err := file.NewParquetReader(f)
	if err != nil {
		return nil, fmt.Errorf("record: %s: %w", path, err)
	}
	defer pr.Close()
	fr, err := pqarrow.NewFileReader(pr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		return nil, fmt.Errorf("record: %s: %w", path, err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		return nil, fmt.Errorf("record: %s: %w", path, err)
	}
	defer tbl.Release()
	rows := make([]T, int(tbl.NumRows()))
	rv := reflect.ValueOf(rows)
	for i, c := range t.cols {
		idx := tbl.Schema().FieldIndices(c.Name)
		if len(idx) == 0 {
			v := "none"
			if kv := pr.MetaData().KeyValueMetadata(); kv != nil {
				if s := kv.FindValue(MetaSchemaVersion); s != nil {
					v = *s
				}
			}
			return nil, fmt.Errorf("record: %s: no column %q (the file's schema version is %s, this tool's %s: read it with the tool that wrote it, or run it again)", path, c.Name, v, SchemaVersion)
		}
		r := 0
		for _, ch := range tbl.Column(idx[0]).Data().Chunks() {
			if err := fillColumn(rv, fields[i], r, ch); err != nil {
				return nil, fmt.Errorf("record: %s: column %s: %w", path, c.Name, err)
			}
			r += ch.Len()
		}
	}
	if setAxes != nil {
		vals, err := readAxisValues(tbl)
		if err != nil {
			return nil, fmt.Errorf("record: %s: %w", path, err)
		}
		for i := range rows {
			setAxes(&rows[i], vals[i])
		}
	}
	return rows, nil
}

// flatIndices returns the index path of every non-embedded field of typ, depth first.
func flatIndices(typ reflect.Type, prefix []int) [][]int {
	var out [][]int
	for i := range typ.NumField() {
		idx := append(append([]int(nil), prefix...), i)
		f := typ.Field(i)
		if f.Tag.Get("record") == "-" {
			continue
		}
		if f.Anonymous {
			out = append(out, flatIndices(f.Type, idx)...)
			continue
		}
		out = append(out, idx)
	}
	return out
}

// arrowKind is the Go kind of the field an Arrow column type fills.
var arrowKind = map[arrow.Type]reflect.Kind{
	arrow.INT32: reflect.Int32, arrow.INT64: reflect.Int64, arrow.UINT64: reflect.Uint64,
	arrow.FLOAT64: reflect.Float64, arrow.BOOL: reflect.Bool, arrow.STRING: reflect.String,
}

// fillColumn sets field index of rows[from:from+a.Len()] from the Arrow array a. Strings
// are copied out of a's buffers (which the caller releases) and interned, since columns
// such as "kind" repeat a few values over many rows.
func fillColumn(rows reflect.Value, index []int, from int, a arrow.Array) error {
	if want := rows.Type().Elem().FieldByIndex(index).Type.Kind(); arrowKind[a.DataType().ID()] != want {
		return fmt.Errorf("type %s does not fill a %s field", a.DataType(), want)
	}
	field := func(k int) reflect.Value { return rows.Index(from + k).FieldByIndex(index) }
	switch c := a.(type) {
	case *array.Int32:
		for k := range c.Len() {
			field(k).SetInt(int64(c.Value(k)))
		}
	case *array.Int64:
		for k := range c.Len() {
			field(k).SetInt(c.Value(k))
		}
	case *array.Uint64:
		for k := range c.Len() {
			field(k).SetUint(c.Value(k))
		}
	case *array.Float64:
		for k := range c.Len() {
			field(k).SetFloat(c.Value(k))
		}
	case *array.Boolean:
		for k := range c.Len() {
			field(k).SetBool(c.Value(k))
		}
	case *array.String:
		seen := map[string]string{}
		for k := range c.Len() {
			v, ok := seen[c.Value(k)]
			if !ok {
				v = strings.Clone(c.Value(k))
				seen[v] = v
			}
			field(k).SetString(v)
		}
	default:
		return fmt.Errorf("unexpected type %s", a.DataType())
	}
	return nil
}

// ReadEffects reads the EffectRows of an effects.parquet file (see ReadSeries).
func ReadEffects(path string) ([]EffectRow, error) { return readRows(path, effectTable, nil) }

// ReadInteractions reads the InteractionRows of an interactions.parquet file (see
// ReadSeries).
func ReadInteractions(path string) ([]InteractionRow, error) {
	return readRows(path, interactionTable, nil)
}

// ReadColumns reads the named columns of any Parquet file written by this package as
// float64 values, one slice per name in order: booleans as 1 or 0, integers converted.
// A name the file has no column for gives a nil slice and is listed in absent, so that a
// caller can skip a quantity that older files lack. A string column is an error.
func ReadColumns(path string, names []string) (cols [][]float64, absent []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	pr, err := file.NewParquetReader(f)
	if err != nil {
		return nil, nil, fmt.Errorf("record: %s: %w", path, err)
	}
	defer pr.Close()
	fr, err := pqarrow.NewFileReader(pr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		return nil, nil, fmt.Errorf("record: %s: %w", path, err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		return nil, nil, fmt.Errorf("record: %s: %w", path, err)
	}
	defer tbl.Release()
	cols = make([][]float64, len(names))
	for i, name := range names {
		idx := tbl.Schema().FieldIndices(name)
		if len(idx) == 0 {
			absent = append(absent, name)
			continue
		}
		col := tbl.Column(idx[0])
		out := make([]float64, 0, col.Len())
		for _, ch := range col.Data().Chunks() {
			for k := range ch.Len() {
				switch a := ch.(type) {
				case *array.Float64:
					out = append(out, a.Value(k))
				case *array.Boolean:
					v := 0.0
					if a.Value(k) {
						v = 1
					}
					out = append(out, v)
				case *array.Int32:
					out = append(out, float64(a.Value(k)))
				case *array.Int64:
					out = append(out, float64(a.Value(k)))
				case *array.Uint64:
					out = append(out, float64(a.Value(k)))
				default:
					return nil, nil, fmt.Errorf("record: %s: column %s: type %s is not numeric", path, name, ch.DataType())
				}
			}
		}
		cols[i] = out
	}
	return cols, absent, nil
}
