package sweep

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"dtaosim/experiments/record"
	"dtaosim/experiments/sensitivity"
)

// SensitivityOutput is one output of a sensitivity analysis: a number per run, computed
// from columns of the run's runs file, averaged over each design point's replicates.
type SensitivityOutput struct {
	Name    string   // in sensitivity.parquet's output column
	Doc     string   // what it is, for the printed table and docs/experiments.md
	Columns []string // the runs columns it needs; an output whose column the runs files lack is skipped
	// Value computes the output of one run from its columns (col(name) for each of
	// Columns; booleans are 1 or 0). NaN leaves the run out of this output.
	Value func(col func(name string) float64) float64
}

// SensitivityOutputs are the outputs `dtaosim sensitivity` analyses, in the order it
// prints them. Adding one is a line here; one whose column the runs files lack (a column
// added by a later version, such as misallocation) is skipped with a note.
var SensitivityOutputs = []SensitivityOutput{
	{"capture_probability", "share of runs with a share capture (captured: from below θ at the takeover, held ≥ θ for D days; runs already at θ at the takeover count as not captured)",
		[]string{"captured"}, func(c func(string) float64) float64 { return c("captured") }},
	{"capture_time", "days from the start to the capture; runs without a capture count as the horizon (blocks / 7200), so that an output exists for every run",
		[]string{"capture_day", "blocks"}, func(c func(string) float64) float64 {
			if d := c("capture_day"); !math.IsNaN(d) {
				return d
			}
			return c("blocks") / blocksPerDay
		}},
	{"peak_meme_share", "highest combined meme emission share at any block", []string{"peak_meme_share"}, column("peak_meme_share")},
	{"mean_meme_share", "time-average combined meme emission share", []string{"mean_meme_share"}, column("mean_meme_share")},
	{"final_meme_share", "combined meme emission share at the end", []string{"final_meme_share"}, column("final_meme_share")},
	{"meme_tao_share", "share of the run's TAO emission that went to meme subnets (cum_meme_tao / cum_tao)",
		[]string{"cum_meme_tao", "cum_tao"}, func(c func(string) float64) float64 {
			if t := c("cum_tao"); t > 0 {
				return c("cum_meme_tao") / t
			}
			return math.NaN()
		}},
	{"rank_capture_probability", "share of runs with a rank capture (a meme subnet entered the top k from outside it and stayed D days)",
		[]string{"rank_captured"}, func(c func(string) float64) float64 { return c("rank_captured") }},
	{"at_theta_probability", "share of runs whose meme share was already ≥ θ at the takeover (where capture from below is impossible)",
		[]string{"at_theta_at_takeover"}, func(c func(string) float64) float64 { return c("at_theta_at_takeover") }},
	{"mean_hhi", "time-average Herfindahl–Hirschman index of the emission shares", []string{"mean_hhi"}, column("mean_hhi")},
	{"misallocation", "emission misallocation, ½ Σ |emission share − value share| averaged over time", []string{"misallocation"}, column("misallocation")},
}

// blocksPerDay converts the runs' block counts to days.
const blocksPerDay = 7200

func column(name string) func(func(string) float64) float64 {
	return func(c func(string) float64) float64 { return c(name) }
}

// SensitivityOptions configure Sensitivity. The zero value gives 1000 bootstrap
// resamples and 95% intervals.
type SensitivityOptions struct {
	Bootstrap sensitivity.Bootstrap
}

// SensitivityResult is the analysis of a sensitivity design's output folder.
type SensitivityResult struct {
	Manifest Manifest
	Rows     []record.SensitivityRow // per output (in SensitivityOutputs order), per parameter (in axis order)
	Skipped  []string                // outputs not analysed, and why
	Notes    []string                // runs left out of an output that is undefined for them
	Missing  int                     // runs missing (before each cell's stopping point)
	Runs     int                     // runs read
}

// ErrNotSensitivity is returned by Sensitivity for a folder whose design is neither
// morris nor sobol.
var ErrNotSensitivity = errors.New("sweep: not a sensitivity design")

