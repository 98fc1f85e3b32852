package figures

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxEpisodes is the most episode columns drawn side by side.
const maxEpisodes = 3

// Line styles of the episode figure: the intervened run solid, its paired run dashed.
var (
	withStyle    = draw.LineStyle{Color: kindColors["meme"], Width: vg.Points(1.3)}
	withoutStyle = draw.LineStyle{Color: grey, Width: vg.Points(1.3), Dashes: []vg.Length{vg.Points(4), vg.Points(2)}}
	markStyle    = draw.LineStyle{Color: darkGrey, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(1), vg.Points(2)}}
)

// EpisodeFigure draws the SN28 episode: for each of e.Episodes (an intervened run and its
// paired run without intervention, at most one per mechanism preset, up to three), the
// meme subnet's price (log scale), its emission share and the root validators' share of
// its Yuma stake over time, with the intervention day marked.
func EpisodeFigure(e *Experiment) (*Figure, error) {
	const name = "sn28-episode"
	if len(e.Episodes) == 0 {
		if e.axis(PolicyAxis) < 0 {
			return nil, skip(name, "the experiment has no %s axis to pair runs with and without intervention", PolicyAxis)
		}
		return nil, skip(name, "no run with an intervention has a paired run without one (or their series are missing)")
	}
	eps := e.Episodes[:min(len(e.Episodes), maxEpisodes)]
	rows := []struct {
		ylabel string
		get    func(EpisodePoint) float64
		log    bool
	}{
		{"meme price (TAO per alpha)", func(p EpisodePoint) float64 { return p.Price }, true},
		{"meme emission share", func(p EpisodePoint) float64 { return p.EmissionShare }, false},
		{"root stake share in meme", func(p EpisodePoint) float64 { return p.RootStakeShare }, false},
	}
	// Before the subnet's first epoch the root stake share is undefined and recorded as
	// 0: those leading zeros are not drawn.
	trim := func(pts []EpisodePoint) []EpisodePoint {
		for i, p := range pts {
			if p.RootStakeShare != 0 {
				return pts[i:]
			}
		}
		return nil
	}
	panels := make([][]*plot.Plot, len(rows))
	var notes []string
	for i, ep := range eps {
		xmax := 0.0
		for _, pts := range [][]EpisodePoint{ep.With, ep.Without} {
			if len(pts) > 0 {
				xmax = max(xmax, pts[len(pts)-1].Day)
			}
		}
		for r, row := range rows {
			title := ""
			if r == 0 {
				title = ep.Mechanism
			}
			p := newPlot(title, "", row.ylabel)
			if i > 0 {
				p.Y.Label.Text = ""
			}
			if r == len(rows)-1 {
				p.X.Label.Text = "time (days from the start)"
			}
			p.Add(gridLines(false, true))
			ymin, ymax := math.Inf(1), math.Inf(-1)
			for _, s := range []struct {
				pts []EpisodePoint
				sty draw.LineStyle
			}{{ep.Without, withoutStyle}, {ep.With, withStyle}} {
				pts := s.pts
				if r == len(rows)-1 {
					pts = trim(pts)
				}
				xys := episodeXYs(pts, row.get, row.log)
				if len(xys) == 0 {
					continue
				}
				for _, q := range xys {
					ymin, ymax = min(ymin, q.Y), max(ymax, q.Y)
				}
				p.Add(lineOf(xys, s.sty))
			}
			if row.log {
				p.Y.Tick.Marker = log10Ticks{}
				if ymax-ymin < 1 { // keep at least a decade so that ticks show
					mid := (ymin + ymax) / 2
					ymin, ymax = mid-0.5, mid+0.5
				}
			} else {
				ymin = 0
				if row.ylabel == "root stake share in meme" || ymax > 0.6 {
					ymax = 1
					p.Y.Tick.Marker = unitTicks(5)
				}
			}
			if !math.IsInf(ymin, 0) && ymax > ymin {
				p.Y.Min, p.Y.Max = ymin, ymax
			}
			p.X.Min, p.X.Max = 0, xmax
			p.Add(dayMark(ep.InterventionDay))
			panels[r] = append(panels[r], p)
		}
		notes = append(notes, fmt.Sprintf("%s: %s, replicate %d, subnet %d, intervention on day %.3g",
			ep.Mechanism, ep.Context, ep.Replicate, ep.Netuid, ep.InterventionDay))
	}
	legend := []legendEntry{
		{label: "with intervention", thumbs: []plot.Thumbnailer{lineOf(plotter.XYs{{}}, withStyle)}},
		{label: "without (paired run: same cell but the policy, same random numbers)", thumbs: []plot.Thumbnailer{lineOf(plotter.XYs{{}}, withoutStyle)}},
		{label: "intervention", thumbs: []plot.Thumbnailer{lineOf(plotter.XYs{{}}, markStyle)}},
	}
	note := "Runs shown — " + strings.Join(notes, "; ") + ". Root stake share: root validators' share of the subnet's Yuma stake at its last epoch."
	w := 7 * vg.Inch
	if len(eps) == 1 {
		w = 4.5 * vg.Inch
	}
	l := &layout{title: "The SN28 episode: a meme subnet with and without the root validators' intervention",
		legend: legend, panels: panels, note: note, padY: vg.Points(6)}
	if len(eps) == 1 {
		l.title = "The SN28 episode, with and without intervention"
	}
	return l.figure(name, w, 7*vg.Inch), nil
}

// episodeXYs returns the finite values of pts; with log, the log10 of the positive ones.
func episodeXYs(pts []EpisodePoint, get func(EpisodePoint) float64, log bool) plotter.XYs {
	var out plotter.XYs
	for _, p := range pts {
		y := get(p)
		if log {
			if !(y > 0) {
				continue
			}
			y = math.Log10(y)
		}
		if math.IsNaN(y) || math.IsInf(y, 0) || math.IsNaN(p.Day) {
			continue
		}
		out = append(out, plotter.XY{X: p.Day, Y: y})
	}
	return out
}

// dayMark draws a vertical line at a day across the data area.
type dayMark float64

func (m dayMark) Plot(c draw.Canvas, p *plot.Plot) {
	day := float64(m)
	if math.IsNaN(day) || day < p.X.Min || day > p.X.Max {
		return
	}
	trX, _ := p.Transforms(&c)
	x := trX(day)
	c.StrokeLine2(markStyle, x, c.Min.Y, x, c.Max.Y)
}

// log10Ticks marks an axis that shows log10 of the values (the figures draw log scales by
// plotting log10 on a linear axis: gonum/plot centres a log axis's label at the
// arithmetic mean of the range and pads the plot for it) at 1, 2 and 5 times powers of
// ten, labelled with the values, when the range spans at most two decades, else at the
// powers alone; the other integer multiples get unlabelled minor ticks. It returns no
// tick outside [lo, hi].
type log10Ticks struct{}

func (log10Ticks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	labelled := map[int]bool{1: true}
	if hi-lo <= 2.5 {
		labelled[2], labelled[5] = true, true
	}
	for e := math.Floor(lo); e <= math.Ceil(hi); e++ {
		for i := 1; i < 10; i++ {
			v := e + math.Log10(float64(i))
			if v < lo-1e-9 || v > hi+1e-9 {
				continue
			}
			t := plot.Tick{Value: v}
			if labelled[i] {
				t.Label = strconv.FormatFloat(float64(i)*math.Pow(10, e), 'g', 3, 64)
			}
			out = append(out, t)
		}
	}
	return out
}
