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

// halvedEmission is BlockEmission above 10.4e6, free of calls so that it inlines into
// the per-subnet loops: a call there makes the compiler spill the loop's registers.
// It is math.Frexp and math.Ldexp written out on the bits of x = 1/(1 − issued/21e6).
// x ≥ 1 is normal, or +Inf when issued/21e6 rounds to 1, or NaN when issued is: with
// biased exponent k, x = 0.1m·2^(k−1022), so Frexp's exponent is k − 1022 and the
// emission 2^(−(k−1022−1)) = 2^(1023−k), whose biased exponent is 2046 − k. Frexp
// returns exponent 0 for ±Inf, NaN and 0 (x = 0 only for issued = −Inf, which
// BlockEmission does not pass), which makes the emission 2.
func halvedEmission(issued float64) float64 {
	if issued >= TotalSupply {
		return 0
	}
	k := math.Float64bits(1/(1-issued/TotalSupply)) >> 52 & 0x7ff
	if k == 0x7ff || k == 0 {
		return 2
	}
	return math.Float64frombits((2046 - k) << 52)
}
