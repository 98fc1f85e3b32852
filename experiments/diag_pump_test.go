package experiments

import (
	"context"
	"fmt"
	"os"
	"testing"

	"dtaosim/experiments/record"
	"dtaosim/experiments/stats"
)

// Diagnosis (docs/calibration.md §8, "The rises, and the week-one pump"): how fast the
// week-one meme's price rises in the sn28 scenario, against the chain's reads (SN28's
// largest rise from one daily read to the next 2.2×, any launch subnet's 8.2× in 150
// days). Only with DIAG_PUMP=1; DIAG_N seeds from 1 (default 5), run as dtaosim validate
// and dtaosim run sn28 --seed N run them. Per seed it prints the largest rise of the meme's
// price over any 24 hours of the recorded series (every 2 hours) between the takeover and
// root's intervention, and the meme's rank among the 64 by spot price and by market
// capitalisation (spot price × outstanding alpha, moment 17a's) at the last record at or
// before the intervention, with the fall in the 24 h after it (moment 17b).
func TestDiagPump(t *testing.T) {
	if os.Getenv("DIAG_PUMP") == "" {
		t.Skip("diagnosis: DIAG_PUMP=1 to run")
	}
	n := int(envFloat(t, "DIAG_N", 5))
	for seed := uint64(1); seed <= uint64(n); seed++ {
		sc, err := LoadPreset("sn28")
		if err != nil {
			t.Fatal(err)
		}
		var series []record.SeriesRow
		var events []record.EventRow
		opt := Options{Streams: Streams{Master: seed}, Key: record.RunKey{Seed: seed}}
		opt.Series = func(r *record.SeriesRow) error { series = append(series, *r); return nil }
		opt.Events = func(e *record.EventRow) error { events = append(events, *e); return nil }
		if _, err := Run(context.Background(), sc, opt); err != nil {
			t.Fatal(err)
		}
		var meme int32 = -1
		var takeover, intervention int64 = -1, -1
		fall := "n/a"
		for _, e := range events {
			switch e.Type {
			case "takeover":
				meme, takeover = e.Netuid, e.Block
			case "intervention":
				if intervention < 0 && e.Netuid == meme {
					intervention = e.Block
				}
			case "intervention_24h":
				fall = fmt.Sprintf("%.1f%%", 100*e.Value)
			}
		}
		if meme < 0 || intervention < 0 {
			fmt.Printf("seed %d: no takeover or no intervention\n", seed)
			continue
		}
		// the meme's price series, and every subnet's price and cap at the last record up to the intervention
		var blocks []int64
		var prices []float64
		var lastBlock int64 = -1
		for _, r := range series {
			if r.Block <= intervention {
				lastBlock = r.Block
			}
			if r.Netuid == meme {
				blocks, prices = append(blocks, r.Block), append(prices, r.Price)
			}
		}
		best, from := 0.0, int64(0)
		for i := range prices {
			for j := i + 1; j < len(prices) && blocks[j]-blocks[i] <= 7200; j++ {
				if blocks[i] < takeover || blocks[j] > intervention || !(prices[i] > 0) {
					continue
				}
				if x := prices[j] / prices[i]; x > best {
					best, from = x, blocks[i]
				}
			}
		}
		var price, cap []float64
		k := -1
		for _, r := range series {
			if r.Block == lastBlock {
				if r.Netuid == meme {
					k = len(price)
				}
				price, cap = append(price, r.Price), append(cap, r.Price*r.AlphaOutstanding)
			}
		}
		fmt.Printf("seed %d: largest 24 h rise %.1f× (from day %.2f); at the intervention (day %.2f) #%d of %d by price, #%d by market cap; fall in 24 h %s\n",
			seed, best, float64(from)/7200, float64(intervention)/7200, stats.Rank(price, k), len(price), stats.Rank(cap, k), fall)
	}
}
