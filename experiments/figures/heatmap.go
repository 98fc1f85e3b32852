package figures

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"dtaosim/experiments/stats"
)

// maxPanelRows is the most rows of panels the heat map draws, one per combination of the
// remaining axes it shows; it pools the axes beyond them.
const maxPanelRows = 4

// CaptureHeatmap draws the capture probability over two grid axes, one panel per
// mechanism preset. The axes are the first two, in the experiment's order, that are not
// the mechanism and have at least two values (x, then y). Of the other axes, the leading
// ones in the experiment's order whose combinations number at most four get a row of
// panels per combination; the axes after them are pooled (all of them when the first
// alone has more than four values). So the order of an experiment's axes says which are
// drawn apart: put the ones to pool last. Each cell shows the probability and its Wilson
// 95% interval: the summary's for a grid cell, Wilson on the pooled counts for pooled
// cells.
func CaptureHeatmap(e *Experiment) (*Figure, error) {
	const name = "capture-heatmap"
	if e.Design == "lhs" {
		return nil, skip(name, "the experiment is a Latin hypercube (design: lhs), not a grid")
	}
	var grid, rest []int // axes with ≥ 2 values besides the mechanism
	for i, a := range e.Axes {
		if a.Param == MechanismAxis || len(a.Values) < 2 {
			continue
		}
		if len(grid) < 2 {
			grid = append(grid, i)
		} else {
			rest = append(rest, i)
		}
	}
	if len(grid) < 2 {
		return nil, skip(name, "the experiment has fewer than two axes with two or more values besides %s", MechanismAxis)
	}
	xa, ya := grid[0], grid[1]
	rows, pool := facetAxes(e, rest)
	combos := [][]string{nil} // one row: everything pooled
	if len(rows) > 0 {
		combos = combinations(e, rows)
	}
	mechs := e.mechanisms()
	xs, ys := e.Axes[xa].Values, e.Axes[ya].Values

	panels := make([][]*plot.Plot, len(combos))
	minRuns, maxRuns := math.MaxInt, 0
	for r, combo := range combos {
		for m, mech := range mechs {
			g := &cellGrid{nx: len(xs), ny: len(ys), cells: make([]gridCell, len(xs)*len(ys))}
			for i := range g.cells {
				g.cells[i].p = math.NaN()
			}
			var members [][]*Cell = make([][]*Cell, len(g.cells))
			for k := range e.Cells {
				c := &e.Cells[k]
				if c.Mechanism != mech || !matches(c, rows, combo) {
					continue
				}
				xi, yi := indexOf(xs, c.Values[xa]), indexOf(ys, c.Values[ya])
				if xi < 0 || yi < 0 {
					continue
				}
				members[yi*len(xs)+xi] = append(members[yi*len(xs)+xi], c)
			}
			for i, cs := range members {
				gc := &g.cells[i]
				for _, c := range cs {
					gc.runs += c.Runs
					gc.captured += c.Captured
				}
				if gc.runs == 0 {
					continue
				}
				minRuns, maxRuns = min(minRuns, gc.runs), max(maxRuns, gc.runs)
				gc.p = float64(gc.captured) / float64(gc.runs)
				if len(cs) == 1 {
					gc.lo, gc.hi = cs[0].CaptureLo, cs[0].CaptureHi
				} else {
					gc.lo, gc.hi = stats.Wilson(gc.captured, gc.runs, 0.95)
				}
			}
			title := mech
			if combo != nil {
				title += "  ·  " + comboLabel(e, rows, combo)
			}
			p := newPlot(title, axisLabel(e.Axes[xa].Param), axisLabel(e.Axes[ya].Param))
			if m > 0 {
				p.Y.Label.Text = ""
			}
			if r < len(combos)-1 {
				p.X.Label.Text = ""
			}
			p.Add(g)
			p.X.Min, p.X.Max = -0.5, float64(len(xs))-0.5
			p.Y.Min, p.Y.Max = -0.5, float64(len(ys))-0.5
			p.X.Tick.Marker = nominalTicks(xs)
			p.Y.Tick.Marker = nominalTicks(ys)
			p.X.Padding, p.Y.Padding = 0, 0
			p.X.Tick.Length, p.Y.Tick.Length = vg.Points(3), vg.Points(3)
			panels[r] = append(panels[r], p)
		}
	}
	note := "Each cell: share of the eligible runs (meme share below θ at the takeover) in which meme subnets together then held at least θ of TAO emission for at least D days, with its Wilson 95% interval"
	switch {
	case maxRuns == 0:
		note += "."
	case minRuns == maxRuns:
		note += fmt.Sprintf("; %s per cell.", countRuns(maxRuns))
	default:
		note += fmt.Sprintf("; %d–%d runs per cell.", minRuns, maxRuns)
	}
	if len(pool) > 0 {
		var names []string
		for _, i := range pool {
			names = append(names, shortParam(e.Axes[i].Param))
		}
		note += " Pooled over " + strings.Join(names, ", ") + "."
	}
	l := &layout{
		title:  "Meme capture probability",
		panels: panels,
		right:  vg.Points(62),
		drawRight: func(c draw.Canvas, data vg.Rectangle) {
			colorBar(c, data, "capture probability")
		},
		note: note,
		padX: vg.Points(14),
		padY: vg.Points(10),
	}
	// A panel is tall enough for its y label and for two lines of text per cell.
	ylab := textStyle(labelSize, black).Width(axisLabel(e.Axes[ya].Param))
	panelH := max(ylab+vg.Points(50), vg.Points(50+30*float64(len(ys))))
	h := vg.Points(70) + vg.Length(len(combos))*panelH
	w := vg.Inch * 7
	return l.figure(name, w, h), nil
}

