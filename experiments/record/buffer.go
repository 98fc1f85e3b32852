package record

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// rowBuf holds the rows of the current row group column by column, in buffers from the
// allocator that are reused from one row group to the next.
//
// Appending a row copies it into a small staging array; every stageRows rows the stage is
// transposed into the column buffers, one column at a time. Each column is filled by a
// tight loop that calls one getter for every staged row, which the CPU predicts
// perfectly; calling the 22 getters of a series row in turn for each row (each call a
// mispredicted indirect branch) made appending twice as slow. There is no reflection, no
// type switch and no allocation per row.
//
// The buffers are wrapped, without copying, into Arrow arrays when the row group is
// written; the arrays must be released before the next add.
type rowBuf[T any] struct {
	stage  []T // staged rows, not yet in the column buffers
	staged int // rows in stage
	n      int // rows in the column buffers
	cap    int // rows the column buffers can hold
	limit  int // rows per row group: the buffers never grow beyond it
	i32    fixedGroup[T, int32]
	i64    fixedGroup[T, int64]
	u64    fixedGroup[T, uint64]
	f64    fixedGroup[T, float64]
	bools  boolGroup[T]
	strs   strGroup[T]
}

// minRows is the initial capacity, in rows, of a rowBuf.
const minRows = 1024

// stageRows is the size of the staging array: small enough to stay in the CPU's cache
// while it is transposed, large enough to make each column's loop long.
const stageRows = 256

func newRowBuf[T any](t *table[T], mem memory.Allocator, limit int) *rowBuf[T] {
	b := &rowBuf[T]{limit: limit, stage: make([]T, min(stageRows, limit))}
	b.i32.typ = &arrow.Int32Type{}
	b.i64.typ = &arrow.Int64Type{}
	b.u64.typ = &arrow.Uint64Type{}
	b.f64.typ = &arrow.Float64Type{}
	for i, c := range t.cols {
		switch {
		case c.i32 != nil:
			b.i32.addColumn(i, c.i32, mem)
		case c.i64 != nil:
			b.i64.addColumn(i, c.i64, mem)
		case c.u64 != nil:
			b.u64.addColumn(i, c.u64, mem)
		case c.f64 != nil:
			b.f64.addColumn(i, c.f64, mem)
		case c.b != nil:
			b.bools.gets = append(b.bools.gets, c.b)
			b.bools.cols = append(b.bools.cols, i)
			b.bools.bufs = append(b.bools.bufs, memory.NewResizableBuffer(mem))
			b.bools.bits = append(b.bools.bits, nil)
		case c.s != nil:
			b.strs.gets = append(b.strs.gets, c.s)
			b.strs.cols = append(b.strs.cols, i)
			b.strs.offBufs = append(b.strs.offBufs, memory.NewResizableBuffer(mem))
			b.strs.offs = append(b.strs.offs, nil)
			b.strs.dataBufs = append(b.strs.dataBufs, memory.NewResizableBuffer(mem))
			b.strs.used = append(b.strs.used, 0)
		default:
			panic("record: column " + c.Name + " has no getter")
		}
	}
	return b
}

// len returns the number of rows held.
func (b *rowBuf[T]) len() int { return b.n + b.staged }

// add appends a copy of *r.
func (b *rowBuf[T]) add(r *T) {
	b.stage[b.staged] = *r
	b.staged++
	if b.staged == len(b.stage) {
		b.drain()
	}
}

// drain moves the staged rows into the column buffers.
func (b *rowBuf[T]) drain() {
	if b.staged == 0 {
		return
	}
	if need := b.n + b.staged; need > b.cap {
		b.grow(need)
	}
	rows := b.stage[:b.staged]
	b.i32.fill(rows, b.n)
	b.i64.fill(rows, b.n)
	b.u64.fill(rows, b.n)
	b.f64.fill(rows, b.n)
	b.bools.fill(rows, b.n)
	b.strs.fill(rows, b.n)
	b.n += b.staged
	b.staged = 0
	clear(rows) // drop the references to the rows' strings
}

// grow doubles the capacity, from minRows up to limit, to at least need rows.
func (b *rowBuf[T]) grow(need int) {
	b.cap = max(need, min(max(2*b.cap, minRows), b.limit))
	b.i32.resize(b.cap)
	b.i64.resize(b.cap)
	b.u64.resize(b.cap)
	b.f64.resize(b.cap)
	b.bools.resize(b.cap)
	b.strs.resize(b.cap)
}

// stringBytes returns the largest amount of string data held by one column.
func (b *rowBuf[T]) stringBytes() int {
	m := 0
	for _, u := range b.strs.used {
		m = max(m, u)
	}
	return m
}

