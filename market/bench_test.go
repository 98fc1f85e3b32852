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