// Sensitivity reads a Morris or Sobol' design's output folder (manifest.json and the runs
// files; after dtaosim merge for shards) and computes, for every output of
// SensitivityOutputs and every parameter, the Morris measures μ*, μ, σ or the Sobol'
// indices S1 and ST with bootstrap intervals (package sensitivity). Each design point's
// output is the mean over its replicates, the replicates of its cell that the stopping
// rule reached; the replicate noise is reported with it. Missing runs are left out; a
// design point with no run at all is an error. The bootstrap draws are seeded from the
// master seed and the output's name, so the result is a function of the folder.
func Sensitivity(dir string, opt SensitivityOptions) (*SensitivityResult, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	d := m.Sensitivity
	if d == nil {
		return nil, fmt.Errorf("%w: %s has design %q; dtaosim sensitivity needs design: morris or design: sobol", ErrNotSensitivity, dir, m.Design)
	}
	res := &SensitivityResult{Manifest: *m}
	var analyze func(y [][]float64, b sensitivity.Bootstrap, rng *rand.Rand) ([]record.SensitivityRow, error)
	switch d.Kind {
	case "morris":
		md, err := d.Morris()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "manifest.json"), err)
		}
		analyze = func(y [][]float64, b sensitivity.Bootstrap, rng *rand.Rand) ([]record.SensitivityRow, error) {
			r, err := md.Analyze(y, b, rng)
			if err != nil {
				return nil, err
			}
			rows := make([]record.SensitivityRow, len(r.Factors))
			for i, f := range r.Factors {
				rows[i] = record.SensitivityRow{MuStar: f.MuStar, MuStarLo: f.MuStarLo, MuStarHi: f.MuStarHi, Mu: f.Mu, Sigma: f.Sigma,
					S1: math.NaN(), S1Lo: math.NaN(), S1Hi: math.NaN(), ST: math.NaN(), STLo: math.NaN(), STHi: math.NaN(), Variance: math.NaN()}
				setNoise(&rows[i], r.Noise)
			}
			return rows, nil
		}
	case "sobol":
		sd, err := d.Saltelli()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "manifest.json"), err)
		}
		analyze = func(y [][]float64, b sensitivity.Bootstrap, rng *rand.Rand) ([]record.SensitivityRow, error) {
			r, err := sd.Analyze(y, b, rng)
			if err != nil && !errors.Is(err, sensitivity.ErrConstantOutput) {
				return nil, err
			}
			rows := make([]record.SensitivityRow, len(r.Factors))
			nan := math.NaN()
			for i, f := range r.Factors {
				rows[i] = record.SensitivityRow{MuStar: nan, MuStarLo: nan, MuStarHi: nan, Mu: nan, Sigma: nan,
					S1: f.S1, S1Lo: f.S1Lo, S1Hi: f.S1Hi, ST: f.ST, STLo: f.STLo, STHi: f.STHi, Variance: r.Variance}
				setNoise(&rows[i], r.Noise)
			}
			return rows, err
		}
	default:
		return nil, fmt.Errorf("%s: unknown sensitivity design %q", filepath.Join(dir, "manifest.json"), d.Kind)
	}

	// Read the columns every output needs from every run the stopping rule reaches.
	var names []string
	for _, o := range SensitivityOutputs {
		for _, c := range o.Columns {
			if !slices.Contains(names, c) {
				names = append(names, c)
			}
		}
	}
	for _, c := range []string{"captured", "at_theta_at_takeover"} { // the stopping rule's
		if !slices.Contains(names, c) {
			names = append(names, c)
		}
	}
	absent := map[string]bool{}
	rule := m.Rule()
	perCell := make([][]cellRun, len(m.Cells))
	for c := range m.Cells {
		var readErr error
		read := func(r int) []float64 {
			path := RunPath(dir, "runs", c, r)
			cols, miss, err := record.ReadColumns(path, names)
			if errors.Is(err, os.ErrNotExist) {
				return nil
			}
			if err != nil {
				if readErr == nil {
					readErr = err
				}
				return nil
			}
			for _, a := range miss {
				absent[a] = true
			}
			row := make([]float64, len(names))
			for i := range names {
				row[i] = math.NaN()
				if cols[i] != nil {
					if len(cols[i]) != 1 {
						if readErr == nil {
							readErr = fmt.Errorf("%s: %d rows, want 1", path, len(cols[i]))
						}
						return nil
					}
					row[i] = cols[i][0]
				}
			}
			return row
		}
		idx := func(name string) int { return slices.Index(names, name) }
		var runs [][]float64
		stop := rule.Walk(func(r int) Outcome {
			row := read(r)
			runs = append(runs, row)
			if row == nil {
				return Outcome{}
			}
			return Outcome{Present: true, Eligible: row[idx("at_theta_at_takeover")] == 0, Captured: row[idx("captured")] == 1}
		})
		for r := len(runs); r < stop.At; r++ {
			runs = append(runs, read(r))
		}
		if readErr != nil {
			return nil, readErr
		}
		for r, row := range runs {
			if row == nil {
				res.Missing++
				continue
			}
			perCell[c] = append(perCell[c], cellRun{r, row})
			res.Runs++
		}
	}
	for n, c := range d.PointCells {
		if c < 0 || c >= len(perCell) {
			return nil, fmt.Errorf("%s: design point %d names cell %d of %d", filepath.Join(dir, "manifest.json"), n, c, len(perCell))
		}
		if len(perCell[c]) == 0 {
			return nil, fmt.Errorf("%w: cell %d (design point %d) has no complete run in %s; finish the sweep (--resume) or merge its shards first",
				sensitivity.ErrMissing, c, n, dir)
		}
	}

	for _, o := range SensitivityOutputs {
		var lacking []string
		for _, c := range o.Columns {
			if absent[c] {
				lacking = append(lacking, c)
			}
		}
		if len(lacking) > 0 {
			res.Skipped = append(res.Skipped, fmt.Sprintf("%s: the runs files have no %s column", o.Name, strings.Join(lacking, ", ")))
			continue
		}
		y := make([][]float64, len(d.PointCells))
		reps := make([][]int, len(d.PointCells))
		runs, undefined := 0, 0
		for n, c := range d.PointCells {
			for _, run := range perCell[c] {
				v := o.Value(func(name string) float64 { return run.cols[slices.Index(names, name)] })
				if math.IsNaN(v) {
					undefined++
					continue
				}
				y[n] = append(y[n], v)
				reps[n] = append(reps[n], run.rep)
			}
			runs += len(y[n])
		}
		h := fnv.New64a()
		h.Write([]byte(o.Name))
		rows, err := analyze(y, opt.Bootstrap, rand.New(rand.NewPCG(m.MasterSeed, h.Sum64())))
		if rows == nil {
			res.Skipped = append(res.Skipped, fmt.Sprintf("%s: %v", o.Name, err))
			continue
		}
		if err != nil { // a constant output: indices NaN
			res.Skipped = append(res.Skipped, fmt.Sprintf("%s: %v (rows written with NaN indices)", o.Name, err))
		}
		var sum float64
		for n := range y {
			sum += mean(y[n])
		}
		crn := crnNoiseShare(y, reps)
		for i := range rows {
			rows[i].NoiseCRNShare = crn
			rows[i].Design, rows[i].Output, rows[i].Param = d.Kind, o.Name, d.Factors[i].Param
			rows[i].Points, rows[i].Runs = int32(len(y)), int32(runs)
			rows[i].OutputMean = sum / float64(len(y))
		}
		rank(rows, d.Kind)
		res.Rows = append(res.Rows, rows...)
		if undefined > 0 {
			res.Notes = append(res.Notes, fmt.Sprintf("%s: undefined in %d runs, left out", o.Name, undefined))
		}
	}
	return res, nil
}

