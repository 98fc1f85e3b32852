package figures

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/cmpimg"

	"dtaosim/experiments/sweep"
)

var update = flag.Bool("update", false, "regenerate testdata/*_golden.png from the current drawing code")

// goldenDPI keeps the golden images small; the drawing is resolution-independent.
const goldenDPI = 100

// goldenDelta is the per-pixel tolerance of the comparison (cmpimg's normalised YIQ
// distance): anti-aliased edges may differ by a few levels between CPU architectures
// (fused multiply-add on arm64), while any change of data or layout moves whole lines
// and text, far beyond it.
const goldenDelta = 0.05

// checkPlot draws a figure to testdata/NAME.png and compares it with
// testdata/NAME_golden.png (go-hep's hplot habit); with -update it replaces the golden
// image. The drawn image is removed when it matches.
func checkPlot(t *testing.T, name string, draw func() (*Figure, error)) {
	t.Helper()
	if *update {
		*cmpimg.GenerateTestData = true
	}
	file := name + ".png"
	cmpimg.CheckPlotApprox(func() {
		f, err := draw()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var buf bytes.Buffer
		if err := f.Encode(&buf, "png", goldenDPI); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("testdata", file), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}, t, goldenDelta, file)
	if !t.Failed() {
		os.Remove(filepath.Join("testdata", file))
	}
}

// TestGolden draws every figure type from fixed synthetic data (see synthetic) and
// compares it with its golden image.
func TestGolden(t *testing.T) {
	pooled := func() *Experiment {
		// Three values on a fifth axis make 2 × 3 = 6 combinations of the axes beyond the
		// heat map's two: more than maxPanelRows, so the policy axis (first) gets its rows
		// and the fifth is pooled (Wilson on pooled counts).
		e := synthetic(3)
		e.Axes = append(e.Axes, Axis{Param: "agents.speculators.count", Values: []string{"100", "200", "400"}})
		for i := range e.Cells {
			e.Cells[i].Values = append(e.Cells[i].Values, e.Axes[4].Values[i%3])
		}
		return e
	}
	pooledAll := func() *Experiment {
		// Five values on an axis before the policy: the first of the remaining axes alone
		// has more than maxPanelRows values, so every remaining axis is pooled.
		e := synthetic(3)
		extra := Axis{Param: "agents.speculators.count", Values: []string{"50", "100", "200", "400", "800"}}
		e.Axes = append(e.Axes[:3:3], extra, e.Axes[3])
		for i := range e.Cells {
			v := e.Cells[i].Values
			e.Cells[i].Values = append(v[:3:3], extra.Values[i%5], v[3])
		}
		return e
	}
	cases := []struct {
		name string
		draw func() (*Figure, error)
	}{
		{"capture-heatmap", func() (*Figure, error) { return CaptureHeatmap(synthetic(6)) }},
		{"capture-heatmap-pooled", func() (*Figure, error) { return CaptureHeatmap(pooled()) }},
		{"capture-heatmap-pooled-all", func() (*Figure, error) { return CaptureHeatmap(pooledAll()) }},
		{"share-fan", func() (*Figure, error) { return ShareFan(synthetic(6), nil) }},
		{"share-fan-cells", func() (*Figure, error) { return ShareFan(synthetic(6), []int{0, 23}) }},
		{"sn28-episode", func() (*Figure, error) { return EpisodeFigure(synthetic(2)) }},
		{"intervention-success", func() (*Figure, error) { return InterventionSuccess(synthetic(6)) }},
		{"root-proportion", func() (*Figure, error) { return RootProportion(synthetic(6)) }},
		{"mechanism-comparison", func() (*Figure, error) { return MechanismComparison(synthetic(6)) }},
		{"design-tradeoff", func() (*Figure, error) { return DesignTradeoff(syntheticTradeoff()) }},
		{"sensitivity-morris", func() (*Figure, error) { return SensitivityFigure(syntheticSensitivity("morris")) }},
		{"sensitivity-sobol", func() (*Figure, error) { return SensitivityFigure(syntheticSensitivity("sobol")) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkPlot(t, tc.name, tc.draw)
		})
	}
}

// syntheticTradeoff is an experiment with fixed paired differences from the head preset:
// designs that lower capture at a misallocation cost, one that does nothing, a preset
// that captures more, and a design with one pair (no t interval: no x whisker).
func syntheticTradeoff() *Experiment {
	d := func(name string, mis, misLo, misHi, capt, capLo, capHi float64, pairs int) sweep.DesignDiff {
		return sweep.DesignDiff{Mechanism: name, Contexts: 6, CapturePairs: pairs, MisallocationPairs: pairs, Takeovers: pairs,
			Misallocation: mis, MisallocationLo: misLo, MisallocationHi: misHi, Capture: capt, CaptureLo: capLo, CaptureHi: capHi}
	}
	return &Experiment{Name: "synthetic-designs", HeadDiffs: []sweep.DesignDiff{
		d("launch_2025_02", 0.02, 0.01, 0.03, 0.15, 0.08, 0.22, 600),
		d("design_share_cap_10", 0.04, 0.03, 0.05, -0.20, -0.27, -0.13, 600),
		d("design_ema_30d", 0.01, -0.005, 0.025, -0.10, -0.16, -0.04, 600),
		d("design_value_blend_50", -0.12, -0.14, -0.10, -0.18, -0.25, -0.11, 600),
		d("design_root_floor_90", 0.0, -0.01, 0.01, -0.05, -0.09, -0.01, 600),
		d("design_validator_cap_88", 0.001, math.NaN(), math.NaN(), 0, -0.8, 0.8, 1),
	}}
}
