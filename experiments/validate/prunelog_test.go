package validate

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"testing"
	"time"

	"dtaosim/experiments"
)

// TestPruneLog recomputes from the shipped prune log the numbers docs/validation.md
// (moment 15) and docs/designs.md (the registration rate) take from it: 52 prunes from
// 2025-10-19 to 2026-10-04 (~50 weeks, 1.04 a week), a mean gap between registrations of
// 6.95 days (SD 2.57) with the shortest 14,401 blocks (a 2-day rate limit), and so
// experiments.ChainDereg: 7/6.95 ≈ 1.007 attempts a week, a gamma wait after the 2 days
// of shape mean²/variance = 4.95²/2.57² ≈ 3.7.
func TestPruneLog(t *testing.T) {
	f, err := os.Open("testdata/prune_log_2025-10_to_2026-10.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows = rows[1:]
	if len(rows) != 52 {
		t.Fatalf("%d prunes, want 52", len(rows))
	}
	first, _ := time.Parse("2006-01-02", rows[0][1])
	last, _ := time.Parse("2006-01-02", rows[len(rows)-1][1])
	weeks := last.Sub(first).Hours() / 24 / 7
	if perWeek := float64(len(rows)) / weeks; math.Abs(weeks-50) > 0.5 || math.Abs(perWeek-1.04) > 0.01 {
		t.Errorf("%.2f weeks, %.3f a week; want ~50 and 1.04", weeks, perWeek)
	}
	sum, sq, shortest := 0.0, 0.0, math.Inf(1)
	for _, r := range rows {
		d, err := strconv.ParseFloat(r[4], 64)
		if err != nil {
			t.Fatal(err)
		}
		sum += d / 7200
		sq += (d / 7200) * (d / 7200)
		shortest = min(shortest, d)
	}
	n := float64(len(rows))
	mean := sum / n
	variance := (sq - n*mean*mean) / (n - 1)
	if math.Abs(mean-6.95) > 0.005 || math.Abs(math.Sqrt(variance)-2.57) > 0.01 || shortest != 14401 {
		t.Errorf("gaps: mean %.4f days, SD %.4f, shortest %v blocks; want 6.95, 2.57, 14401", mean, math.Sqrt(variance), shortest)
	}
	d := experiments.ChainDereg()
	wait := mean - d.RateLimitDays
	if math.Abs(d.RatePerWeek-7/6.95) > 1e-12 || d.RateLimitDays != 2 || math.Abs(d.GapShape-wait*wait/variance) > 0.01 {
		t.Errorf("ChainDereg rate %v a week, limit %v days, shape %v; want 7/6.95, 2, %.3f", d.RatePerWeek, d.RateLimitDays, d.GapShape, wait*wait/variance)
	}
}
