package snapshot

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"dtaosim/experiments/stats"
	"dtaosim/market"
)

// Rules say how Derive fills in what a snapshot file lacks. DefaultRules gives every
// field its documented value; doc.go gives the reasoning and the sources.
type Rules struct {
	// LaunchBlock is the dTAO launch block: alpha issuance of subnets registered before
	// it starts there. Default 4,920,351 (2025-02-13 21:41 UTC; validation.md).
	LaunchBlock int64 `yaml:"launch_block"`
	// StartCallDelay is the number of blocks between a subnet's registration and its
	// first emission (start_call), which the file does not have. Default 0.
	StartCallDelay int64 `yaml:"start_call_delay"`
	// OutstandingScale multiplies the outstanding alpha derived from a subnet's age
	// (alpha_out minted since its first emission). Default 1.
	OutstandingScale float64 `yaml:"outstanding_scale"`
	// HalvingBlock is the block at which TAO issuance reached 10.5M and the block
	// emission halved. Default 7,103,975 (2025-12-15; validation.md).
	HalvingBlock int64 `yaml:"halving_block"`
	// TaoIssuance, when > 0, is the TAO issued at the snapshot; 0 derives it from
	// HalvingBlock (see TaoIssuanceAt). Default 0.
	TaoIssuance float64 `yaml:"tao_issuance"`
	// RootTAO, when > 0, is the TAO staked on root at the snapshot; 0 estimates it from
	// the file's tao_in_emission (EstimateRootTAO). Default 0.
	RootTAO float64 `yaml:"root_tao"`
	// TaoWeight is the root TAO weight w used by the estimate. Default 0.18 (spec §9.1).
	TaoWeight float64 `yaml:"tao_weight"`
	// CapRuleBlock is the first block at which the injection cap ρ_i·a_i is known to be
	// in force; EstimateRootTAO refuses earlier snapshots. Default 8,486,594 (the
	// balancer pool's first block, 2026-06-25, validation.md; the cap came three days
	// earlier, 2026-06-22, mechanism.md §7.3c).
	CapRuleBlock int64 `yaml:"cap_rule_block"`
}

// DefaultRules returns the documented rules.
func DefaultRules() Rules {
	return Rules{
		LaunchBlock:      4_920_351,
		OutstandingScale: 1,
		HalvingBlock:     7_103_975,
		TaoWeight:        0.18,
		CapRuleBlock:     8_486_594,
	}
}

// Validate reports the first bad field, by its YAML name.
func (r Rules) Validate() error {
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case r.LaunchBlock < 0:
		return fmt.Errorf("launch_block: expected a block >= 0, got %d", r.LaunchBlock)
	case r.StartCallDelay < 0:
		return fmt.Errorf("start_call_delay: expected a number of blocks >= 0, got %d", r.StartCallDelay)
	case !finite(r.OutstandingScale) || r.OutstandingScale < 0:
		return fmt.Errorf("outstanding_scale: expected a finite number >= 0, got %v", r.OutstandingScale)
	case r.HalvingBlock < 0:
		return fmt.Errorf("halving_block: expected a block >= 0, got %d", r.HalvingBlock)
	case !finite(r.TaoIssuance) || r.TaoIssuance < 0 || r.TaoIssuance > market.TotalSupply:
		return fmt.Errorf("tao_issuance: expected 0 (derive) or a number in (0, 21e6], got %v", r.TaoIssuance)
	case !finite(r.RootTAO) || r.RootTAO < 0:
		return fmt.Errorf("root_tao: expected 0 (estimate) or a finite number > 0, got %v", r.RootTAO)
	case !finite(r.TaoWeight) || r.TaoWeight <= 0:
		return fmt.Errorf("tao_weight: expected a finite number > 0, got %v", r.TaoWeight)
	case r.CapRuleBlock < 0:
		return fmt.Errorf("cap_rule_block: expected a block >= 0, got %d", r.CapRuleBlock)
	}
	return nil
}

// Start is a chain state a simulation can start from: market.New(p, Subnets, RootTAO,
// Block) with p.TaoIssuance = TaoIssuance (see NewChain). The slices are indexed like
// Subnets, in ascending netuid order.
type Start struct {
	Block       int64               // the snapshot block, the chain's first block
	TaoIssuance float64             // TAO issued at the snapshot, TAO
	RootTAO     float64             // TAO staked on root, TAO
	Root        RootEstimate        // how RootTAO was estimated (zero when Rules.RootTAO was given)
	Subnets     []market.SubnetInit // one per snapshot row
	Registered  []int64             // registration block
	EmissionAge []float64           // blocks since the first emission (alpha issuance age)
	AlphaOut    []float64           // derived outstanding alpha, alpha (AlphaIssuance − AlphaReserve)
}

