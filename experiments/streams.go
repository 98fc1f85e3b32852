package experiments

import (
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
)

// Streams derives the random streams of one run. Each purpose (a label such as
// "speculator" or "clock") gets its own PCG generator seeded by hashing (master seed,
// cell, replicate, label), so that adding a purpose or an agent class does not shift the
// draws of the others, any run replays from its key, and two arms of a grid that share
// (master, cell, replicate) see the same shocks (common random numbers). There is no
// global random source: every draw in a run comes from one of these streams, each used
// by the run's single goroutine.
type Streams struct {
	Master    uint64
	Cell      int64
	Replicate int64
}

// Stream returns a new generator for label. Two calls with the same label return
// generators that produce the same sequence.
func (s Streams) Stream(label string) *rand.Rand {
	h := sha256.New()
	var buf [24]byte
	binary.LittleEndian.PutUint64(buf[0:], s.Master)
	binary.LittleEndian.PutUint64(buf[8:], uint64(s.Cell))
	binary.LittleEndian.PutUint64(buf[16:], uint64(s.Replicate))
	h.Write(buf[:])
	h.Write([]byte(label))
	sum := h.Sum(nil)
	return rand.New(rand.NewPCG(binary.LittleEndian.Uint64(sum[0:]), binary.LittleEndian.Uint64(sum[8:])))
}
