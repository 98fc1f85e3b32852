package figures

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"dtaosim/experiments/record"
)

// MechanismComparison draws, for every context (the values of the other axes, including
// the other common-random-number axes) and every pair of mechanism presets A, B, the
// paired difference of capture rates A − B with Newcombe's 95% interval, as a dot and
// whisker; the runs of the two arms share random numbers replicate by replicate
// (e.Comparisons, from sweep.Summarize). Pairs are ordered as the mechanism axis lists
// the presets. With one pair of presets, the number of pairs of runs and the exact
// McNemar p-value are written to the right of each row.
func MechanismComparison(e *Experiment) (*Figure, error) {
	const name = "mechanism-comparison"
	mi := e.axis(MechanismAxis)
	if mi < 0 || len(e.Axes[mi].Values) < 2 {
		return nil, skip(name, "the experiment has no %s axis with two or more presets", MechanismAxis)
	}
	contexts, pairs, rows := comparisonRows(e.Comparisons, e.Axes[mi].Values)
	if len(rows) == 0 {
		return nil, skip(name, "no paired comparison between mechanism presets (%s must be among the experiment's crn_axes, and runs present in both arms)", MechanismAxis)
	}
	p := newPlot("", "difference in capture probability, A − B", "")
	n := len(contexts)
	ticks := make(plot.ConstantTicks, n)
	for i, ctx := range contexts {
		ticks[i] = plot.Tick{Value: float64(n - 1 - i), Label: ctx}
	}
	p.Y.Tick.Marker = ticks
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.Y.Tick.Length = 0
	p.Add(gridLines(true, false), zeroLine{})
	xlo, xhi := 0.0, 0.0
	var legend []legendEntry
	var notes []string // right-hand annotations, with one pair of presets
	for k, pair := range pairs {
		clr := color.Color(black)
		if len(pairs) > 1 {
			clr = presetColor(strings.SplitN(pair, " − ", 2)[1])
		}
		dy := 0.0
		if len(pairs) > 1 {
			dy = -(float64(k) - float64(len(pairs)-1)/2) * 0.6 / float64(len(pairs))
		}
		var pts xErrPoints
		for i, ctx := range contexts {
			r, ok := rows[[2]string{ctx, pair}]
			if !ok {
				continue
			}
			pts = append(pts, errPoint{r.diff, float64(n-1-i) + dy, r.diff - r.lo, r.hi - r.diff})
			xlo, xhi = math.Min(xlo, r.lo), math.Max(xhi, r.hi)
			if len(pairs) == 1 {
				notes = append(notes, fmt.Sprintf("n = %d, p = %.2g", r.pairs, r.p))
			}
		}
		eb, err := plotter.NewXErrorBars(pts)
		if err != nil {
			panic(fmt.Sprintf("figures: %v", err))
		}
		eb.LineStyle = draw.LineStyle{Color: clr, Width: vg.Points(1.1)}
		eb.CapWidth = vg.Points(4)
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			panic(fmt.Sprintf("figures: %v", err))
		}
		shape := markerShapes[k%len(markerShapes)]
		sc.GlyphStyle = draw.GlyphStyle{Color: clr, Radius: vg.Points(2.8), Shape: shape}
		p.Add(eb, sc)
		legend = append(legend, legendEntry{label: "A − B = " + pair, thumbs: []plot.Thumbnailer{sc}})
	}
	pad := 0.05 * math.Max(xhi-xlo, 0.2)
	p.X.Min, p.X.Max = math.Max(-1, xlo-pad), math.Min(1, xhi+pad)
	note := "Dots: difference in capture rate between the two presets' runs, which share random numbers replicate by replicate; whiskers: Newcombe's 95% interval for paired proportions."
	if len(pairs) == 1 {
		note += " Right: pairs of runs and the exact McNemar p-value."
	}
	l := &layout{title: "Mechanism comparison: paired difference in capture probability", legend: legend,
		panels: [][]*plot.Plot{{p}}, note: note}
	if len(notes) == n {
		sty := textStyle(tickSize, darkGrey)
		sty.XAlign, sty.YAlign = text.XLeft, text.YCenter
		var w vg.Length
		for _, s := range notes {
			w = max(w, sty.Width(s))
		}
		l.right = w + vg.Points(10)
		l.drawRight = func(c draw.Canvas, data vg.Rectangle) {
			for i, s := range notes {
				v := float64(n - 1 - i)
				y := data.Min.Y + vg.Length((v-p.Y.Min)/(p.Y.Max-p.Y.Min))*(data.Max.Y-data.Min.Y)
				// Raised by the font's descent, as gonum/plot places tick labels, so the
				// text's visual centre meets the row.
				c.FillText(sty, vg.Point{X: c.Min.X + vg.Points(8), Y: y + sty.FontExtents().Descent}, s)
			}
		}
	}
	h := vg.Points(110) + vg.Length(n)*vg.Points(max(18, 8*float64(len(pairs))+8))
	return l.figure(name, 7*vg.Inch, max(h, 3*vg.Inch)), nil
}

