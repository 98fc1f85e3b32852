package record

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"unicode"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// rowWriter is what SeriesWriter, EventWriter and RunWriter have in common.
type rowWriter[T any] interface {
	Append(*T) error
	Close() error
	Abort()
}

// writeRows writes rows to path with a fresh writer and closes it.
func writeRows[T any, W rowWriter[T]](newW func(string, Meta, ...Option) (W, error), path string, meta Meta, rows []T, opts ...Option) error {
	w, err := newW(path, meta, opts...)
	if err != nil {
		return err
	}
	defer w.Abort()
	for i := range rows {
		if err := w.Append(&rows[i]); err != nil {
			return err
		}
	}
	return w.Close()
}

// Row generators. Every field gets a value distinct from every other field's in the same
// row, so that a column written from the wrong field cannot go unnoticed.

var kinds = []string{"utility", "revenue", "meme"}

func makeSeries(n int) []SeriesRow {
	rows := make([]SeriesRow, n)
	for i := range rows {
		x := float64(i)
		rows[i] = SeriesRow{
			RunKey:           RunKey{Cell: 3, Replicate: 7, Seed: math.MaxUint64 - 11}, // exercises the unsigned range
			Block:            1_000_000 + int64(i),
			Day:              x / 7200,
			Netuid:           int32(i % 64),
			Kind:             kinds[i%3],
			Mechanism:        fmt.Sprintf("preset-%d", i%2),
			Price:            0.01 + x*1e-6,
			MovingPrice:      0.02 + x*1e-6,
			TaoReserve:       1e3 + x,
			AlphaReserve:     2e3 + x,
			AlphaOutstanding: 3e3 + x,
			AlphaIssuance:    4e3 + x,
			EmissionShare:    1 / (x + 2),
			TaoEmission:      0.5 / (x + 3),
			RootProp:         0.25 + x*1e-7,
			RootStakeShare:   0.35 + x*1e-7,
			HolderAlpha:      5e3 + x,
			FlowEMA:          -x, // negative values too
			TaoIssuance:      6e6 + x,
			RootTAO:          7e6 + x,
		}
	}
	if n > 0 {
		rows[0].Price = math.NaN()
		rows[n-1].FlowEMA = math.Inf(-1)
	}
	return rows
}

func makeEvents(n int) []EventRow {
	types := []string{"takeover", "capture_start", "capture", "capture_end", "intervention", "halving"}
	rows := make([]EventRow, n)
	for i := range rows {
		rows[i] = EventRow{
			RunKey: RunKey{Cell: 1, Replicate: 2, Seed: 42},
			Block:  int64(100 * i),
			Day:    float64(100*i) / 7200,
			Type:   types[i%len(types)],
			Netuid: int32(i%10) - 1,
			Value:  float64(i) * 0.125,
			Detail: fmt.Sprintf("detail %d: ünïcode ✓", i),
		}
	}
	return rows
}

