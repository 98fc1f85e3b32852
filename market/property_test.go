package market

import (
	"errors"
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// genChain draws a random chain: 1–6 subnets, any preset, a few random overrides, and a
// short tempo so that epochs run within the test's horizon.
func genChain(t *rapid.T) *Chain {
	names := PresetNames()
	p, _ := PresetParams(rapid.SampledFrom(names).Draw(t, "preset"))
	p.Tempo = rapid.IntRange(2, 40).Draw(t, "tempo")
	p.TaoIssuance = rapid.SampledFrom([]float64{0, 8e6, 10.5e6 - 20, 10.6e6, 15.75e6 - 5, 20.99e6}).Draw(t, "tao_issuance")
	if rapid.Bool().Draw(t, "override") {
		p.ShareRule = ShareRule(rapid.IntRange(0, 3).Draw(t, "share_rule"))
		p.InjectionRule = InjectionRule(rapid.IntRange(0, 2).Draw(t, "injection_rule"))
		p.InjectionCap = InjectionCap(rapid.IntRange(0, 2).Draw(t, "injection_cap"))
		p.RootMode = RootMode(rapid.IntRange(0, 2).Draw(t, "root_mode"))
		p.PoolModel = PoolModel(rapid.IntRange(0, 1).Draw(t, "pool_model"))
		p.BoughtAlpha = BoughtAlpha(rapid.IntRange(0, 1).Draw(t, "bought_alpha"))
		p.ChainBuyOrder = ChainBuyOrder(rapid.IntRange(0, 1).Draw(t, "chain_buy_order"))
		p.FeeDestination = FeeDestination(rapid.IntRange(0, 1).Draw(t, "fee_destination"))
		p.RootSellFlag = rapid.Bool().Draw(t, "root_sell_flag")
		p.RootCompound = rapid.Bool().Draw(t, "root_compound")
		p.ShareRootPropWeight = rapid.Bool().Draw(t, "share_root_prop_weight")
		p.EpochRule = EpochRule(rapid.IntRange(0, 1).Draw(t, "epoch_rule"))
		p.FlowExponent = rapid.SampledFrom([]float64{1, 0.5, 2}).Draw(t, "flow_exponent")
	}
	if rapid.Bool().Draw(t, "design") {
		drawDesign(t, &p)
	}
	n := rapid.IntRange(1, 6).Draw(t, "subnets")
	inits := make([]SubnetInit, n)
	for i := range inits {
		tr := rapid.Float64Range(1, 1e6).Draw(t, "tao_reserve")
		ar := rapid.Float64Range(1, 1e7).Draw(t, "alpha_reserve")
		iss := ar + rapid.Float64Range(0, 1e7).Draw(t, "alpha_out")
		if rapid.IntRange(0, 5).Draw(t, "near_cap") == 0 {
			iss = math.Max(ar, TotalSupply-rapid.Float64Range(0, 50).Draw(t, "below_cap"))
		}
		w := 0.0
		if p.PoolModel == PoolBalancer {
			w = rapid.Float64Range(0.2, 0.8).Draw(t, "quote_weight")
		}
		inits[i] = SubnetInit{
			Netuid: i + 1, TaoReserve: tr, AlphaReserve: ar, AlphaIssuance: iss,
			MovingPrice:      rapid.Float64Range(0, 1.5).Draw(t, "moving_price"),
			BlocksSinceStart: rapid.Float64Range(0, 1e7).Draw(t, "age"),
			FlowEMA:          rapid.Float64Range(-1, 1).Draw(t, "flow_ema"),
			ProtocolFlowEMA:  rapid.Float64Range(-1, 1).Draw(t, "protocol_flow_ema"),
			MinerBurned:      rapid.Float64Range(0, 1.2).Draw(t, "miner_burned"),
			EmissionDisabled: rapid.IntRange(0, 4).Draw(t, "disabled") == 0,
			QuoteWeight:      w,
		}
	}
	c, err := New(p, inits, rapid.Float64Range(0, 7e6).Draw(t, "root_tao"), 1)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if p.ValueWeight > 0 && rapid.Bool().Draw(t, "assessed") {
		v := make([]float64, n)
		for i := range v {
			v[i] = rapid.SampledFrom([]float64{0, 0.5, 1, 1e3}).Draw(t, "assessed_value")
		}
		if err := c.SetAssessedValue(v); err != nil {
			t.Fatalf("SetAssessedValue: %v", err)
		}
	}
	return c
}

// drawDesign turns on a random combination of the design switches (spec §18), so that
// the conservation properties hold under every design as under every preset.
func drawDesign(t *rapid.T, p *Params) {
	p.ShareCap = rapid.SampledFrom([]float64{0, 0.05, 0.2, 0.34, 0.5, 1}).Draw(t, "share_cap")
	p.MovingHalfLifeDays = rapid.SampledFrom([]float64{0, 0.01, 30, 90}).Draw(t, "moving_half_life_days")
	p.EMAAdaptiveK = rapid.SampledFrom([]float64{0, 1, 10}).Draw(t, "ema_adaptive_k")
	p.ValueWeight = rapid.SampledFrom([]float64{0, 0.5, 1}).Draw(t, "value_weight")
}

// TestConservation runs random tapes on random chains in every preset, with and without
// design switches and deregistrations (spec §19), and checks after every block the identities of replay.md: TAO across
// pools, users, fees, root and emission; alpha per subnet across issuance, injection,
// emission and recycling; and the invariants: reserves positive, issuance ≤ 21e6, each
// EMA step between the old EMA and its clamped target, shares summing to at most 1 and,
// under a share cap, none above it.
func TestConservation(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		c := genChain(t)
		n := c.N()
		tao0 := 0.0
		issued := make([]float64, n) // initial issuance + Σ(alpha_in + alpha_out)
		for i := range n {
			tao0 += c.S.TaoReserve[i]
			issued[i] = c.AlphaIssuance(i)
		}
		oldM := make([]float64, n)
		blocks := rapid.IntRange(1, 120).Draw(t, "blocks")
		for range blocks {
			for range rapid.IntRange(0, 3).Draw(t, "trades") {
				i := rapid.IntRange(0, n-1).Draw(t, "subnet")
				if rapid.Bool().Draw(t, "sell") {
					// Users hold the outstanding alpha that is not pending emission.
					held := c.S.AlphaOut[i] - c.S.PendingMiner[i] - c.S.PendingValidator[i] -
						c.S.PendingOwner[i] - c.S.PendingRootAlpha[i]
					x := rapid.Float64Range(0, 1).Draw(t, "sell_frac") * held
					if _, err := c.Sell(i, x); err != nil && !errors.Is(err, ErrMinReserve) &&
						!errors.Is(err, ErrOutstanding) && !errors.Is(err, ErrAmount) {
						t.Fatalf("Sell: %v", err)
					}
				} else {
					x := rapid.Float64Range(0, 2).Draw(t, "buy_frac") * c.S.TaoReserve[i]
					if _, err := c.Buy(i, x); err != nil && !errors.Is(err, ErrMinReserve) && !errors.Is(err, ErrAmount) {
						t.Fatalf("Buy: %v", err)
					}
				}
			}
			if rapid.IntRange(0, 9).Draw(t, "dereg") == 0 {
				deregister(t, c, issued)
			}
			copy(oldM, c.S.MovingPrice)
			c.Step()

			sumS := 0.0
			for i, x := range c.Last.Share {
				sumS += x
				if capOn := c.P.ShareCap > 0 && c.P.ShareCap < 1; capOn && x > c.P.ShareCap*(1+1e-12) {
					t.Fatalf("block %d subnet %d: share %v above the cap %v", c.Block-1, i, x, c.P.ShareCap)
				}
			}
			if sumS > 1+1e-12 {
				t.Fatalf("block %d: shares sum to %v", c.Block-1, sumS)
			}
			var fired []int // Fired lists the subnets with Last.Epoch, in index order
			for i := range n {
				if c.Last.Epoch[i] {
					fired = append(fired, i)
				}
			}
			if !slices.Equal(c.Fired(), fired) {
				t.Fatalf("block %d: Fired %v, epochs ran on %v", c.Block-1, c.Fired(), fired)
			}
			sumT := 0.0
			for i := range n {
				sumT += c.S.TaoReserve[i]
				issued[i] += c.Last.AlphaIn[i] + c.Last.AlphaEmission[i]
				if !(c.S.TaoReserve[i] > 0) || !(c.S.AlphaReserve[i] > 0) || c.S.AlphaOut[i] < -1e-9*issued[i] {
					t.Fatalf("block %d subnet %d: reserves T=%v A=%v O=%v", c.Block-1, i, c.S.TaoReserve[i], c.S.AlphaReserve[i], c.S.AlphaOut[i])
				}
				iss := c.AlphaIssuance(i)
				// Alpha identity, to float rounding relative to the issuance.
				if d := iss - (issued[i] - c.S.Recycled[i]); math.Abs(d) > 1e-9*issued[i] {
					t.Fatalf("block %d subnet %d: issuance %v, identity gives %v", c.Block-1, i, iss, issued[i]-c.S.Recycled[i])
				}
				if iss > TotalSupply*(1+1e-12) {
					t.Fatalf("subnet %d issuance %v exceeds 21e6", i, iss)
				}
				if c.Last.Epoch[i] {
					continue // an epoch's root sell moved the price after the EMA update
				}
				target := math.Min(c.Price(i), c.P.EMAPriceCap)
				lo, hi := math.Min(oldM[i], target), math.Max(oldM[i], target)
				if m := c.S.MovingPrice[i]; m < lo-1e-15*hi || m > hi+1e-15*hi {
					t.Fatalf("subnet %d: EMA %v left [%v, %v]", i, m, lo, hi)
				}
			}
			lhs := sumT + c.Tot.UserTAOOut + c.Tot.FeesOut + c.Tot.RootTAOTaken + c.Tot.DeregPaid + c.Tot.DeregRecycled
			rhs := tao0 + c.Tot.Emitted + c.Tot.UserTAOIn + c.Tot.RegLocked
			if math.Abs(lhs-rhs) > 1e-9*rhs {
				t.Fatalf("block %d: TAO identity %v vs %v", c.Block-1, lhs, rhs)
			}
			if c.TaoIssuance > TotalSupply*(1+1e-12) {
				t.Fatalf("TAO issuance %v exceeds 21e6", c.TaoIssuance)
			}
		}
	})
}

