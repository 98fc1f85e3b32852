package value

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"dtaosim/agents"
)

// Config is the distribution of utility subnets' latent value. Defaults gives every
// field its documented value (doc.go gives the reasons); Validate names the field at
// fault by its YAML name.
type Config struct {
	// Median is the median latent value of a utility subnet, TAO per day (default 12.5).
	Median float64 `yaml:"median"`
	// Sigma is the standard deviation of log value across subnets, at any moment
	// (the stationary distribution), ≥ 0 (default 1.27).
	Sigma float64 `yaml:"sigma"`
	// HalfLifeDays is the half-life of a subnet's log-value deviation from the median,
	// days; 0 keeps every value fixed at its first draw (default 180).
	HalfLifeDays float64 `yaml:"half_life_days"`
	// Init is how the first values relate to the market: "independent" (default, also
	// when empty: drawn without regard to prices) or "market_rank" (the same draws, reordered so that the
	// subnets' values rank as their market capitalisations at the start; Process.AlignWith).
	Init string `yaml:"init"`
}

// Defaults returns the documented configuration.
func Defaults() Config {
	return Config{Median: 12.5, Sigma: 1.27, HalfLifeDays: 180, Init: "independent"}
}

// Validate reports the first bad field.
func (c Config) Validate() error {
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case !finite(c.Median) || c.Median <= 0:
		return fmt.Errorf("median: expected a finite number > 0 (TAO per day), got %v", c.Median)
	case !finite(c.Sigma) || c.Sigma < 0:
		return fmt.Errorf("sigma: expected a finite number >= 0, got %v", c.Sigma)
	case !finite(c.HalfLifeDays) || c.HalfLifeDays < 0:
		return fmt.Errorf("half_life_days: expected a finite number >= 0 (0: fixed values), got %v", c.HalfLifeDays)
	case c.Init != "" && c.Init != "independent" && c.Init != "market_rank":
		return fmt.Errorf("init: expected \"independent\" or \"market_rank\", got %q", c.Init)
	}
	return nil
}

// Process is the latent value of n subnets through time: each subnet's log value is an
// Ornstein–Uhlenbeck process reverting to ln Median with rate θ = ln 2/HalfLifeDays and
// stationary distribution N(ln Median, Sigma²), so each value is lognormal across subnets
// at any time. It starts in the stationary distribution. A Process is not safe for
// concurrent use.
type Process struct {
	c    Config
	logv []float64 // log value per subnet
}

// New returns the process for n subnets, drawing each subnet's first log value from
// N(ln Median, Sigma²) with n draws from rng. It returns c's validation error.
func New(c Config, n int, rng *rand.Rand) (*Process, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if n < 0 {
		panic("value: New: negative subnet count")
	}
	p := &Process{c: c, logv: make([]float64, n)}
	mu := math.Log(c.Median)
	for i := range p.logv {
		p.logv[i] = mu + c.Sigma*rng.NormFloat64()
	}
	return p, nil
}

// AlignWith reorders the current values among the subnets so that they rank as caps
// does (caps[i]: subnet i's market capitalisation): the subnet with the k-th smallest
// cap gets the k-th smallest value. The values themselves, and so their distribution
// across subnets, are unchanged. Subnets with equal caps keep the order of their own
// values, so equal caps everywhere (the launch) change nothing. It panics if len(caps)
// is not N().
func (p *Process) AlignWith(caps []float64) {
	if len(caps) != len(p.logv) {
		panic("value: AlignWith: caps and subnets differ in number")
	}
	idx := make([]int, len(caps))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		return cmp.Or(cmp.Compare(caps[i], caps[j]), cmp.Compare(p.logv[i], p.logv[j]))
	})
	sorted := slices.Clone(p.logv)
	slices.Sort(sorted)
	for k, i := range idx {
		p.logv[i] = sorted[k]
	}
}

// N returns the number of subnets.
func (p *Process) N() int { return len(p.logv) }

// Advance moves every subnet's log value days forward by the exact OU transition
// (Gillespie 1996, Phys. Rev. E 54:2084):
//
//	x ← μ + (x − μ)·e^(−θΔ) + Sigma·√(1 − e^(−2θΔ))·z,   μ = ln Median, θ = ln 2/HalfLifeDays,
//
// with one standard normal z per subnet from rng, drawn also when HalfLifeDays is 0
// (values fixed), so that runs differing in these parameters share their shocks. It
// panics if days is negative or not finite.
func (p *Process) Advance(days float64, rng *rand.Rand) {
	if !(days >= 0) || math.IsInf(days, 0) {
		panic("value: Advance: days must be finite and >= 0")
	}
	mu := math.Log(p.c.Median)
	keep, noise := 1.0, 0.0
	if p.c.HalfLifeDays > 0 {
		keep = math.Exp(-math.Ln2 / p.c.HalfLifeDays * days)
		noise = p.c.Sigma * math.Sqrt(1-keep*keep)
	}
	for i, x := range p.logv {
		z := rng.NormFloat64()
		p.logv[i] = mu + (x-mu)*keep + noise*z
	}
}

// Latent appends every subnet's latent value, TAO per day, to dst[:0] and returns it.
func (p *Process) Latent(dst []float64) []float64 {
	dst = dst[:0]
	for _, x := range p.logv {
		dst = append(dst, math.Exp(x))
	}
	return dst
}

// Values appends to dst[:0] each subnet's value per day, by its kind now: a utility
// subnet's latent value, a revenue subnet's revenue, nothing for a meme subnet. latent
// and revenue are indexed like kinds (revenue may be nil when no subnet is a revenue
// subnet). It panics if the lengths differ or a kind is unknown.
func Values(dst []float64, kinds []agents.Kind, latent, revenue []float64) []float64 {
	if len(latent) != len(kinds) || (revenue != nil && len(revenue) != len(kinds)) {
		panic("value: Values: slice lengths do not match")
	}
	dst = dst[:0]
	for i, k := range kinds {
		switch k {
		case agents.Utility:
			dst = append(dst, latent[i])
		case agents.Revenue:
			if revenue == nil {
				panic("value: Values: a revenue subnet without revenue")
			}
			dst = append(dst, revenue[i])
		case agents.Meme:
			dst = append(dst, 0)
		default:
			panic(fmt.Sprintf("value: Values: unknown kind %d", k))
		}
	}
	return dst
}