func makeRuns(n int) []RunRow {
	rows := make([]RunRow, n)
	for i := range rows {
		x := float64(i)
		none := i%2 == 0 // every other run has no capture and no intervention
		r := RunRow{
			RunKey:              RunKey{Cell: int32(i / 10), Replicate: int32(i % 10), Seed: uint64(i) * 0x9e3779b97f4a7c15},
			Scenario:            "baseline",
			Mechanism:           []string{"flow", "price"}[i%2],
			Axes:                fmt.Sprintf("theta=%d;w=0.%d", i/10, i%3),
			Blocks:              7200 * 365,
			Captured:            !none,
			CaptureBlock:        1000 + int64(i),
			CaptureDay:          x / 10,
			RankCaptured:        i%3 == 0,
			RankCaptureBlock:    2000 + int64(i),
			PeakMemeShare:       0.5 + x*1e-4,
			MeanMemeShare:       0.2 + x*1e-4,
			CumMemeTAO:          1e4 + x,
			CumTAO:              1e5 + x,
			Intervened:          !none,
			InterventionBlock:   3000 + int64(i),
			InterventionDay:     x / 5,
			RootShareAtInterv:   0.6 + x*1e-4,
			Drawdown24h:         0.1 + x*1e-4,
			InterventionSuccess: float64(i % 2),
			Takeover:            i%5 != 0,
			TakeoverBlock:       100 + int64(i),
			MemeStartRank:       int32(i%64) + 1,
			MemeShareAtTakeover: 0.01 + x*1e-4,
			MemeRankAtTakeover:  int32(i%60) + 1,
			InTopKAtTakeover:    i%7 == 0,
			AtThetaAtTakeover:   i%11 == 0,
			CaptureMinDays:      7,
			MemePriceAtTakeover: 0.5 + x*1e-4,
			PeakMemePrice:       2 + x*1e-4,
			FinalMemePrice:      1 + x*1e-4,
			DecisionBlock:       500 + int64(i),
			DecisionDay:         x / 6,
			MemeShareAtDecision: 0.2 + x*1e-4,
			MemeShareAfter:      0.05 + x*1e-4,
			PriceChange24h:      -0.5 + x*1e-4,
			MemeTAOAfter:        30 + x,
			FinalMemeShare:      0.3 + x*1e-4,
			FinalRootPropMean:   0.4 + x*1e-4,
			PnLSpeculators:      -10 - x,
			PnLYieldStakers:     11 + x,
			PnLArbitrageurs:     12 + x,
			PnLNoise:            -13 - x,
			PnLRootValidators:   14 + x,
			PnLSubnetCohorts:    15 + x,
			Actions:             int64(i) * 1000,
		}
		if none {
			r.CaptureBlock, r.RankCaptureBlock, r.InterventionBlock = -1, -1, -1
			r.CaptureDay, r.InterventionDay = math.NaN(), math.NaN()
			r.RootShareAtInterv, r.Drawdown24h = math.NaN(), math.NaN()
		}
		rows[i] = r
	}
	return rows
}

// flatFields returns the row type's fields in order, with the embedded RunKey expanded,
// as index paths for reflect.Value.FieldByIndex.
func flatFields(t reflect.Type) []reflect.StructField {
	var out []reflect.StructField
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Tag.Get("record") == "-" {
			continue
		}
		if f.Anonymous {
			for _, g := range flatFields(f.Type) {
				g.Index = append([]int{i}, g.Index...)
				out = append(out, g)
			}
			continue
		}
		out = append(out, f)
	}
	return out
}

var kindType = map[reflect.Kind]arrow.DataType{
	reflect.Int32:   arrow.PrimitiveTypes.Int32,
	reflect.Int64:   arrow.PrimitiveTypes.Int64,
	reflect.Uint64:  arrow.PrimitiveTypes.Uint64,
	reflect.Float64: arrow.PrimitiveTypes.Float64,
	reflect.Bool:    arrow.FixedWidthTypes.Boolean,
	reflect.String:  arrow.BinaryTypes.String,
}

func TestColumnsFollowRows(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		cols []Column
		row  reflect.Type
	}{
		{"series", SeriesColumns(), reflect.TypeFor[SeriesRow]()},
		{"events", EventColumns(), reflect.TypeFor[EventRow]()},
		{"runs", RunColumns(), reflect.TypeFor[RunRow]()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fields := flatFields(tc.row)
			if len(fields) != len(tc.cols) {
				t.Fatalf("%d columns for %d fields", len(tc.cols), len(fields))
			}
			for i, f := range fields {
				c := tc.cols[i]
				if want := snake(f.Name); c.Name != want {
					t.Errorf("column %d: name %q, want %q (field %s)", i, c.Name, want, f.Name)
				}
				if want := kindType[f.Type.Kind()]; !arrow.TypeEqual(c.Type, want) {
					t.Errorf("column %s: type %s, want %s", c.Name, c.Type, want)
				}
				if c.Doc == "" {
					t.Errorf("column %s: no doc", c.Name)
				}
			}
		})
	}
}

