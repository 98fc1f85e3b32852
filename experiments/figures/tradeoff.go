package figures

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"dtaosim/experiments/sweep"
)

// DesignTradeoff draws the trade-off a mechanism designer faces (issue 13): one point per
// mechanism of the mechanism axis other than the head preset (sweep.HeadPreset), at its
// paired difference from the head in emission misallocation (x: mean of the runs'
// time-mean misallocation, t 95% interval) and in capture probability (y: Newcombe 95%
// interval), each with its interval as an error bar (e.HeadDiffs, from
// sweep.Summary.HeadDiffs). Pooled over the contexts (the other axes' values) without the
// control arm: one panel, since a point per context and design would be unreadable at 14
// designs; the per-context differences are in comparisons.parquet and effects.parquet.
// Below zero on both axes a mechanism stops memes better and allocates emission closer
// to value than the head.
func DesignTradeoff(e *Experiment) (*Figure, error) {
	const name = "design-tradeoff"
	if len(e.HeadDiffs) == 0 {
		return nil, skip(name, "no paired comparison with the head preset %s on a %s axis that shares random numbers", sweep.HeadPreset, MechanismAxis)
	}
	p := newPlot("", "misallocation, mechanism − head (mean paired difference)", "capture probability, mechanism − head")
	p.Add(gridLines(true, true), zeroLine{}, zeroLineY{})
	var labels plotter.XYLabels
	xlo, xhi, ylo, yhi := 0.0, 0.0, 0.0, 0.0
	var legend []legendEntry
	for k, d := range e.HeadDiffs {
		x, y := d.Misallocation, d.Capture
		if math.IsNaN(x) || math.IsNaN(y) {
			continue
		}
		// A bound that is undefined (one pair: no t interval) draws no whisker.
		bx := [2]float64{orZero(x - d.MisallocationLo), orZero(d.MisallocationHi - x)}
		by := [2]float64{orZero(y - d.CaptureLo), orZero(d.CaptureHi - y)}
		pt := xyErrPoints{{x, y, bx[0], bx[1], by[0], by[1]}}
		clr := presetColor(d.Mechanism)
		ls := draw.LineStyle{Color: clr, Width: vg.Points(1)}
		xe, err := plotter.NewXErrorBars(pt)
		if err != nil {
			panic(fmt.Sprintf("figures: %v", err))
		}
		ye, err := plotter.NewYErrorBars(pt)
		if err != nil {
			panic(fmt.Sprintf("figures: %v", err))
		}
		xe.LineStyle, ye.LineStyle = ls, ls
		xe.CapWidth, ye.CapWidth = vg.Points(3), vg.Points(3)
		sc, err := plotter.NewScatter(pt)
		if err != nil {
			panic(fmt.Sprintf("figures: %v", err))
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: clr, Radius: vg.Points(3), Shape: markerShapes[k%len(markerShapes)]}
		p.Add(xe, ye, sc)
		labels.XYs = append(labels.XYs, plotter.XY{X: x, Y: y})
		labels.Labels = append(labels.Labels, shortDesign(d.Mechanism))
		legend = append(legend, legendEntry{label: fmt.Sprintf("%s (%d pairs)", d.Mechanism, d.CapturePairs), thumbs: []plot.Thumbnailer{sc}})
		xlo, xhi = math.Min(xlo, x-bx[0]), math.Max(xhi, x+bx[1])
		ylo, yhi = math.Min(ylo, y-by[0]), math.Max(yhi, y+by[1])
	}
	if len(labels.XYs) == 0 {
		return nil, skip(name, "no mechanism has both differences from the head preset defined")
	}
	l, err := plotter.NewLabels(labels)
	if err != nil {
		panic(fmt.Sprintf("figures: %v", err))
	}
	for i := range l.TextStyle {
		l.TextStyle[i] = textStyle(tickSize, darkGrey)
		l.Offset = vg.Point{X: vg.Points(4), Y: vg.Points(3)}
	}
	p.Add(l)
	padX, padY := 0.08*math.Max(xhi-xlo, 0.01), 0.08*math.Max(yhi-ylo, 0.05)
	p.X.Min, p.X.Max = xlo-padX, xhi+2*padX
	p.Y.Min, p.Y.Max = math.Max(-1, ylo-padY), math.Min(1, yhi+padY)
	note := tradeoffNote(e.HeadDiffs)
	lay := &layout{title: "What stops memes, at what cost: capture vs misallocation against the head preset", legend: legend,
		panels: [][]*plot.Plot{{p}}, note: note}
	return lay.figure(name, 8*vg.Inch, 6*vg.Inch), nil
}

// tradeoffNote is the design-tradeoff figure's note: what is compared and how, and, when
// no run compared had a takeover (the experiment is a control arm as a whole), that a
// capture there is the would-be meme subnet reaching θ on its own and misallocation is
// what the arm measures.
func tradeoffNote(diffs []sweep.DesignDiff) string {
	if sweep.NoTakeover(diffs) {
		return fmt.Sprintf("Each mechanism against the head preset %s on the same random numbers. No run here had a takeover (the experiment is a control arm): "+
			"a capture (y, Newcombe's interval for paired proportions) is the would-be meme subnet, a utility subnet here, reaching θ on its own, "+
			"and the misallocation difference (x, Student t 95%% interval) is what the arm measures. "+
			"Left: emission closer to value than the head.", sweep.HeadPreset)
	}
	return fmt.Sprintf("Each mechanism against the head preset %s on the same random numbers, pooled over the contexts (attack timing, capital) without the control arm. "+
		"Whiskers: 95%% intervals (x: Student t on the paired differences of time-mean misallocation; y: Newcombe's interval for paired proportions). "+
		"Lower left: fewer captures and emission closer to value than the head.", sweep.HeadPreset)
}

// shortDesign is the label next to a point: the name without "design_".
func shortDesign(name string) string {
	const prefix = "design_"
	if len(name) > len(prefix) && name[:len(prefix)] == prefix {
		return name[len(prefix):]
	}
	return name
}

func orZero(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}

// xyErrPoints are points with errors on both axes, for plotter.XErrorBars and
// plotter.YErrorBars.
type xyErrPoints []struct{ x, y, left, right, down, up float64 }

func (p xyErrPoints) Len() int                        { return len(p) }
func (p xyErrPoints) XY(i int) (float64, float64)     { return p[i].x, p[i].y }
func (p xyErrPoints) XError(i int) (float64, float64) { return p[i].left, p[i].right }
func (p xyErrPoints) YError(i int) (float64, float64) { return p[i].down, p[i].up }

// zeroLineY draws a horizontal line at y = 0: no difference.
type zeroLineY struct{}

func (zeroLineY) Plot(c draw.Canvas, p *plot.Plot) {
	if p.Y.Min > 0 || p.Y.Max < 0 {
		return
	}
	_, trY := p.Transforms(&c)
	c.StrokeLine2(draw.LineStyle{Color: grey, Width: vg.Points(0.8)}, c.Min.X, trY(0), c.Max.X, trY(0))
}
