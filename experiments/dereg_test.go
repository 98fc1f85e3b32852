package experiments

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"dtaosim/agents"
)

// derScenario is a small aged chain with frequent registrations.
func derScenario() Scenario {
	sc := Defaults()
	sc.Days = 3
	sc.Subnets.Count = 6
	sc.Subnets.Init = "aged"
	sc.Chain.AgeDays = 100
	sc.Subnets.Meme.Netuids = []int{1}
	sc.Agents.Speculators.Count, sc.Agents.YieldStakers.Count, sc.Agents.Noise.Count = 20, 5, 10
	sc.Mechanism.Deregistration = DeregSpec{RatePerWeek: 20, GapShape: 1, ImmunityDays: 0.5, RateLimitDays: 0.25, LockTAO: 100, StartDelayDays: 0.1}
	return sc
}

// TestDeregistrationRules: every prune is the lowest-moving-price subnet past its
// immunity, at most one per rate-limit interval, a subnet registered in the run is not
// pruned within its immunity, and its emission starts after the start delay.
func TestDeregistrationRules(t *testing.T) {
	t.Parallel()
	sc := derScenario()
	d := sc.Mechanism.Deregistration
	immunity := int64(math.Round(d.ImmunityDays * agents.BlocksPerDay))
	limit := int64(math.Round(d.RateLimitDays * agents.BlocksPerDay))
	var prunes []int64
	regAt := map[int]int64{}
	var prevM []float64
	count := 0
	_, err := Run(context.Background(), &sc, Options{Streams: Streams{Master: 7}, Check: func(s *Sim) error {
		if s.dereg.count > count {
			count = s.dereg.count
			b := s.C.Block - 1
			prunes = append(prunes, b)
			// The victim: the index registered at b; before the block it had the lowest
			// moving price among the subnets registered at least immunity before b.
			victim := -1
			for i := range s.n {
				if s.C.S.RegisteredAt[i] == b {
					victim = i
				}
			}
			if victim < 0 {
				t.Fatalf("block %d: no subnet registered", b)
			}
			if at, ok := regAt[victim]; ok && b < at+immunity {
				t.Errorf("block %d: subnet %d pruned %d blocks after registering, immunity %d", b, victim+1, b-at, immunity)
			}
			for i := range s.n {
				at, fresh := regAt[i]
				if i == victim || (fresh && b < at+immunity) {
					continue
				}
				if prevM[i] < prevM[victim] {
					t.Errorf("block %d: pruned subnet %d (moving price %v) while subnet %d had %v", b, victim+1, prevM[victim], i+1, prevM[i])
				}
			}
			regAt[victim] = b
			if s.C.S.EmissionEnabled[victim] || s.dereg.startAt[victim] != b+int64(math.Round(d.StartDelayDays*agents.BlocksPerDay)) {
				t.Errorf("block %d: new subnet enabled %v, starts at %d", b, s.C.S.EmissionEnabled[victim], s.dereg.startAt[victim])
			}
		}
		prevM = append(prevM[:0], s.C.S.MovingPrice...)
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(prunes) < 3 {
		t.Fatalf("only %d prunes in 3 days at ~3 attempts a day", len(prunes))
	}
	for k := 1; k < len(prunes); k++ {
		if prunes[k]-prunes[k-1] < limit {
			t.Errorf("prunes at %d and %d: %d blocks apart, rate limit %d", prunes[k-1], prunes[k], prunes[k]-prunes[k-1], limit)
		}
	}
}

// TestDeregistrationPaysHolders: the pruned subnet's pool TAO goes to the accounts that
// held its alpha, q = T/(held + protocol alpha) per alpha (the subnet is not fresh);
// they hold none after; a meme subnet stops being one.
func TestDeregistrationPaysHolders(t *testing.T) {
	t.Parallel()
	sc := derScenario()
	s, err := NewSim(&sc, Options{Streams: Streams{Master: 3}})
	if err != nil {
		t.Fatal(err)
	}
	s.dereg.spec.RatePerWeek = 0 // no prune but the test's
	for range 2000 {             // trades, emission and epochs before the prune
		if err := s.Step(); err != nil {
			t.Fatal(err)
		}
	}
	const i = 0 // the meme subnet
	s.C.S.ProtocolAlpha[i] += 5
	s.C.S.AlphaOut[i] += 5
	held := 0.0
	before := make([]float64, s.L.Accounts())
	alpha := make([]float64, s.L.Accounts())
	for a := range s.L.Accounts() {
		id := agents.AccountID(a)
		before[a], alpha[a] = s.L.TAO[a], s.L.Alpha(id, i)
		held += alpha[a]
	}
	q := s.C.S.TaoReserve[i] / (held + s.C.S.ProtocolAlpha[i])
	paid0 := s.C.Tot.DeregPaid
	if err := s.replace(s.C.Block, i); err != nil {
		t.Fatal(err)
	}
	paid := 0.0
	for a := range s.L.Accounts() {
		got := s.L.TAO[a] - before[a]
		paid += got
		if math.Abs(got-alpha[a]*q) > 1e-9*math.Max(1, alpha[a]*q) || s.L.Alpha(agents.AccountID(a), i) != 0 {
			t.Fatalf("account %d: held %v, paid %v, want %v; alpha left %v", a, alpha[a], got, alpha[a]*q, s.L.Alpha(agents.AccountID(a), i))
		}
	}
	if math.Abs(paid-(s.C.Tot.DeregPaid-paid0)) > 1e-9*paid || len(s.hold.of[i]) != 0 || s.kinds.memeAt[i] || s.Kinds[i] != agents.Utility {
		t.Fatalf("paid %v vs chain %v; holders %d; meme %v kind %v", paid, s.C.Tot.DeregPaid-paid0, len(s.hold.of[i]), s.kinds.memeAt[i], s.Kinds[i])
	}
	if slices.Contains(s.kinds.memes, i) {
		t.Fatalf("the observers' meme list %v still holds the replaced subnet %d", s.kinds.memes, i)
	}
}

// TestNewcomerHistory: a subnet registered at a reused netuid has no past of its own: a
// look back over its registration reads its registration price (not the pruned subnet's),
// with holder yield and payout 0, and it mints no alpha before its start.
func TestNewcomerHistory(t *testing.T) {
	t.Parallel()
	sc := derScenario()
	sc.Mechanism.Preset = "price_burn_2026_06" // start_call postdates the launch rule
	s, err := NewSim(&sc, Options{Streams: Streams{Master: 5}})
	if err != nil {
		t.Fatal(err)
	}
	s.dereg.next = math.MaxInt64 // no prune but the test's; starts still run
	for range 2 * 7200 {         // two daily snapshots of the old subnet
		if err := s.Step(); err != nil {
			t.Fatal(err)
		}
	}
	const i = 2 // a utility subnet
	old := s.PriceDaysAgo(i, 1)
	if err := s.replace(s.C.Block, i); err != nil {
		t.Fatal(err)
	}
	p := s.C.Price(i)
	if old == p {
		t.Fatalf("the pruned subnet's price %v equals the newcomer's: the test shows nothing", old)
	}
	for d := range historyDays + 1 {
		if got, y := s.PriceDaysAgo(i, d), s.HolderYieldDaysAgo(i, d); got != p || y != 0 {
			t.Fatalf("%d days ago: price %v, yield %v; want the registration price %v and 0", d, got, y, p)
		}
	}
	if s.HolderYield(i) != 0 || s.HolderPayout(i) != 0 {
		t.Fatalf("newcomer's holder yield %v, payout %v; want 0", s.HolderYield(i), s.HolderPayout(i))
	}
	for range 1000 { // within the start delay (0.1 days = 720 blocks): no alpha minted
		if err := s.Step(); err != nil {
			t.Fatal(err)
		}
		if s.dereg.startAt[i] < 0 {
			break
		}
		if s.C.Last.AlphaEmission[i] != 0 || s.C.S.MovingPrice[i] != 0 {
			t.Fatalf("block %d before the start: a_i %v, m %v", s.C.Block, s.C.Last.AlphaEmission[i], s.C.S.MovingPrice[i])
		}
	}
	if s.dereg.startAt[i] >= 0 {
		t.Fatal("the newcomer did not start within 1000 blocks")
	}
}

// TestNewcomerEmissionEnable: a newcomer's TAO emission is enabled emission_enable_days
// after it registered but not before its start call (start_delay_days, 0.1 days here),
// at the start call for 0, and never for −1; its alpha emission starts at the start call
// whatever the switch.
func TestNewcomerEmissionEnable(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		days float64
		want int64 // blocks after registration, −1 never
	}{{0, 720}, {0.05, 720}, {0.2, 1440}, {-1, -1}} {
		sc := derScenario()
		sc.Mechanism.Preset = "price_burn_2026_06"
		sc.Mechanism.Deregistration.EmissionEnableDays = tc.days
		s, err := NewSim(&sc, Options{Streams: Streams{Master: 9}})
		if err != nil {
			t.Fatal(err)
		}
		s.dereg.next = math.MaxInt64 // no prune but the test's
		const i = 2
		b0 := s.C.Block
		if err := s.replace(b0, i); err != nil {
			t.Fatal(err)
		}
		enabled, started := int64(-1), int64(-1)
		for range 2000 {
			if err := s.Step(); err != nil {
				t.Fatal(err)
			}
			at := s.C.Block - 1 - b0 // the block just run, after registration
			if enabled < 0 && s.C.S.EmissionEnabled[i] {
				enabled = at
			}
			if started < 0 && s.C.Last.AlphaEmission[i] > 0 {
				started = at
			}
		}
		if enabled != tc.want || started != 720 {
			t.Errorf("emission_enable_days %v: TAO emission enabled at +%d, alpha from +%d; want +%d and +720", tc.days, enabled, started, tc.want)
		}
	}
	sc := derScenario()
	sc.Mechanism.Deregistration.EmissionEnableDays = -2
	if err := sc.Validate(); err == nil || !strings.Contains(err.Error(), "emission_enable_days") {
		t.Fatalf("emission_enable_days -2: error %v, want one naming the field", err)
	}
}
