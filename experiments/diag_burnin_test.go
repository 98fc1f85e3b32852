package experiments

import (
	"cmp"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"dtaosim/agents"
	"dtaosim/experiments/arrival"
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
// study-burnin-rank.yaml's 5 and 10); DIAG_SPEC_N and DIAG_SPEC_RATE the speculators'
// count and arrival base rate (study-burnin-open.yaml's), DIAG_SPEC_LUMP=1 their arrival
// all at once on the nominal day 0 (study-burnin-fresh.yaml's lump), DIAG_TAKEOVER the
// takeover's nominal day (default 1; the chain's age DIAG_AGE is at the nominal start, so
// study-burnin-fresh-30.yaml is DIAG_AGE=60 DIAG_TAKEOVER=31). DIAG_CLASSES=1 adds,
// per run, each account class's free TAO, positions and share of the meme's outstanding
// alpha at the takeover (diagClasses); DIAG_AFTER=1 the meme's first two weeks after it
// (diagAfter), each run's lines before its cell's summary line; DIAG_PAID_HOLDERS whose
// alpha the meme pays (study-paid-holders-*.yaml's cohorts or all).
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
				s := diagBurnInSim(t, seed, b, q, age, preset, startRank)
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
				}
				sigP += sumPrices(s)
				memePool += s.C.S.TaoReserve[meme]
				memeShare += s.C.Last.Share[meme]
				for i := range s.n {
					rho += s.C.Last.RootProp[i] / float64(s.n)
					sigM += s.C.S.MovingPrice[i]
				}
				memeRank += float64(stats.Rank(s.C.S.MovingPrice, meme))
				if os.Getenv("DIAG_CLASSES") != "" {
					diagClasses(s, meme, b, seed)
				}
				if os.Getenv("DIAG_AFTER") != "" {
					diagAfter(t, s, meme) // after the takeover's figures are read
				}
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

// diagClasses prints, per account class, the free TAO, the positions at spot prices and
// the meme subnet's alpha held (and its share of the meme's outstanding alpha), and the
// meme pool's reserves (DIAG_CLASSES=1 with TestDiagBurnIn).
func diagClasses(s *Sim, meme int, b float64, seed uint64) {
	type row struct {
		free, pos, memeAlpha float64
		n                    int
	}
	rows := map[string]*row{}
	var order []string
	for a := range s.acct.count() {
		c := s.acct.class[a]
		r := rows[c]
		if r == nil {
			r = &row{}
			rows[c] = r
			order = append(order, c)
		}
		id := agents.AccountID(a)
		r.n++
		r.free += s.L.TAO[id]
		for i := range s.n {
			r.pos += s.L.Alpha(id, i) * s.C.Price(i)
		}
		r.memeAlpha += s.L.Alpha(id, meme)
	}
	out := s.C.S.AlphaOut[meme]
	fmt.Printf("  seed %d burn-in %.0f: meme pool %.0f TAO / %.0f alpha, price %.4f, outstanding %.0f alpha, agents' holders %d\n",
		seed, b, s.C.S.TaoReserve[meme], s.C.S.AlphaReserve[meme], s.C.Price(meme), out, len(s.hold.of[meme]))
	for _, c := range order {
		r := rows[c]
		fmt.Printf("    %-16s %4d accounts: free %8.0f TAO, positions %8.0f TAO, meme alpha %9.0f (%.3f of outstanding)\n",
			c, r.n, r.free, r.pos, r.memeAlpha, r.memeAlpha/out)
	}
}

// diagAfter steps the run on after its takeover and prints, on days
// 0.5, 1, 2, 3, 5, 7, 10 and 14 after it, the meme subnet's price, emission share, the
// alpha agents hold in it, the holders' payout per day, the marginal yield of 100 TAO
// and the speculators holding it (DIAG_AFTER=1 with TestDiagBurnIn).
func diagAfter(t *testing.T, s *Sim, meme int) {
	start := s.C.Block
	for _, d := range []float64{0, 0.5, 1, 2, 3, 5, 7, 10, 14} {
		for s.C.Block < start+int64(d*agents.BlocksPerDay) {
			must(t, s.Step())
		}
		fmt.Printf("    +%4.1f d: meme price %.5f, share %.4f, agents hold %7.0f alpha, payout %6.0f alpha/d, marginal yield(100) %.4f/d, speculators holding %d, Σp %.3f\n",
			d, s.C.Price(meme), s.C.Last.Share[meme], s.HolderAlpha(meme), s.HolderPayout(meme), agents.MarginalYield(s, meme, 100), s.hold.speculators[meme], sumPrices(s))
	}
}

func sumPrices(s *Sim) float64 {
	x := 0.0
	for i := range s.n {
		x += s.C.Price(i)
	}
	return x
}

