package experiments

import (
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"dtaosim/agents"
)

// Diagnosis (issue 16; docs/results.md, "What keeps a clipped meme up"): after the
// Foundation's intervention clips a meme subnet's holders to zero incentive, who puts
// TAO into its pool and who holds its alpha. It runs the scenario of the study parts
// cal-foundation-threshold (launch rule) and cal-foundation-threshold-head (today's rule,
// DIAG_PRESET=price_burn_2026_06) on the part's own random numbers (master seed
// DIAG_SEED, CRN group 0, replicates 0..DIAG_N−1), so its capture counts can be checked
// against the part's summary, and books every change of the meme pool's TAO reserve from
// the intervention on by source: each agent class's buys and sells, the chain's
// injection, root's alpha sold, the cohorts' emission sold at the epochs. Rows at days 0,
// 1, 2, 5, 10, 20, 40 after the intervention and at the end (and, first, at the takeover): the pool's TAO and alpha,
// price, moving price and emission share, the cumulative flows, and the meme's alpha
// held by each class (the alpha outside the pool). Only with DIAG_CLIP=1 (DIAG_AGE: the
// chain's age, days, default 90; DIAG_SHARE: the Foundation's share of root stake,
// default 1; DIAG_N, default 10; DIAG_SEED, default 2032; DIAG_PRESET: the mechanism
// preset, default the launch rule with the part's moving-price coefficient; DIAG_PAID:
// subnets.meme.paid_holders; DIAG_FALLBACK: mechanism.dividend_fallback). Each replicate's
// line also counts the meme's epochs after the intervention at which no alpha validator
// had dividends, and the validator alpha paid in them.

type clipRow struct {
	day                   float64
	tao, alpha, price, mp float64
	share                 float64
	others                float64            // Σ of the other subnets' moving prices
	flow                  map[string]float64 // cumulative TAO into the meme pool since the intervention, by source
	held                  map[string]float64 // meme alpha held, by holder
}

// clipScenario is the cal-foundation-threshold scenario at one cell.
func clipScenario(t *testing.T) *Scenario {
	sc, err := LoadPreset("sn28-late")
	if err != nil {
		t.Fatal(err)
	}
	sc.Days = 105
	sc.Chain.TaoIssuance = 8.5e6
	sc.Chain.AgeDays = envFloat(t, "DIAG_AGE", 90)
	sc.Agents.RootValidators.InterveneShare = envFloat(t, "DIAG_SHARE", 1)
	if p := os.Getenv("DIAG_PRESET"); p != "" {
		sc.Mechanism.Preset = p
	} else {
		sc.Mechanism.Params = map[string]any{"moving_alpha": 3.0e-6}
	}
	if m := os.Getenv("DIAG_PAID"); m != "" {
		sc.Subnets.Meme.PaidHolders = m
	}
	sc.Mechanism.DividendFallback = os.Getenv("DIAG_FALLBACK")
	if err := sc.Validate(); err != nil {
		t.Fatal(err)
	}
	return sc
}