// deregister dissolves the subnet PruneCandidate picks (a random immunity period) and
// registers a new one at its index with a random lock, as experiments/dereg.go does; the
// users hold the outstanding alpha that is not pending, burned or the protocol's. The
// subnet's alpha identity restarts from the new pool.
func deregister(t *rapid.T, c *Chain, issued []float64) {
	i := c.PruneCandidate(rapid.SampledFrom([]int64{0, 50, 1e7}).Draw(t, "immunity"))
	if i < 0 {
		return
	}
	s := &c.S
	held := max(0, s.AlphaOut[i]-s.PendingMiner[i]-s.PendingValidator[i]-s.PendingOwner[i]-s.PendingRootAlpha[i]-
		s.ProtocolAlpha[i]-s.Burned[i])
	if _, err := c.Dissolve(i, held); err != nil {
		t.Fatalf("Dissolve: %v", err)
	}
	// A lock worth 1 to 10^6 alpha at the median price keeps the new issuance below 21e6.
	lock := c.medianPrice(i) * rapid.Float64Range(1, 1e6).Draw(t, "lock_alpha")
	if err := c.Register(i, lock); err != nil {
		t.Fatalf("Register: %v", err)
	}
	if rapid.Bool().Draw(t, "start") {
		c.StartCall(i)
	}
	if rapid.Bool().Draw(t, "enable") {
		c.EnableEmission(i)
	}
	issued[i] = c.AlphaIssuance(i)
}

