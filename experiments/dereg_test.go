package experiments

import (
	"context"
	"math"
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
}
