package sweep

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dtaosim/experiments"
)

// TestShippedExperiments: the experiment files in experiments/ load, with the designs
// and sizes their comments state.
func TestShippedExperiments(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file             string
		design           string
		points, factors  int
		replicates, runs int
	}{
		{"meme-capture.yaml", "grid", 96, 0, 200, 19200},
		{"meme-capture-demo.yaml", "grid", 96, 0, 3, 288},
		{"screening.yaml", "morris", 360, 17, 8, 0},
		{"screening-sobol.yaml", "sobol", 384, 4, 4, 0},
		{"what-stops-memes.yaml", "grid", 192, 0, 100, 19200},
		{"what-stops-memes-demo.yaml", "grid", 64, 0, 1, 64},
		{"study-designs-90d.yaml", "grid", 16, 0, 40, 640},
		{"study-designs-7d.yaml", "grid", 16, 0, 40, 640},
		{"study-designs-7d-quit.yaml", "grid", 16, 0, 40, 640},
		{"study-designs-90d-quit.yaml", "grid", 16, 0, 40, 640},
		{"study-capture-head.yaml", "grid", 4, 0, 200, 800},
		{"study-designs-control-90d.yaml", "grid", 16, 0, 20, 320},
		{"study-capture-launch.yaml", "grid", 4, 0, 200, 800},
		{"study-capture-launch-300.yaml", "grid", 4, 0, 200, 800},
		{"study-capture-head-300.yaml", "grid", 4, 0, 200, 800},
		{"dereg-sn28late.yaml", "grid", 2, 0, 24, 48},
		{"price-protection.yaml", "grid", 16, 0, 40, 640},
		{"study-flow-init-90d.yaml", "grid", 12, 0, 40, 480},
		{"study-flow-init-7d.yaml", "grid", 6, 0, 40, 240},
		{"study-designs-90d-next.yaml", "grid", 16, 0, 30, 480},
		{"study-capture-agents.yaml", "grid", 16, 0, 40, 640},
		{"study-capture-year.yaml", "grid", 2, 0, 100, 200},
		{"study-capture-burnin.yaml", "grid", 2, 0, 100, 200},
		{"study-capture-burnin-105.yaml", "grid", 4, 0, 200, 800},
		{"study-capture-from-launch.yaml", "grid", 4, 0, 200, 800},
		{"study-designs-7d-from-launch.yaml", "grid", 16, 0, 40, 640},
		{"study-capture-from-launch-alpha.yaml", "grid", 2, 0, 80, 160},
		{"study-designs-90d-burnin.yaml", "grid", 16, 0, 30, 480},
		{"study-designs-90d-burnin60.yaml", "grid", 4, 0, 30, 120},
		{"study-capture-burnin-90.yaml", "grid", 4, 0, 200, 800},
		{"study-designs-365d-burnin.yaml", "grid", 16, 0, 30, 480},
		{"study-capture-burnin-300.yaml", "grid", 6, 0, 200, 1200},
		{"study-capture-from-launch-rank.yaml", "grid", 6, 0, 200, 1200},
		{"study-capture-from-launch-year.yaml", "grid", 2, 0, 200, 400},
		{"study-capture-control.yaml", "grid", 6, 0, 200, 1200},
		{"study-capture-from-launch-delay.yaml", "grid", 2, 0, 200, 400},
		{"study-capture-from-launch-delay-head.yaml", "grid", 2, 0, 200, 400},
		{"study-burnin-quit-30.yaml", "grid", 2, 0, 30, 60},
		{"study-burnin-quit-60.yaml", "grid", 2, 0, 30, 60},
		{"study-from-launch-quit.yaml", "grid", 4, 0, 40, 160},
		{"study-burnin-dose.yaml", "grid", 14, 0, 50, 700},
		{"study-burnin-dose-head.yaml", "grid", 7, 0, 50, 350},
		{"study-burnin-year.yaml", "grid", 4, 0, 50, 200},
		{"study-burnin-open.yaml", "grid", 8, 0, 25, 200},
		{"study-burnin-rank.yaml", "grid", 6, 0, 25, 150},
		{"study-burnin-fresh.yaml", "grid", 8, 0, 25, 200},
		{"study-burnin-fresh-30.yaml", "grid", 4, 0, 25, 100},
		{"study-burnin-arb.yaml", "grid", 8, 0, 25, 200},
		{"study-burnin-steady.yaml", "grid", 8, 0, 25, 200},
		{"study-burnin-fresh-year.yaml", "grid", 4, 0, 25, 100},
		{"study-burnin-fresh-year-yield.yaml", "grid", 2, 0, 25, 50},
		{"study-burnin-fresh-30-yield.yaml", "grid", 4, 0, 25, 100},
		{"study-burnin-fresh-year-arb.yaml", "grid", 2, 0, 25, 50},
		{"study-paid-holders-90.yaml", "grid", 6, 0, 40, 240},
		{"study-paid-holders-year.yaml", "grid", 6, 0, 40, 240},
		{"study-paid-holders-7d.yaml", "grid", 12, 0, 40, 480},
		{"study-capture-cohorts.yaml", "grid", 12, 0, 200, 2400},
		{"study-capture-300-7d.yaml", "grid", 4, 0, 200, 800},
		{"study-capture-300-passive.yaml", "grid", 4, 0, 200, 800},
		{"study-capture-control-300.yaml", "grid", 6, 0, 200, 1200},
		{"study-capture-control-300-intervene.yaml", "grid", 6, 0, 40, 240},
		{"study-designs-7d-year.yaml", "grid", 16, 0, 40, 640},
		{"study-designs-90d-year.yaml", "grid", 4, 0, 30, 120},
		{"study-designs-365d-year.yaml", "grid", 5, 0, 30, 150},
		{"study-designs-7d-year-confirm.yaml", "grid", 4, 0, 100, 400},
		{"study-designs-90d-year-confirm.yaml", "grid", 3, 0, 80, 240},
		{"study-designs-365d-year-confirm.yaml", "grid", 4, 0, 60, 240},
		{"study-paid-holders-designs-90-year.yaml", "grid", 5, 0, 30, 150},
		{"study-paid-holders-designs-7d-year.yaml", "grid", 5, 0, 30, 150},
		{"study-root-stake-7d.yaml", "grid", 4, 0, 80, 320},
		{"study-root-stake-365d.yaml", "grid", 4, 0, 80, 320},
		{"study-root-stake-90d.yaml", "grid", 4, 0, 80, 320},
		{"study-screening-104d.yaml", "morris", 252, 20, 4, 0},
		{"study-screening-104d-cohorts.yaml", "morris", 252, 20, 4, 0},
		{"study-screening-root-confirm.yaml", "grid", 4, 0, 80, 320},
		{"study-foundation-share.yaml", "grid", 15, 0, 40, 600},
		{"study-foundation-threshold.yaml", "grid", 16, 0, 40, 640},
		{"study-foundation-threshold-head.yaml", "grid", 8, 0, 40, 320},
		{"study-dividend-fallback-confirm.yaml", "grid", 16, 0, 50, 800},
		{"study-dividend-fallback-7d.yaml", "grid", 8, 0, 80, 640},
		{"study-dividend-fallback-7d-delay.yaml", "grid", 6, 0, 60, 360},
		{"study-dividend-fallback-7d-rank.yaml", "grid", 8, 0, 40, 320},
		{"study-dividend-fallback-7d-capital.yaml", "grid", 8, 0, 40, 320},
		{"study-paid-holders-7d-year-confirm.yaml", "grid", 4, 0, 80, 320},
		{"study-root-stake-7d-cohorts.yaml", "grid", 4, 0, 80, 320},
		{"study-paid-holders-300.yaml", "grid", 8, 0, 40, 320},
		{"study-paid-holders-designs-90.yaml", "grid", 12, 0, 30, 360},
		{"study-paid-holders-designs-7d.yaml", "grid", 12, 0, 30, 360},
		{"study-designs-7d-year-chain-confirm.yaml", "grid", 4, 0, 100, 400},
		{"study-foundation-threshold-chain-confirm.yaml", "grid", 16, 0, 80, 1280},
		{"study-foundation-threshold-head-chain-confirm.yaml", "grid", 8, 0, 80, 640},
		{"study-capture-cohorts-7d.yaml", "grid", 4, 0, 200, 800},
		{"study-designs-capital-7d-year.yaml", "grid", 6, 0, 80, 480},
		{"study-designs-root-7d-year.yaml", "grid", 6, 0, 60, 360},
		{"study-designs-root-90d-year.yaml", "grid", 2, 0, 60, 120},
		{"study-revenue-90d.yaml", "grid", 12, 0, 80, 960},
		{"study-revenue-365d.yaml", "grid", 6, 0, 80, 480},
		{"study-revenue-90d-confirm.yaml", "grid", 4, 0, 80, 320},
		{"study-revenue-7d.yaml", "grid", 8, 0, 80, 640},
		{"study-revenue-7d-300.yaml", "grid", 8, 0, 80, 640},
		{"study-revenue-designs-7d.yaml", "grid", 8, 0, 80, 640},
		{"study-revenue-recruit-7d.yaml", "grid", 4, 0, 80, 320},
		{"study-revenue-stakers-7d.yaml", "grid", 4, 0, 80, 320},
		{"study-yield-stakers-7d.yaml", "grid", 14, 0, 80, 1120},
		{"study-yield-stakers-aged.yaml", "grid", 16, 0, 80, 1280},
		{"study-yield-stakers-intervene-7d.yaml", "grid", 16, 0, 80, 1280},
		{"study-yield-stakers-number-7d.yaml", "grid", 16, 0, 80, 1280},
		{"study-yield-stakers-number-365d.yaml", "grid", 4, 0, 80, 320},
		{"study-yield-stakers-number-90d.yaml", "grid", 4, 0, 80, 320},
		{"study-yield-stakers-rate-7d.yaml", "grid", 4, 0, 80, 320},
		{"study-yield-stakers-equal-7d.yaml", "grid", 4, 0, 80, 320},
		{"study-yield-stakers-number-365d-launch.yaml", "grid", 4, 0, 80, 320},
		{"study-yield-stakers-quote-7d.yaml", "grid", 8, 0, 80, 640},
		{"study-yield-stakers-churn-7d.yaml", "grid", 8, 0, 80, 640},
		{"study-yield-stakers-capital-7d.yaml", "grid", 12, 0, 80, 960},
		{"study-yield-stakers-churn-365d.yaml", "grid", 4, 0, 80, 320},
		{"study-yield-stakers-quote-365d.yaml", "grid", 8, 0, 60, 480},
		{"study-yield-stakers-clip-aged.yaml", "grid", 16, 0, 80, 1280},
		{"study-yield-stakers-clip-confirm.yaml", "grid", 16, 0, 80, 1280},
		{"study-yield-stakers-clip-window.yaml", "grid", 16, 0, 80, 1280},
		{"study-yield-stakers-clip-hetero.yaml", "grid", 16, 0, 80, 1280},
		{"study-yield-stakers-clip-memory.yaml", "grid", 24, 0, 80, 1920},
		{"study-yield-stakers-clip-memory-year.yaml", "grid", 16, 0, 80, 1280},
		{"study-yield-stakers-clip-memory-head.yaml", "grid", 8, 0, 80, 640},
	}
	for _, tc := range cases {
		p, err := Load(filepath.Join("..", tc.file))
		if err != nil {
			t.Errorf("%s: %v", tc.file, err)
			continue
		}
		if p.Exp.Design != tc.design || p.Exp.Replicates.Max != tc.replicates {
			t.Errorf("%s: design %q, %d replicates; want %q, %d", tc.file, p.Exp.Design, p.Exp.Replicates.Max, tc.design, tc.replicates)
		}
		if d := p.Sensitivity; d != nil {
			if len(d.Points) != tc.points || len(d.Factors) != tc.factors || len(p.Cells) > tc.points {
				t.Errorf("%s: %d points, %d factors, %d cells; want %d points, %d factors", tc.file, len(d.Points), len(d.Factors), len(p.Cells), tc.points, tc.factors)
			}
			continue
		}
		if len(p.Cells) != tc.points || p.Runs() != tc.runs {
			t.Errorf("%s: %d cells, %d runs; want %d, %d", tc.file, len(p.Cells), p.Runs(), tc.points, tc.runs)
		}
	}
}

