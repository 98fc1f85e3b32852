package validate

import (
	"context"
	"fmt"
	"os"
	"sort"
	"testing"
)

// TestDiag18 (DIAG18=1) reads calib-launch seed 1's halvings after day 16 by the subnet's
// pool TAO that day: a diagnostic for moment 18b, printing only.
func TestDiag18(t *testing.T) {
	if os.Getenv("DIAG18") == "" {
		t.Skip("DIAG18 not set")
	}
	for _, seed := range []uint64{1, 2} {
		o, err := runOne(context.Background(), LaunchScenario, nil, 150, seed)
		if err != nil {
			t.Fatal(err)
		}
		p := &o.Series
		var pools, hpools []float64
		byRank := map[int]int{}
		for prev, cur := range dayPairs(p, 16, 150) {
			order := make([]int, len(cur.Price))
			for i := range order {
				order[i] = i
			}
			sort.Slice(order, func(a, b int) bool { return prev.TaoReserve[order[a]] > prev.TaoReserve[order[b]] })
			rank := make([]int, len(order))
			for r, i := range order {
				rank[i] = r + 1
			}
			for i := range cur.Price {
				pools = append(pools, prev.TaoReserve[i])
				if cur.Price[i] <= 0.5*prev.Price[i] {
					hpools = append(hpools, prev.TaoReserve[i])
					byRank[(rank[i]-1)/16]++
				}
			}
		}
		sort.Float64s(pools)
		sort.Float64s(hpools)
		q := func(x []float64, f float64) float64 {
			if len(x) == 0 {
				return 0
			}
			return x[int(f*float64(len(x)-1))]
		}
		fmt.Printf("seed %d: %d halvings of %d subnet-days; pool TAO the day before, all: p10 %.0f p50 %.0f p90 %.0f; halved: p10 %.0f p50 %.0f p90 %.0f; by pool-size quartile (1 = largest 16): %v\n",
			seed, len(hpools), len(pools), q(pools, .1), q(pools, .5), q(pools, .9), q(hpools, .1), q(hpools, .5), q(hpools, .9), byRank)
		for _, d := range []float64{16, 30, 60, 100, 150} {
			s := p.At(d)
			x := append([]float64(nil), s.TaoReserve...)
			sort.Float64s(x)
			var tot float64
			for _, v := range x {
				tot += v
			}
			fmt.Printf("  day %.0f: pool TAO total %.0f, min %.0f, median %.0f, max %.0f\n", d, tot, x[0], x[len(x)/2], x[len(x)-1])
		}
	}
}

// TestDiagTop10 (DIAG18=1) counts calib-launch's day-to-day halvings among the ten
// subnets highest by price the day before, in the launch fortnight and after it, seeds
// 1-5 (docs/calibration.md §8: the chain's are 9 of 150 and 0 of 1,340): printing only.
func TestDiagTop10(t *testing.T) {
	if os.Getenv("DIAG18") == "" {
		t.Skip("DIAG18 not set")
	}
	var h1, n1, h2, n2, all1, all2 int
	for seed := uint64(1); seed <= 5; seed++ {
		o, err := runOne(context.Background(), LaunchScenario, nil, 150, seed)
		if err != nil {
			t.Fatal(err)
		}
		a, b := topHalvings(&o.Series, 10, 1, 16)
		c, d := topHalvings(&o.Series, 10, 16, 150)
		fmt.Printf("seed %d: top-10 halvings, days 2-16 %d of %d, days 17-150 %d of %d\n", seed, a, b, c, d)
		h1, n1, h2, n2 = h1+a, n1+b, h2+c, n2+d
		x, _ := halvings(&o.Series, 1, 16)
		y, _ := halvings(&o.Series, 16, 150)
		all1, all2 = all1+x, all2+y
	}
	fmt.Printf("seeds 1-5: days 2-16 %d of %d (%.1f%%), days 17-150 %d of %d (%.2f%%); all subnets' halvings %d and %d\n",
		h1, n1, 100*float64(h1)/float64(n1), h2, n2, 100*float64(h2)/float64(n2), all1, all2)
}
