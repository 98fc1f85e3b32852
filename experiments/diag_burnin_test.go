package experiments

import (
	"cmp"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"dtaosim/agents"
	"dtaosim/experiments/stats"
)

// Diagnosis (docs/results.md, "How long the burn-in lasts"): the state of the market at
// the takeover in the cells of experiments/study-burnin-dose.yaml - the launch rule three
// months after launch after a burn-in of 0 to 90 days - read by stepping each run to its
// takeover block. Only with DIAG_BURNIN=1; DIAG_N seeds from 1 (default 4). It prints,
// per burn-in and quit_drawdown, the mean over seeds of the speculators' capital at the
// start (all of it, arrived or not) and at the takeover their free TAO, the
// value of their positions at spot prices, the speculators in the market (arrived and not
// left, Speculator.Left; all arrived when quitting is off) and their free TAO plus
// positions, the TAO in all pools and in the meme's pool, the sum of spot prices, the
// meme's emission share and rank by moving price, the mean root proportion ρ and the sum
// of moving prices. The seeds are master seeds 1..N, not the sweep's runs (whose
// seeds the plan derives), so the numbers describe the cells, not their replicates.
// DIAG_AGE sets the chain's age at the takeover (default 90), DIAG_PRESET the rule
// (default launch_2025_02) and DIAG_BURNINS the burn-ins, comma-separated (default
// 0,15,30,45,60,75,90): DIAG_AGE=365 DIAG_BURNINS=30,365 reads study-burnin-year.yaml's;
// DIAG_START_RANK the meme's place in the starting split (default 20;
// study-burnin-rank.yaml's 5 and 10).
func TestDiagBurnIn(t *testing.T) {
	if os.Getenv("DIAG_BURNIN") == "" {
		t.Skip("diagnosis: DIAG_BURNIN=1 to run")
	}
	n := int(envFloat(t, "DIAG_N", 4))
	age := envFloat(t, "DIAG_AGE", 90)
	startRank := int(envFloat(t, "DIAG_START_RANK", 20))
	preset := cmp.Or(os.Getenv("DIAG_PRESET"), "launch_2025_02")
	var burnIns []float64
	for _, f := range strings.Split(cmp.Or(os.Getenv("DIAG_BURNINS"), "0,15,30,45,60,75,90"), ",") {
		b, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatalf("DIAG_BURNINS: %v", err)
		}
		burnIns = append(burnIns, b)
	}
	for _, q := range []float64{0, 0.5} {
		for _, b := range burnIns {
			var capital, free, held, pool, memePool, sigP, active, activeWealth, memeShare, memeRank, rho, sigM float64
			for seed := uint64(1); seed <= uint64(n); seed++ {
				sc, err := LoadPreset("sn28-late")
				if err != nil {
					t.Fatal(err)
				}
				sc.Days, sc.BurnInDays = 105, b
				sc.Chain.TaoIssuance, sc.Chain.AgeDays = 8.5e6, age
				sc.Subnets.Meme.StartRank = startRank
				sc.Agents.Speculators.Capital.Min = 100
				sc.Agents.Speculators.QuitDrawdown = q
				sc.Agents.RootValidators.Policy = "passive"
				sc.Mechanism.Preset = preset
				s, err := NewSim(sc, Options{Streams: Streams{Master: seed}})
				if err != nil {
					t.Fatal(err)
				}
				for a := range s.acct.agents { // the capital drawn for every speculator, arrived or not
					if s.acct.class[a] == "speculator" {
						capital += s.L.TAO[a]
					}
				}
				for s.C.Block < s.kinds.takeover {
					must(t, s.Step())
				}
				meme := -1
				for i, m := range s.kinds.memeAt {
					if m {
						meme = i
					}
				}
				for a, ag := range s.pop.agents {
					sp, ok := ag.(*agents.Speculator)
					if !ok {
						continue
					}
					id := sp.Account()
					pos := 0.0
					for i := range s.n {
						pos += s.L.Alpha(id, i) * s.C.Price(i)
					}
					free += s.L.TAO[id]
					held += pos
					if !sp.Left() && arrivedAgent(&s.pop, a) {
						active++
						activeWealth += s.L.TAO[id] + pos
					}
				}
				for i := range s.n {
					pool += s.C.S.TaoReserve[i]
					sigP += s.C.Price(i)
				}
				memePool += s.C.S.TaoReserve[meme]
				memeShare += s.C.Last.Share[meme]
				for i := range s.n {
					rho += s.C.Last.RootProp[i] / float64(s.n)
					sigM += s.C.S.MovingPrice[i]
				}
				memeRank += float64(stats.Rank(s.C.S.MovingPrice, meme))
			}
			k := float64(n)
			fmt.Printf("%s, age %.0f, quit %.1f, burn-in %3.0f d: speculators' capital %4.0fk, at the takeover free TAO %4.0fk, positions %4.0fk, %3.0f active holding %4.0fk; pools %7.0fk TAO, meme pool %6.1fk; Σp %.3f; meme share %.4f, rank by moving price %.1f; mean ρ %.3f; Σ moving prices %.3f\n",
				preset, age, q, b, capital/k/1e3, free/k/1e3, held/k/1e3, active/k, activeWealth/k/1e3, pool/k/1e3, memePool/k/1e3, sigP/k, memeShare/k, memeRank/k, rho/k, sigM/k)
		}
	}
}

// arrivedAgent reports whether agent k of the population has arrived (a class without
// a Poisson arrival process counts as arrived; a lump's day is not checked).
func arrivedAgent(p *population, k int) bool {
	for _, gr := range p.groups {
		if k >= gr.first && k < gr.first+gr.n {
			return gr.proc == nil || k < gr.first+gr.proc.Arrived()
		}
	}
	return true
}
