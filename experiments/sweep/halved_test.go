package sweep

import (
	"math"
	"testing"

	"dtaosim/experiments/record"
	"dtaosim/experiments/stats"
)

// TestHalved24h: a cell counts the runs with a decision whose meme price fell by half or
// more in the 24 h after it (price_change_24h ≤ −0.5, the boundary included; runs
// without a decision left out), and the paired effect on halved_24h is the difference of
// the arms' halving rates with the exact McNemar test as its sign test.
func TestHalved24h(t *testing.T) {
	t.Parallel()
	rows := func(changes ...float64) []*record.RunRow {
		var out []*record.RunRow
		for _, c := range changes {
			out = append(out, &record.RunRow{PriceChange24h: c})
		}
		return out
	}
	nan := math.NaN()
	a := rows(nan, -0.5, -0.49, -0.9, 0.3, -0.7, -0.6)
	b := rows(-0.2, -0.1, -0.6, -0.95, 0.1, 0.2, 0.4)
	row := cellSummary(0, "x=1", a)
	if row.Decided != 6 || row.Halved24h != 4 {
		t.Errorf("decided %d, halved %d; want 6 and 4", row.Decided, row.Halved24h)
	}
	m := &Manifest{Axes: []string{"x"}, Cells: []CellManifest{{Index: 0, Axes: "x=1"}, {Index: 1, Axes: "x=2"}}}
	e := effect(m, cellPair{a: 0, b: 1, axis: 0}, "halved_24h", halved24h, a, b)
	// Pairs 2-7 (pair 1 has no decision in arm A): A halved in 2, 4, 6, 7; B in 3, 4.
	// Discordant: A only 3 (2, 6, 7), B only 1 (3).
	if e.Pairs != 6 || e.MeanA != 4.0/6 || e.MeanB != 2.0/6 || math.Abs(e.Diff-2.0/6) > 1e-15 {
		t.Errorf("effect %+v; want 6 pairs, rates 4/6 and 2/6", e)
	}
	if want := stats.McNemarExact(3, 1); math.Abs(e.SignP-want) > 1e-12 {
		t.Errorf("sign p %v, want the exact McNemar p %v", e.SignP, want)
	}
}
