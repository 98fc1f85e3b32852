package record

// SensitivityRow is one (output, parameter) pair of a sensitivity analysis
// (`dtaosim sensitivity`): the Morris measures or the Sobol' indices of the parameter for
// the output, with bootstrap intervals, and the replicate noise of the output. The
// columns of the other design are NaN.
type SensitivityRow struct {
	Design     string  // "morris" or "sobol"
	Output     string  // the output analysed, e.g. "capture_probability"
	Param      string  // the parameter: the experiment axis, by its dotted scenario path
	Rank       int32   // 1 = most influential for this output: by mu_star (Morris) or ST (Sobol'); ties and NaN last, in axis order
	Points     int32   // design points
	Runs       int32   // runs the output rests on, over all design points
	OutputMean float64 // mean over the design points of the output's replicate means

	MuStar   float64 // Morris μ*: mean |elementary effect|, output units per full range of the parameter
	MuStarLo float64 // bootstrap percentile interval of μ* (trajectories resampled)
	MuStarHi float64
	Mu       float64 // Morris μ: mean elementary effect
	Sigma    float64 // Morris σ: standard deviation of the elementary effects

	S1       float64 // Sobol' first-order index (Saltelli et al. 2010)
	S1Lo     float64 // bootstrap percentile interval of S1 (base rows resampled)
	S1Hi     float64
	ST       float64 // Sobol' total index (Jansen 1999)
	STLo     float64
	STHi     float64
	Variance float64 // Sobol': variance of the point means on the rows of A and B

	NoiseWithin     float64 // pooled within-point variance of single runs (replicate noise)
	NoiseTotal      float64 // variance of all runs pooled
	NoiseMeans      float64 // variance of the design points' means
	NoiseShare      float64 // NoiseWithin / NoiseTotal
	NoiseMeansShare float64 // share of NoiseMeans that is replicate noise, the points' noise taken as independent
	NoiseCRNShare   float64 // share of NoiseMeans that is replicate noise not common to the points (what remains under common random numbers)
}

var sensitivityTable = newTable("sensitivity", []column[SensitivityRow]{
	stringCol("design", `"morris" or "sobol"`, func(r *SensitivityRow) string { return r.Design }),
	stringCol("output", "the output analysed (a per-run quantity averaged over each design point's replicates; see docs/experiments.md)", func(r *SensitivityRow) string { return r.Output }),
	stringCol("param", "the parameter: an experiment axis, by its dotted scenario path", func(r *SensitivityRow) string { return r.Param }),
	int32Col("rank", "1 = most influential parameter for this output, by mu_star (Morris) or ST (Sobol'); NaN last", func(r *SensitivityRow) int32 { return r.Rank }),
	int32Col("points", "design points", func(r *SensitivityRow) int32 { return r.Points }),
	int32Col("runs", "runs the output rests on, over all design points", func(r *SensitivityRow) int32 { return r.Runs }),
	float64Col("output_mean", "mean over the design points of the output's replicate means", func(r *SensitivityRow) float64 { return r.OutputMean }),
	float64Col("mu_star", "Morris μ*: mean absolute elementary effect, in output units per full range of the parameter (Campolongo et al. 2007); NaN for Sobol'", func(r *SensitivityRow) float64 { return r.MuStar }),
	float64Col("mu_star_lo", "bootstrap 95% percentile interval of μ* (trajectories resampled), lower end", func(r *SensitivityRow) float64 { return r.MuStarLo }),
	float64Col("mu_star_hi", "upper end", func(r *SensitivityRow) float64 { return r.MuStarHi }),
	float64Col("mu", "Morris μ: mean elementary effect (signed); |μ| ≪ μ* means effects of both signs", func(r *SensitivityRow) float64 { return r.Mu }),
	float64Col("sigma", "Morris σ: standard deviation of the elementary effects (interactions, non-linearity, and replicate noise)", func(r *SensitivityRow) float64 { return r.Sigma }),
	float64Col("S1", "Sobol' first-order index, share of the output variance the parameter explains alone (Saltelli et al. 2010 estimator); NaN for Morris", func(r *SensitivityRow) float64 { return r.S1 }),
	float64Col("S1_lo", "bootstrap 95% percentile interval of S1 (base rows resampled), lower end", func(r *SensitivityRow) float64 { return r.S1Lo }),
	float64Col("S1_hi", "upper end", func(r *SensitivityRow) float64 { return r.S1Hi }),
	float64Col("ST", "Sobol' total index, share of the output variance that involves the parameter (Jansen 1999 estimator); NaN for Morris", func(r *SensitivityRow) float64 { return r.ST }),
	float64Col("ST_lo", "bootstrap 95% percentile interval of ST, lower end", func(r *SensitivityRow) float64 { return r.STLo }),
	float64Col("ST_hi", "upper end", func(r *SensitivityRow) float64 { return r.STHi }),
	float64Col("variance", "Sobol': variance of the point means over the rows of A and B, the V(Y) the indices divide; NaN for Morris", func(r *SensitivityRow) float64 { return r.Variance }),
	float64Col("noise_within", "pooled within-point variance of single runs: the replicate noise", func(r *SensitivityRow) float64 { return r.NoiseWithin }),
	float64Col("noise_total", "variance of all runs' outputs pooled", func(r *SensitivityRow) float64 { return r.NoiseTotal }),
	float64Col("noise_means", "variance of the design points' means, the quantity the indices decompose", func(r *SensitivityRow) float64 { return r.NoiseMeans }),
	float64Col("noise_share", "noise_within / noise_total: the part of one run's variance that is replicate noise", func(r *SensitivityRow) float64 { return r.NoiseShare }),
	float64Col("noise_means_share", "the part of noise_means that is replicate noise, taking the points' noise as independent (as without common random numbers)", func(r *SensitivityRow) float64 { return r.NoiseMeansShare }),
	float64Col("noise_crn_share", "the part of noise_means that is replicate noise not common to the design points: the residual of a point × replicate decomposition over the replicates every point has, divided by their number; what blurs the indices under common random numbers (above about 0.5 they mostly measure noise); NaN with fewer than 2 common replicates", func(r *SensitivityRow) float64 { return r.NoiseCRNShare }),
})

// SensitivityColumns returns the columns of the "sensitivity" table in file order.
func SensitivityColumns() []Column { return sensitivityTable.columns() }

// SensitivityWriter writes SensitivityRows (see SeriesWriter for its behaviour).
type SensitivityWriter struct{ w *writer[SensitivityRow] }

// NewSensitivityWriter creates the temporary file that Close renames to path.
func NewSensitivityWriter(path string, meta Meta, opts ...Option) (*SensitivityWriter, error) {
	w, err := newWriter(sensitivityTable, path, meta, opts)
	if err != nil {
		return nil, err
	}
	return &SensitivityWriter{w}, nil
}

// Append adds one row. It does not retain r.
func (w *SensitivityWriter) Append(r *SensitivityRow) error { return w.w.add(r) }

// Close finishes the file and renames it to its path.
func (w *SensitivityWriter) Close() error { return w.w.close() }

// Abort discards the file.
func (w *SensitivityWriter) Abort() { w.w.abort() }

// ReadSensitivity reads the SensitivityRows of a sensitivity.parquet file (see ReadSeries).
func ReadSensitivity(path string) ([]SensitivityRow, error) {
	return readRows(path, sensitivityTable, nil)
}