// diagBurnInSim builds the run of TestDiagBurnIn's cell (burn-in b, quit_drawdown q, the
// chain's age at the takeover, the rule and the meme's start rank) for master seed seed;
// DIAG_SPEC_N, DIAG_SPEC_RATE and DIAG_SPEC_LUMP set the speculators' count, arrival
// base rate and lump arrival (TestDiagBurnIn's), DIAG_SPEC_RECRUIT their arrival's
// recruit, DIAG_YIELD_WEIGHT their yield_weight, DIAG_ARB_N the arbitrageurs' count,
// DIAG_PAID_HOLDERS whose alpha the meme pays (subnets.meme.paid_holders).
func diagBurnInSim(t *testing.T, seed uint64, b, q, age float64, preset string, startRank int) *Sim {
	t.Helper()
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
	if v := envFloat(t, "DIAG_SPEC_N", 0); v > 0 {
		sc.Agents.Speculators.Count = int(v)
	}
	if v := envFloat(t, "DIAG_SPEC_RATE", 0); v > 0 {
		sc.Agents.Speculators.Arrival.BaseRate = v
	}
	if v := os.Getenv("DIAG_SPEC_RECRUIT"); v != "" { // study-burnin-steady.yaml's 0
		sc.Agents.Speculators.Arrival.Recruit = envFloat(t, "DIAG_SPEC_RECRUIT", 1)
	}
	if v := os.Getenv("DIAG_YIELD_WEIGHT"); v != "" { // the speculators' yield_weight
		sc.Agents.Speculators.YieldWeight = envFloat(t, "DIAG_YIELD_WEIGHT", 7)
	}
	if v := os.Getenv("DIAG_ARB_N"); v != "" { // arbitrageurs' count (0: none)
		sc.Agents.Arbitrageurs.Count = int(envFloat(t, "DIAG_ARB_N", 5))
	}
	if os.Getenv("DIAG_SPEC_LUMP") != "" {
		sc.Agents.Speculators.Arrival.Process = arrival.Lump
	}
	// study-paid-holders-*.yaml's cohorts and all:
	sc.Subnets.Meme.PaidHolders = os.Getenv("DIAG_PAID_HOLDERS")
	if v := envFloat(t, "DIAG_TAKEOVER", 1); v != 1 { // study-burnin-fresh-30.yaml's 31
		sc.Subnets.Meme.TakeoverDay = v
		sc.Days += v - 1
	}
	sc.Mechanism.Preset = preset
	s, err := NewSim(sc, Options{Streams: Streams{Master: seed}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestDiagWealthPath (DIAG_WEALTH=1; DIAG_N, DIAG_AGE, DIAG_PRESET, DIAG_BURNINS as
// TestDiagBurnIn's, quit_drawdown DIAG_QUIT, default 0.5) prints, for each burn-in and
// master seed, on chain days 1, 2, 5, 10, 15, 30, 45, 60, 75 and 90 (those the run
// reaches, counted from the launch) each account class's wealth at spot prices (free
// TAO, root stake, alpha), the speculators arrived and still in the market, and the
// sum of spot prices: where the speculators' capital goes before the takeover.
func TestDiagWealthPath(t *testing.T) {
	if os.Getenv("DIAG_WEALTH") == "" {
		t.Skip("diagnosis: DIAG_WEALTH=1 to run")
	}
	n := int(envFloat(t, "DIAG_N", 2))
	age := envFloat(t, "DIAG_AGE", 90)
	q := envFloat(t, "DIAG_QUIT", 0.5)
	preset := cmp.Or(os.Getenv("DIAG_PRESET"), "price_burn_2026_06")
	for _, f := range strings.Split(cmp.Or(os.Getenv("DIAG_BURNINS"), "75,90"), ",") {
		b, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatalf("DIAG_BURNINS: %v", err)
		}
		for seed := uint64(1); seed <= uint64(n); seed++ {
			s := diagBurnInSim(t, seed, b, q, age, preset, 20)
			startAge := age - min(b, age) // the chain's age at the run's first block
			fmt.Printf("%s, age %.0f, quit %.1f, burn-in %.0f d, seed %d:\n", preset, age, q, b, seed)
			for _, d := range []float64{0, 1, 2, 5, 10, 15, 30, 45, 60, 75, 90} {
				if d < startAge || d > age {
					continue
				}
				for s.C.Block < int64((d-startAge)*agents.BlocksPerDay) {
					must(t, s.Step())
				}
				w := map[string]float64{}
				var order []string
				for a := range s.acct.count() {
					c := s.acct.class[a]
					if _, ok := w[c]; !ok {
						order = append(order, c)
					}
					w[c] += s.wealth(agents.AccountID(a))
				}
				arrived, active := 0, 0
				for k, ag := range s.pop.agents {
					if sp, ok := ag.(*agents.Speculator); ok && arrivedAgent(&s.pop, k) {
						arrived++
						if !sp.Left() {
							active++
						}
					}
				}
				line := fmt.Sprintf("  day %3.0f: Σp %.3f, speculators arrived %3d, in the market %3d; wealth k TAO:", d, sumPrices(s), arrived, active)
				for _, c := range order {
					line += fmt.Sprintf(" %s %.0f", c, w[c]/1e3)
				}
				fmt.Println(line)
			}
		}
	}
}
