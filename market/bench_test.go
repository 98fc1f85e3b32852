package market

import (
	"fmt"
	"testing"
)

// benchChain builds n subnets in a plausible mid-life state: prices spread over two
// orders of magnitude, issuance of a few million alpha, positive flows.
func benchChain(b testing.TB, preset string, n int) *Chain {
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

// BenchmarkStep measures one block's coinbase per preset and subnet count: Step
// (impl=step) and, next to it so that both see the same load, refStep (impl=reference),
// the step of commit 0ebde63 that Step is held to bit for bit (stepref_test.go). The
// custom metric ns/subnet-block is ns/op divided by the number of subnets. Issue 14
// targets, for the launch preset, at most 2× BenchmarkFloor and 0 allocations.
func BenchmarkStep(b *testing.B) {
	for _, preset := range PresetNames() {
		for _, n := range []int{64, 128} {
			b.Run(fmt.Sprintf("%s/subnets=%d", preset, n), func(b *testing.B) {
				b.Run("impl=step", func(b *testing.B) { benchmarkStep(b, preset, n, (*Chain).Step) })
				b.Run("impl=reference", func(b *testing.B) { benchmarkStep(b, preset, n, (*Chain).refStep) })
			})
		}
	}
}

func benchmarkStep(b *testing.B, preset string, n int, step func(*Chain)) {
	c := benchChain(b, preset, n)
	b.ReportAllocs()
	for b.Loop() {
		step(c)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/subnet-block")
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

// floorState is the state BenchmarkFloor and BenchmarkFloorLatency start from: the
// reserves, outstanding alpha and moving prices of benchChain's subnets.
func floorState(n int) (t, a, o, m []float64) {
	t, a, o, m = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		price := 0.005 + 0.5*float64((i*37)%n)/float64(n)
		a[i] = 1e6 + 1e4*float64(i)
		t[i], o[i], m[i] = price*a[i], 2*a[i], price
	}
	return t, a, o, m
}

// Constants of a launch_2025_02 block in benchChain's state: the block emission, w·R,
// the owner cut and the EMA's α.
const floorE, floorWR, floorCut, floorAlpha = 1.0, 0.18 * 5e6, OwnerCutDefault, 3e-6

// BenchmarkFloor is the throughput floor of a launch_2025_02 block: its bare arithmetic
// over plain slices, with none of Step's bookkeeping (records, pending buckets, totals,
// rule switches), written as phased loops whose iterations are independent across
// subnets, so that the divider pipelines (floorBlock). BenchmarkStep/launch_2025_02 is
// compared with it in BENCHMARKS.md.
func BenchmarkFloor(b *testing.B) { benchmarkFloor(b, floorBlock) }

// BenchmarkFloorLatency is BenchmarkFloor's arithmetic fused into one loop
// (floorBlockFused). Each subnet's four divisions then form one dependent chain, and the
// loop measures the divider's latency rather than its throughput: the cost of a block
// written without phases, not a floor.
func BenchmarkFloorLatency(b *testing.B) { benchmarkFloor(b, floorBlockFused) }

func benchmarkFloor(b *testing.B, block func(t, a, o, m, r []float64)) {
	for _, n := range []int{64, 128} {
		b.Run(fmt.Sprintf("launch_2025_02/subnets=%d", n), func(b *testing.B) {
			t, a, o, m := floorState(n)
			r := make([]float64, n)
			for b.Loop() {
				block(t, a, o, m, r)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/subnet-block")
		})
	}
}

// floorBlock is one launch_2025_02 block's arithmetic over the subnets' TAO reserves t,
// alpha reserves a, outstanding alpha o and moving prices m, in phases: the shares from
// the moving prices (one division per block), alpha_in = min(e·a/t, a_i) and the
// injection, the root proportion w·R/(w·R + I) and the root alpha (into r), the root sell
// t·(1 − a/(a + r)), and the clamped EMA of t/a. Four divisions per subnet, each in a
// loop whose iterations are independent. It is a function of its own, as Step is, so
// that its slices stay in registers.
//
//go:noinline
func floorBlock(t, a, o, m, r []float64) {
	n := len(m)
	t, a, o, r = t[:n], a[:n], o[:n], r[:n]
	sum := 0.0
	for _, x := range m {
		sum += x
	}
	inv := 1 / sum
	for i := range n { // shares, alpha_in and the injection
		e := floorE * (m[i] * inv)
		ti, ai := t[i], a[i]
		t[i], a[i], o[i] = ti+e, ai+min(e*ai/ti, 1), o[i]+1
	}
	for i := range n { // root proportion and root alpha
		rest := 1 - floorCut
		r[i] = floorWR / (floorWR + a[i] + o[i]) * rest / 2
	}
	for i := range n { // root sell
		ti, ai, ri := t[i], a[i], r[i]
		tao := ti * (1 - ai/(ai+ri))
		t[i], a[i], o[i] = ti-tao, ai+ri, o[i]-ri
	}
	for i := range n { // moving price
		m[i] = floorAlpha*min(t[i]/a[i], 1) + (1-floorAlpha)*m[i]
	}
}

// floorBlockFused is floorBlock in one loop; r is unused.
//
//go:noinline
func floorBlockFused(t, a, o, m, _ []float64) {
	n := len(m)
	t, a, o = t[:n], a[:n], o[:n]
	sum := 0.0
	for _, x := range m {
		sum += x
	}
	inv := 1 / sum
	for i := range n {
		e := floorE * (m[i] * inv)
		ti, ai := t[i]+e, a[i]+min(e*a[i]/t[i], 1)
		oi := o[i] + 1
		rest := 1 - floorCut
		ri := floorWR / (floorWR + ai + oi) * rest / 2
		tao := ti * (1 - ai/(ai+ri))
		ti -= tao
		ai += ri
		t[i], a[i], o[i] = ti, ai, oi-ri
		m[i] = floorAlpha*min(ti/ai, 1) + (1-floorAlpha)*m[i]
	}
}

// BenchmarkDivision measures one float64 division on this machine, 1024 per op:
// throughput, where the divisions are independent and the divider pipelines them,
// and latency, where each division waits for the previous one's result. The
// ns/division metrics anchor the floor in BENCHMARKS.md.
func BenchmarkDivision(b *testing.B) {
	const k = 1024
	x := make([]float64, k)
	for i := range x {
		x[i] = 1 + float64(i)/k
	}
	b.Run("throughput", func(b *testing.B) {
		y := make([]float64, k)
		for b.Loop() {
			for i, v := range x {
				y[i] = 1 / v
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/k, "ns/division")
	})
	b.Run("latency", func(b *testing.B) {
		q := 1.5
		for b.Loop() {
			for _, v := range x {
				q = v / q // stays in [0.67, 2]: no subnormals
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/k, "ns/division")
		if q == 0 {
			b.Fatal("unreachable: keeps q alive")
		}
	})
}
