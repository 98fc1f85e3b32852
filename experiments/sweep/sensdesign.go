package sweep

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"dtaosim/experiments/sensitivity"
)

// SensitivityDesign is a Morris or Sobol' design (design: morris or sobol) as the plan
// and the manifest record it: enough to analyse the outputs from an output folder alone
// (`dtaosim sensitivity`), without the experiment file or the code that drew the design.
//
// The design lives in the unit hypercube: Points[n] are the unit coordinates of design
// point n, one per factor (axis), and each factor maps them onto its range as
// sensitivity.Factor does. Design points with equal axis values (a Morris point two
// trajectories share, or integer factors that round two coordinates to one value) are one
// cell: PointCells[n] is the cell of point n, so each distinct scenario runs once.
type SensitivityDesign struct {
	Kind    string         `json:"kind"` // "morris" or "sobol"
	Factors []DesignFactor `json:"factors"`
	// Morris: r trajectories over p levels, steps of ±Delta; Steps[t·k + j] takes point
	// t(k+1)+j to the next (sensitivity.Morris).
	Trajectories int          `json:"trajectories,omitempty"`
	Levels       int          `json:"levels,omitempty"`
	Delta        float64      `json:"delta,omitempty"`
	Steps        []DesignStep `json:"steps,omitempty"`
	// Sobol': N base rows drawn as Base says ("sobol" or "iid"); the points are the
	// blocks A, B, AB_1 … AB_k of N rows each (sensitivity.Saltelli).
	Samples int    `json:"samples,omitempty"`
	Base    string `json:"base,omitempty"`

	Points     [][]float64 `json:"points"`      // unit coordinates of every design point, in design order
	PointCells []int       `json:"point_cells"` // the cell of each design point
}

// DesignFactor is one axis of a sensitivity design: its range as sensitivity.Factor reads
// it.
type DesignFactor struct {
	Param   string  `json:"param"`
	From    float64 `json:"from"`
	To      float64 `json:"to"`
	Log     bool    `json:"log"`
	Integer bool    `json:"integer"`
}

// DesignStep is one move of a Morris trajectory.
type DesignStep struct {
	Factor int     `json:"factor"`
	Delta  float64 `json:"delta"`
}

// Seeds of the designs' random draws, with the master seed: ASCII "morris" and "sobol".
const (
	morrisStream = 0x6d6f72726973
	sobolStream  = 0x736f626f6c
)

// defaultLevels is the Morris grid's default number of levels: p = 4 with Δ = 2/3 is the
// common choice (Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, §3.3).
const defaultLevels = 4

// checkDesignFields refuses the design fields of another design.
func checkDesignFields(e *Experiment) error {
	switch {
	case e.Trajectories != 0 && e.Design != "morris":
		return fmt.Errorf("trajectories: only used with design \"morris\" (this design is %q)", e.Design)
	case e.Levels != 0 && e.Design != "morris":
		return fmt.Errorf("levels: only used with design \"morris\" (this design is %q)", e.Design)
	case e.SobolBase != "" && e.Design != "sobol":
		return fmt.Errorf("sobol_base: only used with design \"sobol\" (this design is %q)", e.Design)
	case e.Samples != 0 && e.Design != "lhs" && e.Design != "sobol":
		return fmt.Errorf("samples: only used with designs \"lhs\" and \"sobol\" (this design is %q)", e.Design)
	}
	return nil
}

