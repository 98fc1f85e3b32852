package figures

import (
	"fmt"
	"os"
)

// Options choose what the figures show. The zero value draws the defaults.
type Options struct {
	// FanCells lists the cells the share fan draws, one panel each. Nil means one panel
	// per mechanism preset, pooling the cells of that preset.
	FanCells []int
}

// All draws every figure of the package documentation that e has the data for, in that
// order, and reports the others as skipped, naming what is missing.
func All(e *Experiment, opt Options) (figs []*Figure, skipped []*Skipped) {
	draws := []func() (*Figure, error){
		func() (*Figure, error) { return CaptureHeatmap(e) },
		func() (*Figure, error) { return ShareFan(e, opt.FanCells) },
		func() (*Figure, error) { return EpisodeFigure(e) },
		func() (*Figure, error) { return InterventionSuccess(e) },
		func() (*Figure, error) { return RootProportion(e) },
		func() (*Figure, error) { return MechanismComparison(e) },
		func() (*Figure, error) { return DesignTradeoff(e) },
		func() (*Figure, error) { return SensitivityFigure(e) },
	}
	for _, draw := range draws {
		f, err := draw()
		if err != nil {
			s, ok := err.(*Skipped)
			if !ok {
				panic(fmt.Sprintf("figures: unexpected error %v", err)) // figure functions only skip
			}
			skipped = append(skipped, s)
			continue
		}
		figs = append(figs, f)
	}
	return figs, skipped
}

// Report says what Write did.
type Report struct {
	Written []string   // files written
	Skipped []*Skipped // figures without data
}

// Write draws every figure e has the data for and saves each into out (created if
// needed) in every format, PNG at dpi dots per inch.
func Write(e *Experiment, out string, formats []string, dpi int, opt Options) (Report, error) {
	var rep Report
	if err := os.MkdirAll(out, 0o755); err != nil {
		return rep, fmt.Errorf("figures: %w", err)
	}
	figs, skipped := All(e, opt)
	rep.Skipped = skipped
	for _, f := range figs {
		paths, err := f.Save(out, dpi, formats...)
		rep.Written = append(rep.Written, paths...)
		if err != nil {
			return rep, err
		}
	}
	return rep, nil
}
