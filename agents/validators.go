package agents

import (
	"math"
	"math/rand/v2"
)

// QualityWeights writes an honest validator's weights on miners of latent quality q_j
// (utility and revenue subnets, docs/agents.md "Subnet kinds"): w_j = max(q_j·(1 +
// noise·ε_j), 0) with ε_j standard normal, so validators agree on the ranking up to
// noise. dst and quality have the same length.
func QualityWeights(dst, quality []float64, noise float64, rng *rand.Rand) {
	for j, q := range quality {
		dst[j] = max(q*(1+noise*rng.NormFloat64()), 0)
	}
}

// HoldingWeights writes a meme subnet validator's weights (the SN28 design): miners are
// the token's holders and each is weighted by the alpha it holds, so holding the token
// earns its emission.
func HoldingWeights(dst, holdings []float64) {
	copy(dst, holdings)
}

// RootPolicy is what a root validator does with its weights (docs/agents.md).
type RootPolicy uint8

// Root validator policies.
const (
	// Passive root validators run each subnet's own validator rule.
	Passive RootPolicy = iota
	// Intervene (the Foundation in February 2025): after a detection delay, set all
	// weight of a flagged subnet on its burn uid, so that, if the intervening stake
	// exceeds κ of the subnet's Yuma stake, every holder-miner's incentive is clipped
	// to zero.
	Intervene
)

// DetectRule says how an intervening root validator flags a meme subnet.
type DetectRule uint8

// Detection rules.
const (
	// DetectWeights flags a subnet whose validators' weights follow its miners' alpha
	// holdings (WeightsFollowHoldings), read from the weights and balances the chain
	// publishes at each of its epochs.
	DetectWeights DetectRule = iota
	// DetectPump flags a subnet without revenue whose price rose by PumpFactor or more
	// over PumpDays.
	DetectPump
	// DetectTimer flags a meme subnet at its takeover: a timer, not an observation.
	DetectTimer
)

// PumpDetected reports whether a price path is a pump under DetectPump: a non-revenue
// subnet whose price now is at least factor times its price `days` ago.
func PumpDetected(kind Kind, priceNow, priceThen, factor float64) bool {
	return kind != Revenue && priceThen > 0 && priceNow >= factor*priceThen
}

// HoldingsCorrelation returns the Pearson correlation, across a subnet's miner columns,
// between the weight its validators put on each miner and the alpha each miner's
// account holds: 1 when the weights are the holdings up to scale (the SN28 design), near
// 0 when they follow something unrelated to the holdings (miner quality). It is 0 when
// either has no spread (fewer than two columns, or every column holds the same, as
// when all of a subnet's miner cohorts are paid into one account), since weights cannot
// then be seen to follow holdings. It panics if the lengths differ.
func HoldingsCorrelation(weights, holdings []float64) float64 {
	if len(weights) != len(holdings) {
		panic("agents: HoldingsCorrelation: weights and holdings differ in length")
	}
	n := float64(len(weights))
	if n < 2 {
		return 0
	}
	var mw, mh float64
	for j := range weights {
		mw += weights[j]
		mh += holdings[j]
	}
	mw, mh = mw/n, mh/n
	var sww, shh, swh float64
	for j := range weights {
		dw, dh := weights[j]-mw, holdings[j]-mh
		sww += dw * dw
		shh += dh * dh
		swh += dw * dh
	}
	// Spreads below 1e-12 of the mean are rounding, not information.
	if sww <= 1e-24*mw*mw || shh <= 1e-24*mh*mh {
		return 0
	}
	return swh / math.Sqrt(sww*shh)
}

// WeightsFollowHoldings reports whether a subnet's validators visibly score its miners
// by holdings under DetectWeights: the correlation of its consensus weights with its
// miners' alpha holdings (HoldingsCorrelation) is at least threshold.
func WeightsFollowHoldings(weights, holdings []float64, threshold float64) bool {
	return HoldingsCorrelation(weights, holdings) >= threshold
}
