package experiments

import (
	"context"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"dtaosim/agents"
)

// Diagnosis (issue 12, the launch-era moments; docs/calibration.md "Launch-era flows"):
// where the TAO of calib-launch's pools comes from and goes to. It steps the run's
// phases itself and books every change of the pools' total TAO reserve by source: each
// agent class's buys and sells, the coinbase's injection and root's alpha sales, the
// cohorts' emission sales (miners, validators, owner). Cumulative sums are printed at
// days 10, 30, 60, 90, 110, 150 (and 200, 245 if the horizon reaches them) with the sum of spot prices, the pools' TAO, the
// agents' idle TAO, the mean root proportion and the mean daily cross-sectional SD of
// log returns over the days since the previous row (as moment 4), and each seed's first day
// after day 30 whose closing sum of spot prices is below 1 (real: day ~245). Only with DIAG_LAUNCH=1 (DIAG_N: seeds
// from DIAG_SEED0, default 1; DIAG_SCENARIO: a preset name or a scenario file;
// DIAG_DAYS: another horizon, e.g. 245; DIAG_ROWS: the days of the rows, e.g. 1,2,3,5,10).

type launchFlows struct {
	day   int
	sum   map[string]float64 // cumulative TAO into the pools by source (negative: out); idle TAO by class
	sigP  float64            // Σ spot prices
	pool  float64            // Σ TAO reserves
	delta float64            // Σ TAO reserves minus their value at the start
	idle  float64            // agents' free TAO (arrived or not; by class in sum)
	rho   float64            // mean root proportion
	alpha float64            // Σ alpha issuance (mean per subnet)
	sd    float64            // mean daily cross-sectional SD of log returns since the last row
}

func diagLaunchRun(t *testing.T, sc *Scenario, seed uint64, days []int) ([]launchFlows, []float64) {
	s, err := NewSim(sc, Options{Streams: Streams{Master: seed}})
	if err != nil {
		t.Fatal(err)
	}
	blocks := int64(math.Round(sc.Days * agents.BlocksPerDay))
	cum := map[string]float64{}
	pool := func() float64 {
		x := 0.0
		for i := range s.n {
			x += s.C.S.TaoReserve[i]
		}
		return x
	}
	cohortTAO := func(ids []agents.AccountID) float64 {
		x := 0.0
		for _, a := range ids {
			x += s.L.TAO[a]
		}
		return x
	}
	var vals []agents.AccountID
	for i := range s.n {
		vals = append(vals, s.acct.validators[i]...)
	}
	var out []launchFlows
	pool0 := pool()
	next := 0
	prev := make([]float64, s.n) // prices at the end of the previous day
	for i := range s.n {
		prev[i] = s.C.Price(i)
	}
	sdSum, sdDays := 0.0, 0
	below1 := 0 // first day after day 30 whose closing Σ spot prices is < 1 (taodaily: day ~245)
	for k := int64(0); k < blocks; k++ {
		b := s.C.Block
		must(t, s.switches(b))
		must(t, s.intervene(b))
		must(t, s.deregister(b))
		orders := s.decideOrders(b)
		for _, o := range orders {
			q := pool()
			s.execute(o)
			side := " buy"
			if o.Sell {
				side = " sell"
			}
			cum[s.acct.class[o.Account]+side] += pool() - q
		}
		q := pool()
		must(t, s.coinbase(b))
		inj, root := 0.0, 0.0
		for i := range s.n {
			inj += s.C.Last.TaoIn[i] + s.C.Last.ExcessTAO[i]
			root += s.C.Last.RootSoldTAO[i]
		}
		cum["chain injection"] += inj
		cum["root alpha sold"] -= root
		cum["coinbase other"] += pool() - q - inj + root
		q = pool()
		m0, v0, o0 := cohortTAO(s.acct.miners), cohortTAO(vals), cohortTAO(s.acct.owner)
		must(t, s.validate(b))
		dm, dv, do := cohortTAO(s.acct.miners)-m0, cohortTAO(vals)-v0, cohortTAO(s.acct.owner)-o0
		cum["miners sell"] -= dm
		cum["validators sell"] -= dv
		cum["owners sell"] -= do
		cum["epoch other"] += pool() - q + dm + dv + do
		must(t, s.daily(b))
		must(t, s.observe(b))
		if (b-s.C.StartBlock+1)%agents.BlocksPerDay == 0 {
			sdSum += crossSD(s, prev)
			sdDays++
			if day := int((b - s.C.StartBlock + 1) / agents.BlocksPerDay); below1 == 0 && day > 30 {
				sum := 0.0
				for i := range s.n {
					sum += s.C.Price(i)
				}
				if sum < 1 {
					below1 = day
					fmt.Printf("Σp first below 1 after day 30: day %d\n", day)
				}
			}
		}
		if next < len(days) && (b-s.C.StartBlock+1) == int64(days[next])*agents.BlocksPerDay {
			r := launchFlows{day: days[next], sum: map[string]float64{}, pool: pool(), delta: pool() - pool0, sd: sdSum / float64(max(sdDays, 1))}
			sdSum, sdDays = 0, 0
			for key, v := range cum {
				r.sum[key] = v
			}
			for i := range s.n {
				r.sigP += s.C.Price(i)
				r.rho += s.C.Last.RootProp[i] / float64(s.n)
				r.alpha += (s.C.S.AlphaReserve[i] + s.C.S.AlphaOut[i]) / float64(s.n)
			}
			for a := range s.acct.agents {
				r.idle += s.L.TAO[a]
				r.sum["idle TAO: "+s.acct.class[a]] += s.L.TAO[a]
			}
			out = append(out, r)
			next++
		}
	}
	final := make([]float64, s.n)
	for i := range final {
		final[i] = s.C.Price(i)
	}
	return out, final
}

