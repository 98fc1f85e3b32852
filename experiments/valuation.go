package experiments

import (
	"math/rand/v2"

	"dtaosim/agents"
	"dtaosim/experiments/value"
)

// valuation is the subnets' latent value (DESIGN.md §4, issue 12 item 7; package value):
// the "objective" against which the run measures where emission goes. Every subnet has a
// latent value per day from one value.Process (subnets.utility.value), advanced once a
// day on stream "value"; what counts as a subnet's value depends on its current kind
// (value.Values): a utility subnet its latent value, a revenue subnet its net revenue
// (revenue.go), a meme subnet none. A subnet taken over keeps its latent value evolving,
// unused. Nothing in the run reads it but the misallocation metric (metrics.go): agents
// do not see it.
type valuation struct {
	proc   *value.Process
	rng    *rand.Rand // stream "value"
	latent []float64  // per subnet: latent value today, TAO per day
	values []float64  // per subnet: value by current kind, TAO per day (scratch of current)
}

func newValuation(c value.Config, n int, rng *rand.Rand) (valuation, error) {
	p, err := value.New(c, n, rng)
	if err != nil {
		return valuation{}, ferr("subnets.utility.value", "%v", err)
	}
	v := valuation{proc: p, rng: rng}
	v.latent = p.Latent(v.latent)
	return v, nil
}

// daily advances the latent values by one day.
func (v *valuation) daily() {
	v.proc.Advance(1, v.rng)
	v.latent = v.proc.Latent(v.latent)
}

// current returns each subnet's value today under its current kind, given the revenue
// subnets' revenue per day (TAO). The slice is reused by the next call.
func (v *valuation) current(kinds []agents.Kind, revenue []float64) []float64 {
	v.values = value.Values(v.values, kinds, v.latent, revenue)
	return v.values
}
