package yuma

import (
	"errors"
	"fmt"
	"math"
)

// ErrParams is wrapped by the errors that [Params.Validate] returns.
var ErrParams = errors.New("yuma: invalid parameters")

// ErrInput is wrapped by the errors that [State.Epoch] and [State.SetBonds] return
// for a value that is negative, NaN or infinite (or, for bonds, above 1).
var ErrInput = errors.New("yuma: invalid input")

// Params holds the per-subnet hyperparameters of one Yuma epoch (spec §12, §13).
//
// The zero value is not valid: Kappa, BondsMovingAverage and MaxAllowedValidators
// have no neutral zero. Start from [DefaultParams] and override fields.
// All fractions are real numbers; the chain stores most of them as u16 fractions
// of 65535, and this package takes the quotient without rounding (spec §14.1).
type Params struct {
	// Kappa is the consensus quantile κ ∈ [0, 1]: the share of active stake that
	// must set a weight at least C_j for C_j to be miner j's consensus.
	// Spec §12.4 and §13 `Kappa`: 32767/65535 ≈ 0.49999, slightly below 1/2, so
	// in a 50/50 split the half giving the higher weight sets the consensus.
	Kappa float64

	// BondsPenalty is β ∈ [0, 1] in W^b = (1−β)·W + β·W̄, the weights that bonds
	// are built from. Spec §12.6 and §13 `BondsPenalty`: 65535/65535 = 1 since
	// 2025-03-28 (bonds from clipped weights only); 0 at launch.
	BondsPenalty float64

	// BondsMovingAverage is the bond EMA retention in parts per million,
	// in [0, 1e6]. The EMA coefficient is a = 1 − BondsMovingAverage/1e6
	// ([Params.BondsAlpha]). Spec §12.6 and §13: 900,000, so a = 0.1.
	BondsMovingAverage float64

	// Yuma3 selects the Yuma3 bond path (unnormalised bond fractions, dividends
	// weighted by stake) instead of the classic one. Spec §12.6 and §13
	// `Yuma3On`: false by default; exists since 2025-05-28.
	Yuma3 bool

	// LiquidAlpha makes the Yuma3 bond EMA coefficient a per-entry sigmoid between
	// AlphaLow and AlphaHigh (spec §12.6 `LiquidAlphaOn`, default false). It has no
	// effect when Yuma3 is false: the classic liquid-alpha form was removed on
	// 2025-05-28 (1b0c63a71) and is not implemented.
	LiquidAlpha bool

	// AlphaLow and AlphaHigh bound the liquid-alpha EMA coefficient,
	// 0 ≤ AlphaLow ≤ AlphaHigh ≤ 1. Spec §13 `alpha_low / alpha_high`:
	// 45875/65535 ≈ 0.7 and 58982/65535 ≈ 0.9; DefaultParams uses 0.7 and 0.9.
	AlphaLow, AlphaHigh float64

	// AlphaSigmoidSteepness is the liquid-alpha sigmoid steepness as stored on
	// chain, ≥ 0. The sigmoid uses AlphaSigmoidSteepness/100 (spec §12.6,
	// `alpha_sigmoid` in run_epoch.rs). Spec §13: 1000.
	AlphaSigmoidSteepness float64

	// MaxAllowedValidators is k in "permits = top-k of stake among nonzero",
	// ≥ 1. Spec §12.2 and §13: 128.
	MaxAllowedValidators int

	// StakeThreshold is the minimum raw stake (in the caller's stake units) that
	// counts in the epoch; uids below it get stake 0 (spec §12.1). Zero, the code
	// default, disables it. The owner-uid exemption is not modelled.
	StakeThreshold float64
}

// DefaultParams returns the code defaults of spec §13 for the head runtime
// (14bc6f9f9): κ = 32767/65535, β = 1, BondsMovingAverage = 900,000 (a = 0.1),
// classic bonds, liquid alpha off with bounds [0.7, 0.9] and steepness 1000,
// 128 validator permits and no stake threshold.
func DefaultParams() Params {
	return Params{
		Kappa:                 32767.0 / 65535.0,
		BondsPenalty:          1,
		BondsMovingAverage:    900_000,
		Yuma3:                 false,
		LiquidAlpha:           false,
		AlphaLow:              0.7,
		AlphaHigh:             0.9,
		AlphaSigmoidSteepness: 1000,
		MaxAllowedValidators:  128,
		StakeThreshold:        0,
	}
}

// BondsAlpha returns the constant bond EMA coefficient a = 1 − BondsMovingAverage/1e6
// (spec §12.6): the weight of the new observation in B ← a·ΔB + (1−a)·B.
func (p Params) BondsAlpha() float64 {
	return 1 - p.BondsMovingAverage/1e6
}

// Validate reports whether p is usable, wrapping [ErrParams] if it is not.
func (p Params) Validate() error {
	unit := func(name string, v float64) error {
		if !(v >= 0 && v <= 1) { // also rejects NaN
			return fmt.Errorf("%w: %s = %v not in [0, 1]", ErrParams, name, v)
		}
		return nil
	}
	if err := unit("Kappa", p.Kappa); err != nil {
		return err
	}
	if err := unit("BondsPenalty", p.BondsPenalty); err != nil {
		return err
	}
	if !(p.BondsMovingAverage >= 0 && p.BondsMovingAverage <= 1e6) {
		return fmt.Errorf("%w: BondsMovingAverage = %v not in [0, 1e6]", ErrParams, p.BondsMovingAverage)
	}
	if err := unit("AlphaLow", p.AlphaLow); err != nil {
		return err
	}
	if err := unit("AlphaHigh", p.AlphaHigh); err != nil {
		return err
	}
	if p.AlphaLow > p.AlphaHigh {
		return fmt.Errorf("%w: AlphaLow = %v > AlphaHigh = %v", ErrParams, p.AlphaLow, p.AlphaHigh)
	}
	if !(p.AlphaSigmoidSteepness >= 0) || math.IsInf(p.AlphaSigmoidSteepness, 1) {
		return fmt.Errorf("%w: AlphaSigmoidSteepness = %v not finite and ≥ 0", ErrParams, p.AlphaSigmoidSteepness)
	}
	if p.MaxAllowedValidators < 1 {
		return fmt.Errorf("%w: MaxAllowedValidators = %d < 1", ErrParams, p.MaxAllowedValidators)
	}
	if !(p.StakeThreshold >= 0) || math.IsInf(p.StakeThreshold, 1) {
		return fmt.Errorf("%w: StakeThreshold = %v not finite and ≥ 0", ErrParams, p.StakeThreshold)
	}
	return nil
}