// RootEstimate is the outcome of EstimateRootTAO.
type RootEstimate struct {
	RootTAO    float64 // the estimate, TAO
	Candidates int     // subnets giving a per-subnet estimate
	Used       int     // estimates kept after trimming (the median is over these)
}

// NewChain builds the chain of Start under parameters p (whose TaoIssuance is replaced
// by s.TaoIssuance).
func (s *Start) NewChain(p market.Params) (*market.Chain, error) {
	p.TaoIssuance = s.TaoIssuance
	return market.New(p, s.Subnets, s.RootTAO, s.Block)
}

// Derive turns the snapshot into a starting chain state by the rules r (doc.go):
//   - reserves, miner burn and emission switch as in the file; balancer weight 0.5, since
//     the file's price is the reserve ratio;
//   - moving price = min(spot, 1);
//   - emission age = block − (max(registered_block, LaunchBlock) + StartCallDelay), ≥ 0,
//     also used as the EMA warm-up age (BlocksSinceStart);
//   - outstanding alpha = OutstandingScale × MintedAlpha(alpha_in, emission age), the
//     alpha_out minted over that age under the halving schedule, capped so issuance
//     stays ≤ 21M;
//   - TAO issuance from TaoIssuanceAt unless r.TaoIssuance is set;
//   - root TAO from EstimateRootTAO unless r.RootTAO is set.
//
// Subnets come out in ascending netuid order. Flow EMAs start at 0.
func (snap *Snapshot) Derive(r Rules) (*Start, error) {
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("snapshot rules: %w", err)
	}
	rows := append([]Subnet(nil), snap.Subnets...)
	sort.Slice(rows, func(i, j int) bool { return rows[i].Netuid < rows[j].Netuid })
	n := len(rows)
	st := &Start{
		Block:       snap.Block,
		Subnets:     make([]market.SubnetInit, n),
		Registered:  make([]int64, n),
		EmissionAge: make([]float64, n),
		AlphaOut:    make([]float64, n),
	}
	for i, row := range rows {
		age := EmissionAge(snap.Block, row.RegisteredBlock, r)
		out := r.OutstandingScale * MintedAlpha(row.AlphaIn, age)
		out = min(out, max(market.TotalSupply-row.AlphaIn, 0))
		st.Registered[i] = row.RegisteredBlock
		st.EmissionAge[i] = age
		st.AlphaOut[i] = out
		st.Subnets[i] = market.SubnetInit{
			Netuid:           row.Netuid,
			TaoReserve:       row.TaoIn,
			AlphaReserve:     row.AlphaIn,
			AlphaIssuance:    row.AlphaIn + out,
			MovingPrice:      min(row.Price, 1),
			BlocksSinceStart: age,
			MinerBurned:      row.MinerBurned,
			EmissionDisabled: !row.EmissionEnabled,
		}
	}
	st.TaoIssuance = r.TaoIssuance
	if st.TaoIssuance == 0 {
		st.TaoIssuance = TaoIssuanceAt(snap.Block, r.HalvingBlock)
	}
	st.RootTAO = r.RootTAO
	if st.RootTAO == 0 {
		est, err := snap.EstimateRootTAO(r)
		if err != nil {
			return nil, err
		}
		st.Root, st.RootTAO = est, est.RootTAO
	}
	return st, nil
}

// EmissionAge returns the blocks between a subnet's first emission and the snapshot
// block: block − (max(registered, r.LaunchBlock) + r.StartCallDelay), and 0 if that is
// negative.
func EmissionAge(block, registered int64, r Rules) float64 {
	first := max(registered, r.LaunchBlock) + r.StartCallDelay
	return float64(max(block-first, 0))
}

