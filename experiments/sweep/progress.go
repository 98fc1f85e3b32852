package sweep

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// progress reports done/total, rate and ETA: a live bar on a terminal (mpb), plain lines
// otherwise. The total may grow while the sweep runs (adaptive replicates add batches).
type progress struct {
	opt     Options
	total   *atomic.Int64
	skipped int
}

func newProgress(opt Options, total *atomic.Int64, skipped int) *progress {
	return &progress{opt: opt, total: total, skipped: skipped}
}

// start begins reporting and returns the function that ends it. It starts the one
// goroutine the progress display needs; the returned function waits for it.
func (p *progress) run(done *atomic.Int64) func() {
	if p.opt.Progress == nil {
		return func() {}
	}
	stop := make(chan struct{})
	finished := make(chan struct{})
	t0 := time.Now()
	if p.opt.ProgressTTY {
		bars := mpb.New(mpb.WithOutput(p.opt.Progress), mpb.WithRefreshRate(200*time.Millisecond))
		bar := bars.AddBar(p.total.Load(),
			mpb.PrependDecorators(decor.Name("runs "), decor.CountersNoUnit("%d/%d")),
			mpb.AppendDecorators(decor.AverageSpeed(0, " %.2f/s"), decor.Name(" ETA "), decor.AverageETA(decor.ET_STYLE_GO)))
		bar.SetCurrent(int64(p.skipped))
		bar.DecoratorAverageAdjust(t0)
		go func() {
			defer close(finished)
			tick := time.NewTicker(200 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					bar.SetTotal(p.total.Load(), false)
					bar.SetCurrent(int64(p.skipped) + done.Load())
					bar.Abort(false)
					bars.Wait()
					return
				case <-tick.C:
					bar.SetTotal(p.total.Load(), false)
					bar.SetCurrent(int64(p.skipped) + done.Load())
				}
			}
		}()
	} else {
		every := p.opt.ProgressEvery
		if every <= 0 {
			every = 10 * time.Second
		}
		go func() {
			defer close(finished)
			tick := time.NewTicker(every)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					p.line(done.Load(), time.Since(t0))
					return
				case <-tick.C:
					p.line(done.Load(), time.Since(t0))
				}
			}
		}()
	}
	return func() {
		close(stop)
		<-finished
	}
}

func (p *progress) line(done int64, elapsed time.Duration) {
	rate := float64(done) / elapsed.Seconds()
	eta := "?"
	if rate > 0 {
		eta = (time.Duration(float64(p.total.Load()-int64(p.skipped)-done)/rate) * time.Second).Round(time.Second).String()
	}
	fmt.Fprintf(p.opt.Progress, "runs %d/%d  %.2f runs/s  elapsed %s  ETA %s\n",
		int64(p.skipped)+done, p.total.Load(), rate, elapsed.Round(time.Second), eta)
}
