package agents

import (
	"math"
	"math/rand/v2"
)

// BlocksPerDay at 12 s blocks.
const BlocksPerDay = 7200

// Calendar is a calendar queue of wake-ups keyed by block (Brown 1988, "Calendar queues",
// CACM 31(10)): bucket b holds the wake-ups whose block is b modulo the number of
// buckets. Taking the wake-ups of one block scans one bucket, so the cost grows with the
// number of actions, not with agents × blocks. Within a block, wake-ups come out in the
// order they were pushed; the caller randomises the order of execution.
type Calendar struct {
	buckets [][]wake
	mask    int64
}

type wake struct {
	at int64
	id int32
}

// NewCalendar returns a calendar with at least width buckets (rounded up to a power of
// two). A width near the typical delay between wake-ups keeps buckets short.
func NewCalendar(width int) *Calendar {
	size := 1
	for size < width {
		size <<= 1
	}
	return &Calendar{buckets: make([][]wake, size), mask: int64(size - 1)}
}

// Push schedules id to wake at block at.
func (c *Calendar) Push(at int64, id int32) {
	b := at & c.mask
	c.buckets[b] = append(c.buckets[b], wake{at, id})
}

// Due removes the wake-ups of block and appends their ids to dst, in push order.
func (c *Calendar) Due(block int64, dst []int32) []int32 {
	b := &c.buckets[block&c.mask]
	keep := (*b)[:0]
	for _, w := range *b {
		if w.at == block {
			dst = append(dst, w.id)
		} else {
			keep = append(keep, w)
		}
	}
	*b = keep
	return dst
}

// NextDelay draws the blocks until the next action of a Poisson clock with ratePerDay
// actions a day: an exponential waiting time, rounded up to at least one block. A rate of
// zero or less (or NaN) never fires (math.MaxInt32 blocks).
func NextDelay(ratePerDay float64, rng *rand.Rand) int64 {
	if !(ratePerDay > 0) { // also NaN
		return math.MaxInt32
	}
	d := rng.ExpFloat64() * BlocksPerDay / ratePerDay
	if d >= math.MaxInt32 {
		return math.MaxInt32
	}
	return max(1, int64(math.Ceil(d)))
}