// MintedAlpha returns the alpha_out a subnet mints in `blocks` blocks from zero
// outstanding, when its pool holds reserve alpha throughout: each block mints
// a = market.BlockEmission(reserve + minted) (spec §7.1), 1 alpha until the issuance
// reaches 10.5M, then 0.5 until 15.75M, and so on; nothing at 21M. The steps are
// integrated exactly, a segment at a time.
func MintedAlpha(reserve, blocks float64) float64 {
	if !(blocks > 0) || reserve >= market.TotalSupply {
		return 0
	}
	minted := 0.0
	a := market.BlockEmission(reserve)
	for blocks > 0 && a > 0 {
		iss := reserve + minted
		next := market.TotalSupply * (1 - a/2) // issuance at which the emission halves
		need := (next - iss) / a
		if need >= blocks {
			return minted + a*blocks
		}
		if need > 0 {
			minted += a * need
			blocks -= need
		}
		a /= 2
		if a < 1e-12 { // below a rao per block: the supply is exhausted
			break
		}
	}
	return minted
}

// TaoIssuanceAt returns the TAO issued at block, anchored on 10.5M at halvingBlock: one
// TAO per block before it, then the halving schedule (market.BlockEmission) after it.
// Recycled TAO (registration burns, unspent credit) is not subtracted, so after the
// halving this is an upper bound (spec §6).
func TaoIssuanceAt(block, halvingBlock int64) float64 {
	const first = market.TotalSupply / 2
	if block <= halvingBlock {
		return max(first-float64(halvingBlock-block), 0)
	}
	return first + MintedAlpha(first, float64(block-halvingBlock))
}

// ErrNoRootEstimate is returned by EstimateRootTAO when the file cannot give an estimate.
var ErrNoRootEstimate = errors.New("snapshot: cannot estimate root TAO; set root_tao")

// minRootEstimates is the fewest per-subnet estimates EstimateRootTAO accepts after
// trimming: a median of fewer than five is too easily one subnet's quirk.
const minRootEstimates = 5

// EstimateRootTAO estimates the TAO staked on root, R, from the TAO each subnet injects.
// Under the injection cap in force since 2026-06-22 (spec §7.3c), a capped subnet
// injects tao_in = ρ_i·a_i·p_i per block with ρ_i = w·R/(w·R + I_i) (spec §9.2). Each
// emission-enabled subnet with tao_in_emission > 0 therefore gives
//
//	ρ_i = tao_in_emission/(a_i·p_i),   R_i = I_i·ρ_i/(w·(1 − ρ_i)),
//
// with I_i the alpha issuance of Derive's rule and a_i = BlockEmission(I_i). A subnet
// below the cap injects less (its TAO share e_i), so R_i is a lower bound; estimates
// under half the 90th percentile of all R_i are dropped as uncapped, and the estimate
// is the median of the rest. It refuses snapshots before r.CapRuleBlock, and files with
// fewer than five estimates left.
func (snap *Snapshot) EstimateRootTAO(r Rules) (RootEstimate, error) {
	if err := r.Validate(); err != nil {
		return RootEstimate{}, fmt.Errorf("snapshot rules: %w", err)
	}
	if snap.Block < r.CapRuleBlock {
		return RootEstimate{}, fmt.Errorf("%w: %s is at block %d, before the injection cap ρ·a (block %d) that the estimate relies on", ErrNoRootEstimate, snap.Name, snap.Block, r.CapRuleBlock)
	}
	var est []float64
	for _, row := range snap.Subnets {
		if !row.EmissionEnabled || row.TaoInEmission <= 0 {
			continue
		}
		age := EmissionAge(snap.Block, row.RegisteredBlock, r)
		iss := row.AlphaIn + min(r.OutstandingScale*MintedAlpha(row.AlphaIn, age), max(market.TotalSupply-row.AlphaIn, 0))
		a := market.BlockEmission(iss)
		if a <= 0 {
			continue
		}
		rho := row.TaoInEmission / (a * row.Price)
		if rho >= 1 {
			continue // more than the cap allows at any R: not explained by the rule
		}
		est = append(est, iss*rho/(r.TaoWeight*(1-rho)))
	}
	res := RootEstimate{Candidates: len(est)}
	if len(est) == 0 {
		return res, fmt.Errorf("%w: %s has no emission-enabled subnet injecting TAO", ErrNoRootEstimate, snap.Name)
	}
	sort.Float64s(est)
	cut := stats.Quantile(0.9, est) / 2
	kept := est[sort.SearchFloat64s(est, cut):]
	res.Used = len(kept)
	if len(kept) < minRootEstimates {
		return res, fmt.Errorf("%w: only %d subnet estimates left after trimming (need %d)", ErrNoRootEstimate, len(kept), minRootEstimates)
	}
	res.RootTAO = stats.Quantile(0.5, kept)
	return res, nil
}
