package market

import "math"

// Swap kernels on one pool with TAO reserve t, alpha reserve a and TAO (quote) weight wT,
// written exactly as replay.md step 1 states them (spec §10.1, §10.4):
//
//	buy:  out = A·(1 − (T/(T+ΔT))^(wT/wA))
//	sell: out = T·(1 − (A/(A+ΔA))^(wA/wT))
//
// At wT = 0.5 the exponent is 1 and the pow is skipped. This is the form the reference
// outputs of the worked scenarios (replay/testdata/scenarios) were computed with; the
// algebraically equal A·ΔT/(T+ΔT) is more accurate for tiny trades but differs from them
// by up to 1e-8 relative, more than the 1e-9 the replay tolerance allows. The cancellation costs about eps·A in absolute
// terms (2e-10 alpha on a 1e6-alpha pool), far below any economic effect.

// buyOut returns the alpha received for net TAO put into the pool (fee already taken).
// The constant-product case is small enough to inline.
func buyOut(t, a, wT, net float64) float64 {
	if wT != 0.5 {
		return weightedOut(a, t/(t+net), wT/(1-wT))
	}
	return a * (1 - t/(t+net))
}

// sellOut returns the TAO received for net alpha put into the pool (fee already taken).
func sellOut(t, a, wT, net float64) float64 {
	if wT != 0.5 {
		return weightedOut(t, a/(a+net), (1-wT)/wT)
	}
	return t * (1 - a/(a+net))
}

// weightedOut returns x·(1 − q^r), out of line so that the swap kernels inline.
//
//go:noinline
func weightedOut(x, q, r float64) float64 { return x * (1 - math.Pow(q, r)) }

// spotPrice returns the pool price in TAO per alpha: (wA/wT)·(T/A) (spec §10.4); 0 for
// an empty alpha reserve.
func spotPrice(t, a, wT float64) float64 {
	if a <= 0 {
		return 0
	}
	if wT == 0.5 {
		return t / a
	}
	return (1 - wT) / wT * t / a
}

// Balancer weight bounds (spec §10.4).
const (
	minQuoteWeight = 0.01
	maxQuoteWeight = 0.99
)

// injectWeight returns the TAO weight that keeps the price unchanged when (dT, dA) is
// added to the reserves: w' = q2/(q1+q2), q1 = wA·T·(A+dA), q2 = wT·A·(T+dT)
// (spec §10.4), and whether w' lies within [0.01, 0.99].
func injectWeight(t, a, wT, dT, dA float64) (float64, bool) {
	q1 := (1 - wT) * t * (a + dA)
	q2 := wT * a * (t + dT)
	if q1+q2 <= 0 {
		return wT, false
	}
	w := q2 / (q1 + q2)
	return w, w >= minQuoteWeight && w <= maxQuoteWeight
}
