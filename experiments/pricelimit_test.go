package experiments

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"dtaosim/agents"
)

// limitSim is the price-limit tests' simulation: two subnets, no meme or revenue subnet,
// two speculators with protection p, yieldStakers yield stakers and one noise trader
// (accounts in that order), no arbitrageurs.
func limitSim(t *testing.T, yieldStakers int, p PriceProtection) *Sim {
	t.Helper()
	sc := Defaults()
	sc.Days, sc.Subnets.Count = 1, 2
	sc.Subnets.Meme.Netuids, sc.Subnets.Revenue.Netuids = nil, nil
	sc.Agents.Speculators.Count, sc.Agents.YieldStakers.Count, sc.Agents.Arbitrageurs.Count, sc.Agents.Noise.Count = 2, yieldStakers, 0, 1
	sc.Agents.Speculators.PriceProtection = p
	s, err := NewSim(&sc, Options{Streams: Streams{Master: 1}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPriceLimitOrders: with agents.speculators.price_protection {mode: partial,
// tolerance: 0.05}, a speculator's buy
// executes only up to the TAO whose swap lifts the price 5% above the block's starting
// price (constant product: T·(√1.05 − 1)) and a second buy in the same block finds no
// room: the limit is set at the price the agent saw when it decided. A sell executes only
// down to 5% below its block's starting price, and a class without a tolerance trades
// in full. Every fill is booked in the ledger as the pool saw it.
func TestPriceLimitOrders(t *testing.T) {
	t.Parallel()
	s := limitSim(t, 1, PriceProtection{Mode: "partial", Tolerance: 0.05})
	if got := s.limits.tol; len(got) != 4 || got[0] != 0.05 || got[1] != 0.05 || got[2] != 0 || got[3] != 0 {
		t.Fatalf("tolerances per account %v, want [0.05 0.05 0 0]", got)
	}
	if s.C.S.QuoteWeight[0] != 0.5 {
		t.Fatalf("pool weight %v; the hand computation assumes constant product", s.C.S.QuoteWeight[0])
	}
	// A pool of 1000 TAO and 1000 alpha (price 1), no fees: the hand computation's.
	s.C.S.TaoReserve[0], s.C.S.AlphaReserve[0], s.C.P.FeeFlat, s.C.P.FeeRate = 1000, 1000, 0, 0
	a := agents.AccountID(0)
	s.L.TAO[a] = 1e7
	s.markPrices()
	t0, a0, p0 := s.C.S.TaoReserve[0], s.C.S.AlphaReserve[0], s.C.Price(0)
	spend := t0 * (math.Sqrt(1.05) - 1) // 24.695 TAO
	s.execute(agents.Order{Account: a, Subnet: 0, Amount: 1e6})
	if got := 1e7 - s.L.TAO[a]; !scalar.EqualWithinAbsOrRel(got, spend, 1e-9, 1e-12) {
		t.Errorf("the limited buy spent %v TAO, want T·(√1.05 − 1) = %v", got, spend)
	}
	if d := a0 - s.C.S.AlphaReserve[0] - s.L.Alpha(a, 0); math.Abs(d) > 1e-9 {
		t.Errorf("alpha bought %v, reserve fell by %v", s.L.Alpha(a, 0), a0-s.C.S.AlphaReserve[0])
	}
	if p := s.C.Price(0); !scalar.EqualWithinAbsOrRel(p, 1.05*p0, 0, 1e-12) {
		t.Errorf("price after the limited buy %v, want 1.05·%v", p, p0)
	}
	tao := s.L.TAO[a]
	s.execute(agents.Order{Account: a, Subnet: 0, Amount: 10})
	if s.L.TAO[a] != tao {
		t.Errorf("a second buy in the same block executed %v TAO past the limit", tao-s.L.TAO[a])
	}
	// Speculator 1, for once without a limit, buys 500 TAO of alpha; in the next block it
	// sells all of it with its 5% limit: A·(√(1/0.95) − 1) alpha at the new price.
	b := agents.AccountID(1)
	s.L.TAO[b], s.limits.tol[b] = 500, 0
	s.execute(agents.Order{Account: b, Subnet: 0, Amount: 500})
	s.limits.tol[b] = 0.05
	s.markPrices()
	held, a2, p2 := s.L.Alpha(b, 0), s.C.S.AlphaReserve[0], s.C.Price(0)
	sell := a2 * (math.Sqrt(1/0.95) - 1)
	if !(held > 2*sell) {
		t.Fatalf("holds %v alpha, not enough to test a sell limit of %v", held, sell)
	}
	s.execute(agents.Order{Account: b, Subnet: 0, Sell: true, Amount: held})
	if got := held - s.L.Alpha(b, 0); !scalar.EqualWithinAbsOrRel(got, sell, 1e-9, 1e-12) {
		t.Errorf("the limited sell sold %v alpha, want %v", got, sell)
	}
	if p := s.C.Price(0); !scalar.EqualWithinAbsOrRel(p, 0.95*p2, 0, 1e-12) {
		t.Errorf("price after the limited sell %v, want 0.95·%v", p, p2)
	}
	// The noise trader (account 3) has no limit: its whole order executes.
	n := agents.AccountID(3)
	s.L.TAO[n] = 100
	s.execute(agents.Order{Account: n, Subnet: 0, Amount: 100})
	if s.L.TAO[n] != 0 {
		t.Errorf("an unlimited buy left %v TAO unspent", s.L.TAO[n])
	}
}

// TestPriceLimitStrict: in strict mode (allow_partial = false) an order that fits within
// the limit executes whole and one that does not is rejected whole, by hand on a pool of
// 1000 TAO and 1000 alpha (price 1, no fees) with a 5% tolerance. A buy may put
// 1000·(√1.05 − 1) = 24.695 TAO into the swap: 24 TAO executes (price (1024/1000)² =
// 1.048576) and a further 1 TAO in the same block is rejected although 0.695·… would fit
// partially ((1025/1000)² = 1.050625 > 1.05); 25 TAO from a fresh block is rejected.
// A sell may put 1000·(√(1/0.95) − 1) = 25.978 alpha into the swap: 25 alpha executes
// (price (1000/1025)² = 0.95181) and 27 alpha is rejected, leaving pool and accounts
// as they were.
func TestPriceLimitStrict(t *testing.T) {
	t.Parallel()
	s := limitSim(t, 0, PriceProtection{Mode: "strict", Tolerance: 0.05})
	if got := s.limits; len(got.tol) != 3 || got.tol[0] != 0.05 || !got.strict[0] || !got.strict[1] || got.tol[2] != 0 {
		t.Fatalf("protection per account %v %v, want tolerances [0.05 0.05 0], strict for the speculators", got.tol, got.strict)
	}
	fresh := func() {
		s.C.S.TaoReserve[0], s.C.S.AlphaReserve[0], s.C.P.FeeFlat, s.C.P.FeeRate = 1000, 1000, 0, 0
		s.markPrices()
	}
	fresh()
	a := agents.AccountID(0)
	s.L.TAO[a] = 100
	s.execute(agents.Order{Account: a, Subnet: 0, Amount: 24})
	if s.L.TAO[a] != 76 || !scalar.EqualWithinAbsOrRel(s.C.Price(0), 1.048576, 0, 1e-12) {
		t.Errorf("a 24 TAO buy within the limit left %v TAO and price %v, want 76 and 1.048576", s.L.TAO[a], s.C.Price(0))
	}
	alpha := s.L.Alpha(a, 0)
	s.execute(agents.Order{Account: a, Subnet: 0, Amount: 1})
	if s.L.TAO[a] != 76 || s.L.Alpha(a, 0) != alpha || s.C.S.TaoReserve[0] != 1024 {
		t.Errorf("a second buy past the limit executed: TAO %v, alpha %v → %v, pool TAO %v", s.L.TAO[a], alpha, s.L.Alpha(a, 0), s.C.S.TaoReserve[0])
	}
	fresh()
	s.execute(agents.Order{Account: a, Subnet: 0, Amount: 25})
	if s.L.TAO[a] != 76 || s.C.S.TaoReserve[0] != 1000 {
		t.Errorf("a 25 TAO buy past the limit executed: TAO %v, pool TAO %v", s.L.TAO[a], s.C.S.TaoReserve[0])
	}
	// The order is clipped to the balance before the check, as a client sends at most
	// what the account holds: 100 TAO asked with 20 held is a 20 TAO order, within limit.
	b := agents.AccountID(1)
	s.L.TAO[b] = 20
	s.execute(agents.Order{Account: b, Subnet: 0, Amount: 100})
	if s.L.TAO[b] != 0 {
		t.Errorf("a buy clipped to its 20 TAO balance was not executed: %v TAO left", s.L.TAO[b])
	}
	// Sells: give speculator 1 another 100 alpha outside the pool's accounting, then
	// sell from a fresh pool.
	s.L.addAlpha(b, 0, 100)
	held := s.L.Alpha(b, 0)
	fresh()
	s.execute(agents.Order{Account: b, Subnet: 0, Sell: true, Amount: 27})
	if s.L.Alpha(b, 0) != held || s.C.S.AlphaReserve[0] != 1000 {
		t.Errorf("a 27 alpha sell past the limit executed: alpha %v → %v, pool alpha %v", held, s.L.Alpha(b, 0), s.C.S.AlphaReserve[0])
	}
	s.execute(agents.Order{Account: b, Subnet: 0, Sell: true, Amount: 25})
	if s.L.Alpha(b, 0) != held-25 || !scalar.EqualWithinAbsOrRel(s.C.Price(0), 1/(1.025*1.025), 0, 1e-12) {
		t.Errorf("a 25 alpha sell within the limit left %v alpha and price %v, want %v and %v", s.L.Alpha(b, 0), s.C.Price(0), held-25, 1/(1.025*1.025))
	}
	// The noise trader (account 2) has no limit: its whole order executes.
	n := agents.AccountID(2)
	s.L.TAO[n] = 500
	s.execute(agents.Order{Account: n, Subnet: 0, Amount: 500})
	if s.L.TAO[n] != 0 {
		t.Errorf("an unprotected buy left %v TAO unspent", s.L.TAO[n])
	}
}

// markPrices records every subnet's price as the limits' reference, as the run's
// markOrders does for the subnets a block's orders trade: for the tests that call
// execute on orders of their own.
func (w *world) markPrices() {
	if w.limits.tol == nil {
		return
	}
	w.limits.ref = w.limits.ref[:0]
	for i := range w.n {
		w.limits.ref = append(w.limits.ref, w.C.Price(i))
	}
}