// readBack reads a Parquet file with arrow-go's reader. It returns the file metadata and
// the table, which the caller releases.
func readBack(t *testing.T, path string, mem memory.Allocator) (*file.Reader, arrow.Table) {
	t.Helper()
	rdr, err := file.OpenParquetFile(path, false, file.WithReadProps(parquet.NewReaderProperties(mem)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rdr.Close() })
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, mem)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return rdr, tbl
}

// value returns element i of a column read back, as the Go type of the row field.
func value(col *arrow.Chunked, i int) any {
	for _, a := range col.Chunks() {
		if i >= a.Len() {
			i -= a.Len()
			continue
		}
		switch a := a.(type) {
		case *array.Int32:
			return a.Value(i)
		case *array.Int64:
			return a.Value(i)
		case *array.Uint64:
			return a.Value(i)
		case *array.Float64:
			return a.Value(i)
		case *array.Boolean:
			return a.Value(i)
		case *array.String:
			return a.Value(i)
		default:
			panic(fmt.Sprintf("unexpected array type %s", a.DataType()))
		}
	}
	panic("index out of range")
}

// checkFile checks everything a reader relies on: schema, every value, metadata, codec
// and encodings.
func checkFile[T any](t *testing.T, path string, cols []Column, table string, meta Meta, rows []T, mem memory.Allocator) {
	t.Helper()
	rdr, tbl := readBack(t, path, mem)
	defer tbl.Release()

	if got := int(tbl.NumRows()); got != len(rows) {
		t.Fatalf("read %d rows, wrote %d", got, len(rows))
	}
	sc := tbl.Schema()
	if sc.NumFields() != len(cols) {
		t.Fatalf("read %d columns, want %d", sc.NumFields(), len(cols))
	}
	fields := flatFields(reflect.TypeFor[T]())
	for j, c := range cols {
		f := sc.Field(j)
		if f.Name != c.Name || !arrow.TypeEqual(f.Type, c.Type) || f.Nullable {
			t.Fatalf("column %d read as %s, want %s %s not null", j, f, c.Name, c.Type)
		}
		col := tbl.Column(j).Data()
		for i := range rows {
			want := reflect.ValueOf(&rows[i]).Elem().FieldByIndex(fields[j].Index).Interface()
			got := value(col, i)
			// Floats are stored as their 8 bytes, so the round trip is exact, NaN included:
			// compare bits rather than with a tolerance.
			if w, ok := want.(float64); ok {
				if math.Float64bits(got.(float64)) != math.Float64bits(w) {
					t.Fatalf("row %d %s: got %v, want %v", i, c.Name, got, w)
				}
				continue
			}
			if got != want {
				t.Fatalf("row %d %s: got %v, want %v", i, c.Name, got, want)
			}
		}
	}

	md := rdr.MetaData()
	kv := md.KeyValueMetadata()
	wantKV := map[string]string{MetaTable: table, MetaSchemaVersion: SchemaVersion}
	for k, v := range meta {
		wantKV[k] = v
	}
	for k, v := range wantKV {
		if got := kv.FindValue(k); got == nil || *got != v {
			t.Errorf("metadata %q = %v, want %q", k, got, v)
		}
	}
	// Keys in a fixed order (writer's, then sorted caller's) make files reproducible.
	if keys := kv.Keys(); len(keys) < 2 || keys[0] != MetaTable || keys[1] != MetaSchemaVersion || !slices.IsSorted(keys[2:]) {
		t.Errorf("metadata keys in order %q", keys)
	}

	for g := range md.NumRowGroups() {
		rg := md.RowGroup(g)
		for j, c := range cols {
			cc, err := rg.ColumnChunk(j)
			if err != nil {
				t.Fatal(err)
			}
			if cc.Compression() != compress.Codecs.Zstd {
				t.Errorf("row group %d column %s: codec %s, want ZSTD", g, c.Name, cc.Compression())
			}
			want := parquet.Encodings.Plain
			if c.Type.ID() == arrow.FLOAT64 {
				want = parquet.Encodings.ByteStreamSplit
			}
			if encs := cc.Encodings(); !slices.Contains(encs, want) || slices.Contains(encs, parquet.Encodings.RLEDict) {
				t.Errorf("row group %d column %s: encodings %v, want %v", g, c.Name, encs, want)
			}
			st, err := cc.Statistics()
			if has := err == nil && st != nil && st.HasMinMax(); has != c.Stats {
				t.Errorf("row group %d column %s: min/max statistics %v, want %v (%v)", g, c.Name, has, c.Stats, err)
			}
		}
	}
}