// facetAxes splits the heat map's remaining axes into those drawn as rows of panels (the
// longest leading run, in the experiment's order, with at most maxPanelRows
// combinations) and those pooled (the rest).
func facetAxes(e *Experiment, rest []int) (rows, pool []int) {
	k := 0
	for k < len(rest) && comboCount(e, rest[:k+1]) <= maxPanelRows {
		k++
	}
	return rest[:k], rest[k:]
}

// comboCount is the number of combinations of the axes' values.
func comboCount(e *Experiment, axes []int) int {
	n := 1
	for _, i := range axes {
		n *= len(e.Axes[i].Values)
	}
	return n
}

// combinations lists the combinations of the axes' values, the last axis fastest.
func combinations(e *Experiment, axes []int) [][]string {
	out := [][]string{{}}
	for _, i := range axes {
		var next [][]string
		for _, c := range out {
			for _, v := range e.Axes[i].Values {
				next = append(next, append(append([]string(nil), c...), v))
			}
		}
		out = next
	}
	return out
}

// matches reports whether cell c has the combination's values on axes (always, for the
// single row of a heat map that pools every remaining axis).
func matches(c *Cell, axes []int, combo []string) bool {
	if combo == nil {
		return true
	}
	for k, i := range axes {
		if c.Values[i] != combo[k] {
			return false
		}
	}
	return true
}

func comboLabel(e *Experiment, axes []int, combo []string) string {
	var parts []string
	for k, i := range axes {
		parts = append(parts, shortParam(e.Axes[i].Param)+"="+combo[k])
	}
	return strings.Join(parts, ", ")
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

// axisLabels label the axes the shipped experiments vary, with units.
var axisLabels = map[string]string{
	"chain.age_days":                         "chain age at start (days)",
	"agents.speculators.capital.min":         "speculators' min. capital (TAO)",
	"agents.speculators.count":               "speculators (count)",
	"agents.root_validators.policy":          "root validators' policy",
	"agents.root_validators.intervene_share": "intervening root share",
	"subnets.meme.takeover_day":              "takeover day (day of run)",
	"chain.root_stake":                       "TAO on root (TAO)",
	"mechanism.preset":                       "mechanism preset",
}

// axisLabel returns the label of a grid axis.
func axisLabel(param string) string {
	if l, ok := axisLabels[param]; ok {
		return l
	}
	return param
}

// nominalTicks labels the integer positions 0, 1, … with names.
func nominalTicks(names []string) plot.ConstantTicks {
	ticks := make(plot.ConstantTicks, len(names))
	for i, n := range names {
		ticks[i] = plot.Tick{Value: float64(i), Label: n}
	}
	return ticks
}

// gridCell is one cell of a heat map panel.
type gridCell struct {
	runs, captured int
	p, lo, hi      float64 // NaN p: no runs
}

// cellGrid is a plot.Plotter drawing probability cells at integer positions, coloured by
// probColor and annotated "p [lo, hi]".
type cellGrid struct {
	nx, ny int
	cells  []gridCell // row-major from the bottom row
}

// DataRange implements plot.DataRanger.
func (g *cellGrid) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.5, float64(g.nx) - 0.5, -0.5, float64(g.ny) - 0.5
}

// Plot implements plot.Plotter.
func (g *cellGrid) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for j := range g.ny {
		for i := range g.nx {
			gc := g.cells[j*g.nx+i]
			r := vg.Rectangle{
				Min: vg.Point{X: trX(float64(i) - 0.5), Y: trY(float64(j) - 0.5)},
				Max: vg.Point{X: trX(float64(i) + 0.5), Y: trY(float64(j) + 0.5)},
			}
			fill := color.Color(lightGrey)
			if !math.IsNaN(gc.p) {
				fill = probColor(gc.p)
			}
			c.SetColor(fill)
			c.Fill(r.Path())
			c.SetLineStyle(draw.LineStyle{Color: plotWhite, Width: vg.Points(1)})
			c.Stroke(r.Path())
			ink := color.Color(black)
			if luminance(fill) < 0.45 {
				ink = plotWhite
			}
			main, sub := "no runs", ""
			if !math.IsNaN(gc.p) {
				main = fmt.Sprintf("%.2f", gc.p)
				sub = fmt.Sprintf("[%.2f, %.2f]", gc.lo, gc.hi)
			}
			cellText(c, r, main, sub, ink)
		}
	}
}

