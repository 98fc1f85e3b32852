// Package sweep runs experiment grids: a base scenario, axes of parameter values (a full
// grid, a Latin hypercube, or a Morris or Sobol' sensitivity design), replicates (fixed,
// or adaptive until the capture rate's interval is narrow enough), seeds with common
// random numbers; in parallel, resumably, shardable; with one set of Parquet files per
// run (docs/experiments.md).
package sweep

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"dtaosim/experiments"
	"dtaosim/experiments/record"
)

// Experiment is an experiment file (see docs/experiments.md).
type Experiment struct {
	Name        string    `yaml:"name"`
	Description string    `yaml:"description"`
	Base        string    `yaml:"base"`     // a shipped scenario name or a scenario file (relative to the experiment file)
	Scenario    yaml.Node `yaml:"scenario"` // fields set on top of the base, as in a scenario file
	// Replicates per cell: a fixed number, or adaptive (see Replicates).
	Replicates Replicates `yaml:"replicates"`
	Seed       uint64     `yaml:"seed"`
	Design     string     `yaml:"design"`  // "grid" (default), "lhs", "morris" or "sobol"
	Samples    int        `yaml:"samples"` // lhs: design points; sobol: base samples N
	// Trajectories (r) and Levels (p, even; default 4) make a Morris design of
	// r·(k+1) points for k axes.
	Trajectories int `yaml:"trajectories"`
	Levels       int `yaml:"levels"`
	// SobolBase draws a Sobol' design's base rows: "sobol" (scrambled Sobol' sequence,
	// the default) or "iid" (independent uniform rows). Not called "base", which names
	// the base scenario.
	SobolBase string `yaml:"sobol_base"`
	Axes      []Axis `yaml:"axes"`
	// CRNAxes are the axes whose arms share random numbers: runs that differ only in these
	// axes' values see the same shocks per replicate (common random numbers), so their
	// outcomes can be compared in pairs. Default: every axis but those marked crn: false.
	CRNAxes []string `yaml:"crn_axes"`
	// Contrasts are paired comparisons between cells that differ in two or more axes,
	// made by dtaosim summarize beside the one-axis comparisons it always makes (grid
	// designs only; see Contrast).
	Contrasts []Contrast `yaml:"contrasts"`
	// Interactions ask whether one axis's paired effect on capture changes with another
	// axis's value, made by dtaosim summarize (grid designs only; see Interaction).
	Interactions []Interaction `yaml:"interactions"`
}

// Axis varies one scenario field, named by its dotted YAML path.
type Axis struct {
	Param  string `yaml:"param"`
	Values []any  `yaml:"values"` // explicit values (grid)
	Range  *Range `yaml:"range"`  // or an evenly spaced range (grid) / an interval (lhs)
	// CRN false opts the axis out of common random numbers: each of its values draws its
	// own streams (default true, unless crn_axes lists the CRN axes explicitly).
	CRN *bool `yaml:"crn"`
}

// Range is an interval of numbers: steps evenly spaced points from From to To (grid), or
// the interval sampled by the Latin hypercube (lhs) or a sensitivity design (morris,
// sobol; there From < To, and with Round whole end points). Round makes the values
// integers.
type Range struct {
	From  float64 `yaml:"from"`
	To    float64 `yaml:"to"`
	Steps int     `yaml:"steps"`
	Log   bool    `yaml:"log"`
	Round bool    `yaml:"round"`
}

// Cell is one point of the design: a value per axis and the scenario it gives.
type Cell struct {
	Index    int
	Values   []any  // one per axis, in axis order
	Label    string // "param=value;param=value"
	CRNGroup int    // cells with equal CRNGroup share random streams per replicate
	Scenario *experiments.Scenario
}

