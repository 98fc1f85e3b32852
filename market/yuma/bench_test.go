package yuma

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// subnet builds inputs for v validators (uids 0..v−1) and m miners (uids v..v+m−1):
// validators hold stake in [1, 101) and weight every miner in [0, 1), a fifth of
// them at exactly zero; miners hold no stake and set no weights. Seeded, so every
// run sees the same inputs.
func subnet(v, m int, rng *rand.Rand) ([]float64, *mat.Dense) {
	n := v + m
	stake := make([]float64, n)
	w := mat.NewDense(n, n, nil)
	for i := range v {
		stake[i] = 1 + 100*rng.Float64()
		for j := v; j < n; j++ {
			if rng.IntN(5) > 0 {
				w.Set(i, j, rng.Float64())
			}
		}
	}
	return stake, w
}

// TestEpochDoesNotAllocate is not parallel: testing.AllocsPerRun refuses to run
// in parallel tests, since other goroutines' allocations would be counted.
func TestEpochDoesNotAllocate(t *testing.T) {
	tests := []struct {
		name string
		v, m int
		edit func(*Params)
	}{
		{"classic 8x64", 8, 64, func(*Params) {}},
		{"classic 64x256", 64, 256, func(*Params) {}},
		{"yuma3 8x64", 8, 64, func(p *Params) { p.Yuma3 = true }},
		{"yuma3 liquid alpha 64x256", 64, 256, func(p *Params) { p.Yuma3, p.LiquidAlpha = true, true }},
		{"few permits", 8, 64, func(p *Params) { p.MaxAllowedValidators = 3 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := DefaultParams()
			tc.edit(&p)
			stake, w := subnet(tc.v, tc.m, rand.New(rand.NewPCG(1, 1)))
			active := make([]bool, len(stake))
			for i := range active {
				active[i] = i != 3
			}
			st, err := New(len(stake), p)
			if err != nil {
				t.Fatal(err)
			}
			var res Result
			dm, dv := make([]float64, len(stake)), make([]float64, len(stake))
			// AllocsPerRun makes one warm-up call, which sizes res; every later epoch
			// must reuse it and the State's workspace.
			allocs := testing.AllocsPerRun(20, func() {
				if err := st.Epoch(&res, stake, w, active); err != nil {
					t.Fatal(err)
				}
				res.Distribute(1000, dm, dv)
			})
			if allocs != 0 {
				t.Errorf("Epoch allocates %v times per call, want 0", allocs)
			}
		})
	}
}

func BenchmarkEpoch(b *testing.B) {
	for _, size := range []struct{ v, m int }{{7, 9}, {8, 64}, {64, 256}} {
		for _, yuma3 := range []bool{false, true} {
			name := fmt.Sprintf("v=%d/m=%d/yuma3=%t", size.v, size.m, yuma3)
			b.Run(name, func(b *testing.B) {
				stake, w := subnet(size.v, size.m, rand.New(rand.NewPCG(1, 1)))
				p := DefaultParams()
				p.Yuma3, p.LiquidAlpha = yuma3, yuma3
				st, err := New(len(stake), p)
				if err != nil {
					b.Fatal(err)
				}
				var res Result
				b.ReportAllocs()
				for b.Loop() {
					if err := st.Epoch(&res, stake, w, nil); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
