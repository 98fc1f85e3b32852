package market

import (
	"fmt"
	"math"
	"slices"
)

// Subnet deregistration and registration (spec §19), as the chain has run them since
// 2025-09-17 (subtensor `do_register_network`, `get_network_to_prune`,
// `destroy_alpha_in_out_stakes`): when a subnet registers on a full chain, the
// lowest-moving-price subnet past its immunity period is dissolved and the newcomer takes
// its netuid. The chain does not decide when a registration comes; the caller (the
// simulation's arrival process, experiments/dereg.go) calls PruneCandidate, Dissolve and
// Register, in that order, and pays the holders what Dissolve returns. Step is unchanged.

// PruneCandidate returns the index of the subnet the chain would dissolve now: among the
// subnets registered at least immunity blocks before the current block, the one with the
// lowest moving price; on a tie, the earliest registered, then the lowest netuid. It
// returns −1 if every subnet is immune.
func (c *Chain) PruneCandidate(immunity int64) int {
	s := &c.S
	best := -1
	for i := range s.Netuid {
		if c.Block < s.RegisteredAt[i]+immunity {
			continue
		}
		if best < 0 || s.MovingPrice[i] < s.MovingPrice[best] ||
			(s.MovingPrice[i] == s.MovingPrice[best] && s.RegisteredAt[i] < s.RegisteredAt[best]) {
			best = i
		}
	}
	return best
}

// Dissolve removes subnet i's pool and alpha (spec §19.2) and returns the TAO it pays
// per alpha held: q = T_i/D, with D = held + the protocol's alpha (+ the pool's alpha
// A_i for a subnet registered during the run, as the chain counts it for subnets
// registered after 2026-06-02). held is the alpha the caller's accounts hold (the
// stakers); the caller credits each holder q per alpha and clears its alpha. The part of
// T_i not paid to holders (the protocol's and the pool's shares; all of T_i when
// held = 0) is recycled (Totals.DeregRecycled), and so is the subnet's pending root TAO
// (Totals.DeregRootTAO, already out of the pools); pending alpha is destroyed with the
// subnet. Afterwards every per-subnet amount of i is 0; Register
// starts the new subnet.
func (c *Chain) Dissolve(i int, held float64) (perAlpha float64, err error) {
	if i < 0 || i >= c.N() {
		return 0, ErrNoSubnet
	}
	if !(held >= 0) || math.IsInf(held, 0) {
		return 0, fmt.Errorf("market: held alpha must be finite and >= 0, got %v", held)
	}
	s := &c.S
	d := held + s.ProtocolAlpha[i]
	if s.Fresh[i] {
		d += s.AlphaReserve[i]
	}
	pot := s.TaoReserve[i]
	paid := 0.0
	if d > 0 && held > 0 {
		perAlpha = pot / d
		paid = perAlpha * held
	}
	c.Tot.DeregPaid += paid
	c.Tot.DeregRecycled += pot - paid
	c.Tot.DeregRootTAO += s.PendingRootTAO[i]
	for _, x := range [][]float64{s.TaoReserve, s.AlphaReserve, s.AlphaOut, s.MovingPrice, s.FlowAcc, s.FlowEMA,
		s.ProtoAcc, s.ProtoEMA, s.MinerBurned, s.PendingMiner, s.PendingValidator, s.PendingOwner, s.PendingRootAlpha,
		s.PendingRootTAO, s.ProtocolAlpha, s.Recycled, s.Burned} {
		x[i] = 0
	}
	s.QuoteWeight[i] = 0.5
	s.EmissionEnabled[i] = false
	return perAlpha, nil
}

// Register starts a new subnet at index i, dissolved before (spec §19.3; the netuid is
// reused, as on chain): T = lock, A = lock/median, the median spot price of the other
// subnets with a positive price (1 if none), no outstanding alpha, moving price 0 and
// held there until the subnet's start call (StartCall, from which alpha is minted and
// the EMA warm-up counts), TAO emission disabled until the caller enables it
// (EnableEmission). The lock is TAO from outside the chain's accounts
// (Totals.RegLocked).
func (c *Chain) Register(i int, lock float64) error {
	if i < 0 || i >= c.N() {
		return ErrNoSubnet
	}
	if !(lock > 0) || math.IsInf(lock, 0) {
		return fmt.Errorf("market: registration lock must be finite and > 0, got %v", lock)
	}
	s := &c.S
	if s.TaoReserve[i] != 0 || s.AlphaReserve[i] != 0 || s.AlphaOut[i] != 0 {
		return fmt.Errorf("market: subnet %d registered before it was dissolved", s.Netuid[i])
	}
	median := c.medianPrice(i)
	if lock/median > TotalSupply {
		return fmt.Errorf("market: registration lock %v at the median price %v exceeds the 21e6 alpha cap", lock, median)
	}
	s.TaoReserve[i] = lock
	s.AlphaReserve[i] = lock / median
	s.AgeAtStart[i] = math.Inf(-1) // no start call yet: no alpha minted, the moving price stays 0 (StartCall)
	s.RegisteredAt[i] = c.Block
	s.Fresh[i] = true
	c.Tot.RegLocked += lock
	return nil
}

// NewPoolAlpha returns the alpha reserve Register would give a pool of lock TAO at index
// i: lock over the median price of the other subnets.
func (c *Chain) NewPoolAlpha(i int, lock float64) float64 { return lock / c.medianPrice(i) }

// StartCall is the owner's start call of subnet i (`FirstEmissionBlockNumber`): from
// this block a subnet registered in the run mints alpha (subtensor's coinbase emits only
// to started subnets, since v2.0.9, 2025-03-28, spec §2.1 step 4.2) and its moving price
// warms up with b counted from here (since v2.0.10, 2025-04-04, spec §5); before it the
// moving price stays 0. It does not enable TAO emission (EnableEmission). A subnet that
// has started already is left as it is.
func (c *Chain) StartCall(i int) {
	if math.IsInf(c.S.AgeAtStart[i], -1) {
		c.S.AgeAtStart[i] = -float64(c.Block - c.StartBlock)
	}
}

// EnableEmission switches subnet i's TAO emission on (`SubnetEmissionEnabled`, which
// subtensor sets false at registration since e367ae647, 2026-06-23, and which only the
// root/sudo key sets, admin-utils `sudo_set_subnet_emission_enabled`; it is not the
// start call).
func (c *Chain) EnableEmission(i int) { c.S.EmissionEnabled[i] = true }

// medianPrice is the median spot price over the subnets other than skip with a positive
// price (the mean of the middle two for an even count), 1 if there are none (subtensor
// `get_median_subnet_alpha_price`).
func (c *Chain) medianPrice(skip int) float64 {
	ps := make([]float64, 0, c.N())
	for j := range c.S.Netuid {
		if p := c.Price(j); j != skip && p > 0 {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return 1
	}
	slices.Sort(ps)
	k := len(ps) / 2
	if len(ps)%2 == 1 {
		return ps[k]
	}
	return (ps[k-1] + ps[k]) / 2
}
