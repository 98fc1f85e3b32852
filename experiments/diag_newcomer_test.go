package experiments

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"dtaosim/agents"
)

// TestDiagNewcomer is a diagnostic, skipped unless DTAOSIM_DIAG lists seeds (e.g.
// DTAOSIM_DIAG=1,2,3 go test ./experiments -run TestDiagNewcomer -v): per seed, one run
// of chain-2026-08 and a line with the sum of spot prices at the end (sumP), the prunes,
// the first newcomer's netuid, registration day, 3-day momentum seen at registration,
// peak price and peak TAO-emission share, its price at registration and 7 days after,
// and the summed end price of the subnets registered in the run (freshP).
// DTAOSIM_DIAG_OFF=1 removes deregistration (the paired control); DTAOSIM_DIAG_TRACE and
// DTAOSIM_DIAG_FINE print the first newcomer's state every half day and every 120 blocks
// after its start. The numbers of docs/designs.md "Deregistration" come from it.
func TestDiagNewcomer(t *testing.T) {
	env := os.Getenv("DTAOSIM_DIAG")
	if env == "" {
		t.Skip("diagnostic")
	}
	for _, f := range strings.Split(env, ",") {
		seed, _ := strconv.ParseUint(f, 10, 64)
		sc, err := LoadPreset("chain-2026-08")
		if err != nil {
			t.Fatal(err)
		}
		if os.Getenv("DTAOSIM_DIAG_OFF") != "" {
			sc.Mechanism.Deregistration = DeregSpec{}
		}
		first, regB := -1, int64(0)
		peakP, peakS, mom, pStart, pReg := 0.0, 0.0, 0.0, 0.0, 0.0
		var s0 *Sim
		_, err = Run(context.Background(), sc, Options{Streams: Streams{Master: seed}, Check: func(s *Sim) error {
			s0 = s
			if first < 0 && s.dereg.count > 0 {
				for i := range s.n {
					if s.C.S.RegisteredAt[i] == s.C.Block-1 {
						first, regB = i, s.C.Block-1
						mom = s.C.Price(i)/s.PriceDaysAgo(i, 3) - 1
						pReg = s.C.Price(i)
					}
				}
			}
			if first >= 0 {
				peakP = max(peakP, s.C.Price(first))
				if os.Getenv("DTAOSIM_DIAG_TRACE") != "" && (s.C.Block-1-regB)%3600 == 0 {
					fmt.Printf("TRACE d%.1f p %.4g T %.0f A %.0f out %.0f held %.0f pay %.4g y %.4g specs %d share %.3f M %.4g\n",
						float64(s.C.Block-1-regB)/7200, s.C.Price(first), s.C.S.TaoReserve[first], s.C.S.AlphaReserve[first], s.C.S.AlphaOut[first],
						s.hold.alpha[first], s.val.payout[first], s.val.yield[first], s.hold.speculators[first], s.C.Last.TaoEmission[first]/0.5, s.C.S.MovingPrice[first])
				}
				if d := s.C.Block - 1 - regB - 7*7200; os.Getenv("DTAOSIM_DIAG_FINE") != "" && d >= 0 && d < 2400 && d%120 == 0 {
					fmt.Printf("FINE +%d p %.4g mom %.3g y1 %.4g y10 %.4g y100 %.4g held %.0f pay %.4g specs %d herdTotal %d\n", d, s.C.Price(first),
						s.C.Price(first)/s.PriceDaysAgo(first, 3)-1, agents.MarginalYield(s, first, 1), agents.MarginalYield(s, first, 10), agents.MarginalYield(s, first, 100),
						s.hold.alpha[first], s.val.payout[first], s.hold.speculators[first], s.Speculators())
				}
				if s.C.Block-1 == regB+7*7200 {
					pStart = s.C.Price(first)
				}
				sum := 0.0
				for _, e := range s.C.Last.TaoEmission {
					sum += e
				}
				if sum > 0 {
					peakS = max(peakS, s.C.Last.TaoEmission[first]/sum)
				}
			}
			return nil
		}})
		if err != nil {
			t.Fatal(err)
		}
		sumP, fresh := 0.0, 0.0
		for i := range s0.n {
			sumP += s0.C.Price(i)
			if s0.C.S.Fresh[i] {
				fresh += s0.C.Price(i)
			}
		}
		fmt.Printf("DIAG seed %d sumP %.3f prunes %d first %d regDay %.1f mom3 %.2f peakP %.3g peakS %.3f pReg %.3g pStart %.3g freshP %.3f\n",
			seed, sumP, s0.dereg.count, first+1, float64(regB-s0.C.StartBlock)/agents.BlocksPerDay, mom, peakP, peakS, pReg, pStart, fresh)
	}
}
