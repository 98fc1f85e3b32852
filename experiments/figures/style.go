package figures

import (
	"hash/fnv"
	"image/color"
	"math"
	"strconv"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Fonts: Liberation Sans (metric-compatible with Arial), shipped with gonum/plot, so the
// figures look the same on every machine.
var (
	sansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
	boldFont = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
)

// Font sizes, points.
const (
	figTitleSize   = 11
	panelTitleSize = 9.5
	labelSize      = 9
	tickSize       = 8
	legendSize     = 8.5
	noteSize       = 7
)

// Colours of the subnet kinds (Okabe & Ito's colour-blind-safe palette).
var kindColors = map[string]color.Color{
	"utility": rgb(0x0072B2), // blue
	"revenue": rgb(0x009E73), // bluish green
	"meme":    rgb(0xD55E00), // vermillion
}

// kindOrder is the order in which kinds are drawn and listed.
var kindOrder = []string{"utility", "revenue", "meme"}

// Colours of the mechanism presets of the spec (Paul Tol's "vibrant" scheme), fixed by
// name so a preset has the same colour in every figure and every experiment.
var presetColors = map[string]color.Color{
	"launch_2025_02":     rgb(0x0077BB), // blue
	"subsidy_2025_07":    rgb(0x009988), // teal
	"taoflow_2025_11":    rgb(0xEE7733), // orange
	"netflow_2026_05":    rgb(0xAA3377), // purple
	"price_burn_2026_06": rgb(0xCC3311), // red
}

// otherColors colour presets the spec does not list, chosen by a hash of the name.
var otherColors = []color.Color{rgb(0x33BBEE), rgb(0x555555), rgb(0x999933), rgb(0x882255), rgb(0x44AA99)}

// presetColor returns the colour of a mechanism preset.
func presetColor(name string) color.Color {
	if c, ok := presetColors[name]; ok {
		return c
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return otherColors[h.Sum32()%uint32(len(otherColors))]
}

// kindColor returns the colour of a subnet kind (grey for an unknown kind).
func kindColor(kind string) color.Color {
	if c, ok := kindColors[kind]; ok {
		return c
	}
	return rgb(0x777777)
}

var (
	black     = color.Gray{Y: 0}
	darkGrey  = color.Gray{Y: 0x40}
	grey      = color.Gray{Y: 0x80}
	lightGrey = color.Gray{Y: 0xDD}
)

func rgb(x uint32) color.RGBA {
	return color.RGBA{R: uint8(x >> 16), G: uint8(x >> 8), B: uint8(x), A: 0xFF}
}

// fade returns c at opacity a (premultiplied), for bands drawn under lines.
func fade(c color.Color, a float64) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: uint8(a*255 + 0.5)}
}

// textStyle returns a text style in the figures' font.
func textStyle(size vg.Length, clr color.Color) text.Style {
	return text.Style{Color: clr, Font: font.From(sansFont, size), Handler: plot.DefaultTextHandler}
}

// newPlot returns a plot styled for the figures: sans-serif text, light grey grid lines
// added by the caller where useful, axis labels with units set by the caller.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(boldFont, panelTitleSize)
	p.Title.Padding = vg.Points(4)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sansFont, labelSize)
		a.Tick.Label.Font = font.From(sansFont, tickSize)
		a.Padding = vg.Points(2)
		a.Label.Padding = vg.Points(3)
		a.Tick.Marker = niceTicks{}
	}
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Legend.TextStyle.Font = font.From(sansFont, legendSize)
	return p
}

// gridLines returns faint grid lines for the plot's major ticks.
func gridLines(vertical, horizontal bool) plot.Plotter {
	g := &gridPlotter{vertical: vertical, horizontal: horizontal}
	return g
}

// gridPlotter draws faint lines at the major ticks, under the data.
type gridPlotter struct{ vertical, horizontal bool }

func (g *gridPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	sty := draw.LineStyle{Color: color.Gray{Y: 0xEB}, Width: vg.Points(0.5)}
	trX, trY := p.Transforms(&c)
	if g.vertical {
		for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			if t.IsMinor() || t.Value < p.X.Min || t.Value > p.X.Max {
				continue
			}
			x := trX(t.Value)
			c.StrokeLine2(sty, x, c.Min.Y, x, c.Max.Y)
		}
	}
	if g.horizontal {
		for _, t := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
			if t.IsMinor() || t.Value < p.Y.Min || t.Value > p.Y.Max {
				continue
			}
			y := trY(t.Value)
			c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
		}
	}
}

// luminance is the relative luminance of c (ITU-R BT.709 weights on sRGB values), used to
// choose black or white text on a coloured cell.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xFFFF
}

// niceTicks marks an axis at multiples of a round step (1, 2 or 5 times a power of ten)
// chosen for about five labelled ticks, with unlabelled minor ticks between. Unlike
// plot.DefaultTicks it gives days of a 20-day run 0, 5, 10, 15, 20 rather than 0, 9, 18.
type niceTicks struct{}

func (niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return []plot.Tick{{Value: lo, Label: strconv.FormatFloat(lo, 'g', 4, 64)}}
	}
	raw := (hi - lo) / 5
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	lead, minors := 10.0, 5.0
	switch f := raw / pow; {
	case f < 1.5:
		lead, minors = 1, 5
	case f < 3.5:
		lead, minors = 2, 4
	case f < 7.5:
		lead, minors = 5, 5
	}
	step := lead * pow
	minor := step / minors
	var out []plot.Tick
	for k := math.Ceil(lo/minor - 1e-9); k*minor <= hi+1e-9*step; k++ {
		v := k * minor
		t := plot.Tick{Value: v}
		if r := math.Mod(math.Abs(v)+1e-9*step, step); r < 2e-9*step {
			t.Label = strconv.FormatFloat(math.Round(v/step)*step+0, 'g', 6, 64) // +0 turns -0 into 0
		}
		out = append(out, t)
	}
	return out
}
