package experiments

import (
	"math"
	"math/rand/v2"
	"slices"

	"dtaosim/agents"
	"dtaosim/experiments/value"
)

// valuation is the subnets' latent value (docs/agents.md "Subnet kinds", issue 12 item 7;
// package value): the "objective" against which the run measures where emission goes.
// Every subnet has a latent value per day from one value.Process (subnets.utility.value),
// advanced once a day on stream "value"; what counts as a subnet's value depends on its
// current kind (value.Values): a utility subnet its latent value, a revenue subnet its
// net revenue (revenue.go), or its latent value under subnets.revenue.value "latent", a
// meme subnet none. A subnet taken over keeps its latent
// value evolving, unused. The misallocation metric (metrics.go), the assessed-value
// designs (assessment.go) and the value investors (agents.ValueInvestor, through
// Sim.valueOf) read it; no other agent sees it.
type valuation struct {
	proc   *value.Process
	rng    *rand.Rand // stream "value"
	latent []float64  // per subnet: latent value today, TAO per day
	values []float64  // per subnet: value by current kind, TAO per day (scratch of current)
	// revenueLatent values a revenue subnet at its latent value instead of its revenue
	// (subnets.revenue.value "latent").
	revenueLatent bool

	// current recomputes values only when its inputs changed: a new day's latent values
	// (valid false), a kind, or a revenue subnet's revenue (compared bit for bit with the
	// copies below). gen counts the recomputations, so that the misallocation metric
	// keeps its value shares while it is unchanged.
	valid   bool
	gen     uint64
	kinds   []agents.Kind // the kinds values were computed with
	revenue []float64     // the revenue they were computed with
	revAt   []int         // the subnets whose kind was Revenue then
}

// newValuation draws the first latent values; caps gives each subnet's market
// capitalisation at the start, which orders them under init "market_rank".
// revenueLatent values revenue subnets at their latent value (subnets.revenue.value).
func newValuation(c value.Config, revenueLatent bool, caps []float64, rng *rand.Rand) (valuation, error) {
	p, err := value.New(c, len(caps), rng)
	if err != nil {
		return valuation{}, ferr("subnets.utility.value", "%v", err)
	}
	if c.Init == "market_rank" {
		p.AlignWith(caps)
	}
	v := valuation{proc: p, rng: rng, revenueLatent: revenueLatent}
	v.latent = p.Latent(v.latent)
	return v, nil
}

// daily advances the latent values by one day.
func (v *valuation) daily() {
	v.proc.Advance(1, v.rng)
	v.latent = v.proc.Latent(v.latent)
	v.valid = false
}

// current returns each subnet's value today under its current kind, given the revenue
// subnets' revenue per day (TAO). The slice is the caller's to read until the next call,
// which recomputes it only if the inputs changed (see valid).
func (v *valuation) current(kinds []agents.Kind, revenue []float64) []float64 {
	if v.valid && v.same(kinds, revenue) {
		return v.values
	}
	worth := revenue
	if v.revenueLatent {
		worth = v.latent // a revenue subnet's value is its latent value
	}
	v.values = value.Values(v.values, kinds, v.latent, worth)
	v.kinds = append(v.kinds[:0], kinds...)
	v.revenue = append(v.revenue[:0], revenue...)
	v.revAt = v.revAt[:0]
	for i, k := range kinds {
		if k == agents.Revenue {
			v.revAt = append(v.revAt, i)
		}
	}
	v.valid = true
	v.gen++
	return v.values
}

// same reports whether kinds and revenue give the values current last computed: the same
// kinds, and the same revenue bits wherever a subnet is a revenue subnet (Values reads
// revenue nowhere else). It runs every block, so the kinds are compared in one pass
// and the revenue only at the revenue subnets (revAt: with the same kinds, the same
// subnets).
func (v *valuation) same(kinds []agents.Kind, revenue []float64) bool {
	if len(revenue) != len(v.revenue) || !slices.Equal(kinds, v.kinds) {
		return false
	}
	for _, i := range v.revAt {
		if math.Float64bits(revenue[i]) != math.Float64bits(v.revenue[i]) {
			return false
		}
	}
	return true
}

// valueOf returns subnet i's value per day today under its current kind (valuation.
// current), for the agents that see values.
func (s *Sim) valueOf(i int) float64 { return s.worth.current(s.Kinds, s.rev.perDay)[i] }
