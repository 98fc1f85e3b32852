package figures

import (
	"bufio"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figure is one drawn figure: a name (its file name without extension), a size, and what
// draws it. Figures are independent of the output format: Encode renders one as PNG or
// SVG.
type Figure struct {
	Name          string
	Width, Height vg.Length
	draw          func(draw.Canvas)
}

// Draw draws the figure on c, which should be Width × Height.
func (f *Figure) Draw(c draw.Canvas) { f.draw(c) }

// Formats are the output formats Encode supports. PDF is left out on purpose: gonum/plot's
// PDF backend draws raster images (the heat map's cells are vectors, but a colour bar or
// image layer would be) upside down.
var Formats = []string{"png", "svg"}

// DefaultDPI is the resolution of PNG output, dots per inch.
const DefaultDPI = 300

// Encode writes the figure to w in format ("png" at dpi dots per inch, or "svg" with the
// fonts embedded so the file looks the same without Liberation Sans installed).
func (f *Figure) Encode(w io.Writer, format string, dpi int) error {
	var cw vg.CanvasWriterTo
	switch format {
	case "png":
		if dpi <= 0 {
			dpi = DefaultDPI
		}
		cw = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(f.Width, f.Height), vgimg.UseDPI(dpi))}
	case "svg":
		cw = vgsvg.NewWith(vgsvg.UseWH(f.Width, f.Height), vgsvg.EmbedFonts(true))
	default:
		return fmt.Errorf("figures: format %q: expected one of png, svg", format)
	}
	f.Draw(draw.New(cw))
	_, err := cw.WriteTo(w)
	return err
}

