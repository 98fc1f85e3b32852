package experiments

import (
	"math"
	"math/rand/v2"
)

// AssessmentSpec is what root or subnet validators can observe of each subnet's value
// (mechanism.assessment): the assessment that value-weighted emission (value_weight,
// docs/mechanism.md §18.4, docs/designs.md) reads. A subnet's value is the one the
// misallocation metric uses (valuation.go: a utility subnet's latent value, a revenue
// subnet's net revenue, a meme subnet none), seen LagDays days late and multiplied by
// exp(NoiseSigma·Z), a fresh standard normal Z per subnet and day. The zero value is an
// exact, up-to-date assessment.
type AssessmentSpec struct {
	NoiseSigma float64 `yaml:"noise_sigma"` // σ of the multiplicative lognormal noise (median 1)
	LagDays    int     `yaml:"lag_days"`    // L: the assessment of day d is the value of day d − L
}

func (a AssessmentSpec) validate() error {
	if !(a.NoiseSigma >= 0) || math.IsInf(a.NoiseSigma, 0) {
		return ferr("mechanism.assessment.noise_sigma", "expected a finite σ >= 0, got %v", a.NoiseSigma)
	}
	return count("mechanism.assessment.lag_days", a.LagDays, 0, 3650)
}

// assessor keeps the last L+1 days of subnet values and turns them into the assessment:
// the value L days ago (the earliest kept while fewer than L days have passed, so the
// first L days are assessed at the start's values) times the day's lognormal noise. It
// draws n normals a day from stream "assessment" whether or not a design reads the
// assessment and whatever σ is, so two arms that differ only in σ or in the mechanism see
// the same noise (common random numbers), and no other stream moves.
type assessor struct {
	sigma float64
	rng   *rand.Rand  // stream "assessment"
	past  [][]float64 // ring of L+1 daily value vectors
	next  int         // ring slot the next day's values go to
	days  int         // days recorded so far
	out   []float64   // the assessment (reused)
}

func newAssessor(a AssessmentSpec, n int, rng *rand.Rand) assessor {
	s := assessor{sigma: a.NoiseSigma, rng: rng, past: make([][]float64, a.LagDays+1), out: make([]float64, n)}
	for k := range s.past {
		s.past[k] = make([]float64, n)
	}
	return s
}

// observe records today's values (copied) and returns the assessment, valid until the
// next call.
func (s *assessor) observe(values []float64) []float64 {
	copy(s.past[s.next], values)
	s.next = (s.next + 1) % len(s.past)
	s.days++
	// The oldest kept day is at s.next once the ring is full; before that, slot 0.
	lagged := s.past[0]
	if s.days >= len(s.past) {
		lagged = s.past[s.next]
	}
	for i, v := range lagged {
		s.out[i] = v * math.Exp(s.sigma*s.rng.NormFloat64())
	}
	return s.out
}

// assess gives the chain today's assessment (Chain.SetAssessedValue): at the start and at
// the end of every day, after the latent values and the revenue have moved. The chain
// reads it only while the mechanism in force weighs emission by value (value_weight > 0,
// spec §18.4), and otherwise it changes nothing; it is given every day all the same, so
// that a scheduled switch to a value design finds today's lagged assessment at once.
func (s *Sim) assess() error {
	return s.C.SetAssessedValue(s.assessor.observe(s.worth.current(s.Kinds, s.rev.perDay)))
}