// diagClipRun runs replicate r and returns its rows (none if root never intervened),
// whether the meme captured, and the intervention's day.
func diagClipRun(t *testing.T, sc *Scenario, seed uint64, r int64) ([]clipRow, bool, float64) {
	s, err := NewSim(sc, Options{Streams: Streams{Master: seed, Cell: 0, Replicate: r}})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.kinds.memes) != 1 {
		t.Fatalf("want one meme subnet, got %d", len(s.kinds.memes))
	}
	m := s.kinds.memes[0]
	blocks := int64(math.Round(sc.Days * agents.BlocksPerDay))
	after := []float64{0, 1, 2, 5, 10, 20, 40}
	var rows []clipRow
	var zeroDiv struct {
		epochs, zero int
		alpha, all   float64
	}
	var takeover clipRow // at the takeover's block, before it: the first row (no flows are booked before the intervention)
	flow := map[string]float64{}
	start := int64(-1)
	next := 0
	cohort := map[agents.AccountID]string{}
	cohort[s.acct.miners[m]] = "miners"
	for _, a := range s.acct.validators[m] {
		cohort[a] = "validators"
	}
	cohort[s.acct.owner[m]] = "owner"
	cohort[s.acct.treasury[m]] = "treasury"
	holder := func(a agents.AccountID) string {
		if c, ok := cohort[a]; ok {
			return c
		}
		return s.acct.class[a]
	}
	row := func(b int64) clipRow {
		rw := clipRow{day: float64(b-start) / agents.BlocksPerDay, tao: s.C.S.TaoReserve[m], alpha: s.C.S.AlphaReserve[m],
			price: s.C.Price(m), mp: s.C.S.MovingPrice[m], share: s.C.Last.Share[m], flow: map[string]float64{}, held: map[string]float64{}}
		for k, v := range flow {
			rw.flow[k] = v
		}
		for j := range s.n {
			if j != m {
				rw.others += s.C.S.MovingPrice[j]
			}
		}
		for a := range s.L.Accounts() {
			if x := s.L.Alpha(agents.AccountID(a), m); x != 0 {
				rw.held[holder(agents.AccountID(a))] += x
			}
		}
		return rw
	}
	members := map[string][]agents.AccountID{} // each cohort's accounts, in account order
	for a := range s.L.Accounts() {
		if c, ok := cohort[agents.AccountID(a)]; ok {
			members[c] = append(members[c], agents.AccountID(a))
		}
	}
	cohortTAO := func(name string) float64 {
		x := 0.0
		for _, a := range members[name] {
			x += s.L.TAO[a]
		}
		return x
	}
	for k := int64(0); k < blocks; k++ {
		b := s.C.Block
		if b == s.kinds.takeover {
			takeover = row(b)
		}
		must(t, s.switches(b))
		must(t, s.intervene(b))
		if start < 0 && s.root.started[m] >= 0 {
			start = s.root.started[m]
			rows = append(rows, row(b))
			next = 1
		}
		must(t, s.deregister(b))
		orders := s.decideOrders(b)
		for _, o := range orders {
			q := s.C.S.TaoReserve[m]
			s.execute(o)
			if start >= 0 && o.Subnet == m {
				side := " buy"
				if o.Sell {
					side = " sell"
				}
				flow[s.acct.class[o.Account]+side] += s.C.S.TaoReserve[m] - q
			}
		}
		q := s.C.S.TaoReserve[m]
		must(t, s.coinbase(b))
		if start >= 0 {
			inj := s.C.Last.TaoIn[m] + s.C.Last.ExcessTAO[m]
			flow["chain injection"] += inj
			flow["root alpha sold"] -= s.C.Last.RootSoldTAO[m]
			flow["coinbase other"] += s.C.S.TaoReserve[m] - q - inj + s.C.Last.RootSoldTAO[m]
		}
		q = s.C.S.TaoReserve[m]
		m0, v0, o0 := cohortTAO("miners"), cohortTAO("validators"), cohortTAO("owner")
		must(t, s.validate(b))
		if f := s.C.Fired(); start >= 0 && len(f) > 0 && f[len(f)-1] == m {
			zeroDiv.epochs++
			if s.val.alphaDividends() == 0 {
				zeroDiv.zero++
				zeroDiv.alpha += s.C.Last.DistValidator[m]
			}
			zeroDiv.all += s.C.Last.DistValidator[m]
		}
		if start >= 0 {
			dm, dv, do := cohortTAO("miners")-m0, cohortTAO("validators")-v0, cohortTAO("owner")-o0
			flow["miners sell"] -= dm
			flow["validators sell"] -= dv
			flow["owner sell"] -= do
			flow["epoch other"] += s.C.S.TaoReserve[m] - q + dm + dv + do
		}
		must(t, s.daily(b))
		must(t, s.observe(b))
		if start >= 0 && next < len(after) && b+1-start == int64(after[next]*agents.BlocksPerDay) {
			rows = append(rows, row(b+1))
			next++
		}
	}
	fmt.Printf("  meme epochs after the intervention: %d, %d with no alpha validator dividends (their validator alpha %.0f of %.0f in all; paid by stake under \"stake\", to no one under \"none\")\n",
		zeroDiv.epochs, zeroDiv.zero, zeroDiv.alpha, zeroDiv.all)
	row0 := s.Finish()
	if start >= 0 {
		rows = append(rows, row(s.C.Block))
	}
	if start < 0 {
		return nil, row0.Captured, math.NaN()
	}
	takeover.day = float64(s.kinds.takeover-start) / agents.BlocksPerDay
	return append([]clipRow{takeover}, rows...), row0.Captured, float64(start-s.C.StartBlock) / agents.BlocksPerDay
}

