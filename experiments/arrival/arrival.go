package arrival

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Processes a Config can name.
const (
	Poisson = "poisson" // attention-driven Poisson arrivals (the default)
	Lump    = "lump"    // every agent on Day
)

// Config is one class's arrival process. Fields a process does not read are ignored
// (Day by "poisson", the rates by "lump"), except a Day set with "poisson", which is an
// error since it would silently do nothing.
type Config struct {
	Process string `yaml:"process"` // "poisson" or "lump"
	// Day is the day every agent starts acting, with process "lump".
	Day float64 `yaml:"day"`
	// BaseRate is the share of the class arriving a day with no attention (process
	// "poisson"): N·BaseRate agents a day.
	BaseRate float64 `yaml:"base_rate"`
	// Recruit is the relative rise of the rate per unit of attention (process "poisson"):
	// the rate is N·BaseRate·(1 + Recruit·A).
	Recruit float64 `yaml:"recruit"`
	// LookbackDays is the window over which the caller measures attention.
	LookbackDays int `yaml:"lookback_days"`
}

// Speculators returns the speculators' default process (doc.go gives the sources).
func Speculators() Config {
	return Config{Process: Poisson, BaseRate: 1.0 / 60, Recruit: 1, LookbackDays: 3}
}

// YieldStakers returns the yield stakers' default process: the base rate alone.
func YieldStakers() Config {
	return Config{Process: Poisson, BaseRate: 1.0 / 60, Recruit: 0, LookbackDays: 3}
}

// MaxLookbackDays is the longest attention window (the daily history a run keeps).
const MaxLookbackDays = 30

// Validate checks c and returns the first error as "field: message".
func (c Config) Validate() error {
	switch c.Process {
	case Lump:
		if !(c.Day >= 0) || math.IsInf(c.Day, 0) {
			return fmt.Errorf("day: expected a day >= 0 for process %q, got %v", Lump, c.Day)
		}
		return nil
	case Poisson:
	default:
		return fmt.Errorf("process: expected %q (arrivals over time) or %q (all on one day), got %q", Poisson, Lump, c.Process)
	}
	if c.Day != 0 {
		return fmt.Errorf("day: read only with process %q (all arrive that day), got %v with process %q; set process: lump, or leave day out", Lump, c.Day, Poisson)
	}
	if !(c.BaseRate > 0) || c.BaseRate > 1 {
		return fmt.Errorf("base_rate: expected the share of the class arriving a day, in (0, 1], got %v", c.BaseRate)
	}
	if !(c.Recruit >= 0) || math.IsInf(c.Recruit, 0) {
		return fmt.Errorf("recruit: expected a rise of the rate per unit of attention >= 0, got %v", c.Recruit)
	}
	if c.LookbackDays < 1 || c.LookbackDays > MaxLookbackDays {
		return fmt.Errorf("lookback_days: expected a whole number of days in [1, %d], got %d", MaxLookbackDays, c.LookbackDays)
	}
	return nil
}

// Process is the arrivals of one class of n agents under a "poisson" Config: how many
// have arrived, and the integrated intensity so far. It is not safe for concurrent use.
type Process struct {
	c         Config
	n         int
	threshold []float64 // S_k: the integrated intensity at which agent k arrives
	cum       float64   // Λ: the integrated intensity so far
	arrived   int
}

// New returns the process of n agents with c (process "poisson"), drawing the n arrival
// thresholds from rng, and lets in the agents the base rate would have brought by
// ageDays before the start (Present). It panics if c is not a valid "poisson" Config.
func New(c Config, n int, ageDays float64, rng *rand.Rand) *Process {
	if c.Process != Poisson || c.Validate() != nil || n < 0 || !(ageDays >= 0) {
		panic("arrival: New needs a valid poisson Config, n >= 0 and ageDays >= 0")
	}
	p := &Process{c: c, n: n, threshold: make([]float64, n)}
	s := 0.0
	for k := range p.threshold {
		s += rng.ExpFloat64()
		p.threshold[k] = s
	}
	p.cum = float64(n) * c.BaseRate * ageDays
	for p.arrived < n && p.threshold[p.arrived] <= p.cum {
		p.arrived++
	}
	return p
}

// Arrived returns how many agents have arrived: agents 0..Arrived()-1. Right after New
// it is the number present at the start.
func (p *Process) Arrived() int { return p.arrived }

// Rate returns the intensity λ, in agents a day, at attention a (negative counts as 0),
// or 0 once every agent has arrived.
func (p *Process) Rate(a float64) float64 {
	if p.arrived == p.n {
		return 0
	}
	return float64(p.n) * p.c.BaseRate * (1 + p.c.Recruit*max(a, 0))
}

// Advance runs the process over a step of days at the constant intensity rate (agents a
// day) and appends to dst, for each agent arriving in it, in arrival order, the time of
// its arrival as a fraction of the step in [0, 1). The agents are the next ones in
// order: the first gets index Arrived() before the call.
func (p *Process) Advance(rate, days float64, dst []float64) []float64 {
	if !(rate > 0) || !(days > 0) {
		return dst
	}
	start := p.cum
	p.cum += rate * days
	for p.arrived < p.n && p.threshold[p.arrived] <= p.cum {
		f := (p.threshold[p.arrived] - start) / (rate * days)
		dst = append(dst, min(max(f, 0), math.Nextafter(1, 0)))
		p.arrived++
	}
	return dst
}
