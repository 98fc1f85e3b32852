package experiments

import (
	"fmt"
	"os"
	"slices"
	"testing"

	"dtaosim/agents"
	"dtaosim/experiments/stats"
)

// Diagnosis (docs/results.md, "A revenue subnet that buys back its token": through whom
// the emission root takes from a meme reaches the buying-back subnet). Only with
// DIAG_REVENUE=1; DIAG_N master seeds from 1 (default 8). The run is
// study-revenue-stakers-7d.yaml's cell with the yield stakers (today's rule, the launch
// state, the meme 20th of 64 taken over on day 8, capital 100, subnet 14 mining Bitcoin
// and buying back half its revenue), once with root passive and once intervening on each
// seed. On days 8 to 111 it prints, as the median over seeds [min, max], the share of
// the yield stakers' and of the speculators' wealth (free TAO, root stake and alpha at
// spot prices) held as subnet 14's alpha and as the meme's, subnet 14's rank by holder
// yield among the 64 (1 = the highest), and its emission share.
func TestDiagRevenue(t *testing.T) {
	if os.Getenv("DIAG_REVENUE") == "" {
		t.Skip("diagnosis: DIAG_REVENUE=1 to run")
	}
	n := int(envFloat(t, "DIAG_N", 8))
	days := []float64{8, 10, 12, 16, 24, 40, 70, 111}
	for _, policy := range []string{"passive", "intervene"} {
		// per day, per quantity: one value per seed
		type obs struct{ ysRev, ysMeme, spRev, spMeme, rank, share []float64 }
		at := make([]obs, len(days))
		for seed := uint64(1); seed <= uint64(n); seed++ {
			sc := diagRevenueScenario(t, policy)
			s, err := NewSim(sc, Options{Streams: Streams{Master: seed}})
			if err != nil {
				t.Fatal(err)
			}
			for k, d := range days {
				for s.C.Block < s.C.StartBlock+int64(d*agents.BlocksPerDay) {
					must(t, s.Step())
				}
				rev := slices.Index(s.Kinds, agents.Revenue) // subnet 14 (index = netuid - 1)
				meme := slices.Index(s.Kinds, agents.Meme)   // after the takeover on day 8
				held := map[string][3]float64{}              // class: wealth, in subnet 14, in the meme
				for a := range s.acct.count() {
					id := agents.AccountID(a)
					w := held[s.acct.class[a]]
					w[0] += s.wealth(id)
					w[1] += s.Alpha(id, rev) * s.Price(rev)
					if meme >= 0 {
						w[2] += s.Alpha(id, meme) * s.Price(meme)
					}
					held[s.acct.class[a]] = w
				}
				frac := func(c string, j int) float64 {
					if w := held[c]; w[0] > 0 {
						return w[j] / w[0]
					}
					return 0
				}
				y := make([]float64, s.n)
				for i := range s.n {
					y[i] = s.HolderYield(i)
				}
				o := &at[k]
				o.ysRev, o.ysMeme = append(o.ysRev, frac("yield_staker", 1)), append(o.ysMeme, frac("yield_staker", 2))
				o.spRev, o.spMeme = append(o.spRev, frac("speculator", 1)), append(o.spMeme, frac("speculator", 2))
				o.rank = append(o.rank, float64(stats.Rank(y, rev)))
				o.share = append(o.share, s.EmissionShare(rev))
			}
		}
		med := func(x []float64, f string) string {
			return fmt.Sprintf(f+" ["+f+", "+f+"]", stats.Quantile(0.5, x), stats.Quantile(0, x), stats.Quantile(1, x))
		}
		fmt.Printf("root %s, %d seeds; shares of the class's wealth, medians [min, max]:\n", policy, n)
		for k, d := range days {
			o := at[k]
			fmt.Printf("  day %3.0f: yield stakers in 14 %s, in the meme %s; speculators in 14 %s, in the meme %s; 14's yield rank %s, its emission share %s\n",
				d, med(o.ysRev, "%.2f"), med(o.ysMeme, "%.2f"), med(o.spRev, "%.2f"), med(o.spMeme, "%.2f"), med(o.rank, "%.0f"), med(o.share, "%.3f"))
		}
	}
}

// diagRevenueScenario is study-revenue-stakers-7d.yaml's cell with the yield stakers and
// root's policy: sn28-late with the file's scenario fields decoded over it (strictly, as a
// scenario file is read) and checked.
func diagRevenueScenario(t *testing.T, policy string) *Scenario {
	t.Helper()
	sc, err := LoadPreset("sn28-late")
	if err != nil {
		t.Fatal(err)
	}
	must(t, decodeStrict([]byte(`days: 112
chain: {tao_issuance: 8.4496e6, age_days: 0}
mechanism: {preset: price_burn_2026_06}
subnets:
  init: launch
  meme: {start_rank: 20, takeover_day: 8}
  revenue: {netuids: [14], value: latent, buyback_fraction: 0.5}
agents: {speculators: {capital: {min: 100}}, root_validators: {policy: `+policy+`}}
`), sc))
	must(t, sc.Validate())
	return sc
}
