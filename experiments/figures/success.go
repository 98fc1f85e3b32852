package figures

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"dtaosim/experiments/stats"
)

// InterventionSuccess draws, against the chain's age at the attack in months (the
// chain.age_days axis / 30.4), the share of interventions that succeeded with its Wilson
// 95% interval (top), and the root validators' share of the meme subnet's Yuma stake at
// the intervention, median and central 90% (bottom); one line per mechanism preset, the
// cells of the other axes pooled.
func InterventionSuccess(e *Experiment) (*Figure, error) {
	const name = "intervention-success"
	ai := e.axis(AgeAxis)
	if ai < 0 {
		return nil, skip(name, "the experiment has no %s axis (months since launch)", AgeAxis)
	}
	type point struct {
		months float64
		n, ok  int
		shares []float64
	}
	byMech := map[string]map[float64]*point{}
	total := 0
	for k := range e.Cells {
		c := &e.Cells[k]
		age, isNum := number(c.Values[ai])
		if !isNum || c.Intervened == 0 {
			continue
		}
		if byMech[c.Mechanism] == nil {
			byMech[c.Mechanism] = map[float64]*point{}
		}
		pt := byMech[c.Mechanism][age]
		if pt == nil {
			pt = &point{months: age / DaysPerMonth}
			byMech[c.Mechanism][age] = pt
		}
		pt.n += c.Intervened
		pt.ok += c.Succeeded
		pt.shares = append(pt.shares, c.RootShareAtInterv...)
		total += c.Intervened
	}
	if total == 0 {
		return nil, skip(name, "no run intervened")
	}
	var mechs []string
	for _, m := range e.mechanisms() {
		if byMech[m] != nil {
			mechs = append(mechs, m)
		}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, pts := range byMech {
		for _, p := range pts {
			lo, hi = min(lo, p.months), max(hi, p.months)
		}
	}
	span := max(hi-lo, 1)
	top := newPlot("", "", "intervention success rate")
	bottom := newPlot("", "chain age at the attack (months since launch)", "root stake share at intervention")
	top.Add(gridLines(false, true)) // first, so the data are drawn over them
	bottom.Add(gridLines(false, true))
	var legend []legendEntry
	for m, mech := range mechs {
		var pts []*point
		for _, p := range byMech[mech] {
			pts = append(pts, p)
		}
		sort.Slice(pts, func(i, j int) bool { return pts[i].months < pts[j].months })
		// Dodge the mechanisms sideways so their intervals do not overlap.
		dx := (float64(m) - float64(len(mechs)-1)/2) * 0.025 * span
		clr := presetColor(mech)
		var rate, share errPoints
		for _, p := range pts {
			lo, hi := stats.Wilson(p.ok, p.n, 0.95)
			r := float64(p.ok) / float64(p.n)
			rate = append(rate, errPoint{p.months + dx, r, r - lo, hi - r})
			if len(p.shares) > 0 {
				med := stats.Quantile(0.5, p.shares)
				share = append(share, errPoint{p.months + dx, med, med - stats.Quantile(0.05, p.shares), stats.Quantile(0.95, p.shares) - med})
			}
		}
		shape := markerShapes[m%len(markerShapes)]
		addErrSeries(top, rate, clr, shape)
		addErrSeries(bottom, share, clr, shape)
		legend = append(legend, legendEntry{label: mech, thumbs: seriesThumbs(clr, shape)})
	}
	for _, p := range []*plot.Plot{top, bottom} {
		p.Y.Min, p.Y.Max = 0, 1
		p.Y.Tick.Marker = unitTicks(5)
		p.X.Min, p.X.Max = lo-0.06*span, hi+0.06*span
	}
	note := fmt.Sprintf("Top: of the interventions made with the meme share at or above θ, the share after which it stayed below θ for the whole success window, with Wilson 95%% intervals (%d such interventions). "+
		"Bottom: root validators' share of the meme subnet's Yuma stake at the intervention, median and central 90%% of runs.", total)
	if pooled := otherAxes(e, AgeAxis); pooled != "" {
		note += " Cells pooled over " + pooled + "."
	}
	l := &layout{title: "Intervention success against the chain's age", legend: legend,
		panels: [][]*plot.Plot{{top}, {bottom}}, note: note, padY: vg.Points(10)}
	return l.figure(name, 5.5*vg.Inch, 6*vg.Inch), nil
}

// otherAxes names, shortly, the axes with two or more values other than the mechanism
// and except.
func otherAxes(e *Experiment, except ...string) string {
	var names []string
	for _, a := range e.Axes {
		if a.Param != MechanismAxis && len(a.Values) > 1 && !contains(except, a.Param) {
			names = append(names, shortParam(a.Param))
		}
	}
	return strings.Join(names, ", ")
}

// errPoint is a value with lower and upper error lengths.
type errPoint struct{ x, y, below, above float64 }

// errPoints adapts []errPoint to plotter.XYer and plotter.YErrorer.
type errPoints []errPoint

func (p errPoints) Len() int                    { return len(p) }
func (p errPoints) XY(i int) (float64, float64) { return p[i].x, p[i].y }
func (p errPoints) YError(i int) (float64, float64) {
	return p[i].below, p[i].above
}

// markerShapes tell the series apart in grey print as well as by colour.
var markerShapes = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}, draw.RingGlyph{}, draw.SquareGlyph{}}

// addErrSeries adds points joined by a line, with vertical error bars.
func addErrSeries(p *plot.Plot, pts errPoints, c color.Color, shape draw.GlyphDrawer) {
	if len(pts) == 0 {
		return
	}
	l := lineOf(plotterXYs(pts), draw.LineStyle{Color: c, Width: vg.Points(1)})
	eb, err := plotter.NewYErrorBars(pts)
	if err != nil {
		panic(fmt.Sprintf("figures: %v", err))
	}
	eb.LineStyle = draw.LineStyle{Color: c, Width: vg.Points(1)}
	eb.CapWidth = vg.Points(5)
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		panic(fmt.Sprintf("figures: %v", err))
	}
	sc.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(2.8), Shape: shape}
	p.Add(l, eb, sc)
}

func plotterXYs(pts errPoints) plotter.XYs {
	out := make(plotter.XYs, len(pts))
	for i, p := range pts {
		out[i] = plotter.XY{X: p.x, Y: p.y}
	}
	return out
}

// seriesThumbs is the legend thumbnail of a series: its line and marker.
func seriesThumbs(c color.Color, shape draw.GlyphDrawer) []plot.Thumbnailer {
	l := lineOf(plotter.XYs{{}}, draw.LineStyle{Color: c, Width: vg.Points(1)})
	sc, _ := plotter.NewScatter(plotter.XYs{{}})
	sc.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(2.8), Shape: shape}
	return []plot.Thumbnailer{l, sc}
}