// checkedMem returns an allocator that fails the test if anything allocated through it is
// still held when the test ends.
func checkedMem(t *testing.T) *memory.CheckedAllocator {
	mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
	t.Cleanup(func() { mem.AssertSize(t, 0) })
	return mem
}

var testMeta = Meta{"spec_hash": "sha256:abc", "master_seed": "42", "tool_version": "v0.0.0-test"}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	// 300 rows in row groups of 128: three row groups, the last one partial.
	opts := func(mem memory.Allocator) []Option { return []Option{WithAllocator(mem), WithRowGroupRows(128)} }
	t.Run("series", func(t *testing.T) {
		t.Parallel()
		mem, path, rows := checkedMem(t), filepath.Join(t.TempDir(), "series.parquet"), makeSeries(300)
		if err := writeRows(NewSeriesWriter, path, testMeta, rows, opts(mem)...); err != nil {
			t.Fatal(err)
		}
		checkFile(t, path, SeriesColumns(), "series", testMeta, rows, mem)
	})
	t.Run("events", func(t *testing.T) {
		t.Parallel()
		mem, path, rows := checkedMem(t), filepath.Join(t.TempDir(), "events.parquet"), makeEvents(300)
		if err := writeRows(NewEventWriter, path, testMeta, rows, opts(mem)...); err != nil {
			t.Fatal(err)
		}
		checkFile(t, path, EventColumns(), "events", testMeta, rows, mem)
	})
	t.Run("runs", func(t *testing.T) {
		t.Parallel()
		mem, path, rows := checkedMem(t), filepath.Join(t.TempDir(), "runs.parquet"), makeRuns(300)
		if err := writeRows(NewRunWriter, path, testMeta, rows, opts(mem)...); err != nil {
			t.Fatal(err)
		}
		checkFile(t, path, RunColumns(), "runs", testMeta, rows, mem)
	})
	t.Run("empty", func(t *testing.T) {
		t.Parallel()
		mem, path := checkedMem(t), filepath.Join(t.TempDir(), "events.parquet")
		if err := writeRows(NewEventWriter, path, nil, []EventRow{}, opts(mem)...); err != nil {
			t.Fatal(err)
		}
		checkFile(t, path, EventColumns(), "events", nil, []EventRow{}, mem)
	})
}

func TestNaNRoundTrip(t *testing.T) {
	t.Parallel()
	mem, path := checkedMem(t), filepath.Join(t.TempDir(), "runs.parquet")
	row := makeRuns(1)[0] // run 0 has neither capture nor intervention
	if err := writeRows(NewRunWriter, path, nil, []RunRow{row}, WithAllocator(mem)); err != nil {
		t.Fatal(err)
	}
	_, tbl := readBack(t, path, mem)
	defer tbl.Release()
	for _, name := range []string{"capture_day", "intervention_day", "root_share_at_interv", "drawdown_24h"} {
		idx := tbl.Schema().FieldIndices(name)
		if len(idx) != 1 {
			t.Fatalf("no column %s", name)
		}
		if v := value(tbl.Column(idx[0]).Data(), 0).(float64); !math.IsNaN(v) {
			t.Errorf("%s = %v, want NaN", name, v)
		}
	}
}

// peakAllocator records the largest number of bytes held at once.
type peakAllocator struct {
	*memory.CheckedAllocator
	peak int
}

func (a *peakAllocator) note() { a.peak = max(a.peak, a.CurrentAlloc()) }

func (a *peakAllocator) Allocate(n int) []byte {
	b := a.CheckedAllocator.Allocate(n)
	a.note()
	return b
}