// Plan is an experiment expanded into cells.
type Plan struct {
	Exp       Experiment
	Path      string // the experiment file
	Source    string // the experiment file's text, as parsed (kept in the manifest)
	Base      *experiments.Scenario
	Cells     []Cell
	AxisTypes []record.AxisColumn // one typed column per axis, in axis order
	Hash      string              // hash of the expanded plan: same hash, same runs
	// Sensitivity is the Morris or Sobol' design behind the cells (design: morris or
	// sobol), nil otherwise.
	Sensitivity *SensitivityDesign
	// Contrasts are the experiment's contrasts with their arms written as the cells'
	// labels write them. They are analysis, not runs: not part of Hash.
	Contrasts []ContrastManifest
	// Interactions are the experiment's interactions with their values written as the
	// cells' labels write them; analysis, not part of Hash.
	Interactions []InteractionManifest
}

// Runs returns the number of runs: cells × replicates, or with adaptive replicates the
// most there can be (cells × max).
func (p *Plan) Runs() int { return len(p.Cells) * p.Exp.Replicates.Max }

// Units returns how many units the plan's runs shard into: runs for fixed replicates,
// cells for adaptive ones (Replicates.InShard).
func (p *Plan) Units() int {
	if p.Exp.Replicates.Adaptive() {
		return len(p.Cells)
	}
	return p.Runs()
}

