package validate

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"dtaosim/experiments/record"
)

// snap is one hand-made recorded block: its day and, per subnet, the fields the
// measures read. Nil slices mean zeros.
type snap struct {
	day                                    float64
	price, out, tao, share, rootProp, flow []float64
}

// panelOf builds a Panel through Add from hand-made snapshots of subnets 1..n, 600
// blocks to the 1/12 day.
func panelOf(t *testing.T, snaps ...snap) *Panel {
	t.Helper()
	at := func(x []float64, i int) float64 {
		if x == nil {
			return 0
		}
		return x[i]
	}
	var p Panel
	for _, s := range snaps {
		for i := range s.price {
			r := record.SeriesRow{Block: int64(math.Round(s.day * 7200)), Day: s.day, Netuid: int32(i + 1),
				Price: s.price[i], AlphaOutstanding: at(s.out, i), TaoReserve: at(s.tao, i),
				EmissionShare: at(s.share, i), RootProp: at(s.rootProp, i), FlowEMA: at(s.flow, i)}
			if err := p.Add(&r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return &p
}

// tol is the tolerance of sums and logs of a handful of numbers of order 1.
const tol = 1e-12

func near(t *testing.T, name string, got, want float64) {
	t.Helper()
	if !scalar.EqualWithinAbsOrRel(got, want, tol, tol) {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

func TestLaunchPriceSum(t *testing.T) {
	t.Parallel()
	launch := func(n int) Initial {
		in := Initial{}
		for i := range n {
			in.Netuids = append(in.Netuids, i+1)
			in.TaoReserve = append(in.TaoReserve, 1)
			in.AlphaReserve = append(in.AlphaReserve, 1)
			in.MovingPrice = append(in.MovingPrice, 1/float64(n))
		}
		return in
	}
	near(t, "64 pools at 1:1", LaunchPriceSum(launch(64), 64), 1)
	if v := LaunchPriceSum(launch(63), 64); !math.IsNaN(v) {
		t.Errorf("63 pools: %v, want NaN", v)
	}
	off := launch(64)
	off.TaoReserve[5] = 2
	if v := LaunchPriceSum(off, 64); !math.IsNaN(v) {
		t.Errorf("a pool at 2 TAO / 1 alpha: %v, want NaN", v)
	}
	skew := launch(64)
	skew.MovingPrice[0] += 0.5 // the moving prices now sum to 1.5
	near(t, "moving prices summing to 1.5", LaunchPriceSum(skew, 64), 1.5)
}

func TestPriceSumsAndValue(t *testing.T) {
	t.Parallel()
	p := panelOf(t,
		snap{day: 0, price: []float64{1, 1, 1}, out: []float64{0, 0, 0}, tao: []float64{1, 1, 1}},
		snap{day: 1, price: []float64{0.5, 0.3, 0.2}, out: []float64{10, 20, 30}, tao: []float64{50, 30, 20}},
		snap{day: 2, price: []float64{0.4, 0.4, 0.1}, out: []float64{10, 20, 30}, tao: []float64{40, 40, 10}},
	)
	near(t, "SumPriceAt(1)", SumPriceAt(p, 1), 1.0)
	near(t, "SumPriceAt(1.3), the nearest block is day 1", SumPriceAt(p, 1.3), 1.0)
	if v := SumPriceAt(p, 5); !math.IsNaN(v) {
		t.Errorf("SumPriceAt beyond the horizon = %v, want NaN", v)
	}
	near(t, "MeanSumPrice(1, 2)", MeanSumPrice(p, 1, 2), (1.0+0.9)/2)
	near(t, "MeanSumPrice(0, 10)", MeanSumPrice(p, 0, 10), (3+1.0+0.9)/3)
	if v := MeanSumPrice(p, 3, 4); !math.IsNaN(v) {
		t.Errorf("MeanSumPrice over an empty window = %v, want NaN", v)
	}
	// 0.5·10 + 0.3·20 + 0.2·30 = 17.
	near(t, "MarketValueAt(1)", MarketValueAt(p, 1), 17)
	near(t, "PoolTAOAt(2)", PoolTAOAt(p, 2), 90)
	near(t, "TopPoolTAOShare(2, day 2)", TopPoolTAOShare(p, 2, 2), 80.0/90)
	near(t, "TopPoolTAOShare(5 > subnets, day 2)", TopPoolTAOShare(p, 5, 2), 1)
}

func TestCrossSectionalSD(t *testing.T) {
	t.Parallel()
	e := math.Exp
	p := panelOf(t,
		snap{day: 0, price: []float64{1, 1, 1}},
		// A block inside day 1 with wild prices: daily returns must not read it.
		snap{day: 0.5, price: []float64{9, 0.01, 3}},
		// Day 1: log returns 0.1, −0.1, 0: mean 0, sample variance 0.02/2, SD 0.1.
		snap{day: 1, price: []float64{e(0.1), e(-0.1), 1}},
		// Day 2: all up by 0.2: SD 0.
		snap{day: 2, price: []float64{e(0.3), e(0.1), e(0.2)}},
		// Day 3: one price 0 is left out; returns 0.3 and −0.3 from the others: SD 0.3·√2.
		snap{day: 3, price: []float64{e(0.6), e(-0.2), 0}},
	)
	near(t, "days 1-2", CrossSectionalSD(p, 0, 2), (0.1+0)/2)
	near(t, "day 2 only", CrossSectionalSD(p, 1, 2), 0)
	near(t, "days 1-3", CrossSectionalSD(p, 0, 3), (0.1+0+0.3*math.Sqrt2)/3)
	if v := CrossSectionalSD(p, 3, 10); !math.IsNaN(v) {
		t.Errorf("no whole day in the window: %v, want NaN", v)
	}
}

func TestRootHalfDay(t *testing.T) {
	t.Parallel()
	p := panelOf(t,
		snap{day: 0, price: []float64{1, 1}, rootProp: []float64{1, 0.98}},
		snap{day: 1, price: []float64{1, 1}, rootProp: []float64{0.7, 0.5}},
		snap{day: 2, price: []float64{1, 1}, rootProp: []float64{0.55, 0.45}}, // mean 0.5: reached
		snap{day: 3, price: []float64{1, 1}, rootProp: []float64{0.4, 0.3}},
	)
	near(t, "RootHalfDay", RootHalfDay(p), 2)
	never := panelOf(t, snap{day: 0, price: []float64{1}, rootProp: []float64{0.9}}, snap{day: 1, price: []float64{1}, rootProp: []float64{0.6}})
	if v := RootHalfDay(never); !math.IsInf(v, 1) {
		t.Errorf("never reached: %v, want +Inf", v)
	}
	if v := RootHalfDay(&Panel{}); !math.IsNaN(v) {
		t.Errorf("empty panel: %v, want NaN", v)
	}
}

func TestTopShare(t *testing.T) {
	t.Parallel()
	p := panelOf(t,
		snap{day: 0, price: []float64{1, 1, 1, 1}, share: []float64{0.25, 0.25, 0.25, 0.25}},
		snap{day: 1, price: []float64{1, 1, 1, 1}, share: []float64{0.1, 0.6, 0.2, 0.1}},
		snap{day: 2, price: []float64{1, 1, 1, 1}, share: []float64{0.4, 0.1, 0.1, 0.4}},
	)
	near(t, "top-2, days 1-2", TopShare(p, 2, 1, 2), (0.8+0.8)/2)
	near(t, "top-1, all days", TopShare(p, 1, 0, 2), (0.25+0.6+0.4)/3)
	near(t, "top-10 of 4", TopShare(p, 10, 0, 0), 1)
}

func TestPositiveFlowCount(t *testing.T) {
	t.Parallel()
	p := panelOf(t,
		snap{day: 0, price: []float64{1, 1, 1, 1}, flow: []float64{0.5, 0.5, 0.5, 0.5}},
		// A flow of exactly 0 draws nothing under the flow rules: not counted.
		snap{day: 2, price: []float64{1, 1, 1, 1}, flow: []float64{3e-5, -0.2, 0, 1}},
	)
	near(t, "day 0", PositiveFlowCount(p, 0), 4)
	near(t, "day 2", PositiveFlowCount(p, 2), 2)
	if v := PositiveFlowCount(p, 5); !math.IsNaN(v) {
		t.Errorf("no block near day 5: %v, want NaN", v)
	}
}

func TestMedianChange(t *testing.T) {
	t.Parallel()
	in := Initial{Netuids: []int{1, 2, 3, 4}, TaoReserve: []float64{1, 1, 2, 1}, AlphaReserve: []float64{1, 1, 1, 1}}
	// First prices 1, 1, 2, 1; at day 90: changes −0.5, +1, −0.75, 0; median (−0.5 + 0)/2.
	p := panelOf(t, snap{day: 90, price: []float64{0.5, 2, 0.5, 1}})
	near(t, "even count", MedianChange(in, p, 90), -0.25)
	in3 := Initial{Netuids: []int{1, 2, 3}, TaoReserve: []float64{1, 1, 1}, AlphaReserve: []float64{1, 1, 1}}
	p3 := panelOf(t, snap{day: 90, price: []float64{0.1, 3, 0.2}})
	near(t, "odd count", MedianChange(in3, p3, 90), -0.8)
	if v := MedianChange(in3, p3, 30); !math.IsNaN(v) {
		t.Errorf("no block near the day: %v, want NaN", v)
	}
}

func TestPeakCapRankAndFall(t *testing.T) {
	t.Parallel()
	// Subnet 2 is largest by price × outstanding alpha before the takeover on day 1 (not
	// counted), third on day 1, second on day 2, third again on day 3.
	p := panelOf(t,
		snap{day: 0, price: []float64{1, 1, 1}, out: []float64{1, 5, 2}},
		snap{day: 1, price: []float64{1, 1, 1}, out: []float64{3, 1, 2}},
		snap{day: 2, price: []float64{1, 2, 1}, out: []float64{3, 1.25, 2}},
		snap{day: 3, price: []float64{1, 0.1, 1}, out: []float64{3, 1.5, 2}},
	)
	events := []record.EventRow{
		{Day: 1, Type: "takeover", Netuid: 2},
		{Day: 4, Type: "intervention", Netuid: 2, Value: 0.9},
		{Day: 5, Type: "intervention_24h", Netuid: 2, Value: 0.97},
	}
	near(t, "PeakCapRank", PeakCapRank(p, events), 2)
	near(t, "Fall24h", Fall24h(events), 0.97)
	if v := PeakCapRank(p, events[1:]); !math.IsNaN(v) {
		t.Errorf("no takeover: %v, want NaN", v)
	}
	if v := Fall24h(events[:2]); !math.IsNaN(v) {
		t.Errorf("no intervention_24h event: %v, want NaN", v)
	}
}

func TestFall24hTop(t *testing.T) {
	t.Parallel()
	// Subnet 2 is third by price on day 1 and first on day 2; the intervention comes at
	// block 1.5 days (10,800), so the block of day 1 is the last one before it.
	p := panelOf(t,
		snap{day: 1, price: []float64{3, 1, 2}},
		snap{day: 2, price: []float64{1, 5, 2}},
	)
	events := []record.EventRow{
		{Block: 7200, Day: 1, Type: "takeover", Netuid: 2},
		{Block: 10800, Day: 1.5, Type: "intervention", Netuid: 2, Value: 0.9},
		{Block: 18000, Day: 2.5, Type: "intervention_24h", Netuid: 2, Value: 0.9},
	}
	near(t, "Fall24hTop, rank 3 of top 3", Fall24hTop(p, events, 3), 0.9)
	if v := Fall24hTop(p, events, 2); !math.IsNaN(v) {
		t.Errorf("rank 3, top 2: %v, want NaN", v)
	}
	// The same intervention a day later reads the block of day 2, where subnet 2 is first.
	late := append([]record.EventRow(nil), events...)
	late[1].Block, late[1].Day = 14400, 2
	near(t, "Fall24hTop at the block of day 2", Fall24hTop(p, late, 1), 0.9)
	if v := Fall24hTop(p, events[:1], 64); !math.IsNaN(v) {
		t.Errorf("no intervention: %v, want NaN", v)
	}
	early := append([]record.EventRow(nil), events...)
	early[1].Block = 3600 // before the first recorded block
	if v := Fall24hTop(p, early, 64); !math.IsNaN(v) {
		t.Errorf("no recorded block before the intervention: %v, want NaN", v)
	}
	if v := Fall24hTop(p, events[:2], 64); !math.IsNaN(v) {
		t.Errorf("no intervention_24h: %v, want NaN", v)
	}
	// Root also intervened in subnet 1 (first by price on day 1), before subnet 2: the
	// fall is subnet 2's, and so is the rank read.
	other := append([]record.EventRow{{Block: 9000, Day: 1.25, Type: "intervention", Netuid: 1, Value: 0.9}}, events...)
	if v := Fall24hTop(p, other, 2); !math.IsNaN(v) {
		t.Errorf("another subnet's intervention first: %v, want NaN (subnet 2 is third)", v)
	}
}

func TestMoves(t *testing.T) {
	t.Parallel()
	// Three subnets over three days: subnet 1 doubles exactly, then halves exactly;
	// subnet 2 rises 1.9× and falls to 0.51 of its price; subnet 3 has no price on day 1.
	p := panelOf(t,
		snap{day: 0, price: []float64{1, 4, 2}},
		snap{day: 1, price: []float64{2, 7.6, 0}},
		snap{day: 2, price: []float64{1, 3.876, 2}},
	)
	for _, c := range []struct {
		name string
		top  int
		f    float64
		h, n int
	}{
		{"doublings, all", math.MaxInt, 2, 1, 4},  // day 1: subnet 1 (exactly 2×); subnet 3 unpriced on day 1
		{"halvings, all", math.MaxInt, 0.5, 1, 4}, // day 2: subnet 1 (exactly ½); 2 fell to 0.51
		{"doublings, top 1", 1, 2, 0, 2},          // subnet 2 ranks first on days 0 and 1
		{"halvings, top 1", 1, 0.5, 0, 2},
		{"doublings, top 2", 2, 2, 0, 3}, // subnet 1 was third on day 0: its doubling is not counted
	} {
		if h, n := moves(p, 0, 2, c.top, c.f); h != c.h || n != c.n {
			t.Errorf("%s: %d of %d, want %d of %d", c.name, h, n, c.h, c.n)
		}
	}
	near(t, "DoublingShare", DoublingShare(p, 0, 2), 0.25)
	near(t, "HalvingShare", HalvingShare(p, 0, 2), 0.25)
}

func TestPanelAddRejectsBadOrder(t *testing.T) {
	t.Parallel()
	row := func(block int64, netuid int32) *record.SeriesRow {
		return &record.SeriesRow{Block: block, Day: float64(block) / 7200, Netuid: netuid}
	}
	cases := []struct {
		name string
		rows []*record.SeriesRow
	}{
		{"block back in time", []*record.SeriesRow{row(600, 1), row(600, 2), row(0, 1)}},
		{"subnet twice in the first block", []*record.SeriesRow{row(0, 1), row(0, 1)}},
		{"unknown subnet later", []*record.SeriesRow{row(0, 1), row(0, 2), row(600, 3)}},
		{"subnet missing in a block", []*record.SeriesRow{row(0, 1), row(0, 2), row(600, 1), row(1200, 1)}},
		{"order changed", []*record.SeriesRow{row(0, 1), row(0, 2), row(600, 2)}},
	}
	for _, tc := range cases {
		var p Panel
		var err error
		for _, r := range tc.rows {
			if err = p.Add(r); err != nil {
				break
			}
		}
		if err == nil {
			err = p.Close()
		}
		if err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}
