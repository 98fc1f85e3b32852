package market

import (
	"math"
	"testing"
)

// derChain is a head-preset chain of len(m) subnets at block 1000 with moving prices m,
// ages age (blocks since registration at block 1000) and pools of T = 100 TAO and
// A = 100/price[i] alpha.
func derChain(t *testing.T, m, age, price []float64) *Chain {
	t.Helper()
	p, err := PresetParams("price_burn_2026_06")
	if err != nil {
		t.Fatal(err)
	}
	inits := make([]SubnetInit, len(m))
	for i := range m {
		a := 100 / price[i]
		inits[i] = SubnetInit{Netuid: i + 1, TaoReserve: 100, AlphaReserve: a, AlphaIssuance: a + 50, MovingPrice: m[i], BlocksSinceStart: age[i]}
	}
	c, err := New(p, inits, 1000, 1000)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestPruneCandidate: the lowest moving price among the non-immune subnets, by hand.
func TestPruneCandidate(t *testing.T) {
	t.Parallel()
	m := []float64{0.5, 0.1, 0.05, 0.2, 0.1}
	age := []float64{900, 500, 10, 900, 800}
	one := []float64{1, 1, 1, 1, 1}
	cases := []struct {
		name     string
		immunity int64
		want     int
	}{
		{"no immunity: the lowest price, subnet 3", 0, 2},
		{"immunity 100 skips subnet 3 (age 10); subnets 2 and 5 tie at 0.1, 5 registered earlier", 100, 4},
		{"immunity 600 also skips subnet 2; 5 (age 800) is the lowest left", 600, 4},
		{"immunity 850 leaves subnets 1 and 4: 0.2 < 0.5", 850, 3},
		{"every subnet immune", 901, -1},
	}
	for _, tc := range cases {
		c := derChain(t, m, age, one)
		if got := c.PruneCandidate(tc.immunity); got != tc.want {
			t.Errorf("%s: got index %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestDissolveRegister: the pot paid to holders pro rata, the rest recycled, the new
// pool at the median price, by hand.
func TestDissolveRegister(t *testing.T) {
	t.Parallel()
	// Prices T/A: 1, 2, 4, 0.5; subnet 4 is dissolved and re-registered.
	c := derChain(t, []float64{1, 1, 1, 1}, []float64{1e7, 1e7, 1e7, 1e7}, []float64{1, 2, 4, 0.5})
	const i = 3
	c.S.ProtocolAlpha[i] = 10
	c.S.PendingRootTAO[i] = 3
	// Holders hold 30 alpha; D = 30 + 10 protocol alpha (not fresh: the pool's alpha does
	// not count) = 40; q = 100/40 = 2.5; paid 75; recycled 25, and the 3 pending root TAO.
	q, err := c.Dissolve(i, 30)
	if err != nil {
		t.Fatal(err)
	}
	if q != 2.5 || c.Tot.DeregPaid != 75 || c.Tot.DeregRecycled != 25 || c.Tot.DeregRootTAO != 3 {
		t.Fatalf("q %v paid %v recycled %v root %v, want 2.5, 75, 25, 3", q, c.Tot.DeregPaid, c.Tot.DeregRecycled, c.Tot.DeregRootTAO)
	}
	if c.S.TaoReserve[i] != 0 || c.S.AlphaOut[i] != 0 || c.S.ProtocolAlpha[i] != 0 || c.S.EmissionEnabled[i] {
		t.Fatalf("subnet not cleared: T %v O %v P %v enabled %v", c.S.TaoReserve[i], c.S.AlphaOut[i], c.S.ProtocolAlpha[i], c.S.EmissionEnabled[i])
	}
	// The median of the other prices 1, 2, 4 is 2: A = 500/2 = 250.
	if err := c.Register(i, 500); err != nil {
		t.Fatal(err)
	}
	if c.S.TaoReserve[i] != 500 || c.S.AlphaReserve[i] != 250 || c.S.MovingPrice[i] != 0 || !c.S.Fresh[i] ||
		c.S.RegisteredAt[i] != c.Block || c.Tot.RegLocked != 500 {
		t.Fatalf("new pool T %v A %v m %v fresh %v at %d, locked %v", c.S.TaoReserve[i], c.S.AlphaReserve[i],
			c.S.MovingPrice[i], c.S.Fresh[i], c.S.RegisteredAt[i], c.Tot.RegLocked)
	}
	if err := c.Register(i, 500); err == nil {
		t.Fatal("Register on a live subnet: no error")
	}
	// The fresh subnet: its pool's alpha counts. D = 50 + 0 + 250 = 300, q = 500/300.
	q, err = c.Dissolve(i, 50)
	if err != nil {
		t.Fatal(err)
	}
	if want := 500.0 / 300; math.Abs(q-want) > 1e-15 || math.Abs(c.Tot.DeregPaid-(75+50*want)) > 1e-12 {
		t.Fatalf("fresh: q %v paid %v, want %v", q, c.Tot.DeregPaid, want)
	}
	// An even count of other prices: 1, 2, 4, 0.5 without subnet 1 → 0.5, 2, 4... here
	// the others of subnet 4 are 1, 2, 4 again; drop subnet 1 too: median of 2, 4 is 3.
	if got := c.medianPrice(i); got != 2 {
		t.Fatalf("median %v, want 2", got)
	}
	if _, err := c.Dissolve(0, 0); err != nil {
		t.Fatal(err)
	}
	if got := c.medianPrice(i); got != 3 {
		t.Fatalf("median of 2 and 4: %v, want 3", got)
	}
	if _, err := c.Dissolve(0, math.NaN()); err == nil {
		t.Fatal("NaN held: no error")
	}
	if err := c.Register(i, 0); err == nil {
		t.Fatal("zero lock: no error")
	}
}

// TestRegisteredSubnetStarts: a subnet registered in the run mints no alpha and keeps a
// moving price of 0 until its start call (StartCall), and from its start
// its moving price warms up with b counted from the start call, α·b/(b + h), as
// subtensor counts it from FirstEmissionBlockNumber (spec §5): one block after the
// start, m = α/(1 + h)·p.
func TestRegisteredSubnetStarts(t *testing.T) {
	t.Parallel()
	c := derChain(t, []float64{1, 1, 1, 1}, []float64{1e7, 1e7, 1e7, 1e7}, []float64{1, 2, 4, 0.5})
	const i = 3
	if _, err := c.Dissolve(i, 0); err != nil {
		t.Fatal(err)
	}
	if err := c.Register(i, 500); err != nil {
		t.Fatal(err)
	}
	T, A := c.S.TaoReserve[i], c.S.AlphaReserve[i]
	for range 2000 { // several tempos: epochs run, nothing is minted
		c.Step()
		if c.Last.AlphaEmission[i] != 0 || c.S.AlphaOut[i] != 0 || c.S.MovingPrice[i] != 0 || c.Last.TaoEmission[i] != 0 {
			t.Fatalf("block %d before the start: a_i %v, outstanding %v, m %v, e_i %v; want 0", c.Block,
				c.Last.AlphaEmission[i], c.S.AlphaOut[i], c.S.MovingPrice[i], c.Last.TaoEmission[i])
		}
	}
	if c.S.TaoReserve[i] != T || c.S.AlphaReserve[i] != A {
		t.Fatalf("pool moved before the start: T %v A %v, want %v %v", c.S.TaoReserve[i], c.S.AlphaReserve[i], T, A)
	}
	c.StartCall(i)
	c.EnableEmission(i)
	c.Step() // b = 0 at the start call's block: α·0 = 0
	if c.S.MovingPrice[i] != 0 || !(c.Last.AlphaEmission[i] > 0) {
		t.Fatalf("start block: m %v, a_i %v; want 0 and > 0", c.S.MovingPrice[i], c.Last.AlphaEmission[i])
	}
	x := min(c.Price(i), c.P.EMAPriceCap) // the spot price the next update reads (trades: none)
	c.Step()
	want := c.P.movingAlpha() / (1 + c.P.EMAHalvingBlocks) * x
	if got := c.S.MovingPrice[i]; math.Abs(got-want) > 1e-12*want {
		t.Fatalf("one block after the start: m %v, want α/(1+h)·p = %v", got, want)
	}
	// A second start call does not restart the warm-up.
	age := c.S.AgeAtStart[i]
	c.StartCall(i)
	if c.S.AgeAtStart[i] != age {
		t.Fatalf("a second StartCall moved the warm-up's origin: %v, was %v", c.S.AgeAtStart[i], age)
	}
}