// cellRun is one run's columns and its replicate index.
type cellRun struct {
	rep  int
	cols []float64
}

// crnNoiseShare is the part of the point means' variance that is replicate noise not
// shared by the design points. With common random numbers, replicate r of every point
// sees the same random numbers, so much of a run's noise is common to all points and
// cancels in the differences the indices are made of; Noise.MeansShare, which treats the
// points' noise as independent, then overstates the noise in the indices. Over the
// replicates present at every point, the two-way decomposition y_nr = ȳ + a_n + b_r + e_nr
// (point n, replicate r; Scheffé 1959, The Analysis of Variance, §4.1) separates the
// common part b_r from the residual e_nr; the residual variance
// σ²_e = Σ e²_nr / ((N−1)(R−1)) divided by R is the noise left in a point mean, and
// the result is σ²_e/R over the variance of the point means. NaN with fewer than two
// common replicates or no variance between the point means.
func crnNoiseShare(y [][]float64, reps [][]int) float64 {
	count := map[int]int{}
	for n := range reps {
		for _, r := range reps[n] {
			count[r]++
		}
	}
	var common []int
	for r, k := range count {
		if k == len(y) {
			common = append(common, r)
		}
	}
	sort.Ints(common)
	N, R := len(y), len(common)
	if N < 2 || R < 2 {
		return math.NaN()
	}
	col := map[int]int{}
	for i, r := range common {
		col[r] = i
	}
	grid := make([][]float64, N) // [point][common replicate]
	for n := range y {
		grid[n] = make([]float64, R)
		for k, r := range reps[n] {
			if i, ok := col[r]; ok {
				grid[n][i] = y[n][k]
			}
		}
	}
	rowMean := make([]float64, N)
	colMean := make([]float64, R)
	var all float64
	for n := range grid {
		for i, v := range grid[n] {
			rowMean[n] += v / float64(R)
			colMean[i] += v / float64(N)
			all += v / float64(N*R)
		}
	}
	var ss, means float64
	for n := range grid {
		for i, v := range grid[n] {
			e := v - rowMean[n] - colMean[i] + all
			ss += e * e
		}
		means += (rowMean[n] - all) * (rowMean[n] - all)
	}
	means /= float64(N - 1)
	if means == 0 {
		return math.NaN()
	}
	return ss / float64((N-1)*(R-1)) / float64(R) / means
}

