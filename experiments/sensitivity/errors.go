package sensitivity

import "errors"

// Errors returned by the analyses. Other failures (bad design parameters, outputs that do
// not match the design) come back as descriptive errors prefixed "sensitivity: ".
var (
	// ErrMissing reports a design point without any replicate output (a run that is
	// missing or failed); the indices need every point of the design.
	ErrMissing = errors.New("sensitivity: design point has no replicate output")
	// ErrNonFinite reports a NaN or infinite output. Outputs that are undefined for some
	// runs (say, time to capture when nothing is captured) must be given a value
	// (e.g. censored at the horizon) or analysed as another output.
	ErrNonFinite = errors.New("sensitivity: output is NaN or infinite")
	// ErrConstantOutput reports an output with zero variance over the design, for which
	// Sobol' indices are undefined (0/0). The result is still returned, with NaN indices.
	ErrConstantOutput = errors.New("sensitivity: output is constant over the design; Sobol' indices undefined")
)
