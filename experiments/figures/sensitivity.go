package figures

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"dtaosim/experiments/record"
)

// paramColors tell a sensitivity design's parameters apart: Okabe & Ito's palette, its
// yellow (too faint on white) replaced by Paul Tol's olive; with the marker shapes they
// give 40 distinct pairs.
var paramColors = []color.Color{
	rgb(0x0072B2), rgb(0xD55E00), rgb(0x009E73), rgb(0xCC79A7), rgb(0xE69F00), rgb(0x56B4E9), rgb(0x000000), rgb(0x999933),
}

// paramLabels shortens the parameters' dotted paths for legends and ticks (shortParam),
// keeping more of a path where two would otherwise read the same
// ("speculators.capital.min", "arbitrageurs.capital.min").
func paramLabels(params []string) []string {
	labels := make([]string, len(params))
	for i, p := range params {
		labels[i] = shortParam(p)
	}
	for keep := 3; ; keep++ {
		seen := map[string]int{}
		for _, l := range labels {
			seen[l]++
		}
		dup := false
		for i, p := range params {
			if seen[labels[i]] > 1 {
				parts := strings.Split(p, ".")
				labels[i] = strings.Join(parts[max(0, len(parts)-keep):], ".")
				dup = dup || keep < len(parts)
			}
		}
		if !dup {
			return labels
		}
	}
}

// sensitivityPanelCols is the number of panel columns of the sensitivity figures.
const sensitivityPanelCols = 2

// SensitivityFigure draws the sensitivity indices of e.Sensitivity (a Morris or Sobol'
// design, `dtaosim sensitivity`), one panel per output whose indices are defined and not
// all zero, in the order of the rows:
//
//   - Morris ("sensitivity-morris"): the μ*–σ plane (Campolongo, Cariboni & Saltelli
//     2007): each parameter a marker at (μ*, σ) with μ*'s bootstrap 95% interval as a
//     horizontal bar, and the line σ = μ*, above which a parameter's effect varies more
//     than its mean size (interactions or non-linearity);
//   - Sobol' ("sensitivity-sobol"): per parameter, bars of the first-order index S1 and the
//     total index ST with their bootstrap 95% intervals.
func SensitivityFigure(e *Experiment) (*Figure, error) {
	if e.SensitivityErr != "" {
		return nil, skip("sensitivity", "the indices could not be computed: %s", e.SensitivityErr)
	}
	if len(e.Sensitivity) == 0 {
		return nil, skip("sensitivity", "not a sensitivity design (design: morris or design: sobol)")
	}
	outputs, params := sensitivityGrid(e.Sensitivity)
	if e.Sensitivity[0].Design == "sobol" {
		return sobolFigure(outputs, params)
	}
	return morrisFigure(outputs, params)
}

// sensitivityGrid groups the rows by output, in order, keeping the outputs with a
// finite, non-zero index, and lists the parameters in order.
func sensitivityGrid(rows []record.SensitivityRow) (outputs [][]record.SensitivityRow, params []string) {
	var order []string
	by := map[string][]record.SensitivityRow{}
	for _, r := range rows {
		if _, ok := by[r.Output]; !ok {
			order = append(order, r.Output)
		}
		by[r.Output] = append(by[r.Output], r)
		if !contains(params, r.Param) {
			params = append(params, r.Param)
		}
	}
	for _, o := range order {
		useful := false
		for _, r := range by[o] {
			x := r.MuStar
			if r.Design == "sobol" {
				x = r.ST
			}
			useful = useful || (!math.IsNaN(x) && x != 0)
		}
		if useful {
			outputs = append(outputs, by[o])
		}
	}
	return outputs, params
}

// panelGrid arranges plots in rows of sensitivityPanelCols, the last row padded with gaps.
func panelGrid(plots []*plot.Plot) [][]*plot.Plot {
	var grid [][]*plot.Plot
	for i := 0; i < len(plots); i += sensitivityPanelCols {
		row := make([]*plot.Plot, sensitivityPanelCols)
		copy(row, plots[i:min(i+sensitivityPanelCols, len(plots))])
		grid = append(grid, row)
	}
	return grid
}

