package record

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"strings"
	"unicode"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// ReadRuns reads the RunRows of a runs file (one or many rows). Columns are matched to
// RunRow's fields by name; a column the file lacks is an error naming it.
func ReadRuns(path string) ([]RunRow, error) {
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
	n := int(tbl.NumRows())
	rows := make([]RunRow, n)
	var fill func(v reflect.Value, index []int) error
	fill = func(t reflect.Value, index []int) error {
		typ := t.Type()
		for i := range typ.NumField() {
			fld := typ.Field(i)
			if fld.Anonymous {
				if err := fill(t.Field(i), append(index, i)); err != nil {
					return err
				}
				continue
			}
			name := snake(fld.Name)
			cols := tbl.Schema().FieldIndices(name)
			if len(cols) == 0 {
				return fmt.Errorf("record: %s: no column %q", path, name)
			}
			chunks := tbl.Column(cols[0]).Data().Chunks()
			r := 0
			for _, ch := range chunks {
				for k := range ch.Len() {
					dst := reflect.ValueOf(&rows[r]).Elem().FieldByIndex(append(index, i))
					if err := set(dst, ch, k); err != nil {
						return fmt.Errorf("record: %s: column %s: %w", path, name, err)
					}
					r++
				}
			}
		}
		return nil
	}
	if n > 0 {
		if err := fill(reflect.ValueOf(&rows[0]).Elem(), nil); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

func set(dst reflect.Value, a arrow.Array, k int) error {
	switch c := a.(type) {
	case *array.Int32:
		dst.SetInt(int64(c.Value(k)))
	case *array.Int64:
		dst.SetInt(c.Value(k))
	case *array.Uint64:
		dst.SetUint(c.Value(k))
	case *array.Float64:
		dst.SetFloat(c.Value(k))
	case *array.Boolean:
		dst.SetBool(c.Value(k))
	case *array.String:
		dst.SetString(c.Value(k))
	default:
		return fmt.Errorf("unexpected type %s", a.DataType())
	}
	return nil
}

// snake converts a Go field name to the column name the package promises: words split at
// lower→upper and letter→digit boundaries and before the last capital of an acronym,
// with "PnL" read as one word. FlowEMA → flow_ema, RootTAO → root_tao,
// Drawdown24h → drawdown_24h, PnLNoise → pnl_noise.
func snake(name string) string {
	name = strings.ReplaceAll(name, "PnL", "Pnl")
	rs := []rune(name)
	var b strings.Builder
	for i, r := range rs {
		if i > 0 {
			prev := rs[i-1]
			next := rune(0)
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			switch {
			case unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)),
				unicode.IsUpper(r) && unicode.IsUpper(prev) && unicode.IsLower(next),
				unicode.IsDigit(r) && unicode.IsLetter(prev):
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