func TestDiagClip(t *testing.T) {
	if os.Getenv("DIAG_CLIP") == "" {
		t.Skip("set DIAG_CLIP=1 to book a clipped meme's pool flows")
	}
	sc := clipScenario(t)
	seed := uint64(envFloat(t, "DIAG_SEED", 2032))
	n := int64(envFloat(t, "DIAG_N", 10))
	fmt.Printf("age %g days, Foundation share %g, preset %q, paid %q, dividend fallback %q, seed %d, replicates 0..%d\n",
		sc.Chain.AgeDays, sc.Agents.RootValidators.InterveneShare, sc.Mechanism.Preset, sc.Subnets.Meme.PaidHolders, sc.Mechanism.DividendFallback, seed, n-1)
	type group struct {
		runs int
		rows [][]clipRow
	}
	groups := map[bool]*group{false: {}, true: {}}
	for r := range n {
		rows, captured, day := diagClipRun(t, sc, seed, r)
		if len(rows) == 0 {
			fmt.Printf("replicate %d: no intervention (captured %v)\n", r, captured)
			continue
		}
		last := rows[len(rows)-1]
		fmt.Printf("replicate %d: intervention day %.2f, captured %v; price %.4f (takeover) → %.4f (intervention) → %.4f (+1 d) → %.4f (end); share %.3f → %.3f (end)\n",
			r, day, captured, rows[0].price, rows[1].price, rows[2].price, last.price, rows[1].share, last.share)
		g := groups[captured]
		g.runs++
		g.rows = append(g.rows, rows)
	}
	for _, captured := range []bool{true, false} {
		g := groups[captured]
		if g.runs == 0 {
			continue
		}
		fmt.Printf("\nruns that captured: %v (%d); medians over runs\n", captured, g.runs)
		nrow := len(g.rows[0])
		keys := map[string]bool{}
		hkeys := map[string]bool{}
		for _, rows := range g.rows {
			nrow = min(nrow, len(rows))
			for _, rw := range rows {
				for k := range rw.flow {
					keys[k] = true
				}
				for k := range rw.held {
					hkeys[k] = true
				}
			}
		}
		med := func(f func(clipRow) float64, j int) float64 {
			var x []float64
			for _, rows := range g.rows {
				x = append(x, f(rows[j]))
			}
			slices.Sort(x)
			if len(x)%2 == 1 {
				return x[len(x)/2]
			}
			return (x[len(x)/2-1] + x[len(x)/2]) / 2
		}
		var hdr strings.Builder
		fmt.Fprintf(&hdr, "%-28s", "days after the intervention") // the first column is the takeover
		for j := range nrow {
			fmt.Fprintf(&hdr, "%12.1f", med(func(r clipRow) float64 { return r.day }, j))
		}
		fmt.Println(hdr.String())
		line := func(name string, f func(clipRow) float64) {
			var b strings.Builder
			fmt.Fprintf(&b, "%-28s", name)
			for j := range nrow {
				fmt.Fprintf(&b, "%12.4g", med(f, j))
			}
			fmt.Println(b.String())
		}
		line("pool TAO", func(r clipRow) float64 { return r.tao })
		line("pool alpha", func(r clipRow) float64 { return r.alpha })
		line("spot price", func(r clipRow) float64 { return r.price })
		line("moving price", func(r clipRow) float64 { return r.mp })
		line("emission share", func(r clipRow) float64 { return r.share })
		line("others' Σ moving prices", func(r clipRow) float64 { return r.others })
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			line("in: "+k, func(r clipRow) float64 { return r.flow[k] })
		}
		for _, k := range slices.Sorted(maps.Keys(hkeys)) {
			line("held: "+k, func(r clipRow) float64 { return r.held[k] })
		}
	}
}
