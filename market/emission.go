package market

import "math"

// BlockEmission returns the emission per block, in tokens, for a supply that has issued
// `issued` tokens: 2^(−k) with k = ⌊log2(1/(1 − issued/21e6))⌋, and 0 once issued ≥ 21e6
// (spec §6). The same function gives a subnet's alpha emission from its alpha issuance
// (spec §7.1). Below the first halving (10.5e6) it is exactly 1.
//
// k is read off the binary exponent of 1/(1 − issued/21e6) (math.Frexp), which equals
// ⌊log2(·)⌋ exactly and costs no logarithm.
func BlockEmission(issued float64) float64 {
	if issued < 10.4e6 { // well below the first step: skip the division (inlined fast path)
		return 1
	}
	return halvedEmission(issued)
}

func halvedEmission(issued float64) float64 {
	if issued >= TotalSupply {
		return 0
	}
	_, exp := math.Frexp(1 / (1 - issued/TotalSupply))
	// 1/x = frac·2^exp with frac in [0.5, 1), so ⌊log2(1/x)⌋ = exp − 1.
	return math.Ldexp(1, -(exp - 1))
}