// sensitivityDesign draws the Morris or Sobol' design of e, seeded from e.Seed, and
// returns the axis values of its distinct points (the cells) and the design.
func sensitivityDesign(e *Experiment) ([][]any, *SensitivityDesign, error) {
	if len(e.Axes) == 0 {
		return nil, nil, fmt.Errorf("axes: design %q needs at least one axis with a range", e.Design)
	}
	d := &SensitivityDesign{Kind: e.Design}
	factors := make([]sensitivity.Factor, len(e.Axes))
	for a, ax := range e.Axes {
		f, err := ax.factor(e.Design)
		if err != nil {
			return nil, nil, fmt.Errorf("axes[%d] (%s): %w", a, ax.Param, err)
		}
		factors[a] = f
		d.Factors = append(d.Factors, DesignFactor{Param: ax.Param, From: f.Lo, To: f.Hi, Log: f.Log, Integer: f.Integer})
	}
	k := len(factors)
	switch e.Design {
	case "morris":
		if e.Levels == 0 {
			e.Levels = defaultLevels
		}
		if e.Trajectories < 2 || e.Trajectories > 100_000 {
			return nil, nil, fmt.Errorf("trajectories: expected a whole number in [2, 100000] with design \"morris\", got %d", e.Trajectories)
		}
		if e.Levels < 2 || e.Levels%2 != 0 || e.Levels > 1000 {
			return nil, nil, fmt.Errorf("levels: expected an even number in [2, 1000], got %d", e.Levels)
		}
		m, err := sensitivity.NewMorris(k, e.Trajectories, e.Levels, rand.New(rand.NewPCG(e.Seed, morrisStream)))
		if err != nil {
			return nil, nil, fmt.Errorf("trajectories: %w", err)
		}
		d.Trajectories, d.Levels, d.Delta, d.Points = m.Trajectories, m.Levels, m.Delta, m.Points
		for _, s := range m.Steps {
			d.Steps = append(d.Steps, DesignStep{Factor: s.Factor, Delta: s.Delta})
		}
	case "sobol":
		if e.Samples < 2 || e.Samples > 1_000_000 {
			return nil, nil, fmt.Errorf("samples: expected a whole number in [2, 1000000] with design \"sobol\" (base rows N; N(k+2) design points), got %d", e.Samples)
		}
		base := sensitivity.ScrambledSobol
		switch e.SobolBase {
		case "", "sobol":
			e.SobolBase = "sobol"
		case "iid":
			base = sensitivity.IID
		default:
			return nil, nil, fmt.Errorf("sobol_base: expected \"sobol\" (scrambled Sobol' sequence) or \"iid\", got %q", e.SobolBase)
		}
		s, err := sensitivity.NewSaltelli(k, e.Samples, base, rand.New(rand.NewPCG(e.Seed, sobolStream)))
		if err != nil {
			return nil, nil, fmt.Errorf("samples: %w", err)
		}
		d.Samples, d.Base, d.Points = s.N, e.SobolBase, s.Points
	}
	if len(d.Points) > 1_000_000 {
		return nil, nil, fmt.Errorf("design: %d points; expected at most 1,000,000", len(d.Points))
	}
	var cells [][]any
	index := map[string]int{}
	d.PointCells = make([]int, len(d.Points))
	for n, u := range d.Points {
		vals := make([]any, k)
		for i, f := range factors {
			vals[i] = factorValue(f, u[i])
		}
		key := fmt.Sprint(vals...)
		c, ok := index[key]
		if !ok {
			c = len(cells)
			index[key] = c
			cells = append(cells, vals)
		}
		d.PointCells[n] = c
	}
	return cells, d, nil
}

