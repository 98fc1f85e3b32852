package experiments

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"dtaosim/agents"
	"dtaosim/experiments/mining"
	"dtaosim/experiments/record"
	"dtaosim/experiments/value"
)

// TestMisallocationAndRevenueShare runs a small aged chain with a meme subnet taken over
// on day 1 and a mining revenue subnet, and recomputes at every block, independently of
// package value, ½Σ|e_i/Σe − v_i/Σv| from the block's emission shares and the values by
// kind (utility: latent; revenue: net revenue; meme: 0), and the revenue subnet's share;
// their time-means and last values must be the run's columns.
func TestMisallocationAndRevenueShare(t *testing.T) {
	t.Parallel()
	sc, err := ParseScenario([]byte(`days: 3
chain: {age_days: 60}
subnets: {count: 6, init: aged, meme: {netuids: [2], takeover_day: 1}, revenue: {netuids: [5], buyback_fraction: 0.5}}
agents: {speculators: {count: 10, arrival: {process: lump}}, yield_stakers: {count: 3, arrival: {process: lump}}, noise: {count: 5}}
`))
	if err != nil {
		t.Fatal(err)
	}
	var misSum, mis, revSum, rev float64
	var blocks int
	memeZero := false
	check := func(s *Sim) error {
		var se, sv float64
		v := make([]float64, s.n)
		for i := range s.n {
			switch s.Kinds[i] {
			case agents.Utility:
				v[i] = s.worth.latent[i]
			case agents.Revenue:
				v[i] = s.rev.perDay[i]
			case agents.Meme:
				memeZero = true
			}
			se += s.C.Last.Share[i]
			sv += v[i]
		}
		d := 0.0
		for i := range s.n {
			d += math.Abs(s.C.Last.Share[i]/se - v[i]/sv)
		}
		mis = d / 2
		misSum += mis
		rev = s.C.Last.Share[4]
		revSum += rev
		blocks++
		return nil
	}
	st := Streams{Master: 5}
	s, err := NewSim(sc, Options{Streams: st, Check: check})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 * agents.BlocksPerDay {
		if err := s.Step(); err != nil {
			t.Fatal(err)
		}
	}
	row := s.Finish()
	if !memeZero {
		t.Fatal("the meme subnet was never taken over; the test does not cover value 0")
	}
	// The run sums the same terms in the same order; 1e-12 allows the division order.
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"misallocation", row.Misallocation, misSum / float64(blocks)},
		{"final_misallocation", row.FinalMisallocation, mis},
		{"mean_revenue_share", row.MeanRevenueShare, revSum / float64(blocks)},
		{"final_revenue_share", row.FinalRevenueShare, rev},
	} {
		if math.Abs(c.got-c.want) > 1e-12 || !(c.want > 0 && c.want < 1) {
			t.Errorf("%s = %v, recomputed %v (want it in (0, 1))", c.name, c.got, c.want)
		}
	}

	// The revenue is the mining process's net revenue: the same process on the same
	// stream, advanced once a day, gives the same rate after three days.
	p, err := mining.New(sc.Subnets.Revenue.Mining)
	if err != nil {
		t.Fatal(err)
	}
	rng := st.Stream("revenue")
	for range 3 {
		p.Advance(1, rng)
	}
	if got, want := s.rev.perDay[4], p.State().NetTAO; got != want || !(want > 0) {
		t.Errorf("revenue per day after 3 days %v, mining process %v", got, want)
	}
	if s.rev.external <= 0 {
		t.Errorf("no revenue spent on buybacks in 3 days (external %v)", s.rev.external)
	}
}