// crossSD returns the sample SD across subnets of ln(p_i/prev_i) (as moment 4; zero
// prices left out) and sets prev to the prices now.
func crossSD(s *Sim, prev []float64) float64 {
	var r []float64
	for i := range s.n {
		p := s.C.Price(i)
		if p > 0 && prev[i] > 0 {
			r = append(r, math.Log(p/prev[i]))
		}
		prev[i] = p
	}
	if len(r) < 2 {
		return 0
	}
	m := 0.0
	for _, x := range r {
		m += x / float64(len(r))
	}
	v := 0.0
	for _, x := range r {
		v += (x - m) * (x - m)
	}
	return math.Sqrt(v / float64(len(r)-1))
}

// TestDiagLaunchBooks checks the diagnosis's bookkeeping on a short run, so that the
// numbers of docs/calibration.md §3 rest on a checked tool: the phases stepped one by one
// here end in the same state as the run's own Step (same prices, bit for bit), and the
// sources booked add up to the change of the pools' TAO.
func TestDiagLaunchBooks(t *testing.T) {
	t.Parallel()
	sc, err := LoadPreset("calib-launch")
	if err != nil {
		t.Fatal(err)
	}
	sc.Days = 12 // past the moving-price switch of day 11
	const seed = 3
	rows, final := diagLaunchRun(t, sc, seed, []int{1, 12})
	for _, r := range rows {
		booked := 0.0
		for key, v := range r.sum {
			if !strings.HasPrefix(key, "idle TAO") {
				booked += v
			}
		}
		if d := math.Abs(booked - r.delta); d > 1e-9*r.pool {
			t.Errorf("day %d: sources booked %.6f TAO, pools' TAO changed by %.6f", r.day, booked, r.delta)
		}
	}
	if r := rows[len(rows)-1]; r.sum["chain injection"] <= 0 || r.sum["speculator buy"] <= 0 || r.sum["root alpha sold"] >= 0 {
		t.Errorf("day %d: injection %.1f, speculators' buys %.1f, root's sales %.1f; want > 0, > 0, < 0", r.day, r.sum["chain injection"], r.sum["speculator buy"], r.sum["root alpha sold"])
	}
	var s0 *Sim
	if _, err := Run(context.Background(), sc, Options{Streams: Streams{Master: seed}, Check: func(s *Sim) error { s0 = s; return nil }}); err != nil {
		t.Fatal(err)
	}
	for i := range s0.n {
		if p := s0.C.Price(i); p != final[i] {
			t.Fatalf("subnet %d: price %v after the diagnosis's steps, %v after Run: the diagnosis no longer follows Sim.Step", i, final[i], p)
		}
	}
}