// TestBuySellNoProfit: a buy followed at once by a sell of the alpha bought never returns
// more TAO than was spent, in any preset and at any pool weight. Tolerance: the swap
// formulas of replay.md carry a few eps of relative error in (T/(T+x))^r, and the alpha
// reserve left after the buy, A1 = A0 − out, carries eps·A0 absolute; the sell back
// magnifies that by A0/A1. So a fee-free round trip may return up to about
// 8·eps·(T+x)·A0/A1 more than its input x through rounding alone.
func TestBuySellNoProfit(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		c := genChain(t)
		if rapid.Bool().Draw(t, "no_fees") {
			c.P.FeeRate, c.P.FeeFlat = 0, 0
		}
		i := rapid.IntRange(0, c.N()-1).Draw(t, "subnet")
		x := rapid.Float64Range(1e-6, 10).Draw(t, "x") * c.S.TaoReserve[i]
		t0, a0 := c.S.TaoReserve[i], c.S.AlphaReserve[i]
		got, err := c.Buy(i, x)
		a1 := c.S.AlphaReserve[i]
		if err != nil {
			t.Skip(err)
		}
		back, err := c.Sell(i, got)
		if errors.Is(err, ErrMinReserve) {
			t.Skip(err)
		}
		if err != nil {
			t.Fatalf("Sell: %v", err)
		}
		if tol := 8 * 0x1p-52 * (t0 + x) * a0 / a1; back > x+tol {
			t.Fatalf("round trip of %v TAO returned %v", x, back)
		}
	})
}
