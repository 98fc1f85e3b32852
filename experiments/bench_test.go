package experiments

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"testing"

	"dtaosim/agents"
)

// benchDays shortens BenchmarkRunYear for profiling and instruction counts (0: a year):
// go test -run '^$' -bench RunYear -benchtime 1x ./experiments/ -args -bench.days 10
var benchDays = flag.Float64("bench.days", 0, "BenchmarkRunYear's horizon in days (0: 365)")

// BenchmarkRunYear runs one simulated year of the default scenario (64 subnets, the
// default population, Yuma at every subnet's epoch, no output) and reports the cost per
// subnet-block and per agent action, and the heap in use at the end of the run.
// The project's design target is ≤ 5 s and ≤ 64 MB a run on one core.
func BenchmarkRunYear(b *testing.B) {
	sc := Defaults()
	sc.Days = 365
	if d := *benchDays; d > 0 {
		sc.Days = d
	}
	benchRun(b, &sc)
}

// BenchmarkRunScale is issue 14's scaling table: one run of the default scenario with
// 32, 64, 128 or 256 subnets, the agent population ×1 or ×4, over 90 or 365 days.
//
//	go test -run '^$' -bench RunScale -benchtime 1x -timeout 2h ./experiments/
func BenchmarkRunScale(b *testing.B) {
	for _, days := range []float64{90, 365} {
		for _, agentsX := range []int{1, 4} {
			for _, subnets := range []int{32, 64, 128, 256} {
				name := fmt.Sprintf("days=%g/agents=x%d/subnets=%d", days, agentsX, subnets)
				b.Run(name, func(b *testing.B) {
					sc := Defaults()
					sc.Days = days
					sc.Subnets.Count = subnets
					a := &sc.Agents
					a.Speculators.Count *= agentsX
					a.YieldStakers.Count *= agentsX
					a.Arbitrageurs.Count *= agentsX
					a.Noise.Count *= agentsX
					benchRun(b, &sc)
				})
			}
		}
	}
}

// benchRun runs scenario sc once per iteration and reports the time per run, per
// subnet-block and per agent action, and the heap in use at the end of the last run.
func benchRun(b *testing.B, sc *Scenario) {
	var actions int64
	var heap uint64
	for b.Loop() {
		row, err := Run(context.Background(), sc, Options{Streams: Streams{Master: 1}})
		if err != nil {
			b.Fatal(err)
		}
		actions = row.Actions
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap = ms.HeapInuse
	}
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	blocks := sc.Days * agents.BlocksPerDay
	b.ReportMetric(ns/1e9, "s/run")
	b.ReportMetric(ns/blocks/float64(sc.Subnets.Count), "ns/subnet-block")
	b.ReportMetric(ns/float64(actions), "ns/action")
	b.ReportMetric(float64(actions), "actions/run")
	b.ReportMetric(float64(heap)/(1<<20), "MB-heap")
}
