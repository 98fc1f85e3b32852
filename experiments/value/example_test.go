package value_test

import (
	"fmt"
	"math/rand/v2"

	"dtaosim/agents"
	"dtaosim/experiments/value"
)

// Four subnets observed on two days: a utility subnet's value comes from the latent
// process, a revenue subnet's from its revenue, and the meme subnet has none. The
// accumulator gives the run's time-mean and final misallocation.
func ExampleMisallocation() {
	rng := rand.New(rand.NewPCG(1, 1))
	p, err := value.New(value.Defaults(), 4, rng)
	if err != nil {
		panic(err)
	}
	kinds := []agents.Kind{agents.Utility, agents.Utility, agents.Revenue, agents.Meme}
	revenue := []float64{0, 0, 400, 0}
	emission := [][]float64{{0.3, 0.2, 0.1, 0.4}, {0.2, 0.2, 0.1, 0.5}} // TAO emission shares per day
	var acc value.Accumulator
	var latent, values []float64
	for day, e := range emission {
		latent = p.Latent(latent)
		values = value.Values(values, kinds, latent, revenue)
		m := value.Misallocation(e, values)
		acc.Add(m, 1) // each observation stands for one day
		fmt.Printf("day %d: values %.1f, misallocation %.3f\n", day, values, m)
		p.Advance(1, rng)
	}
	fmt.Printf("mean %.3f, final %.3f\n", acc.Mean(), acc.Final())
	// Output:
	// day 0: values [39.5 22.0 400.0 0.0], misallocation 0.767
	// day 1: values [38.9 19.6 400.0 0.0], misallocation 0.772
	// mean 0.770, final 0.772
}