// comparisonRow is one paired comparison as drawn: the difference A − B with its
// interval, the number of pairs of runs and McNemar's p-value.
type comparisonRow struct {
	diff, lo, hi float64
	pairs        int32
	p            float64
}

// comparisonRows picks the comparisons between two mechanism presets that differ in
// nothing else, oriented so that A comes first in order (the mechanism axis's values),
// and returns the contexts and pairs in the order met with each (context, pair)'s row.
func comparisonRows(comps []record.ComparisonRow, order []string) (contexts, pairs []string, rows map[[2]string]comparisonRow) {
	rows = map[[2]string]comparisonRow{} // (context, pair) → comparison
	for _, c := range comps {
		a, b := parseArm(c.ArmA), parseArm(c.ArmB)
		ma, mb := a[MechanismAxis], b[MechanismAxis]
		if ma == "" || mb == "" || ma == mb || !sameExcept(a, b, MechanismAxis) || c.Pairs == 0 || math.IsNaN(c.Diff) {
			continue
		}
		r := comparisonRow{c.Diff, c.DiffLo, c.DiffHi, c.Pairs, c.McNemarP}
		if indexOf(order, ma) > indexOf(order, mb) {
			ma, mb = mb, ma
			r.diff, r.lo, r.hi = -r.diff, -r.hi, -r.lo
		}
		ctx := describe(c.Context)
		for _, k := range sortedKeys(a) {
			if k != MechanismAxis {
				ctx = joinNonEmpty(ctx, shortParam(k)+"="+a[k])
			}
		}
		if ctx == "" {
			ctx = "all runs"
		}
		pair := ma + " − " + mb
		if !contains(contexts, ctx) {
			contexts = append(contexts, ctx)
		}
		if !contains(pairs, pair) {
			pairs = append(pairs, pair)
		}
		rows[[2]string{ctx, pair}] = r
	}
	return contexts, pairs, rows
}

// parseArm reads "name=value;name=value" into a map.
func parseArm(s string) map[string]string {
	m := map[string]string{}
	for part := range strings.SplitSeq(s, ";") {
		if k, v, ok := strings.Cut(part, "="); ok {
			m[k] = v
		}
	}
	return m
}

// sameExcept reports whether a and b agree on every key but skip.
func sameExcept(a, b map[string]string, skip string) bool {
	for k, v := range a {
		if k != skip && b[k] != v {
			return false
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok && k != skip {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]string) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + ", " + b
}

// xErrPoints adapts []errPoint (x the value, below/above its errors) to plotter.XYer and
// plotter.XErrorer.
type xErrPoints []errPoint

func (p xErrPoints) Len() int                    { return len(p) }
func (p xErrPoints) XY(i int) (float64, float64) { return p[i].x, p[i].y }
func (p xErrPoints) XError(i int) (float64, float64) {
	return p[i].below, p[i].above
}

// zeroLine draws a vertical line at x = 0: no difference.
type zeroLine struct{}

func (zeroLine) Plot(c draw.Canvas, p *plot.Plot) {
	if p.X.Min > 0 || p.X.Max < 0 {
		return
	}
	trX, _ := p.Transforms(&c)
	c.StrokeLine2(draw.LineStyle{Color: grey, Width: vg.Points(0.8)}, trX(0), c.Min.Y, trX(0), c.Max.Y)
}