func morrisFigure(outputs [][]record.SensitivityRow, params []string) (*Figure, error) {
	const name = "sensitivity-morris"
	if len(outputs) == 0 {
		return nil, skip(name, "every output's mu* is 0 or undefined")
	}
	labels := paramLabels(params)
	var plots []*plot.Plot
	var legend []legendEntry
	for k, rows := range outputs {
		p := newPlot(rows[0].Output, "μ*", "σ")
		p.Add(gridLines(true, true))
		hi := 0.0
		for _, r := range rows {
			hi = math.Max(hi, math.Max(r.MuStarHi, r.Sigma))
		}
		if !(hi > 0) || math.IsInf(hi, 0) {
			hi = 1
		}
		hi *= 1.08
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, hi, 0, hi
		p.Add(diagonal{})
		for _, r := range rows {
			i := indexOf(params, r.Param)
			clr, shape := paramColors[i%len(paramColors)], markerShapes[(i/len(paramColors))%len(markerShapes)]
			if math.IsNaN(r.MuStar) || math.IsNaN(r.Sigma) {
				continue
			}
			pts := xErrPoints{{r.MuStar, r.Sigma, r.MuStar - r.MuStarLo, r.MuStarHi - r.MuStar}}
			eb, err := plotter.NewXErrorBars(pts)
			if err != nil {
				panic(fmt.Sprintf("figures: %v", err))
			}
			eb.LineStyle = draw.LineStyle{Color: clr, Width: vg.Points(1)}
			eb.CapWidth = vg.Points(3)
			sc, err := plotter.NewScatter(pts)
			if err != nil {
				panic(fmt.Sprintf("figures: %v", err))
			}
			sc.GlyphStyle = draw.GlyphStyle{Color: clr, Radius: vg.Points(2.8), Shape: shape}
			p.Add(eb, sc)
			if k == 0 {
				legend = append(legend, legendEntry{label: labels[i], thumbs: []plot.Thumbnailer{sc}})
			}
		}
		plots = append(plots, p)
	}
	note := "Morris screening. μ*: mean absolute elementary effect of the parameter, in output units per full range of the parameter (its log for log ranges), with its bootstrap 95% interval over trajectories; σ: standard deviation of the effects. Above the dashed line σ = μ* a parameter's effect depends on the other parameters or on where in its range it is taken. Each output is averaged over the replicates at each design point."
	l := &layout{title: "Which assumptions matter: Morris μ* and σ per output", legend: legend, panels: panelGrid(plots), note: note}
	rows := len(l.panels)
	return l.figure(name, 7*vg.Inch, vg.Points(90)+vg.Length(rows)*2.6*vg.Inch), nil
}