func setNoise(r *record.SensitivityRow, n sensitivity.Noise) {
	r.NoiseWithin, r.NoiseTotal, r.NoiseMeans, r.NoiseShare, r.NoiseMeansShare = n.Within, n.Total, n.Means, n.Share, n.MeansShare
}

func mean(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// rank numbers one output's rows by influence, 1 the largest: μ* for Morris, ST for
// Sobol'. NaN ranks last; ties keep axis order.
func rank(rows []record.SensitivityRow, kind string) {
	key := func(r *record.SensitivityRow) float64 {
		if kind == "morris" {
			return r.MuStar
		}
		return r.ST
	}
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := key(&rows[order[a]]), key(&rows[order[b]])
		if math.IsNaN(y) {
			return !math.IsNaN(x)
		}
		return x > y
	})
	for k, i := range order {
		rows[i].Rank = int32(k + 1)
	}
}

// Write stores the rows as dir/sensitivity.parquet.
func (r *SensitivityResult) Write(dir, version string, b sensitivity.Bootstrap) error {
	if b.Resamples == 0 {
		b.Resamples = 1000
	}
	meta := record.Meta{"plan_hash": r.Manifest.PlanHash, "experiment": r.Manifest.Name, "tool_version": version,
		"master_seed": fmt.Sprint(r.Manifest.MasterSeed), "bootstrap_resamples": fmt.Sprint(b.Resamples)}
	w, err := record.NewSensitivityWriter(filepath.Join(dir, "sensitivity.parquet"), meta)
	if err != nil {
		return err
	}
	return writeAll(w, r.Rows)
}

