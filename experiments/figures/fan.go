package figures

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"dtaosim/experiments/stats"
)

// runGroup is a set of runs drawn together in one panel.
type runGroup struct {
	title string
	runs  []*Run
}

// ShareFan draws the emission share of each subnet kind over time: per run, the summed
// share of the subnets of that kind at each recorded time; across the runs of a panel,
// the median and the central 50% and 90% (type-7 quantiles). A run without subnets of a
// kind counts as 0 for it. With cells nil there is one panel per mechanism preset,
// pooling the runs of every cell with that preset; otherwise one panel per listed cell.
func ShareFan(e *Experiment, cells []int) (*Figure, error) {
	const name = "share-fan"
	groups, pooledOver, err := fanGroups(e, cells)
	if err != nil {
		return nil, &Skipped{Figure: name, Missing: err.Error()}
	}
	if len(groups) == 0 {
		return nil, skip(name, "no run has a recorded series (series/ files missing or empty)")
	}
	cols := min(len(groups), 3)
	if len(groups) == 4 {
		cols = 2 // two rows of two, not three and one
	}
	rows := (len(groups) + cols - 1) / cols
	panels := make([][]*plot.Plot, rows)
	var kindsSeen []string
	for g, grp := range groups {
		days, byKind := fanData(grp.runs)
		p := newPlot(grp.title, "time (days from the start)", "share of TAO emission")
		if g%cols > 0 {
			p.Y.Label.Text = ""
		}
		p.Add(gridLines(false, true))
		for _, kind := range orderKinds(byKind) {
			if !slices.Contains(kindsSeen, kind) {
				kindsSeen = append(kindsSeen, kind)
			}
			q := func(pr float64) []float64 {
				out := make([]float64, len(days))
				for i, xs := range byKind[kind] {
					out[i] = stats.Quantile(pr, xs)
				}
				return out
			}
			clr := kindColor(kind)
			p.Add(bandOf(days, q(0.05), q(0.95), fade(clr, 0.16)))
			p.Add(bandOf(days, q(0.25), q(0.75), fade(clr, 0.34)))
			med := make(plotter.XYs, len(days))
			for i, m := range q(0.5) {
				med[i] = plotter.XY{X: days[i], Y: m}
			}
			p.Add(lineOf(med, draw.LineStyle{Color: clr, Width: vg.Points(1.3)}))
		}
		p.Y.Min, p.Y.Max = 0, 1
		p.Y.Tick.Marker = unitTicks(5)
		p.X.Min, p.X.Max = days[0], days[len(days)-1]
		panels[g/cols] = append(panels[g/cols], p)
	}
	for len(panels[rows-1]) < cols {
		panels[rows-1] = append(panels[rows-1], nil)
	}
	var legend []legendEntry
	for _, kind := range kindsSeen {
		legend = append(legend, legendEntry{label: kind, thumbs: kindThumbs(kind)})
	}
	legend = append(legend,
		legendEntry{label: "median", thumbs: []plot.Thumbnailer{lineOf(plotter.XYs{{}}, draw.LineStyle{Color: darkGrey, Width: vg.Points(1.3)})}},
		legendEntry{label: "50% of runs", thumbs: []plot.Thumbnailer{bandThumb(fade(darkGrey, 0.34+0.16))}},
		legendEntry{label: "90% of runs", thumbs: []plot.Thumbnailer{bandThumb(fade(darkGrey, 0.16))}},
	)
	note := "Per run, the summed emission share of each kind's subnets (a subnet counts under its kind at that time); across runs, the median and central 50% and 90%."
	if pooledOver != "" {
		note += " Each panel pools every cell with its mechanism preset (over " + pooledOver + ")."
	}
	l := &layout{title: "Emission share by subnet kind", legend: legend, panels: panels, note: note}
	return l.figure(name, 7*vg.Inch, vg.Points(70)+vg.Length(rows)*2.7*vg.Inch), nil
}

