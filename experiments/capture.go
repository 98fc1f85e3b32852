package experiments

import (
	"math"

	"dtaosim/agents"
)

// This file decides meme capture (DESIGN.md §6). The observers call capture.observe and
// rankCapture.observe once a block, after the block's coinbase and epochs.

// capture decides share capture: the meme subnets together hold at least θ
// (metrics.theta) of the block emission for MinDays (metrics.min_days) in a row. The
// capture block is the first block of that run.
type capture struct {
	theta    float64
	minRun   int64 // blocks at or above θ that make a capture
	runStart int64 // first block of the current run at or above θ, −1 if below
	captured bool
	block    int64 // first block of the run that made the capture, −1 if none
}

func newCapture(m MetricsSpec) capture {
	return capture{theta: m.Theta, minRun: minRunBlocks(m), runStart: -1, block: -1}
}

// minRunBlocks is metrics.min_days in blocks.
func minRunBlocks(m MetricsSpec) int64 { return int64(math.Round(m.MinDays * agents.BlocksPerDay)) }

// observe takes block b's combined meme emission share and reports the start and end of
// each run at or above θ and the capture.
func (c *capture) observe(b int64, share float64, ev *eventLog) error {
	if share >= c.theta && share > 0 {
		if c.runStart < 0 {
			c.runStart = b
			if err := ev.emit(b, "capture_start", -1, share, "meme share reached theta"); err != nil {
				return err
			}
		}
		if !c.captured && b-c.runStart+1 >= c.minRun {
			c.captured, c.block = true, c.runStart
			return ev.emit(b, "capture", -1, float64(c.runStart), "meme share at or above theta for min_days; value = first block of the run")
		}
		return nil
	}
	if c.runStart >= 0 {
		c.runStart = -1
		return ev.emit(b, "capture_end", -1, share, "meme share fell below theta")
	}
	return nil
}

// rankCapture decides rank capture: a meme subnet is among the top k (metrics.top_k)
// subnets by emission share for MinDays in a row.
type rankCapture struct {
	topK     int
	minRun   int64
	run      []int64 // per subnet: first block of its current run in the top k, −1 if out
	captured bool
	block    int64 // first block of the run that made the capture, −1 if none
}

func newRankCapture(m MetricsSpec, n int) rankCapture {
	r := rankCapture{topK: m.TopK, minRun: minRunBlocks(m), run: make([]int64, n), block: -1}
	for i := range r.run {
		r.run[i] = -1
	}
	return r
}

// observe takes block b's emission shares and the subnets' kinds.
func (r *rankCapture) observe(b int64, shares []float64, kinds []agents.Kind, ev *eventLog) error {
	for i, si := range shares {
		if kinds[i] != agents.Meme {
			continue
		}
		rank := 1
		for _, sj := range shares {
			if sj > si {
				rank++
			}
		}
		if !(si > 0 && rank <= r.topK) {
			r.run[i] = -1
			continue
		}
		if r.run[i] < 0 {
			r.run[i] = b
		}
		if !r.captured && b-r.run[i]+1 >= r.minRun {
			r.captured, r.block = true, r.run[i]
			if err := ev.emit(b, "rank_capture", i, float64(rank), "meme subnet in the top k for min_days; value = rank now"); err != nil {
				return err
			}
		}
	}
	return nil
}