func (a *peakAllocator) Reallocate(n int, b []byte) []byte {
	b = a.CheckedAllocator.Reallocate(n, b)
	a.note()
	return b
}

func TestManyRows(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("writes 300k rows")
	}
	const n = 300_000
	mem := &peakAllocator{CheckedAllocator: checkedMem(t)}
	path := filepath.Join(t.TempDir(), "series.parquet")
	w, err := NewSeriesWriter(path, testMeta, WithAllocator(mem))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	rows := makeSeries(1000)
	for i := range n {
		r := rows[i%len(rows)]
		r.Block = int64(i)
		if err := w.Append(&r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	writePeak := mem.peak

	// A row group of 64Ki series rows holds about 11 MiB of column data (19 eight-byte
	// columns, 3 four-byte ones and two short strings); the whole file would be ~50 MiB.
	// Twice a row group leaves room for the encoders' page buffers.
	if limit := 2 * DefaultRowGroupRows * 200; writePeak > limit {
		t.Errorf("peak allocation %d bytes, want ≤ %d: rows are not flushed", writePeak, limit)
	}

	rdr, tbl := readBack(t, path, mem)
	defer tbl.Release()
	if got := tbl.NumRows(); got != n {
		t.Fatalf("read %d rows, want %d", got, n)
	}
	md := rdr.MetaData()
	if want := (n + DefaultRowGroupRows - 1) / DefaultRowGroupRows; md.NumRowGroups() != want {
		t.Errorf("%d row groups, want %d", md.NumRowGroups(), want)
	}
	for g := range md.NumRowGroups() {
		if r := md.RowGroup(g).NumRows(); r > DefaultRowGroupRows {
			t.Errorf("row group %d has %d rows", g, r)
		}
	}
	blocks := tbl.Column(slices.IndexFunc(SeriesColumns(), func(c Column) bool { return c.Name == "block" })).Data()
	for _, i := range []int{0, 1, DefaultRowGroupRows - 1, DefaultRowGroupRows, n - 1} {
		if got := value(blocks, i).(int64); got != int64(i) {
			t.Errorf("block at row %d = %d", i, got)
		}
	}
	t.Logf("peak allocation while writing: %.1f MiB", float64(writePeak)/(1<<20))
}

// dirEntries lists dir, so that tests can check that no temporary file is left behind.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestAbort(t *testing.T) {
	t.Parallel()
	mem, dir := checkedMem(t), t.TempDir()
	path := filepath.Join(dir, "series.parquet")
	w, err := NewSeriesWriter(path, nil, WithAllocator(mem), WithRowGroupRows(10))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range makeSeries(25) { // two row groups on disk, five rows buffered
		if err := w.Append(&r); err != nil {
			t.Fatalf("append %d: %v", i, err)
		}
	}
	if names := dirEntries(t, dir); len(names) != 1 || !strings.HasPrefix(names[0], ".series.parquet.tmp-") {
		t.Fatalf("while writing, directory holds %q, want one temporary file", names)
	}
	w.Abort()
	w.Abort() // idempotent
	if names := dirEntries(t, dir); len(names) != 0 {
		t.Errorf("after Abort, directory holds %q", names)
	}
	r := makeSeries(1)[0]
	errA := w.Append(&r)
	errC := w.Close()
	if errA == nil || errC == nil || errA != errC || !strings.HasPrefix(errA.Error(), "record: ") || !strings.Contains(errA.Error(), "aborted") {
		t.Errorf("after Abort: Append error %v, Close error %v", errA, errC)
	}
	if names := dirEntries(t, dir); len(names) != 0 {
		t.Errorf("after Close, directory holds %q", names)
	}
}

// failingWriter passes writes through until failing is set, then fails them all.
type failingWriter struct {
	w       io.Writer
	failing *atomic.Bool
}

var errDiskFull = errors.New("disk full (simulated)")

func (f failingWriter) Write(p []byte) (int, error) {
	if f.failing.Load() {
		return 0, errDiskFull
	}
	return f.w.Write(p)
}