// factor reads the axis's range as a sensitivity factor.
func (ax Axis) factor(design string) (sensitivity.Factor, error) {
	switch {
	case ax.Param == "":
		return sensitivity.Factor{}, errors.New("param: expected the dotted path of a scenario field, e.g. agents.speculators.count")
	case ax.Range == nil || ax.Values != nil:
		return sensitivity.Factor{}, fmt.Errorf("design %q needs a range {from, to}, not values", design)
	case ax.Range.Steps != 0:
		return sensitivity.Factor{}, fmt.Errorf("range.steps: not used by design %q (the design places the points)", design)
	}
	if err := ax.Range.check(false); err != nil {
		return sensitivity.Factor{}, err
	}
	f := sensitivity.Factor{Name: ax.Param, Lo: ax.Range.From, Hi: ax.Range.To, Log: ax.Range.Log, Integer: ax.Range.Round}
	switch {
	case f.Integer && (f.Lo != float64(int64(f.Lo)) || f.Hi != float64(int64(f.Hi)) || f.Lo > f.Hi):
		return f, fmt.Errorf("range: with round, expected whole numbers from ≤ to, got from %v, to %v", f.Lo, f.Hi)
	case !f.Integer && !(f.Lo < f.Hi):
		return f, fmt.Errorf("range: expected from < to, got from %v, to %v", f.Lo, f.Hi)
	}
	if err := f.Check(); err != nil {
		return f, errors.New("range: " + strings.TrimPrefix(err.Error(), "sensitivity: "))
	}
	return f, nil
}

// factorValue is the axis value at unit coordinate u: an integer for an integer factor,
// else the number to 12 significant digits (as a grid range's values).
func factorValue(f sensitivity.Factor, u float64) any {
	x := f.At(u)
	if f.Integer {
		return int64(x)
	}
	x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	return x
}

// hashKey is the design's part of the plan hash.
func (d *SensitivityDesign) hashKey() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d,%d,%d,%s|", d.Kind, d.Trajectories, d.Levels, d.Samples, d.Base)
	for n, u := range d.Points {
		fmt.Fprintf(&b, "%v>%d;", u, d.PointCells[n])
	}
	for _, s := range d.Steps {
		fmt.Fprintf(&b, "%d%+v;", s.Factor, s.Delta)
	}
	b.WriteString("|")
	return b.String()
}

// Morris returns the Morris design the record describes, checking that it is whole.
func (d *SensitivityDesign) Morris() (*sensitivity.Morris, error) {
	k, r := len(d.Factors), d.Trajectories
	if d.Kind != "morris" || k < 1 || r < 2 || len(d.Points) != r*(k+1) || len(d.Steps) != r*k || len(d.PointCells) != len(d.Points) {
		return nil, fmt.Errorf("sensitivity design: not a whole Morris design (%d factors, %d trajectories, %d points, %d steps)", k, r, len(d.Points), len(d.Steps))
	}
	m := &sensitivity.Morris{Factors: k, Trajectories: r, Levels: d.Levels, Delta: d.Delta, Points: d.Points}
	for _, s := range d.Steps {
		if s.Factor < 0 || s.Factor >= k || s.Delta == 0 {
			return nil, fmt.Errorf("sensitivity design: bad Morris step %+v", s)
		}
		m.Steps = append(m.Steps, sensitivity.Step{Factor: s.Factor, Delta: s.Delta})
	}
	return m, d.checkPoints()
}

// Saltelli returns the Sobol' design the record describes, checking that it is whole.
func (d *SensitivityDesign) Saltelli() (*sensitivity.Saltelli, error) {
	k, n := len(d.Factors), d.Samples
	if d.Kind != "sobol" || k < 1 || n < 2 || len(d.Points) != n*(k+2) || len(d.PointCells) != len(d.Points) {
		return nil, fmt.Errorf("sensitivity design: not a whole Sobol' design (%d factors, %d samples, %d points)", k, n, len(d.Points))
	}
	base := sensitivity.ScrambledSobol
	if d.Base == "iid" {
		base = sensitivity.IID
	}
	return &sensitivity.Saltelli{Factors: k, N: n, Base: base, Points: d.Points}, d.checkPoints()
}

func (d *SensitivityDesign) checkPoints() error {
	for n, u := range d.Points {
		if len(u) != len(d.Factors) {
			return fmt.Errorf("sensitivity design: point %d has %d coordinates, expected %d", n, len(u), len(d.Factors))
		}
		if d.PointCells[n] < 0 {
			return fmt.Errorf("sensitivity design: point %d has no cell", n)
		}
	}
	return nil
}
