package experiments

import (
	"fmt"
	"os"
	"testing"

	"dtaosim/agents"
)

// Diagnosis (docs/results.md, "How long the burn-in lasts"): the state of the market at
// the takeover in the cells of experiments/study-burnin-dose.yaml - the launch rule three
// months after launch after a burn-in of 0 to 90 days - read by stepping each run to its
// takeover block. Only with DIAG_BURNIN=1; DIAG_N seeds from 1 (default 4). It prints,
// per burn-in and quit_drawdown, the mean over seeds of the speculators' free TAO, the
// value of their positions at spot prices, the TAO in all pools and in the meme's pool,
// and the sum of spot prices. The seeds are master seeds 1..N, not the sweep's runs (whose
// seeds the plan derives), so the numbers describe the cells, not their replicates.
func TestDiagBurnIn(t *testing.T) {
	if os.Getenv("DIAG_BURNIN") == "" {
		t.Skip("diagnosis: DIAG_BURNIN=1 to run")
	}
	n := int(envFloat(t, "DIAG_N", 4))
	for _, q := range []float64{0, 0.5} {
		for _, b := range []float64{0, 15, 30, 45, 60, 75, 90} {
			var free, held, pool, memePool, sigP float64
			for seed := uint64(1); seed <= uint64(n); seed++ {
				sc, err := LoadPreset("sn28-late")
				if err != nil {
					t.Fatal(err)
				}
				sc.Days, sc.BurnInDays = 105, b
				sc.Chain.TaoIssuance, sc.Chain.AgeDays = 8.5e6, 90
				sc.Subnets.Meme.StartRank = 20
				sc.Agents.Speculators.Capital.Min = 100
				sc.Agents.Speculators.QuitDrawdown = q
				sc.Agents.RootValidators.Policy = "passive"
				sc.Mechanism.Preset = "launch_2025_02"
				s, err := NewSim(sc, Options{Streams: Streams{Master: seed}})
				if err != nil {
					t.Fatal(err)
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
				for a := range s.acct.agents {
					if s.acct.class[a] != "speculator" {
						continue
					}
					free += s.L.TAO[a]
					for i := range s.n {
						held += s.L.Alpha(agents.AccountID(a), i) * s.C.Price(i)
					}
				}
				for i := range s.n {
					pool += s.C.S.TaoReserve[i]
					sigP += s.C.Price(i)
				}
				memePool += s.C.S.TaoReserve[meme]
			}
			k := float64(n)
			fmt.Printf("quit %.1f burn-in %2.0f d: speculators' free TAO %7.0fk, positions %7.0fk; pools %7.0fk TAO, meme pool %6.1fk; Σp %.3f\n",
				q, b, free/k/1e3, held/k/1e3, pool/k/1e3, memePool/k/1e3, sigP/k)
		}
	}
}