func TestDiagLaunch(t *testing.T) {
	if os.Getenv("DIAG_LAUNCH") == "" {
		t.Skip("set DIAG_LAUNCH=1 to print the flows (TestDiagLaunchBooks checks the tool)")
	}
	name := os.Getenv("DIAG_SCENARIO")
	if name == "" {
		name = "calib-launch"
	}
	var sc *Scenario
	var err error
	if strings.HasSuffix(name, ".yaml") {
		var data []byte
		if data, err = os.ReadFile(name); err == nil {
			sc, err = ParseScenario(data)
		}
	} else {
		sc, err = LoadPreset(name)
	}
	if err != nil {
		t.Fatal(err)
	}
	if d := envFloat(t, "DIAG_DAYS", 0); d > 0 {
		sc.Days = d // e.g. 245: October 2025, when Taostats put root's share at ~25%
	}
	rowDays := []int{10, 30, 60, 90, 110, 150, 200, 245}
	if v := os.Getenv("DIAG_ROWS"); v != "" { // e.g. 1,2,3,5,10: an aged run's first days
		rowDays = nil
		for _, f := range strings.Split(v, ",") {
			d, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || d < 1 {
				t.Fatalf("DIAG_ROWS: %q is not a day ≥ 1", f)
			}
			rowDays = append(rowDays, d)
		}
	}
	var days []int
	for _, d := range rowDays {
		if float64(d) <= sc.Days {
			days = append(days, d)
		}
	}
	n := int(envFloat(t, "DIAG_N", 5))
	seed0 := uint64(envFloat(t, "DIAG_SEED0", 1))
	mean := make([]launchFlows, len(days))
	for i := range mean {
		mean[i] = launchFlows{day: days[i], sum: map[string]float64{}}
	}
	for j := range n {
		rs, _ := diagLaunchRun(t, sc, seed0+uint64(j), days)
		for i, r := range rs {
			m := &mean[i]
			for key, v := range r.sum {
				m.sum[key] += v / float64(n)
			}
			m.sigP += r.sigP / float64(n)
			m.pool += r.pool / float64(n)
			m.idle += r.idle / float64(n)
			m.rho += r.rho / float64(n)
			m.alpha += r.alpha / float64(n)
			m.sd += r.sd / float64(n)
			fmt.Printf("seed %d day %3d: Σp %.3f pool %.0f idle %.0f ρ %.3f issuance %.0f\n",
				seed0+uint64(j), r.day, r.sigP, r.pool, r.idle, r.rho, r.alpha)
		}
	}
	var keys []string
	for key := range mean[len(mean)-1].sum {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	fmt.Printf("%s, mean of %d seeds from %d: cumulative TAO into all pools by source (k TAO)\n", name, n, seed0)
	fmt.Printf("%-24s", "day")
	for _, m := range mean {
		fmt.Printf("%9d", m.day)
	}
	fmt.Println()
	for _, key := range keys {
		fmt.Printf("%-24s", key)
		for _, m := range mean {
			fmt.Printf("%9.1f", m.sum[key]/1e3)
		}
		fmt.Println()
	}
	for _, row := range []struct {
		name string
		f    func(m launchFlows) float64
	}{
		{"pool TAO (k)", func(m launchFlows) float64 { return m.pool / 1e3 }},
		{"agents' free TAO (k)", func(m launchFlows) float64 { return m.idle / 1e3 }},
		{"Σ spot prices", func(m launchFlows) float64 { return m.sigP }},
		{"mean root proportion", func(m launchFlows) float64 { return m.rho }},
		{"issuance/subnet (k)", func(m launchFlows) float64 { return m.alpha / 1e3 }},
		{"cross-sect. SD (window)", func(m launchFlows) float64 { return m.sd }},
	} {
		fmt.Printf("%-24s", row.name)
		for _, m := range mean {
			fmt.Printf("%9.3f", row.f(m))
		}
		fmt.Println()
	}
}
