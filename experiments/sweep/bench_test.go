package sweep

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// benchExperiment is a reduced headline grid: the meme-capture base (64 subnets, the
// default population), 5 days, 2 mechanisms × 2 policies, 2 replicates: 8 runs.
const benchExperiment = `
name: bench
base: sn28-late
scenario: {days: 5, chain: {tao_issuance: 8.5e6}}
replicates: 2
seed: 3
axes:
  - {param: mechanism.preset, values: [launch_2025_02, price_burn_2026_06]}
  - {param: agents.root_validators.policy, values: [passive, intervene]}
`

// BenchmarkSweep runs the reduced grid with 1 and 2 workers and reports runs per hour
// and seconds per run; the ratio of the two runs/hour figures is the speed-up.
func BenchmarkSweep(b *testing.B) {
	p, err := Parse([]byte(benchExperiment), ".")
	if err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			var elapsed time.Duration
			for b.Loop() {
				out := b.TempDir()
				t0 := time.Now()
				if _, err := Run(context.Background(), p, Options{Out: out, Workers: workers}); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(t0)
			}
			perRun := elapsed.Seconds() / float64(b.N*p.Runs())
			b.ReportMetric(3600/perRun, "runs/hour")
			b.ReportMetric(perRun, "s/run")
		})
	}
}
