package experiments

import (
	"context"
	"runtime"
	"testing"

	"dtaosim/agents"
)

// benchDays shortens BenchmarkRunYear for profiling (0: a year).
var benchDays = 0.0

// BenchmarkRunYear runs one simulated year of the default scenario (64 subnets, the
// default population, Yuma at every subnet's epoch, no output) and reports the cost per
// subnet-block and per agent action, and the heap in use at the end of the run.
// DESIGN.md §9 targets ≤ 5 s and ≤ 64 MB a run on one core.
func BenchmarkRunYear(b *testing.B) {
	sc := Defaults()
	sc.Days = 365
	if d := benchDays; d > 0 {
		sc.Days = d
	}
	var actions int64
	var heap uint64
	for b.Loop() {
		row, err := Run(context.Background(), &sc, Options{Streams: Streams{Master: 1}})
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
