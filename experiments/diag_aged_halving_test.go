package experiments

import (
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"dtaosim/agents"
)

// Diagnosis (validation moment 18b; docs/calibration.md §8): who halves a launch subnet's
// price in a day after the launch fortnight in calib-launch. It steps the run's phases
// itself and books every change of every subnet's log price by source, day by day (days
// of 7,200 blocks from the start): each agent order by class and side, a speculator's
// sell by what the diagnosis can see at the prices the block's agents decided on (its
// return at the sell quote ≤ −stop_loss: "stop-loss"; ≥ take_profit: "take-profit"; else
// held ≥ hold_days since the diagnosis saw it enter: "held out"; else "other": a yield
// exit, a rotation or a speculator that has left - the agent's own state is private, so
// a position entered for yield, to which the last two rules do not apply, is labelled by
// them all the same), the coinbase (root's
// alpha sold into the pool, the injection) and the epochs' payouts. For the subnet-days
// from DIAG_FROM (default 16) whose log change is ≤ log ½ it prints the mean booked
// contribution per source, the speculator sells by reason and how many speculators sold,
// and the same for the days of the ten highest-priced subnets that did not halve. Only
// with DIAG_AGED=1 (DIAG_N seeds from 1, default 2; DIAG_DAYS, default 150).

// agedSources are the bookkeeping keys of the diagnosis, in print order.
var agedSources = []string{
	"speculator buy", "speculator sell: stop-loss", "speculator sell: take-profit",
	"speculator sell: held out", "speculator sell: other",
	"yield_staker buy", "yield_staker sell", "arbitrageur buy", "arbitrageur sell",
	"noise buy", "noise sell", "coinbase", "epochs", "rest",
}

type agedDay struct {
	contrib map[string]float64
	sells   map[string]int
	sellers map[agents.AccountID]bool
	total   float64
	rank    int // by price at the day's start, 1 = highest
}

func agedRun(t *testing.T, sc *Scenario, seed uint64, from float64) []agedDay {
	s, err := NewSim(sc, Options{Streams: Streams{Master: seed}})
	if err != nil {
		t.Fatal(err)
	}
	blocks := int64(math.Round(sc.Days * agents.BlocksPerDay))
	sp := sc.Agents.Speculators
	holdBlocks := int64(sp.HoldDays * agents.BlocksPerDay)
	lp := func(i int) float64 { return math.Log(s.C.Price(i)) }
	entered := map[[2]int]int64{} // (account, subnet) → block the diagnosis saw the entry
	var out []agedDay
	cur := make([]agedDay, s.n)
	open := make([]float64, s.n) // log prices at the day's start
	startDay := func() {
		for i := range s.n {
			open[i] = lp(i)
		}
		order := make([]int, s.n)
		for i := range order {
			order[i] = i
		}
		sort.Slice(order, func(a, b int) bool { return s.C.Price(order[a]) > s.C.Price(order[b]) })
		for r, i := range order {
			cur[i] = agedDay{contrib: map[string]float64{}, sells: map[string]int{}, sellers: map[agents.AccountID]bool{}, rank: r + 1}
		}
	}
	startDay()
	before := make([]float64, s.n)
	snap := func() {
		for i := range s.n {
			before[i] = lp(i)
		}
	}
	book := func(key string) {
		for i := range s.n {
			if d := lp(i) - before[i]; d != 0 {
				cur[i].contrib[key] += d
				cur[i].total += d
			}
		}
	}
	for k := int64(0); k < blocks; k++ {
		b := s.C.Block
		snap()
		must(t, s.switches(b))
		must(t, s.intervene(b))
		must(t, s.deregister(b))
		book("rest")
		orders := s.decideOrders(b)
		// Label every order at the prices the block's agents decided on, before any of
		// them executes (as diag_halving_test.go does).
		keys := make([]string, len(orders))
		had := make([]bool, len(orders))
		for j, o := range orders {
			i, a := o.Subnet, o.Account
			cls := s.acct.class[a]
			keys[j] = cls + " buy"
			had[j] = s.Alpha(a, i) > 0
			if !o.Sell {
				continue
			}
			keys[j] = cls + " sell"
			if !s.acct.speculator(a) {
				continue
			}
			ret := s.QuoteSell(i, s.Alpha(a, i))/s.Cost(a, i) - 1
			e, seen := entered[[2]int{int(a), i}]
			switch {
			case ret <= -sp.StopLoss:
				keys[j] = "speculator sell: stop-loss"
			case ret >= sp.TakeProfit:
				keys[j] = "speculator sell: take-profit"
			case seen && holdBlocks > 0 && b-e >= holdBlocks:
				keys[j] = "speculator sell: held out"
			default:
				keys[j] = "speculator sell: other"
			}
		}
		for j, o := range orders {
			i, a := o.Subnet, o.Account
			q := lp(i)
			s.execute(o)
			d := lp(i) - q
			cur[i].contrib[keys[j]] += d
			cur[i].total += d
			if o.Sell && d < 0 && s.acct.speculator(a) {
				cur[i].sells[keys[j]]++
				cur[i].sellers[a] = true
			}
			if !o.Sell && !had[j] && s.Alpha(a, i) > 0 {
				entered[[2]int{int(a), i}] = b
			}
		}
		snap()
		must(t, s.coinbase(b))
		book("coinbase")
		snap()
		must(t, s.validate(b))
		book("epochs")
		snap()
		must(t, s.daily(b))
		must(t, s.observe(b))
		book("rest")
		if (b-s.C.StartBlock+1)%agents.BlocksPerDay == 0 {
			// The sources add up to the day's change: no phase is missed.
			for i := range s.n {
				if d := math.Abs(cur[i].total - (lp(i) - open[i])); d > 1e-9 {
					t.Fatalf("seed %d, block %d, subnet %d: sources add up to %+.12f, the day's log change is %+.12f", seed, b, i, cur[i].total, lp(i)-open[i])
				}
			}
			if day := float64(b-s.C.StartBlock+1) / agents.BlocksPerDay; day > from {
				out = append(out, cur...)
			}
			startDay()
		}
	}
	return out
}