// TestNoRevenueShareWithoutRevenueSubnets: without revenue subnets the revenue share
// columns are NaN and misallocation is still defined.
func TestNoRevenueShareWithoutRevenueSubnets(t *testing.T) {
	t.Parallel()
	sc, err := ParseScenario([]byte("days: 0.2\nsubnets: {count: 4, meme: {netuids: [2], takeover_day: 0.1}}\nagents: {speculators: {count: 5}, noise: {count: 5}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSim(sc, Options{Streams: Streams{Master: 1}})
	if err != nil {
		t.Fatal(err)
	}
	for range 1440 {
		if err := s.Step(); err != nil {
			t.Fatal(err)
		}
	}
	row := s.Finish()
	if !math.IsNaN(row.MeanRevenueShare) || !math.IsNaN(row.FinalRevenueShare) {
		t.Errorf("revenue shares %v, %v without revenue subnets, want NaN", row.MeanRevenueShare, row.FinalRevenueShare)
	}
	if !(row.Misallocation >= 0 && row.Misallocation <= 1) {
		t.Errorf("misallocation %v, want it in [0, 1]", row.Misallocation)
	}
}

// TestValueAndMiningFieldErrors: bad value and mining fields fail naming their path.
func TestValueAndMiningFieldErrors(t *testing.T) {
	t.Parallel()
	for src, want := range map[string]string{
		"subnets: {utility: {value: {sigma: -1}}}":                     "subnets.utility.value.sigma",
		"subnets: {revenue: {mining: {cost_share: 2}}}":                "subnets.revenue.mining.cost_share",
		"subnets: {revenue: {value: btc}}":                             "subnets.revenue.value",
		"subnets: {revenue: {mining: {next_halving: \"2020-01-01\"}}}": "subnets.revenue.mining.next_halving",
	} {
		_, err := ParseScenario([]byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one naming %s", src, err, want)
		}
	}
}

// TestTradeTally: each class's volume equals what its accounts' TAO balances show:
// agents' free TAO changes only by executed orders (payouts are in alpha), so Σ|ΔTAO|
// over blocks is the volume; every class that traded has a positive trade count. The
// speculators enter at any momentum (entry_threshold 0): with the arbitrageurs trading,
// no subnet's score reaches the default 0.1 in this one day (seed 2), and without them
// it did.
func TestTradeTally(t *testing.T) {
	t.Parallel()
	sc, err := ParseScenario([]byte("days: 1\nchain: {age_days: 30}\nsubnets: {count: 5, init: aged, meme: {netuids: []}}\nagents: {speculators: {count: 8, arrival: {process: lump}, entry_threshold: 0}, yield_stakers: {count: 3, arrival: {process: lump}}, noise: {count: 6}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	var prev []float64
	moved := map[string]float64{}
	check := func(s *Sim) error {
		for a := range s.acct.agents {
			if prev != nil {
				moved[s.acct.class[a]] += math.Abs(s.L.TAO[a] - prev[a])
			}
		}
		prev = append(prev[:0], s.L.TAO...)
		return nil
	}
	s, err := NewSim(sc, Options{Streams: Streams{Master: 2}, Check: check})
	if err != nil {
		t.Fatal(err)
	}
	prev = append([]float64(nil), s.L.TAO...)
	for range agents.BlocksPerDay {
		if err := s.Step(); err != nil {
			t.Fatal(err)
		}
	}
	row := s.Finish()
	for _, c := range []struct {
		class  string
		volume float64
		trades int64
	}{
		{"speculator", row.VolumeSpeculators, row.TradesSpeculators},
		{"yield_staker", row.VolumeYieldStakers, row.TradesYieldStakers},
		{"arbitrageur", row.VolumeArbitrageurs, row.TradesArbitrageurs},
		{"noise", row.VolumeNoise, row.TradesNoise},
	} {
		// Relative 1e-9: the two sums add the same amounts in different groupings.
		if math.Abs(c.volume-moved[c.class]) > 1e-9*max(moved[c.class], 1) || !(c.volume > 0) || c.trades <= 0 {
			t.Errorf("%s: volume %v in %d trades; free TAO moved %v", c.class, c.volume, c.trades, moved[c.class])
		}
	}
}

// TestRevenueValueLatent: subnets.revenue.value "latent" values the revenue subnet at its
// latent value where "revenue" (the default) values it at its net revenue, and under a
// rule of emission that does not read values (the default preset) it changes nothing
// but the misallocation measured: the emission shares are the same bits.
func TestRevenueValueLatent(t *testing.T) {
	t.Parallel()
	run := func(extra string) (*Sim, record.RunRow) {
		s := revenueSim(t, "{netuids: [5], buyback_fraction: 0.5"+extra+"}", 4)
		for range 2 * agents.BlocksPerDay {
			if err := s.Step(); err != nil {
				t.Fatal(err)
			}
		}
		return s, *s.Finish()
	}
	sr, rr := run("")
	sl, rl := run(", value: latent")
	const rev = 4 // netuid 5
	if got, want := sr.worth.current(sr.Kinds, sr.rev.perDay)[rev], sr.rev.perDay[rev]; got != want || !(want > 0) {
		t.Errorf("value \"revenue\": the revenue subnet's value %v, want its net revenue %v > 0", got, want)
	}
	if got, want := sl.worth.current(sl.Kinds, sl.rev.perDay)[rev], sl.worth.latent[rev]; got != want || got == sl.rev.perDay[rev] {
		t.Errorf("value \"latent\": the revenue subnet's value %v, want its latent value %v (revenue %v)", got, want, sl.rev.perDay[rev])
	}
	same := func(name string, a, b float64) {
		if math.Float64bits(a) != math.Float64bits(b) {
			t.Errorf("%s: %v with value \"revenue\", %v with \"latent\"; want the same bits", name, a, b)
		}
	}
	same("mean_revenue_share", rr.MeanRevenueShare, rl.MeanRevenueShare)
	same("final_revenue_share", rr.FinalRevenueShare, rl.FinalRevenueShare)
	same("mean_meme_share", rr.MeanMemeShare, rl.MeanMemeShare)
	same("peak_meme_share", rr.PeakMemeShare, rl.PeakMemeShare)
	if rr.Misallocation == rl.Misallocation || math.IsNaN(rr.Misallocation) || math.IsNaN(rl.Misallocation) {
		t.Errorf("misallocation %v and %v: want two different numbers", rr.Misallocation, rl.Misallocation)
	}
}

// valuation.current keeps its values until an input changes, and then gives exactly what
// value.Values gives: after a new day, a kind's change, and a revenue subnet's revenue
// changing (a non-revenue subnet's revenue is not read).
func TestValuationCurrentRecomputes(t *testing.T) {
	const n = 4
	v, err := newValuation(value.Defaults(), false, make([]float64, n), rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	kinds := []agents.Kind{agents.Utility, agents.Revenue, agents.Utility, agents.Utility}
	revenue := []float64{5, 7, 0, 0}
	check := func(step string, wantGen uint64) {
		t.Helper()
		got := v.current(kinds, revenue)
		want := value.Values(nil, kinds, v.latent, revenue)
		if fmt.Sprint(got) != fmt.Sprint(want) || v.gen != wantGen {
			t.Fatalf("%s: values %v gen %d, want %v gen %d", step, got, v.gen, want, wantGen)
		}
	}
	check("first", 1)
	check("unchanged", 1)
	revenue[0] = 9 // a utility subnet's revenue: not read
	check("utility revenue", 1)
	revenue[1] = 8
	check("revenue", 2)
	kinds[2] = agents.Meme
	check("kind", 3)
	v.daily()
	check("new day", 4)
}

// TestValueInitMarketRank: with subnets.utility.value.init "market_rank" the first
// latent values of an aged chain rank as the subnets' market caps (price × issuance) at
// the start, and are the same draws as with "independent", reordered.
func TestValueInitMarketRank(t *testing.T) {
	t.Parallel()
	sc := Defaults()
	sc.Subnets.Count, sc.Subnets.Init, sc.Chain.AgeDays = 12, "aged", 90
	sc.Subnets.Meme.Netuids = []int{3}
	first := func(init string) (*Sim, []float64) {
		sc := sc
		sc.Subnets.Utility.Value.Init = init
		s, err := NewSim(&sc, Options{Streams: Streams{Master: 3}})
		if err != nil {
			t.Fatal(err)
		}
		return s, slices.Clone(s.worth.latent)
	}
	_, ind := first("independent")
	s, ranked := first("market_rank")
	for i := range s.n {
		for j := range s.n {
			ci, cj := s.C.Price(i)*s.C.AlphaIssuance(i), s.C.Price(j)*s.C.AlphaIssuance(j)
			if ci < cj && !(ranked[i] < ranked[j]) {
				t.Errorf("subnet %d's cap %v < subnet %d's %v but its value %v ≥ %v", i+1, ci, j+1, cj, ranked[i], ranked[j])
			}
		}
	}
	a, b := slices.Clone(ind), slices.Clone(ranked)
	slices.Sort(a)
	slices.Sort(b)
	if !slices.Equal(a, b) {
		t.Errorf("market_rank changed the draws: %v, independent %v", ranked, ind)
	}
	if slices.Equal(ind, ranked) {
		t.Errorf("market_rank left the values in their drawn order %v", ind)
	}
}
