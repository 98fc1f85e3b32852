package validate

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"dtaosim/experiments/stats"
)

// TestLaunchCohortMoments computes the launch-era price facts from the shipped chain
// reads with the measures that read a run, and holds the moments' real values and the
// cross-checks docs/validation.md quotes to them.
func TestLaunchCohortMoments(t *testing.T) {
	t.Parallel()
	p, err := LaunchCohort()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Netuids) != 64 || len(p.Snaps) != 150 {
		t.Fatalf("launch cohort: %d subnets × %d days, want 64 × 150", len(p.Netuids), len(p.Snaps))
	}
	if d := p.Snaps[0].Day; math.Abs(d-0.7632) > 0.0001 {
		t.Errorf("first read at day %.4f, want 0.7632 (2025-02-14 16:00 UTC)", d)
	}
	real, unit := map[string]string{}, map[string]Unit{}
	for _, m := range Moments() {
		real[m.ID], unit[m.ID] = m.Real, m.Unit
	}
	for _, c := range []struct {
		id       string
		from, to float64
		f        float64 // the move: 0.5 a halving, 2 a doubling
		k, n     int
	}{
		{"18a", 1, 16, 0.5, 40, 960},
		{"18b", 16, 150, 0.5, 0, 8576},
		{"18c", 1, 16, 2, 32, 960},
		{"18d", 16, 150, 2, 20, 8576},
	} {
		k, n := moves(p, c.from, c.to, math.MaxInt, c.f)
		if k != c.k || n != c.n {
			t.Errorf("moment %s: %d of %d subnet-days moved by %g, want %d of %d", c.id, k, n, c.f, c.k, c.n)
		}
		measure := HalvingShare
		if c.f > 1 {
			measure = DoublingShare
		}
		share := unit[c.id].Format(measure(p, c.from, c.to))
		if !strings.HasPrefix(real[c.id], share) {
			t.Errorf("moment %s: real value %q does not start with the computed %s", c.id, real[c.id], share)
		}
	}
	// The cross-checks of docs/validation.md: the cohort's daily cross-sectional SD over
	// the calibration run's 150 days (moment 4), its Σ price at day 60 (moment 2) and
	// over days 90-110 (moment 3).
	for _, c := range []struct {
		what string
		got  string
		want string
	}{
		{"moment 4 cross-check", Percent.Format(CrossSectionalSD(p, 0, 150)), "10.4%"},
		{"moment 2 cross-check", Number.Format(SumPriceAt(p, 60)), "1.942"},
		{"moment 3 cross-check", Number.Format(MeanSumPrice(p, 90, 110)), "1.499"},
		{"moment 16 cross-check (median price at day 90)", fmt.Sprintf("%.4f", median(append([]float64(nil), p.At(90).Price...))), "0.0078"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %s, want %s", c.what, c.got, c.want)
		}
	}
	// SN28's episode in the reads (moment 17): its best rank by price among the 64 and
	// the fall from that read to the next.
	k := p.Subnet(28)
	best, at := 65, 0
	for i, sn := range p.Snaps {
		if rank := stats.Rank(sn.Price, k); rank < best {
			best, at = rank, i
		}
	}
	fall := 1 - p.Snaps[at+1].Price[k]/p.Snaps[at].Price[k]
	if got := fmt.Sprintf("#%d of 64 on day %.2f, then −%s", best, p.Snaps[at].Day, Percent.Format(fall)); got != "#7 of 64 on day 11.76, then −88.1%" {
		t.Errorf("SN28 in the reads: %s, want #7 of 64 on day 11.76 (2025-02-25), then −88.1%%", got)
	}
	if !strings.Contains(real["17a"], "#7 of 64 on 02-25") || !strings.Contains(real["17b"], "−88.1%") {
		t.Errorf("moment 17's real values %q, %q do not quote the reads", real["17a"], real["17b"])
	}

	// The day the 27 halvings of 18a came: 2025-02-20's read (day 6.76).
	var days []string
	for d := 2.0; d <= 16; d++ {
		if k, _ := halvings(p, d-1, d); k > 0 {
			days = append(days, fmt.Sprintf("%.0f:%d", d, k))
		}
	}
	if got := strings.Join(days, " "); got != "2:4 3:8 7:27 13:1" {
		t.Errorf("halvings by day of 18a: %s, want 2:4 3:8 7:27 13:1", got)
	}

	// The top ten by price (docs/calibration.md §8): 9 halvings of 150 subnet-days in the
	// launch fortnight, 6 of them on the market-wide fall of day 7 and one SN28's after the
	// Foundation's action; none of 1,340 after it.
	if h, n := topHalvings(p, 10, 1, 16); h != 9 || n != 150 {
		t.Errorf("top-10 halvings in the launch fortnight: %d of %d, want 9 of 150", h, n)
	}
	if h, n := topHalvings(p, 10, 16, 150); h != 0 || n != 1340 {
		t.Errorf("top-10 halvings after the launch fortnight: %d of %d, want 0 of 1340", h, n)
	}
	days = days[:0]
	for d := 2.0; d <= 16; d++ {
		if h, _ := topHalvings(p, 10, d-1, d); h > 0 {
			days = append(days, fmt.Sprintf("%.0f:%d", d, h))
		}
	}
	if got := strings.Join(days, " "); got != "2:2 7:6 13:1" {
		t.Errorf("top-10 halvings by day: %s, want 2:2 7:6 13:1", got)
	}
}