// cellText writes main (bold) over sub in the centre of r, shrinking the font to fit.
func cellText(c draw.Canvas, r vg.Rectangle, main, sub string, ink color.Color) {
	size := vg.Length(8)
	var ms, ss text.Style
	for ; size >= 5; size -= 0.5 {
		ms = textStyle(size, ink)
		ms.Font = font.From(boldFont, size)
		ss = textStyle(size-1, ink)
		h := ms.Rectangle(main).Size().Y
		if sub != "" {
			h += ss.Rectangle(sub).Size().Y
		}
		if ms.Width(main) < r.Size().X*0.92 && ss.Width(sub) < r.Size().X*0.92 && h < r.Size().Y*0.92 {
			break
		}
	}
	ms.XAlign, ss.XAlign = text.XCenter, text.XCenter
	mid := (r.Min.Y + r.Max.Y) / 2
	cx := (r.Min.X + r.Max.X) / 2
	if sub == "" {
		ms.YAlign = text.YCenter
		c.FillText(ms, vg.Point{X: cx, Y: mid}, main)
		return
	}
	ms.YAlign, ss.YAlign = text.YBottom, text.YTop
	c.FillText(ms, vg.Point{X: cx, Y: mid + vg.Points(0.5)}, main)
	c.FillText(ss, vg.Point{X: cx, Y: mid - vg.Points(0.5)}, sub)
}

// probStops is ColorBrewer's sequential YlOrRd scheme (9 classes; Harrower & Brewer
// 2003), interpolated linearly in sRGB: light for improbable, dark red for likely.
var probStops = []uint32{0xFFFFCC, 0xFFEDA0, 0xFED976, 0xFEB24C, 0xFD8D3C, 0xFC4E2A, 0xE31A1C, 0xBD0026, 0x800026}

// probColor maps a probability in [0, 1] to a colour.
func probColor(p float64) color.Color {
	p = math.Max(0, math.Min(1, p))
	x := p * float64(len(probStops)-1)
	i := min(int(x), len(probStops)-2)
	f := x - float64(i)
	a, b := rgb(probStops[i]), rgb(probStops[i+1])
	mix := func(u, v uint8) uint8 { return uint8(float64(u) + f*(float64(v)-float64(u)) + 0.5) }
	return color.RGBA{R: mix(a.R, b.R), G: mix(a.G, b.G), B: mix(a.B, b.B), A: 0xFF}
}

// colorBar draws a vertical colour bar for probColor in the strip c, spanning the panels'
// data area vertically, with ticks every 0.2 and a label. The bar is vector stripes, not
// an image, so SVG output has no raster layer; each stripe overlaps the next a little so
// that anti-aliasing leaves no seams.
func colorBar(c draw.Canvas, data vg.Rectangle, label string) {
	const stripes = 128
	x0 := c.Min.X + vg.Points(6)
	bar := vg.Rectangle{Min: vg.Point{X: x0, Y: data.Min.Y}, Max: vg.Point{X: x0 + vg.Points(10), Y: data.Max.Y}}
	h := (bar.Max.Y - bar.Min.Y) / stripes
	for k := range stripes {
		r := vg.Rectangle{Min: vg.Point{X: bar.Min.X, Y: bar.Min.Y + vg.Length(k)*h},
			Max: vg.Point{X: bar.Max.X, Y: min(bar.Min.Y+vg.Length(k+1)*h+vg.Points(0.4), bar.Max.Y)}}
		c.SetColor(probColor((float64(k) + 0.5) / stripes))
		c.Fill(r.Path())
	}
	c.SetLineStyle(draw.LineStyle{Color: darkGrey, Width: vg.Points(0.5)})
	c.Stroke(bar.Path())
	tick := textStyle(tickSize, black)
	tick.XAlign, tick.YAlign = text.XLeft, text.YCenter
	var tickW vg.Length
	for k := 0; k <= 5; k++ {
		v := float64(k) / 5
		y := bar.Min.Y + vg.Length(v)*(bar.Max.Y-bar.Min.Y)
		c.StrokeLine2(draw.LineStyle{Color: darkGrey, Width: vg.Points(0.5)}, bar.Max.X, y, bar.Max.X+vg.Points(3), y)
		s := fmt.Sprintf("%.1f", v)
		c.FillText(tick, vg.Point{X: bar.Max.X + vg.Points(4.5), Y: y + tick.FontExtents().Descent}, s)
		tickW = max(tickW, tick.Width(s))
	}
	// A label turned a quarter counterclockwise, as gonum/plot draws y-axis labels: the
	// anchor is on the text's baseline side, so it sits one text height right of the ticks.
	lab := textStyle(labelSize, black)
	lab.Rotation = math.Pi / 2
	lab.XAlign, lab.YAlign = text.XCenter, text.YBottom
	x := bar.Max.X + vg.Points(4.5) + tickW + vg.Points(5) + lab.Height(label) - lab.FontExtents().Descent
	c.FillText(lab, vg.Point{X: x, Y: (bar.Min.Y + bar.Max.Y) / 2}, label)
}