func sobolFigure(outputs [][]record.SensitivityRow, params []string) (*Figure, error) {
	const name = "sensitivity-sobol"
	if len(outputs) == 0 {
		return nil, skip(name, "every output's indices are 0 or undefined (constant outputs)")
	}
	n := len(params)
	labels := paramLabels(params)
	s1Color, stColor := rgb(0x0072B2), rgb(0x56B4E9)
	var plots []*plot.Plot
	for _, rows := range outputs {
		p := newPlot(rows[0].Output, "index (share of variance)", "")
		p.Add(gridLines(true, false))
		ticks := make(plot.ConstantTicks, n)
		for i := range params {
			ticks[i] = plot.Tick{Value: float64(n - 1 - i), Label: labels[i]}
		}
		p.Y.Tick.Marker = ticks
		p.Y.Tick.Length = 0
		p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
		lo, hi := 0.0, 1.0
		for _, ix := range []struct {
			clr            color.Color
			dy             float64
			val, low, high func(*record.SensitivityRow) float64
		}{
			{s1Color, 0.17, func(r *record.SensitivityRow) float64 { return r.S1 }, func(r *record.SensitivityRow) float64 { return r.S1Lo }, func(r *record.SensitivityRow) float64 { return r.S1Hi }},
			{stColor, -0.17, func(r *record.SensitivityRow) float64 { return r.ST }, func(r *record.SensitivityRow) float64 { return r.STLo }, func(r *record.SensitivityRow) float64 { return r.STHi }},
		} {
			bars := hbars{color: ix.clr, half: 0.15}
			var pts xErrPoints
			for i := range rows {
				r := &rows[i]
				j := indexOf(params, r.Param)
				v := ix.val(r)
				if math.IsNaN(v) {
					continue
				}
				y := float64(n-1-j) + ix.dy
				bars.bars = append(bars.bars, [2]float64{y, v})
				pts = append(pts, errPoint{v, y, v - ix.low(r), ix.high(r) - v})
				lo, hi = math.Min(lo, ix.low(r)), math.Max(hi, ix.high(r))
			}
			eb, err := plotter.NewXErrorBars(pts)
			if err != nil {
				panic(fmt.Sprintf("figures: %v", err))
			}
			eb.LineStyle = draw.LineStyle{Color: darkGrey, Width: vg.Points(0.8)}
			eb.CapWidth = vg.Points(3)
			p.Add(bars, eb)
		}
		pad := 0.04 * (hi - lo)
		p.X.Min, p.X.Max = math.Max(lo-pad, -0.5), math.Min(hi+pad, 1.5)
		p.Add(zeroLine{})
		plots = append(plots, p)
	}
	legend := []legendEntry{
		{label: "first-order S1", thumbs: []plot.Thumbnailer{bandThumb(s1Color)}},
		{label: "total ST", thumbs: []plot.Thumbnailer{bandThumb(stColor)}},
	}
	note := "Sobol' indices (Saltelli sampling). S1: share of the output's variance over the design that the parameter explains alone (Saltelli et al. 2010); ST: share that involves it, alone or with others (Jansen 1999); whiskers: bootstrap 95% intervals over base rows. ST ≈ 0: the parameter can be fixed anywhere in its range. Each output is averaged over the replicates at each design point."
	l := &layout{title: "Which assumptions matter: Sobol' indices per output", legend: legend, panels: panelGrid(plots), note: note}
	rows := len(l.panels)
	h := vg.Points(90) + vg.Length(rows)*(vg.Points(60)+vg.Length(n)*vg.Points(22))
	return l.figure(name, 7*vg.Inch, h), nil
}

// diagonal draws the line y = x across the data area, dashed grey.
type diagonal struct{}

func (diagonal) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	end := math.Min(p.X.Max, p.Y.Max)
	start := math.Max(p.X.Min, p.Y.Min)
	if end <= start {
		return
	}
	sty := draw.LineStyle{Color: grey, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}
	c.StrokeLine2(sty, trX(start), trY(start), trX(end), trY(end))
}

// hbars draws horizontal bars from x = 0 to x = v at heights y, each 2·half thick, in data
// units (so that they line up with error bars placed in data units).
type hbars struct {
	bars  [][2]float64 // (y, v)
	half  float64
	color color.Color
}

func (h hbars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	c.SetColor(h.color)
	for _, b := range h.bars {
		x0, x1 := trX(math.Max(math.Min(0, b[1]), p.X.Min)), trX(math.Min(math.Max(0, b[1]), p.X.Max))
		y0, y1 := trY(b[0]-h.half), trY(b[0]+h.half)
		var path vg.Path
		path.Move(vg.Point{X: x0, Y: y0})
		path.Line(vg.Point{X: x1, Y: y0})
		path.Line(vg.Point{X: x1, Y: y1})
		path.Line(vg.Point{X: x0, Y: y1})
		path.Close()
		c.Fill(path)
	}
}