// Load reads and expands an experiment file. Errors name the file, the line where known,
// and the field or axis.
func Load(path string) (*Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	p, err := Parse(data, filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	p.Path = path
	return p, nil
}

// Parse reads an experiment from data; dir resolves a base given as a file path. An error
// about a field is prefixed with the field's line in data.
func Parse(data []byte, dir string) (*Plan, error) {
	p, err := parse(data, dir)
	if p != nil {
		p.Source = string(data)
	}
	if err != nil && !strings.HasPrefix(err.Error(), "line ") {
		if m := fieldPrefix.FindStringSubmatch(err.Error()); m != nil {
			if line := experiments.LineOf(data, m[1]); line > 0 {
				return nil, fmt.Errorf("line %d: %w", line, err)
			}
		}
	}
	return p, err
}

// fieldPrefix matches the field an error starts with: "replicates: …", "axes[2] (…): …",
// "interactions[0].by_values[1]: …".
var fieldPrefix = regexp.MustCompile(`^([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*)[ :]`)

func parse(data []byte, dir string) (*Plan, error) {
	e := Experiment{Replicates: Fixed(10), Seed: 1, Design: "grid"}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&e); err != nil {
		return nil, yamlErr(err)
	}
	if e.Name == "" {
		return nil, errors.New("name: expected the experiment's name (it names the output folder)")
	}
	if strings.ContainsAny(e.Name, `/\`) || e.Name == "." || e.Name == ".." {
		return nil, fmt.Errorf("name: expected a folder name without slashes, got %q", e.Name)
	}
	if err := e.Replicates.check(); err != nil {
		return nil, err
	}
	base, baseMap, err := loadBase(e, dir)
	if err != nil {
		return nil, err
	}
	if err := resolveCRN(&e); err != nil {
		return nil, err
	}
	points, sens, err := design(&e)
	if err != nil {
		return nil, err
	}
	contrasts, err := resolveContrasts(&e, points)
	if err != nil {
		return nil, err
	}
	interactions, err := resolveInteractions(&e, points)
	if err != nil {
		return nil, err
	}
	p := &Plan{Exp: e, Base: base, Sensitivity: sens, Contrasts: contrasts, Interactions: interactions}
	if p.AxisTypes, err = axisColumns(e.Axes, points); err != nil {
		return nil, err
	}
	groups := map[string]int{}
	for k, vals := range points {
		m := cloneMap(baseMap)
		var label, group []string
		for a, ax := range e.Axes {
			if err := setPath(m, ax.Param, vals[a]); err != nil {
				return nil, fmt.Errorf("axes[%d] (%s): %w", a, ax.Param, err)
			}
			s := fmt.Sprintf("%s=%v", ax.Param, vals[a])
			label = append(label, s)
			if !contains(e.CRNAxes, ax.Param) {
				group = append(group, s)
			}
		}
		out, err := yaml.Marshal(m)
		if err != nil {
			return nil, err
		}
		sc, err := experiments.ParseScenario(out)
		if err != nil {
			return nil, fmt.Errorf("cell %d (%s): %w", k, strings.Join(label, ";"), stripLine(err))
		}
		g, ok := groups[strings.Join(group, ";")]
		if !ok {
			g = len(groups)
			groups[strings.Join(group, ";")] = g
		}
		p.Cells = append(p.Cells, Cell{Index: k, Values: vals, Label: strings.Join(label, ";"), CRNGroup: g, Scenario: sc})
	}
	p.Hash = p.planHash()
	return p, nil
}

// axisValues returns the distinct values the cells give axis k, written as the cells'
// labels write them, in cell order.
func axisValues(points [][]any, k int) []string {
	var out []string
	for _, vals := range points {
		if t := fmt.Sprint(vals[k]); !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// planHash hashes what decides the plan's runs: the experiment's name, replicates and
// seed, the sensitivity design, and each cell's label, random-number group and scenario.
func (p *Plan) planHash() string {
	var b strings.Builder
	e := p.Exp
	fmt.Fprintf(&b, "%s|%d|%d|%s", e.Name, e.Replicates.Max, e.Seed, e.Replicates.hashKey())
	if p.Sensitivity != nil {
		b.WriteString(p.Sensitivity.hashKey())
	}
	for _, c := range p.Cells {
		fmt.Fprintf(&b, "%s|%d|%s\n", c.Label, c.CRNGroup, experiments.SpecHash(c.Scenario))
	}
	return shortHash(b.String())
}

func loadBase(e Experiment, dir string) (*experiments.Scenario, map[string]any, error) {
	var sc *experiments.Scenario
	var err error
	switch {
	case e.Base == "":
		d := experiments.Defaults()
		sc = &d
	case strings.HasSuffix(e.Base, ".yaml") || strings.HasSuffix(e.Base, ".yml") || strings.ContainsRune(e.Base, '/'):
		path := e.Base
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, path)
		}
		data, rerr := os.ReadFile(path)
		if rerr != nil {
			return nil, nil, fmt.Errorf("base: %w", rerr)
		}
		if sc, err = experiments.ParseScenario(data); err != nil {
			return nil, nil, fmt.Errorf("base %s: %w", e.Base, err)
		}
	default:
		if sc, err = experiments.LoadPreset(e.Base); err != nil {
			return nil, nil, fmt.Errorf("base: %w", err)
		}
	}
	m, err := toMap(sc)
	if err != nil {
		return nil, nil, err
	}
	if e.Scenario.Kind != 0 {
		var over map[string]any
		if err := e.Scenario.Decode(&over); err != nil {
			return nil, nil, fmt.Errorf("line %d: scenario: expected a mapping of scenario fields: %w", e.Scenario.Line, err)
		}
		merge(m, over)
		out, _ := yaml.Marshal(m)
		if sc, err = experiments.ParseScenario(out); err != nil {
			return nil, nil, fmt.Errorf("scenario (starting line %d): %w", e.Scenario.Line, stripLine(err))
		}
	}
	return sc, m, nil
}

// design returns the axis values of every cell, in cell order, and for a sensitivity
// design the design itself.
func design(e *Experiment) ([][]any, *SensitivityDesign, error) {
	if err := checkDesignFields(e); err != nil {
		return nil, nil, err
	}
	switch e.Design {
	case "morris", "sobol":
		return sensitivityDesign(e)
	}
	points, err := gridOrLHS(e)
	return points, nil, err
}

// gridOrLHS returns the cells' axis values of a grid or a Latin hypercube.
func gridOrLHS(e *Experiment) ([][]any, error) {
	switch e.Design {
	case "grid":
		lists := make([][]any, len(e.Axes))
		for a, ax := range e.Axes {
			vals, err := ax.values()
			if err != nil {
				return nil, fmt.Errorf("axes[%d] (%s): %w", a, ax.Param, err)
			}
			lists[a] = vals
		}
		points := [][]any{{}}
		for _, vals := range lists {
			var next [][]any
			for _, p := range points {
				for _, v := range vals {
					next = append(next, append(append([]any(nil), p...), v))
				}
			}
			points = next
		}
		if len(points) > 1_000_000 {
			return nil, fmt.Errorf("axes: %d cells; expected at most 1,000,000", len(points))
		}
		return points, nil
	case "lhs":
		if e.Samples < 1 || e.Samples > 1_000_000 {
			return nil, fmt.Errorf("samples: expected a whole number in [1, 1000000] with design \"lhs\", got %d", e.Samples)
		}
		// Latin hypercube (McKay, Beckman & Conover 1979): each axis's interval is cut
		// into Samples strata, each used once, in a seeded random order.
		rng := rand.New(rand.NewPCG(e.Seed, 0x6c6873))
		points := make([][]any, e.Samples)
		for i := range points {
			points[i] = make([]any, len(e.Axes))
		}
		for a, ax := range e.Axes {
			if ax.Range == nil || ax.Values != nil {
				return nil, fmt.Errorf("axes[%d] (%s): design \"lhs\" needs a range {from, to}, not values", a, ax.Param)
			}
			if err := ax.Range.check(false); err != nil {
				return nil, fmt.Errorf("axes[%d] (%s): %w", a, ax.Param, err)
			}
			perm := rng.Perm(e.Samples)
			for i := range points {
				u := (float64(perm[i]) + rng.Float64()) / float64(e.Samples)
				points[i][a] = ax.Range.at(u)
			}
		}
		return points, nil
	default:
		return nil, fmt.Errorf("design: expected \"grid\", \"lhs\", \"morris\" or \"sobol\", got %q", e.Design)
	}
}

func (ax Axis) values() ([]any, error) {
	if ax.Param == "" {
		return nil, errors.New("param: expected the dotted path of a scenario field, e.g. agents.speculators.count")
	}
	switch {
	case ax.Values != nil && ax.Range != nil:
		return nil, errors.New("expected either values or range, not both")
	case ax.Values != nil:
		if len(ax.Values) == 0 {
			return nil, errors.New("values: expected at least one value")
		}
		return ax.Values, nil
	case ax.Range != nil:
		if err := ax.Range.check(true); err != nil {
			return nil, err
		}
		out := make([]any, ax.Range.Steps)
		for i := range out {
			u := 0.0
			if ax.Range.Steps > 1 {
				u = float64(i) / float64(ax.Range.Steps-1)
			}
			out[i] = ax.Range.at(u)
		}
		return out, nil
	default:
		return nil, errors.New("expected values: [...] or range: {from, to, steps}")
	}
}

func (r *Range) check(grid bool) error {
	if math.IsNaN(r.From) || math.IsNaN(r.To) || math.IsInf(r.From, 0) || math.IsInf(r.To, 0) {
		return errors.New("range: expected finite from and to")
	}
	if grid && (r.Steps < 1 || r.Steps > 10000) {
		return fmt.Errorf("range.steps: expected a whole number in [1, 10000], got %d", r.Steps)
	}
	if r.Log && (r.From <= 0 || r.To <= 0) {
		return errors.New("range: log spacing needs from and to > 0")
	}
	return nil
}

// at maps u in [0, 1] into the range (log-spaced if Log), rounding if Round.
func (r *Range) at(u float64) any {
	var x float64
	if r.Log {
		x = math.Exp(math.Log(r.From) + u*(math.Log(r.To)-math.Log(r.From)))
	} else {
		x = r.From + u*(r.To-r.From)
	}
	if r.Round {
		return int64(math.Round(x))
	}
	// Keep grid values short in labels: 12 significant digits.
	x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	return x
}
