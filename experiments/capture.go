package experiments

import (
	"math"

	"dtaosim/agents"
	"dtaosim/experiments/stats"
)

// This file decides meme capture (docs/schema.md, run.parquet). The observers call
// capture.observe and rankCapture.observe once a block from the takeover block on (in a
// control arm too), after the block's coinbase and epochs.

// capture decides share capture, from below: the meme subnets' combined share was below
// θ (metrics.theta) at the takeover, and then held at least θ of the block emission for
// MinDays (metrics.min_days) in a row. The capture block is the first block of that run.
// A run already at or above θ at the takeover is never a capture (atTheta).
type capture struct {
	theta    float64
	minRun   int64 // blocks at or above θ that make a capture
	seen     bool  // the takeover block has been observed
	atTheta  bool  // the share was at or above θ at the takeover
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
// each run at or above θ and the capture; the first block it sees is the takeover's.
func (c *capture) observe(b int64, share float64, ev *eventLog) error {
	if !c.seen {
		c.seen = true
		c.atTheta = share >= c.theta && share > 0
	}
	if share >= c.theta && share > 0 {
		if c.runStart < 0 {
			c.runStart = b
			if err := ev.emit(b, "capture_start", -1, share, "meme share reached theta"); err != nil {
				return err
			}
		}
		if !c.captured && !c.atTheta && b-c.runStart+1 >= c.minRun {
			c.captured, c.block = true, c.runStart
			return ev.emit(b, "capture", -1, float64(c.runStart), "meme share at or above theta for min_days, from below theta at the takeover; value = first block of the run")
		}
		return nil
	}
	if c.runStart >= 0 {
		c.runStart = -1
		return ev.emit(b, "capture_end", -1, share, "meme share fell below theta")
	}
	return nil
}

// rankCapture decides rank capture, from outside: no meme subnet was among the top k
// (metrics.top_k) subnets by emission share at the takeover, and one then stayed in the
// top k for MinDays in a row.
type rankCapture struct {
	topK     int
	minRun   int64
	seen     bool    // the takeover block has been observed
	best     int     // best rank of a meme subnet at the takeover (1 = largest), 0 if none
	inTopK   bool    // a meme subnet was in the top k at the takeover
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

// observe takes block b's emission shares and the subnets the scenario makes meme
// subnets (ascending); the first block it sees is the takeover's.
func (r *rankCapture) observe(b int64, shares []float64, memes []int, ev *eventLog) error {
	first := !r.seen
	r.seen = true
	for _, i := range memes {
		si := shares[i]
		var rank int
		switch {
		case first: // the best rank at the takeover is kept: count it whole
			rank = stats.Rank(shares, i)
		case si > 0: // below only whether rank ≤ k matters, and the rank when it is
			rank = rankWithin(shares, i, r.topK)
		}
		if first {
			if r.best == 0 || rank < r.best {
				r.best = rank
			}
			r.inTopK = r.inTopK || (si > 0 && rank <= r.topK)
		}
		if !(si > 0 && rank <= r.topK) {
			r.run[i] = -1
			continue
		}
		if r.run[i] < 0 {
			r.run[i] = b
		}
		if !r.captured && !r.inTopK && b-r.run[i]+1 >= r.minRun {
			r.captured, r.block = true, r.run[i]
			if err := ev.emit(b, "rank_capture", i, float64(rank), "meme subnet in the top k for min_days, from outside it at the takeover; value = rank now"); err != nil {
				return err
			}
		}
	}
	return nil
}

// rankWithin is stats.Rank(shares, i) when that is at most k, and k + 1 otherwise: it stops
// counting the larger shares there (every block after the takeover asks it of each meme
// subnet, which is mostly far down the ranking).
func rankWithin(shares []float64, i, k int) int {
	if k < 1 { // every rank is above k
		return k + 1
	}
	rank, si := 1, shares[i]
	for _, sj := range shares {
		if sj > si {
			if rank++; rank > k {
				return rank // k + 1
			}
		}
	}
	return rank
}