// fanGroups returns the panels' runs: per mechanism preset, or per listed cell.
func fanGroups(e *Experiment, cells []int) (groups []runGroup, pooledOver string, err error) {
	byCell := map[int][]*Run{}
	for i := range e.Runs {
		r := &e.Runs[i]
		if hasSeries(r) {
			byCell[r.Cell] = append(byCell[r.Cell], r)
		}
	}
	if cells != nil {
		for _, c := range cells {
			if c < 0 || c >= len(e.Cells) {
				return nil, "", fmt.Errorf("cell %d is not in the experiment (cells 0 to %d)", c, len(e.Cells)-1)
			}
			if len(byCell[c]) == 0 {
				continue
			}
			title := fmt.Sprintf("cell %d (%s)", c, countRuns(len(byCell[c])))
			if d := cellDescription(e, c); d != "" {
				title = fmt.Sprintf("cell %d (%s): %s", c, countRuns(len(byCell[c])), d)
			}
			groups = append(groups, runGroup{title: title, runs: byCell[c]})
		}
		return groups, "", nil
	}
	for _, mech := range e.mechanisms() {
		var runs []*Run
		for c := range e.Cells {
			if e.Cells[c].Mechanism == mech {
				runs = append(runs, byCell[c]...)
			}
		}
		if len(runs) > 0 {
			groups = append(groups, runGroup{title: fmt.Sprintf("%s (%s)", mech, countRuns(len(runs))), runs: runs})
		}
	}
	var names []string
	for _, a := range e.Axes {
		if a.Param != MechanismAxis && len(a.Values) > 1 {
			names = append(names, shortParam(a.Param))
		}
	}
	return groups, strings.Join(names, ", "), nil
}

// cellDescription is cell c's axis values with short names; the mechanism preset by its
// name alone, which says what it is.
func cellDescription(e *Experiment, c int) string {
	var parts []string
	for i, a := range e.Axes {
		switch {
		case len(a.Values) < 2:
		case a.Param == MechanismAxis:
			parts = append(parts, e.Cells[c].Values[i])
		default:
			parts = append(parts, shortParam(a.Param)+"="+e.Cells[c].Values[i])
		}
	}
	return strings.Join(parts, ", ")
}

func hasSeries(r *Run) bool {
	for _, pts := range r.KindShare {
		if len(pts) > 0 {
			return true
		}
	}
	return false
}

// fanData collects, per kind and recorded time, the runs' summed shares. Times are the
// union over runs (a run contributes at the times it recorded); a run without a kind
// contributes 0 at its times.
func fanData(runs []*Run) (days []float64, byKind map[string][][]float64) {
	index := map[float64]int{}
	for _, r := range runs {
		for _, pts := range r.KindShare {
			for _, p := range pts {
				index[dayKey(p.Day)] = 0
			}
		}
	}
	for d := range index {
		days = append(days, d)
	}
	sort.Float64s(days)
	for i, d := range days {
		index[d] = i
	}
	kinds := map[string]bool{}
	for _, r := range runs {
		for k := range r.KindShare {
			kinds[k] = true
		}
	}
	byKind = map[string][][]float64{}
	for k := range kinds {
		byKind[k] = make([][]float64, len(days))
	}
	for _, r := range runs {
		at := map[int]bool{} // times this run recorded
		for _, pts := range r.KindShare {
			for _, p := range pts {
				at[index[dayKey(p.Day)]] = true
			}
		}
		for k := range kinds {
			got := map[int]float64{}
			for _, p := range r.KindShare[k] {
				if !math.IsNaN(p.V) {
					got[index[dayKey(p.Day)]] += p.V
				}
			}
			for i := range at {
				byKind[k][i] = append(byKind[k][i], got[i])
			}
		}
	}
	return days, byKind
}

// dayKey rounds a day to a multiple of 1/7200 (one block), so equal recording times of
// different runs compare equal.
func dayKey(d float64) float64 { return math.Round(d*7200) / 7200 }

// orderKinds returns the kinds in kindOrder, then any others alphabetically.
func orderKinds[V any](m map[string]V) []string {
	var out, other []string
	for _, k := range kindOrder {
		if _, ok := m[k]; ok {
			out = append(out, k)
		}
	}
	for k := range m {
		if !slices.Contains(kindOrder, k) {
			other = append(other, k)
		}
	}
	sort.Strings(other)
	return append(out, other...)
}

// kindThumbs is a kind's legend thumbnail: its bands and median line.
func kindThumbs(kind string) []plot.Thumbnailer {
	clr := kindColor(kind)
	return []plot.Thumbnailer{bandThumb(fade(clr, 0.4)), lineOf(plotter.XYs{{}}, draw.LineStyle{Color: clr, Width: vg.Points(1.3)})}
}

// bandThumb is a legend thumbnail of a filled band.
func bandThumb(clr color.Color) plot.Thumbnailer { return bandThumbnail{clr} }

// bandThumbnail fills the middle 70% of the thumbnail's height.
type bandThumbnail struct{ clr color.Color }

func (b bandThumbnail) Thumbnail(c *draw.Canvas) {
	h := c.Max.Y - c.Min.Y
	r := vg.Rectangle{Min: vg.Point{X: c.Min.X, Y: c.Min.Y + 0.15*h}, Max: vg.Point{X: c.Max.X, Y: c.Max.Y - 0.15*h}}
	c.SetColor(b.clr)
	c.Fill(r.Path())
}