// withFailure makes the writer's output fail once failing is set.
func withFailure(failing *atomic.Bool) Option {
	return func(c *config) {
		c.wrap = func(w io.Writer) io.Writer { return failingWriter{w, failing} }
	}
}

func TestFailedAppend(t *testing.T) {
	t.Parallel()
	mem, dir := checkedMem(t), t.TempDir()
	path := filepath.Join(dir, "events.parquet")
	var failing atomic.Bool
	w, err := NewEventWriter(path, nil, WithAllocator(mem), WithRowGroupRows(10), withFailure(&failing))
	if err != nil {
		t.Fatal(err)
	}
	rows := makeEvents(30)
	for i := range 15 { // one row group written
		if err := w.Append(&rows[i]); err != nil {
			t.Fatal(err)
		}
	}
	failing.Store(true)
	var first error
	for i := 15; i < 20 && first == nil; i++ { // the second row group fails at row 20
		first = w.Append(&rows[i])
	}
	if first == nil || !errors.Is(first, errDiskFull) || !strings.HasPrefix(first.Error(), "record: "+path+": ") {
		t.Fatalf("Append error %v, want one wrapping %v, prefixed with the package and path", first, errDiskFull)
	}
	if names := dirEntries(t, dir); len(names) != 0 {
		t.Errorf("after a failed Append, directory holds %q", names)
	}
	failing.Store(false) // the failure stays even if the disk recovers
	if err := w.Append(&rows[21]); err != first {
		t.Errorf("next Append: %v, want the first error", err)
	}
	if err := w.Close(); err != first {
		t.Errorf("Close: %v, want the first error", err)
	}
	w.Abort()
	if names := dirEntries(t, dir); len(names) != 0 {
		t.Errorf("after Close, directory holds %q", names)
	}
}

func TestFailedClose(t *testing.T) {
	t.Parallel()
	t.Run("write", func(t *testing.T) {
		t.Parallel()
		mem, dir := checkedMem(t), t.TempDir()
		path := filepath.Join(dir, "runs.parquet")
		var failing atomic.Bool
		w, err := NewRunWriter(path, nil, WithAllocator(mem), withFailure(&failing))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range makeRuns(20) {
			if err := w.Append(&r); err != nil {
				t.Fatal(err)
			}
		}
		failing.Store(true) // the rows are still buffered: Close writes them and the footer
		err = w.Close()
		if !errors.Is(err, errDiskFull) || !strings.HasPrefix(err.Error(), "record: ") {
			t.Fatalf("Close: %v, want one wrapping %v", err, errDiskFull)
		}
		if names := dirEntries(t, dir); len(names) != 0 {
			t.Errorf("after a failed Close, directory holds %q", names)
		}
		if err2 := w.Close(); err2 != err {
			t.Errorf("second Close: %v, want %v", err2, err)
		}
	})
	t.Run("rename", func(t *testing.T) {
		t.Parallel()
		mem, dir := checkedMem(t), t.TempDir()
		path := filepath.Join(dir, "runs.parquet")
		// A non-empty directory where the file should go makes the rename fail.
		if err := os.MkdirAll(filepath.Join(path, "occupied"), 0o755); err != nil {
			t.Fatal(err)
		}
		err := writeRows(NewRunWriter, path, nil, makeRuns(3), WithAllocator(mem))
		if err == nil || !strings.HasPrefix(err.Error(), "record: ") || !strings.Contains(err.Error(), path) {
			t.Fatalf("Close: %v, want an error naming %s", err, path)
		}
		if names := dirEntries(t, dir); !slices.Equal(names, []string{"runs.parquet"}) {
			t.Errorf("after a failed rename, directory holds %q", names)
		}
	})
}

func TestCreateErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notDir := filepath.Join(dir, "plain-file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	readOnly := filepath.Join(dir, "read-only")
	if err := os.Mkdir(readOnly, 0o555); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		path   string
		meta   Meta
		opts   []Option
		is     error  // if not nil, the error must wrap it
		substr string // the error must contain it
		skip   string
	}{
		{name: "missing directory", path: filepath.Join(dir, "no", "such", "dir", "s.parquet"), is: fs.ErrNotExist},
		{name: "parent is a file", path: filepath.Join(notDir, "s.parquet")},
		{name: "read-only directory", path: filepath.Join(readOnly, "s.parquet"), is: fs.ErrPermission,
			skip: map[bool]string{true: "root ignores directory permissions"}[os.Geteuid() == 0]},
		{name: "reserved key", path: filepath.Join(dir, "s.parquet"), meta: Meta{"table": "x"}, substr: `"table" is reserved`},
		{name: "row group size", path: filepath.Join(dir, "s.parquet"), opts: []Option{WithRowGroupRows(0)}, substr: "positive"},
		{name: "nil allocator", path: filepath.Join(dir, "s.parquet"), opts: []Option{WithAllocator(nil)}, substr: "allocator"},
		{name: "directory path", path: dir + string(filepath.Separator), substr: "directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.skip != "" {
				t.Skip(tc.skip)
			}
			w, err := NewSeriesWriter(tc.path, tc.meta, tc.opts...)
			if err == nil {
				w.Abort()
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "record: ") || !strings.Contains(msg, tc.path) {
				t.Errorf("error %q does not start with %q and name %s", msg, "record: ", tc.path)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %q does not wrap %v", msg, tc.is)
			}
			if !strings.Contains(msg, tc.substr) {
				t.Errorf("error %q does not say %q", msg, tc.substr)
			}
		})
	}
	if names := dirEntries(t, dir); !slices.Equal(names, []string{"plain-file", "read-only"}) {
		t.Errorf("directory holds %q", names)
	}
}

func TestAfterClose(t *testing.T) {
	t.Parallel()
	mem, dir := checkedMem(t), t.TempDir()
	path := filepath.Join(dir, "events.parquet")
	w, err := NewEventWriter(path, nil, WithAllocator(mem))
	if err != nil {
		t.Fatal(err)
	}
	r := makeEvents(1)[0]
	if err := w.Append(&r); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := w.Append(&r); !errors.Is(err, ErrClosed) {
		t.Errorf("Append after Close: %v, want %v", err, ErrClosed)
	}
	w.Abort() // must not remove the finished file
	if names := dirEntries(t, dir); !slices.Equal(names, []string{"events.parquet"}) {
		t.Errorf("directory holds %q", names)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("stat: %v, %v; want mode 0644", fi, err)
	}
}

// TestNoLeaks runs every way a writer can end (success, Abort, failed Append, failed
// Close) under one checked allocator.
func TestNoLeaks(t *testing.T) {
	t.Parallel()
	mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
	defer mem.AssertSize(t, 0)
	dir := t.TempDir()
	rows := makeSeries(50)

	if err := writeRows(NewSeriesWriter, filepath.Join(dir, "ok.parquet"), testMeta, rows, WithAllocator(mem), WithRowGroupRows(16)); err != nil {
		t.Fatal(err)
	}

	w, err := NewSeriesWriter(filepath.Join(dir, "aborted.parquet"), nil, WithAllocator(mem), WithRowGroupRows(16))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		_ = w.Append(&rows[i])
	}
	w.Abort()

	for _, at := range []int{0, 17, 40} { // fail from the start, mid-file, at Close
		var failing atomic.Bool
		err := func() error {
			w, err := NewSeriesWriter(filepath.Join(dir, fmt.Sprintf("fail-%d.parquet", at)), nil, WithAllocator(mem), WithRowGroupRows(16), withFailure(&failing))
			if err != nil {
				return err
			}
			defer w.Abort()
			for i := range 40 {
				failing.Store(i >= at)
				if err := w.Append(&rows[i]); err != nil {
					return err
				}
			}
			failing.Store(true)
			return w.Close()
		}()
		if !errors.Is(err, errDiskFull) {
			t.Errorf("failure at row %d: %v", at, err)
		}
	}
	if names := dirEntries(t, dir); !slices.Equal(names, []string{"ok.parquet"}) {
		t.Errorf("directory holds %q", names)
	}
}

