package mining_test

import (
	"fmt"
	"math/rand/v2"

	"dtaosim/experiments/mining"
)

// The default configuration (SN14 TAOHash, May 2025), advanced a day at a time for 30
// days on a seeded stream.
func ExampleProcess() {
	p, err := mining.New(mining.Defaults())
	if err != nil {
		panic(err)
	}
	s := p.State()
	fmt.Printf("day %v: share %.4f, gross %.1f TAO/day, net %.1f TAO/day\n", s.Day, s.Share, s.GrossTAO, s.NetTAO)
	rng := rand.New(rand.NewPCG(1, 1))
	for range 30 {
		p.Advance(1, rng)
	}
	s = p.State()
	fmt.Printf("day %v: BTC $%.0f, network %.0f EH/s, net %.1f TAO/day\n", s.Day, s.BTCPrice, s.NetworkHashrate, s.NetTAO)
	// Output:
	// day 0: share 0.0070, gross 797.1 TAO/day, net 398.6 TAO/day
	// day 30: BTC $87507, network 881 EH/s, net 323.1 TAO/day
}