// Print writes the ranked tables: per output, the parameters from the most influential
// down, with the indices and their intervals, and the replicate noise.
func (r *SensitivityResult) Print(w io.Writer) {
	m := &r.Manifest
	d := m.Sensitivity
	k := len(d.Factors)
	cells := 0
	for _, c := range d.PointCells {
		cells = max(cells, c+1)
	}
	switch d.Kind {
	case "morris":
		fmt.Fprintf(w, "%s: Morris design, %d parameters, %d trajectories × %d points = %d design points (%d distinct cells), %d levels\n",
			m.Name, k, d.Trajectories, k+1, len(d.Points), cells, d.Levels)
		fmt.Fprintf(w, "mu* = mean |elementary effect| in output units per full range of the parameter; 95%% bootstrap interval over trajectories; mu signed; sigma = sd of the effects\n")
	default:
		fmt.Fprintf(w, "%s: Sobol' design (Saltelli), %d parameters, N = %d base rows (%s) × %d blocks = %d design points (%d distinct cells)\n",
			m.Name, k, d.Samples, d.Base, k+2, len(d.Points), cells)
		fmt.Fprintf(w, "S1 = first-order index (Saltelli 2010), ST = total index (Jansen 1999); 95%% bootstrap intervals over base rows\n")
	}
	fmt.Fprintf(w, "replicates per cell: %s; %d runs read, %d missing\n", m.Rule(), r.Runs, r.Missing)
	docs := map[string]string{}
	for _, o := range SensitivityOutputs {
		docs[o.Name] = o.Doc
	}
	for start := 0; start < len(r.Rows); start += k {
		rows := slices.Clone(r.Rows[start : start+k])
		sort.SliceStable(rows, func(a, b int) bool { return rows[a].Rank < rows[b].Rank })
		o := rows[0]
		fmt.Fprintf(w, "\n%s: %s\n", o.Output, docs[o.Output])
		fmt.Fprintf(w, "  mean %.4g over %d design points, %d runs; replicate noise: %s of one run's variance, %s of the point means' variance, %s of it not common to the points%s\n",
			o.OutputMean, o.Points, o.Runs, share(o.NoiseShare), share(o.NoiseMeansShare), share(o.NoiseCRNShare), noiseWarning(o.NoiseCRNShare))
		width := 5
		for _, x := range rows {
			width = max(width, len(x.Param))
		}
		if d.Kind == "morris" {
			fmt.Fprintf(w, "  %4s  %-*s  %10s  %-23s  %10s  %10s\n", "rank", width, "param", "mu*", "[95% CI]", "mu", "sigma")
			for _, x := range rows {
				fmt.Fprintf(w, "  %4d  %-*s  %10.4g  %-23s  %10.4g  %10.4g\n", x.Rank, width, x.Param, x.MuStar, interval(x.MuStarLo, x.MuStarHi), x.Mu, x.Sigma)
			}
			continue
		}
		fmt.Fprintf(w, "  %4s  %-*s  %8s  %-19s  %8s  %-19s\n", "rank", width, "param", "S1", "[95% CI]", "ST", "[95% CI]")
		for _, x := range rows {
			fmt.Fprintf(w, "  %4d  %-*s  %8.3f  %-19s  %8.3f  %-19s\n", x.Rank, width, x.Param, x.S1, interval(x.S1Lo, x.S1Hi), x.ST, interval(x.STLo, x.STHi))
		}
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(w, "\nskipped %s", s)
	}
	for _, s := range r.Notes {
		fmt.Fprintf(w, "\nnote: %s", s)
	}
	if len(r.Skipped)+len(r.Notes) > 0 {
		fmt.Fprintln(w)
	}
}

func interval(lo, hi float64) string { return fmt.Sprintf("[%.4g, %.4g]", lo, hi) }

func share(x float64) string {
	if math.IsNaN(x) {
		return "—"
	}
	return fmt.Sprintf("%.2f", x)
}

func noiseWarning(meansShare float64) string {
	switch {
	case meansShare > 0.5:
		return " (noise dominates: the indices mostly measure noise; more replicates per point)"
	case meansShare > 0.1:
		return " (noise blurs the indices)"
	}
	return ""
}