// TestCohorts7dCellsAreCohortsCells: study-capture-cohorts-7d.yaml's cells are the
// week-old cells of study-capture-cohorts.yaml - the same labels, scenarios, master seed,
// CRN group and replicate rule - so replicate r of a cell runs on the random numbers of
// replicate r of the same cell there (its comment says so).
func TestCohorts7dCellsAreCohortsCells(t *testing.T) {
	t.Parallel()
	sub, err := Load(filepath.Join("..", "study-capture-cohorts-7d.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	all, err := Load(filepath.Join("..", "study-capture-cohorts.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if sub.Exp.Seed != all.Exp.Seed || sub.Exp.Replicates != all.Exp.Replicates {
		t.Fatalf("seed %d, replicates %+v; want %d, %+v", sub.Exp.Seed, sub.Exp.Replicates, all.Exp.Seed, all.Exp.Replicates)
	}
	byLabel := map[string]Cell{}
	for _, c := range all.Cells {
		byLabel[c.Label] = c
	}
	for _, c := range sub.Cells {
		o, ok := byLabel[c.Label]
		if !ok {
			t.Errorf("cell %d (%s): no cell of that label in study-capture-cohorts.yaml", c.Index, c.Label)
			continue
		}
		if !strings.Contains(c.Label, "chain.age_days=7;") {
			t.Errorf("cell %d (%s): not a week-old cell", c.Index, c.Label)
		}
		if c.CRNGroup != o.CRNGroup {
			t.Errorf("cell %d (%s): CRN group %d, want %d", c.Index, c.Label, c.CRNGroup, o.CRNGroup)
		}
		if h, want := experiments.SpecHash(c.Scenario), experiments.SpecHash(o.Scenario); h != want {
			t.Errorf("cell %d (%s): scenario hash %s, want %s (cell %d there)", c.Index, c.Label, h, want, o.Index)
		}
	}
	if len(sub.Cells) != 4 {
		t.Errorf("%d cells, want the 4 week-old cells", len(sub.Cells))
	}
}

// TestSensitivityOutputsDocumented: docs/experiments.md names every output of
// SensitivityOutputs.
func TestSensitivityOutputsDocumented(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "experiments.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range SensitivityOutputs {
		if !strings.Contains(string(data), "`"+o.Name+"`") {
			t.Errorf("docs/experiments.md does not name the sensitivity output %s", o.Name)
		}
	}
}