// Save writes the figure as dir/NAME.FORMAT for each format and returns the paths. Each
// file is written under a temporary name and renamed when complete.
func (f *Figure) Save(dir string, dpi int, formats ...string) ([]string, error) {
	var paths []string
	for _, format := range formats {
		path := filepath.Join(dir, f.Name+"."+format)
		if err := writeFile(path, func(w io.Writer) error { return f.Encode(w, format, dpi) }); err != nil {
			return paths, fmt.Errorf("figures: %s: %w", path, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

func writeFile(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { // CreateTemp makes it 0600
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Skipped reports a figure that the experiment lacks the data for.
type Skipped struct {
	Figure  string // the figure's name, e.g. "capture-heatmap"
	Missing string // what is missing, e.g. "the experiment has fewer than two axes besides mechanism.preset"
}

func (s *Skipped) Error() string { return s.Figure + ": skipped, " + s.Missing }

// skip returns a *Skipped error.
func skip(figure, format string, args ...any) error {
	return &Skipped{Figure: figure, Missing: fmt.Sprintf(format, args...)}
}

// IsSkipped reports whether err says a figure was skipped for want of data.
func IsSkipped(err error) bool {
	var s *Skipped
	return errors.As(err, &s)
}

// legendEntry is one entry of a figure's legend row.
type legendEntry struct {
	label  string
	thumbs []plot.Thumbnailer
}

// layout arranges a figure: a title, a legend row under it (off the data), a grid of
// panels whose data areas are aligned, an optional strip on the right (the colour bar)
// and an optional note at the bottom.
type layout struct {
	title     string
	legend    []legendEntry
	panels    [][]*plot.Plot // rows × columns; nil leaves a gap
	right     vg.Length      // width of the right strip
	drawRight func(c draw.Canvas, data vg.Rectangle)
	note      string
	padX      vg.Length // space between panel columns (default 10 pt)
	padY      vg.Length // space between panel rows (default 8 pt)
}

// figure returns the layout as a Figure of the given size.
func (l *layout) figure(name string, w, h vg.Length) *Figure {
	return &Figure{Name: name, Width: w, Height: h, draw: l.draw}
}

const margin = 6 // points around the figure

func (l *layout) draw(c draw.Canvas) {
	c.SetColor(plotWhite)
	c.Fill(c.Rectangle.Path())
	c = draw.Crop(c, vg.Points(margin), -vg.Points(margin), vg.Points(margin), -vg.Points(margin))
	if l.title != "" {
		sty := textStyle(figTitleSize, black)
		sty.Font = font.From(boldFont, figTitleSize)
		sty.XAlign, sty.YAlign = text.XCenter, text.YTop
		lines := sty.Handler.Lines(l.title)
		c.FillText(sty, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: c.Max.Y}, l.title)
		h := sty.Rectangle(l.title).Size().Y
		if len(lines) == 0 {
			h = 0
		}
		c.Max.Y -= h + vg.Points(6)
	}
	if len(l.legend) > 0 {
		c.Max.Y -= l.drawLegend(c) + vg.Points(8)
	}
	if l.note != "" {
		sty := textStyle(noteSize, darkGrey)
		sty.XAlign, sty.YAlign = text.XLeft, text.YBottom
		note := wrap(sty, l.note, c.Size().X)
		c.FillText(sty, vg.Point{X: c.Min.X, Y: c.Min.Y}, note)
		c.Min.Y += sty.Rectangle(note).Size().Y + vg.Points(4)
	}
	if len(l.panels) == 0 {
		return
	}
	area := c
	area.Max.X -= l.right
	padX, padY := l.padX, l.padY
	if padX == 0 {
		padX = vg.Points(10)
	}
	if padY == 0 {
		padY = vg.Points(8)
	}
	// The panels' titles are drawn here rather than by gonum/plot, so that a row's titles
	// share one baseline whatever each panel's tick labels need above its data area.
	titles := make([][]string, len(l.panels))
	orig := make([][]string, len(l.panels))
	reserve := make([]vg.Length, len(l.panels))
	tsty := textStyle(panelTitleSize, black)
	tsty.Font = font.From(boldFont, panelTitleSize)
	tsty.XAlign, tsty.YAlign = text.XCenter, text.YBottom
	for j, row := range l.panels {
		titles[j] = make([]string, len(row))
		orig[j] = make([]string, len(row))
		for i, p := range row {
			if p == nil || p.Title.Text == "" {
				continue
			}
			// Long titles wrap to the panel's width (its share of the area, less room
			// between panels).
			width := area.Size().X/vg.Length(len(row)) - vg.Points(12)
			orig[j][i], titles[j][i] = p.Title.Text, wrap(tsty, p.Title.Text, width)
			p.Title.Text = ""
			reserve[j] = max(reserve[j], tsty.Rectangle(titles[j][i]).Size().Y+vg.Points(4))
		}
	}
	defer func() { // a figure may be drawn again, in another format
		for j, row := range l.panels {
			for i, p := range row {
				if p != nil {
					p.Title.Text = orig[j][i]
				}
			}
		}
	}()
	canvases, titleY := align(l.panels, area, padX, padY, reserve)
	data := vg.Rectangle{Min: vg.Point{X: vg.Length(math.Inf(1)), Y: vg.Length(math.Inf(1))},
		Max: vg.Point{X: vg.Length(math.Inf(-1)), Y: vg.Length(math.Inf(-1))}}
	for j, row := range l.panels {
		for i, p := range row {
			if p == nil {
				continue
			}
			dc := p.DataCanvas(canvases[j][i])
			data.Min.X, data.Min.Y = min(data.Min.X, dc.Min.X), min(data.Min.Y, dc.Min.Y)
			data.Max.X, data.Max.Y = max(data.Max.X, dc.Max.X), max(data.Max.Y, dc.Max.Y)
			p.Draw(canvases[j][i])
			if titles[j][i] != "" {
				// Centred over the data area, but kept inside the figure.
				half := tsty.Rectangle(titles[j][i]).Size().X / 2
				x := min(max((dc.Min.X+dc.Max.X)/2, area.Min.X+half), area.Max.X-half)
				c.FillText(tsty, vg.Point{X: x, Y: titleY[j]}, titles[j][i])
			}
		}
	}
	if l.drawRight != nil {
		strip := c
		strip.Min.X = c.Max.X - l.right
		l.drawRight(strip, data)
	}
}

// align returns, for a grid of panels, canvases whose data areas line up: equal widths in
// every column and equal heights in every row, with the space between a data area and
// its canvas edge (axes, labels) the widest of its column or row; above each row it
// keeps reserve[j] for the titles, and returns the baseline where they go. It does what
// plot.Align does, but finds each canvas by a few fixed-point steps, since a plot's
// padding for tick labels near the data edge depends on its size and plot.Align's single
// pass then leaves panels misaligned.
func align(panels [][]*plot.Plot, area draw.Canvas, padX, padY vg.Length, reserve []vg.Length) (out [][]draw.Canvas, titleY []vg.Length) {
	rows, cols := len(panels), len(panels[0])
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: padX, PadY: padY}
	left, right := make([]vg.Length, cols), make([]vg.Length, cols)
	top, bottom := make([]vg.Length, rows), make([]vg.Length, rows)
	for j, row := range panels {
		for i, p := range row {
			if p == nil {
				continue
			}
			t := tiles.At(area, i, j)
			d := p.DataCanvas(t)
			left[i], right[i] = max(left[i], d.Min.X-t.Min.X), max(right[i], t.Max.X-d.Max.X)
			bottom[j], top[j] = max(bottom[j], d.Min.Y-t.Min.Y), max(top[j], t.Max.Y-d.Max.Y)
		}
	}
	sum := func(xs []vg.Length) (s vg.Length) {
		for _, x := range xs {
			s += x
		}
		return s
	}
	w := (area.Size().X - sum(left) - sum(right) - vg.Length(cols-1)*padX) / vg.Length(cols)
	h := (area.Size().Y - sum(reserve) - sum(top) - sum(bottom) - vg.Length(rows-1)*padY) / vg.Length(rows)
	out = make([][]draw.Canvas, rows)
	titleY = make([]vg.Length, rows)
	y := area.Max.Y
	for j, row := range panels {
		out[j] = make([]draw.Canvas, cols)
		y -= reserve[j]
		titleY[j] = y + vg.Points(4)
		y -= top[j]
		x := area.Min.X
		for i, p := range row {
			x += left[i]
			want := vg.Rectangle{Min: vg.Point{X: x, Y: y - h}, Max: vg.Point{X: x + w, Y: y}}
			c := draw.Canvas{Canvas: area.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: want.Min.X - left[i], Y: want.Min.Y - bottom[j]},
				Max: vg.Point{X: want.Max.X + right[i], Y: want.Max.Y + top[j]}}}
			if p != nil {
				for range 4 {
					d := p.DataCanvas(c)
					c.Min.X += want.Min.X - d.Min.X
					c.Min.Y += want.Min.Y - d.Min.Y
					c.Max.X += want.Max.X - d.Max.X
					c.Max.Y += want.Max.Y - d.Max.Y
				}
			}
			out[j][i] = c
			x += w + right[i] + padX
		}
		y -= h + bottom[j] + padY
	}
	return out, titleY
}

// drawLegend draws the legend entries in centred rows at the top of c and returns the
// height used.
func (l *layout) drawLegend(c draw.Canvas) vg.Length {
	sty := textStyle(legendSize, black)
	thumbW, gap, sep := vg.Points(18), vg.Points(4), vg.Points(14)
	h := sty.Rectangle("Mg").Size().Y
	width := func(e legendEntry) vg.Length { return thumbW + gap + sty.Width(e.label) }
	// Break the entries into rows that fit the width.
	var rows [][]legendEntry
	var cur []legendEntry
	var w vg.Length
	for _, e := range l.legend {
		ew := width(e)
		if len(cur) > 0 && w+sep+ew > c.Size().X {
			rows = append(rows, cur)
			cur, w = nil, 0
		}
		if len(cur) > 0 {
			w += sep
		}
		cur = append(cur, e)
		w += ew
	}
	rows = append(rows, cur)
	rowH := h + vg.Points(3)
	y := c.Max.Y
	for _, row := range rows {
		var total vg.Length
		for k, e := range row {
			if k > 0 {
				total += sep
			}
			total += width(e)
		}
		x := (c.Min.X+c.Max.X)/2 - total/2
		for _, e := range row {
			icon := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: x, Y: y - h}, Max: vg.Point{X: x + thumbW, Y: y}}}
			for _, t := range e.thumbs {
				t.Thumbnail(&icon)
			}
			s := sty
			s.XAlign, s.YAlign = text.XLeft, text.YCenter
			c.FillText(s, vg.Point{X: x + thumbW + gap, Y: y - h/2}, e.label)
			x += width(e) + sep
		}
		y -= rowH
	}
	return vg.Length(len(rows))*rowH - vg.Points(3)
}

