package figures

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"dtaosim/experiments/stats"
)

// IssuancePerBlock is the alpha issuance growth the root-proportion formula assumes,
// alpha per block per subnet: spec §9.5 uses 1.5–2 (a_i = 1 plus alpha_in ≤ 1), and
// the aged scenarios 1.8.
const IssuancePerBlock = 1.8

// rootColor is the colour of the simulated root proportion.
var rootColor = rgb(0x0077BB)

// RootProportion draws the root proportion ρ = w·R/(w·R + I) of subnet EarlyNetuid over
// time — median and central 90% across runs at each recorded time, one band per chain
// age when the experiment varies chain.age_days, on an axis of days since launch
// (age + day) — and, for reference, the curve of docs/mechanism.md §9.5
//
//	ρ(t) = w·R / (w·R + I₀ + 1.8·7200·t),   t in days since launch,
//
// with R and w taken from the runs' first records (medians over runs: R the root TAO, w
// solved from the recorded ρ, I and R) and I₀ the first record's issuance less 1.8 alpha
// a block since launch. The curve assumes R constant (root stake does not compound) and
// issuance growing by exactly 1.8 alpha a block; the bands show what the simulation did.
func RootProportion(e *Experiment) (*Figure, error) {
	const name = "root-proportion"
	groups := map[float64][]*Run{}
	var ws, rs, i0s []float64
	for i := range e.Runs {
		r := &e.Runs[i]
		if len(r.RootProp) == 0 {
			continue
		}
		groups[r.Start.AgeOffset] = append(groups[r.Start.AgeOffset], r)
		s := r.Start
		if s.Recorded && s.RootTAO > 0 && s.RootProp > 0 && s.RootProp < 1 && s.Issuance > 0 {
			ws = append(ws, s.RootProp*s.Issuance/(s.RootTAO*(1-s.RootProp)))
			rs = append(rs, s.RootTAO)
			i0s = append(i0s, math.Max(0, s.Issuance-IssuancePerBlock*7200*(s.AgeOffset+s.Day)))
		}
	}
	if len(groups) == 0 {
		return nil, skip(name, "no run's series has a row for subnet %d", EarlyNetuid)
	}
	launch := e.axis(AgeAxis) >= 0
	xlabel := "time (days from the start)"
	if launch {
		xlabel = "time (days since launch)"
	}
	p := newPlot("", xlabel, "root proportion ρ")
	p.Add(gridLines(true, true))
	ages := make([]float64, 0, len(groups))
	for a := range groups {
		ages = append(ages, a)
	}
	sort.Float64s(ages)
	xmin, xmax := math.Inf(1), math.Inf(-1)
	nruns := 0
	var sim []plot.Plotter // added after the formula's curve, so drawn over it
	for _, age := range ages {
		runs := groups[age]
		nruns += len(runs)
		days, vals := pooledSeries(runs, func(r *Run) []Point { return r.RootProp })
		x := make([]float64, len(days))
		med, lo, hi := make([]float64, len(days)), make([]float64, len(days)), make([]float64, len(days))
		for i, d := range days {
			x[i] = d
			if launch {
				x[i] += age
			}
			med[i], lo[i], hi[i] = stats.Quantile(0.5, vals[i]), stats.Quantile(0.05, vals[i]), stats.Quantile(0.95, vals[i])
			xmin, xmax = min(xmin, x[i]), max(xmax, x[i])
		}
		line := make(plotter.XYs, len(x))
		for i := range x {
			line[i] = plotter.XY{X: x[i], Y: med[i]}
		}
		sim = append(sim, bandOf(x, lo, hi, fade(rootColor, 0.3)), lineOf(line, draw.LineStyle{Color: rootColor, Width: vg.Points(1.6)}))
	}
	legend := []legendEntry{{label: fmt.Sprintf("simulated, subnet %d: median and 90%% of runs", EarlyNetuid),
		thumbs: []plot.Thumbnailer{bandThumb(fade(rootColor, 0.3)), lineOf(plotter.XYs{{}}, draw.LineStyle{Color: rootColor, Width: vg.Points(1.6)})}}}
	note := fmt.Sprintf("Root proportion ρ = w·R/(w·R + I) of subnet %d (its share of validator emission that goes to root), %s", EarlyNetuid, countRuns(nruns))
	if launch {
		note += fmt.Sprintf("; each band starts at its cell's %s.", AgeAxis)
	} else {
		note += "."
	}
	if len(ws) > 0 {
		w, R, I0 := stats.Quantile(0.5, ws), stats.Quantile(0.5, rs), stats.Quantile(0.5, i0s)
		from := 0.0
		if !launch {
			from = xmin
		}
		dashed := draw.LineStyle{Color: black, Width: vg.Points(1.1), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
		const n = 400
		curve := make(plotter.XYs, n+1)
		for k := range curve {
			t := from + (xmax-from)*float64(k)/n
			curve[k] = plotter.XY{X: t, Y: w * R / (w*R + I0 + IssuancePerBlock*7200*t)}
		}
		p.Add(lineOf(curve, dashed))
		xmin = math.Min(xmin, from)
		legend = append(legend, legendEntry{label: "spec §9.5: w·R / (w·R + I₀ + 1.8·7200·t)", thumbs: []plot.Thumbnailer{lineOf(plotter.XYs{{}}, dashed)}})
		t0 := "the first record"
		if launch {
			t0 = "launch"
		}
		note += fmt.Sprintf(" Formula: w = %.3g and R = %s TAO from the runs' first records (medians), R held constant; I₀ = %s alpha at %s; issuance growing 1.8 alpha a block; t in days.",
			w, humanize(R), humanize(I0), t0)
	}
	p.Add(sim...)
	p.X.Min, p.X.Max = xmin, xmax
	p.Y.Min, p.Y.Max = 0, 1
	p.Y.Tick.Marker = unitTicks(5)
	l := &layout{title: "Root proportion over time", legend: legend, panels: [][]*plot.Plot{{p}}, note: note}
	return l.figure(name, 6*vg.Inch, 4.2*vg.Inch), nil
}

// pooledSeries collects the runs' values at each recorded time (the union of the runs'
// times; a run contributes where it recorded).
func pooledSeries(runs []*Run, get func(*Run) []Point) (days []float64, vals [][]float64) {
	at := map[float64][]float64{}
	for _, r := range runs {
		for _, p := range get(r) {
			if !math.IsNaN(p.V) {
				at[dayKey(p.Day)] = append(at[dayKey(p.Day)], p.V)
			}
		}
	}
	for d := range at {
		days = append(days, d)
	}
	sort.Float64s(days)
	for _, d := range days {
		vals = append(vals, at[d])
	}
	return days, vals
}

// humanize writes a positive amount with a k/M suffix and three significant digits.
func humanize(x float64) string {
	switch {
	case x >= 1e6:
		return fmt.Sprintf("%.3gM", x/1e6)
	case x >= 1e4:
		return fmt.Sprintf("%.3gk", x/1e3)
	default:
		return fmt.Sprintf("%.3g", x)
	}
}
