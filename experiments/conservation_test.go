package experiments

import (
	"context"
	"fmt"
	"math"
	"testing"

	"pgregory.net/rapid"

	"dtaosim/agents"
	"dtaosim/market"
)

// balances sums what the identities compare.
type balances struct {
	tao   float64   // Σ accounts' free TAO and root stake + pools' TAO + fees out + pending root TAO
	alpha []float64 // per subnet: accounts' alpha + pending + burned + protocol-held, to compare with O_i
}

func measure(s *Sim) balances {
	c := s.C
	b := balances{alpha: make([]float64, s.n)}
	for a := range s.L.Accounts() {
		id := agents.AccountID(a)
		b.tao += s.L.TAO[a] + s.L.Root[a]
		for i := range s.n {
			b.alpha[i] += s.L.Alpha(id, i)
		}
	}
	for i := range s.n {
		b.tao += c.S.TaoReserve[i] + c.S.PendingRootTAO[i]
		b.alpha[i] += c.S.PendingMiner[i] + c.S.PendingValidator[i] + c.S.PendingOwner[i] + c.S.PendingRootAlpha[i] +
			c.S.Burned[i] + s.burned[i] + c.S.ProtocolAlpha[i]
	}
	b.tao += c.Tot.FeesOut
	return b
}

// TestRunConservation: over random populations, presets, subnet kinds, whose alpha a
// meme subnet pays and what becomes of validator alpha without dividends, TAO and every
// subnet's alpha are conserved across ledger, pools and pending emission after every
// block: TAO in accounts, root stake, pools, fees out and pending root TAO changes only by
// the TAO emitted, the revenue that entered from outside, and, under deregistration,
// the registrations' locks less the dissolved subnets' recycled TAO; every subnet's outstanding
// alpha equals what accounts hold plus pending, burned and protocol-held alpha. Some
// draws give agent classes price-limit tolerances (partial fills).
func TestRunConservation(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		sc := Defaults()
		sc.Days = rapid.Float64Range(0.5, 2).Draw(t, "days")
		sc.Mechanism.Preset = rapid.SampledFrom(market.PresetNames()).Draw(t, "preset")
		sc.Mechanism.Params = map[string]any{"tempo": float64(rapid.IntRange(5, 60).Draw(t, "tempo"))}
		sc.Chain.TaoIssuance = rapid.SampledFrom([]float64{8e6, 10.6e6}).Draw(t, "tao_issuance")
		sc.Subnets.Count = rapid.IntRange(2, 8).Draw(t, "subnets")
		if rapid.Bool().Draw(t, "aged") {
			sc.Subnets.Init = "aged"
			sc.Chain.AgeDays = rapid.Float64Range(1, 400).Draw(t, "age_days")
		}
		sc.Subnets.Meme = MemeSpec{Netuids: []int{1}, TakeoverDay: rapid.Float64Range(0, 1).Draw(t, "takeover"), HolderMiners: rapid.IntRange(1, 8).Draw(t, "holder_miners"),
			PaidHolders: rapid.SampledFrom(paidHolderModes).Draw(t, "paid_holders")}
		sc.Subnets.Revenue.Netuids = []int{2}
		sc.Subnets.Revenue.Burn = rapid.Bool().Draw(t, "burn")
		sc.Agents.Speculators.Count = rapid.IntRange(0, 30).Draw(t, "speculators")
		sc.Agents.YieldStakers.Count = rapid.IntRange(0, 5).Draw(t, "yield_stakers")
		sc.Agents.Arbitrageurs.Count = rapid.IntRange(0, 3).Draw(t, "arbitrageurs")
		sc.Agents.Noise.Count = rapid.IntRange(0, 10).Draw(t, "noise")
		sc.Agents.ValueInvestors.Count = rapid.IntRange(0, 3).Draw(t, "value_investors")
		if rapid.Bool().Draw(t, "price_limits") {
			mode, tol := rapid.SampledFrom(protectionModes), rapid.SampledFrom([]float64{0.001, 0.005, 0.05, 0.5})
			draw := func(class string) PriceProtection {
				return PriceProtection{Mode: mode.Draw(t, "mode_"+class), Tolerance: tol.Draw(t, "tolerance_"+class)}
			}
			sc.Agents.Speculators.PriceProtection, sc.Agents.YieldStakers.PriceProtection = draw("speculators"), draw("yield_stakers")
			sc.Agents.Arbitrageurs.PriceProtection, sc.Agents.Noise.PriceProtection = draw("arbitrageurs"), draw("noise")
			sc.Agents.ValueInvestors.PriceProtection = draw("value_investors")
		}
		sc.Agents.RootValidators.Policy = rapid.SampledFrom([]string{"passive", "intervene"}).Draw(t, "policy")
		sc.Mechanism.DividendFallback = rapid.SampledFrom(dividendFallbacks).Draw(t, "dividend_fallback")
		sc.Agents.RootValidators.DetectionDelayDays = rapid.Float64Range(0, 0.5).Draw(t, "delay")
		if rapid.Bool().Draw(t, "dereg") {
			sc.Mechanism.Deregistration = DeregSpec{
				RatePerWeek: rapid.Float64Range(20, 500).Draw(t, "rate_per_week"), GapShape: rapid.Float64Range(0.5, 5).Draw(t, "gap_shape"), ImmunityDays: rapid.Float64Range(0, 1).Draw(t, "immunity_days"),
				RateLimitDays: rapid.Float64Range(0, 0.01).Draw(t, "rate_limit_days"), LockTAO: rapid.Float64Range(1, 5000).Draw(t, "lock_tao"),
				StartDelayDays:     rapid.Float64Range(0, 0.5).Draw(t, "start_delay_days"),
				EmissionEnableDays: rapid.SampledFrom([]float64{-1, 0, 0.2}).Draw(t, "emission_enable_days")}
		}
		// in: what entered the accounts, pools and pending root TAO since block 0 —
		// emission, revenue, registration locks, less the dissolved subnets' TAO recycled.
		in := func(s *Sim) float64 {
			t := &s.C.Tot
			return t.Emitted + s.rev.external + t.RegLocked - t.DeregRecycled - t.DeregRootTAO
		}
		var init balances
		var emitted0 float64
		first := true
		_, err := Run(context.Background(), &sc, Options{
			Streams: Streams{Master: rapid.Uint64().Draw(t, "seed")},
			Check: func(s *Sim) error {
				now := measure(s)
				if first {
					// The identities are checked from the state after block 1 onward,
					// against that state plus what entered since.
					init, emitted0, first = now, in(s), false
					return nil
				}
				in := in(s) - emitted0
				if d := now.tao - (init.tao + in); math.Abs(d) > 1e-9*(init.tao+in) {
					return fmt.Errorf("TAO: now %v, start %v + in %v (diff %v)", now.tao, init.tao, in, d)
				}
				for i := range s.n {
					o := s.C.S.AlphaOut[i]
					if d := o - now.alpha[i]; math.Abs(d) > 1e-9*math.Max(o, 1) {
						return fmt.Errorf("subnet %d alpha: outstanding %v, accounted %v (diff %v)", i+1, o, now.alpha[i], d)
					}
				}
				return nil
			},
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