// TestDeterministic checks that equal rows and metadata give byte-identical files, so that
// results can be compared by hash.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rows := makeSeries(500)
	meta := Meta{"b": "2", "a": "1", "c": "3"} // map order must not matter
	var files [2][]byte
	for i := range files {
		path := filepath.Join(dir, fmt.Sprintf("s%d.parquet", i))
		if err := writeRows(NewSeriesWriter, path, meta, rows, WithRowGroupRows(200)); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = b
	}
	if !slices.Equal(files[0], files[1]) {
		t.Error("two writes of the same rows differ")
	}
}

// simSeries returns n series rows that vary like a simulation's: 64 subnets recorded
// together at each block, prices and reserves following random walks, shares and flows
// noisy. Constant or repeating rows would let zstd compress far better than it will.
func simSeries(n int) []SeriesRow {
	const subnets = 64
	rng := rand.New(rand.NewPCG(1, 1))
	rows := makeSeries(n)
	for i := range rows {
		r := &rows[i]
		r.Block = int64(i/subnets) * 100
		r.Day = float64(r.Block) / 7200
		r.Netuid = int32(i % subnets)
		if i < subnets {
			r.Price, r.TaoReserve = 0.01, 1e4
			continue
		}
		p := &rows[i-subnets] // the same subnet at the previous recorded block
		r.Price = math.Abs(p.Price*(1+rng.NormFloat64()*1e-3)) + 1e-9
		r.MovingPrice = 0.99*p.MovingPrice + 0.01*r.Price
		r.TaoReserve = p.TaoReserve * (1 + rng.NormFloat64()*1e-3)
		r.AlphaReserve = r.TaoReserve / r.Price
		r.AlphaOutstanding = p.AlphaOutstanding + rng.Float64()
		r.AlphaIssuance = p.AlphaIssuance + 1
		r.EmissionShare = rng.Float64() / subnets
		r.TaoEmission = r.EmissionShare
		r.RootProp = rng.Float64()
		r.RootStakeShare = rng.Float64()
		r.HolderAlpha = p.HolderAlpha * (1 + rng.NormFloat64()*1e-3)
		r.FlowEMA = 0.9*p.FlowEMA + 0.1*rng.NormFloat64()
		r.TaoIssuance = p.TaoIssuance + 1
		r.RootTAO = p.RootTAO * (1 + rng.NormFloat64()*1e-4)
	}
	return rows
}

// BenchmarkSeriesAppend measures the cost of appending series rows that vary like a
// simulation's. "write" is the full cost, ns/op being ns per row: buffering plus the row's
// share of writing the row groups (encoding, zstd, file writes), which dominates and grows
// with the bytes left after compression (B/row). "buffer" is the part paid in the Append
// call itself when it does not complete a row group: copying the row and moving it into
// the column buffers.
func BenchmarkSeriesAppend(b *testing.B) {
	rows := simSeries(1 << 18)
	b.Run("write", func(b *testing.B) {
		path := filepath.Join(b.TempDir(), "series.parquet")
		w, err := NewSeriesWriter(path, testMeta)
		if err != nil {
			b.Fatal(err)
		}
		defer w.Abort()
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			if err := w.Append(&rows[n%len(rows)]); err != nil {
				b.Fatal(err)
			}
			n++
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/row")
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		if fi, err := os.Stat(path); err == nil {
			b.ReportMetric(float64(fi.Size())/float64(n), "B/row")
		}
	})
	b.Run("buffer", func(b *testing.B) {
		mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
		defer mem.AssertSize(b, 0)
		buf := newRowBuf(seriesTable, mem, DefaultRowGroupRows)
		defer buf.release()
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			buf.add(&rows[n%len(rows)])
			n++
			if buf.len() == DefaultRowGroupRows {
				buf.drain()
				buf.n = 0 // as after writing a row group
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/row")
	})
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