// arrays sets dst[i] to column i's rows as an Arrow array, and empties b for the next row
// group. The caller releases the arrays before the next add.
func (b *rowBuf[T]) arrays(dst []arrow.Array) {
	b.drain()
	b.i32.arrays(b.n, dst)
	b.i64.arrays(b.n, dst)
	b.u64.arrays(b.n, dst)
	b.f64.arrays(b.n, dst)
	b.bools.arrays(b.n, dst)
	b.strs.arrays(b.n, dst)
	b.n = 0
}

func (b *rowBuf[T]) release() {
	for _, bufs := range [][]*memory.Buffer{b.i32.bufs, b.i64.bufs, b.u64.bufs, b.f64.bufs, b.bools.bufs, b.strs.offBufs, b.strs.dataBufs} {
		for _, buf := range bufs {
			buf.Release()
		}
	}
}

// newArray wraps buffers as an array of n values without nulls. The array holds its own
// references to the buffers.
func newArray(typ arrow.DataType, n int, bufs ...*memory.Buffer) arrow.Array {
	data := array.NewData(typ, n, append([]*memory.Buffer{nil}, bufs...), nil, 0, 0)
	defer data.Release()
	return array.MakeFromData(data)
}

// fixedGroup holds the columns of one fixed-width type.
type fixedGroup[T any, V int32 | int64 | uint64 | float64] struct {
	typ  arrow.FixedWidthDataType
	gets []func(*T) V
	cols []int // file position of each column
	bufs []*memory.Buffer
	vals [][]V // bufs' bytes as values
}

func (g *fixedGroup[T, V]) addColumn(col int, get func(*T) V, mem memory.Allocator) {
	g.gets = append(g.gets, get)
	g.cols = append(g.cols, col)
	g.bufs = append(g.bufs, memory.NewResizableBuffer(mem))
	g.vals = append(g.vals, nil)
}

// fill stores rows as rows [at, at+len(rows)) of every column.
func (g *fixedGroup[T, V]) fill(rows []T, at int) {
	for k, get := range g.gets {
		dst := g.vals[k][at : at+len(rows)]
		for j := range rows {
			dst[j] = get(&rows[j])
		}
	}
}

func (g *fixedGroup[T, V]) resize(rows int) {
	for k, buf := range g.bufs {
		buf.ResizeNoShrink(rows * g.typ.BitWidth() / 8)
		g.vals[k] = arrow.GetData[V](buf.Bytes())
	}
}

func (g *fixedGroup[T, V]) arrays(n int, dst []arrow.Array) {
	for k, buf := range g.bufs {
		dst[g.cols[k]] = newArray(g.typ, n, buf)
	}
}

// boolGroup holds the boolean columns, as bitmaps.
type boolGroup[T any] struct {
	gets []func(*T) bool
	cols []int
	bufs []*memory.Buffer
	bits [][]byte
}

func (g *boolGroup[T]) fill(rows []T, at int) {
	for k, get := range g.gets {
		for j := range rows {
			bitutil.SetBitTo(g.bits[k], at+j, get(&rows[j]))
		}
	}
}

func (g *boolGroup[T]) resize(rows int) {
	for k, buf := range g.bufs {
		buf.ResizeNoShrink(int(bitutil.BytesForBits(int64(rows))))
		g.bits[k] = buf.Bytes()
	}
}

func (g *boolGroup[T]) arrays(n int, dst []arrow.Array) {
	for k, buf := range g.bufs {
		dst[g.cols[k]] = newArray(arrow.FixedWidthTypes.Boolean, n, buf)
	}
}

// strGroup holds the string columns: 32-bit offsets and the concatenated bytes. Row i of
// column k is dataBufs[k].Bytes()[offs[k][i]:offs[k][i+1]].
type strGroup[T any] struct {
	gets     []func(*T) string
	cols     []int
	offBufs  []*memory.Buffer
	offs     [][]int32
	dataBufs []*memory.Buffer
	used     []int // bytes used in dataBufs
}

func (g *strGroup[T]) fill(rows []T, at int) {
	for k, get := range g.gets {
		if at == 0 {
			g.used[k] = 0
		}
		data, used, offs := g.dataBufs[k], g.used[k], g.offs[k][at+1:at+1+len(rows)]
		for j := range rows {
			s := get(&rows[j])
			if need := used + len(s); need > data.Len() {
				data.ResizeNoShrink(max(need, 2*data.Len(), 4096))
			}
			used += copy(data.Bytes()[used:], s)
			offs[j] = int32(used)
		}
		g.used[k] = used
	}
}

func (g *strGroup[T]) resize(rows int) {
	for k, buf := range g.offBufs {
		buf.ResizeNoShrink((rows + 1) * 4)
		g.offs[k] = arrow.GetData[int32](buf.Bytes())
		g.offs[k][0] = 0
	}
}

func (g *strGroup[T]) arrays(n int, dst []arrow.Array) {
	for k := range g.gets {
		dst[g.cols[k]] = newArray(arrow.BinaryTypes.String, n, g.offBufs[k], g.dataBufs[k])
	}
}
