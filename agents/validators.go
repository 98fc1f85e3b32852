package agents

import "math/rand/v2"

// QualityWeights writes an honest validator's weights on miners of latent quality q_j
// (utility and revenue subnets, DESIGN.md §4): w_j = max(q_j·(1 + noise·ε_j), 0) with
// ε_j standard normal, so validators agree on the ranking up to noise. dst and quality
// have the same length.
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

// RootPolicy is what a root validator does with its weights (DESIGN.md §5).
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
	// DetectHoldings flags a subnet whose validators score miners by holdings, from the
	// block its takeover happens (the scoring code is public on chain).
	DetectHoldings DetectRule = iota
	// DetectPump flags a subnet without revenue whose price rose by PumpFactor or more
	// over PumpDays.
	DetectPump
)

// PumpDetected reports whether a price path is a pump under DetectPump: a non-revenue
// subnet whose price now is at least factor times its price `days` ago.
func PumpDetected(kind Kind, priceNow, priceThen, factor float64) bool {
	return kind != Revenue && priceThen > 0 && priceNow >= factor*priceThen
}