var plotWhite = rgb(0xFFFFFF)

// wrap breaks s into lines no wider than width in style sty, at spaces (a word wider
// than width keeps a line of its own). A line that fits is returned unchanged.
func wrap(sty text.Style, s string, width vg.Length) string {
	if !strings.Contains(s, "\n") && sty.Width(s) <= width {
		return s
	}
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && sty.Width(try) > width {
			lines = append(lines, line)
			try = w
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// unitTicks marks [0, 1] at n+1 evenly spaced values, labelled with one decimal.
func unitTicks(n int) plot.ConstantTicks {
	var ticks plot.ConstantTicks
	for k := 0; k <= n; k++ {
		v := float64(k) / float64(n)
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 1, 64)})
	}
	return ticks
}

// lineOf returns a line through pts.
func lineOf(pts plotter.XYs, sty draw.LineStyle) *plotter.Line {
	l, err := plotter.NewLine(pts)
	if err != nil {
		panic(fmt.Sprintf("figures: %v", err)) // the callers drop NaN and infinite points first
	}
	l.LineStyle = sty
	return l
}

// bandOf returns the area between lo and hi (same x values) filled with clr.
func bandOf(x, lo, hi []float64, clr color.Color) *plotter.Polygon {
	pts := make(plotter.XYs, 0, 2*len(x))
	for i := range x {
		pts = append(pts, plotter.XY{X: x[i], Y: hi[i]})
	}
	for i := len(x) - 1; i >= 0; i-- {
		pts = append(pts, plotter.XY{X: x[i], Y: lo[i]})
	}
	p, err := plotter.NewPolygon(pts)
	if err != nil {
		panic(fmt.Sprintf("figures: %v", err))
	}
	p.Color = clr
	p.LineStyle.Width = 0
	return p
}