func TestDiagAgedHalving(t *testing.T) {
	if os.Getenv("DIAG_AGED") == "" {
		t.Skip("set DIAG_AGED=1")
	}
	sc, err := LoadPreset("calib-launch")
	if err != nil {
		t.Fatal(err)
	}
	sc.Days = envFloat(t, "DIAG_DAYS", 150)
	from := envFloat(t, "DIAG_FROM", 16)
	n := int(envFloat(t, "DIAG_N", 2))
	type group struct {
		days    int
		contrib map[string]float64
		sells   map[string]int
		sellers int
	}
	halved, topQuiet := &group{contrib: map[string]float64{}, sells: map[string]int{}}, &group{contrib: map[string]float64{}, sells: map[string]int{}}
	topHalved := 0
	for seed := uint64(1); seed <= uint64(n); seed++ {
		for _, d := range agedRun(t, sc, seed, from) {
			var g *group
			switch {
			case d.total <= math.Log(0.5):
				g = halved
				if d.rank <= 10 {
					topHalved++
				}
			case d.rank <= 10:
				g = topQuiet
			default:
				continue
			}
			g.days++
			g.sellers += len(d.sellers)
			for k, v := range d.contrib {
				g.contrib[k] += v
			}
			for k, v := range d.sells {
				g.sells[k] += v
			}
		}
	}
	show := func(name string, g *group) {
		if g.days == 0 {
			fmt.Printf("%s: none\n", name)
			return
		}
		var parts []string
		for _, k := range agedSources {
			if v := g.contrib[k] / float64(g.days); math.Abs(v) >= 0.005 {
				parts = append(parts, fmt.Sprintf("%s %+.2f", k, v))
			}
		}
		var sells []string
		for _, k := range agedSources {
			if v := g.sells[k]; v > 0 {
				sells = append(sells, fmt.Sprintf("%s %.1f", strings.TrimPrefix(k, "speculator sell: "), float64(v)/float64(g.days)))
			}
		}
		fmt.Printf("%s: %d subnet-days; mean log change by source: %s\n  speculator sells per day by reason: %s; speculators selling per day %.1f\n",
			name, g.days, strings.Join(parts, ", "), strings.Join(sells, ", "), float64(g.sellers)/float64(g.days))
	}
	fmt.Printf("calib-launch, seeds 1-%d, days after %.0f (%d of the halvings in the top ten by price at the day's start)\n", n, from, topHalved)
	show("halved (log change ≤ log ½)", halved)
	show("top ten, not halved", topQuiet)
}
