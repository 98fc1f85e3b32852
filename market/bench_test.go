package market

import (
	"fmt"
	"testing"
)

// benchChain builds n subnets in a plausible mid-life state: prices spread over two
// orders of magnitude, issuance of a few million alpha, positive flows.
func benchChain(b *testing.B, preset string, n int) *Chain {
	p, err := PresetParams(preset)
	if err != nil {
		b.Fatal(err)
	}
	inits := make([]SubnetInit, n)
	for i := range inits {
		price := 0.005 + 0.5*float64((i*37)%n)/float64(n)
		a := 1e6 + 1e4*float64(i)
		inits[i] = SubnetInit{
			Netuid: i + 1, TaoReserve: price * a, AlphaReserve: a, AlphaIssuance: 3 * a,
			MovingPrice: price, BlocksSinceStart: 1e6, FlowEMA: 0.01 * float64(i%7), MinerBurned: 0.1 * float64(i%3),
		}
	}
	c, err := New(p, inits, 5e6, 1)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkStep measures one block's coinbase (Step) per preset and subnet count. The
// custom metric ns/subnet-block is ns/op divided by the number of subnets; DESIGN.md §9
// targets ≤ 6 ns/subnet-block and 0 allocations for the launch preset.
func BenchmarkStep(b *testing.B) {
	for _, preset := range PresetNames() {
		for _, n := range []int{64, 128} {
			b.Run(fmt.Sprintf("%s/subnets=%d", preset, n), func(b *testing.B) {
				c := benchChain(b, preset, n)
				b.ReportAllocs()
				for b.Loop() {
					c.Step()
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/subnet-block")
			})
		}
	}
}

// TestStepAllocatesNothing: the per-block step allocates nothing, in every preset.
func TestStepAllocatesNothing(t *testing.T) {
	for _, preset := range PresetNames() {
		p, _ := PresetParams(preset)
		p.Tempo = 3 // epochs run inside the measured blocks
		inits := []SubnetInit{
			{Netuid: 1, TaoReserve: 100, AlphaReserve: 1000, AlphaIssuance: 3000, MovingPrice: 0.1},
			{Netuid: 2, TaoReserve: 10, AlphaReserve: 1000, AlphaIssuance: 2000, MovingPrice: 0.01, FlowEMA: 1},
		}
		c, err := New(p, inits, 1e6, 1)
		if err != nil {
			t.Fatal(err)
		}
		if a := testing.AllocsPerRun(100, c.Step); a != 0 {
			t.Errorf("%s: Step allocates %v times per block", preset, a)
		}
	}
}

// BenchmarkFloor is the bare arithmetic of a launch_2025_02 block written as one tight
// loop over plain slices, with none of Step's bookkeeping (records, pending buckets,
// totals, rule switches): shares from the moving prices, alpha_in = min(e/p, 1), the
// injection, the root proportion, the root sell and the clamped EMA update. It is the
// floor that BenchmarkStep/launch_2025_02 is compared with in BENCHMARKS.md.
func BenchmarkFloor(b *testing.B) {
	for _, n := range []int{64, 128} {
		b.Run(fmt.Sprintf("subnets=%d", n), func(b *testing.B) {
			t, a, o, m := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
			for i := range n {
				price := 0.005 + 0.5*float64((i*37)%n)/float64(n)
				a[i] = 1e6 + 1e4*float64(i)
				t[i], o[i], m[i] = price*a[i], 2*a[i], price
			}
			const wR, cut, alpha = 0.18 * 5e6, 0.18, 3e-6
			for b.Loop() {
				sum := 0.0
				for _, x := range m {
					sum += x
				}
				inv := 1 / sum
				for i := range n {
					e := m[i] * inv
					ti, ai := t[i]+e, a[i]+min(e*a[i]/t[i], 1)
					oi := o[i] + 1
					rootAlpha := wR / (wR + ai + oi) * (1 - cut) / 2
					tao := ti * (1 - ai/(ai+rootAlpha))
					ti -= tao
					ai += rootAlpha
					t[i], a[i], o[i] = ti, ai, oi-rootAlpha
					m[i] = alpha*min(ti/ai, 1) + (1-alpha)*m[i]
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/subnet-block")
		})
	}
}
