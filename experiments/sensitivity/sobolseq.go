package sensitivity

import (
	"math/bits"
	"math/rand/v2"
)

// sobolBits is the number of binary digits of each coordinate (Joe & Kuo's generator uses
// 32 as well); it bounds the number of points at 2^32.
const sobolBits = 32

// maxSobolDim is the number of dimensions the embedded direction numbers cover.
const maxSobolDim = len(joeKuo) + 1

// directions returns the direction numbers v_1 … v_32 of dimension d (1-based) of the
// Sobol' sequence, v_k = m_k·2^(32−k) as unsigned 32-bit fractions. Dimension 1 has
// m_k = 1. For d ≥ 2, m_1 … m_s come from the Joe–Kuo table and later ones follow the
// recurrence of the primitive polynomial x^s + a₁x^(s−1) + … + a_(s−1)x + 1 (Bratley & Fox
// 1988, ACM TOMS 14:88, eq. 2; Joe & Kuo 2003, ACM TOMS 29:49):
//
//	v_k = v_(k−s) ⊕ (v_(k−s) >> s) ⊕ a₁v_(k−1) ⊕ a₂v_(k−2) ⊕ … ⊕ a_(s−1)v_(k−s+1).
//
// It panics if d is outside [1, maxSobolDim].
func directions(d int) [sobolBits]uint32 {
	if d < 1 || d > maxSobolDim {
		panic("sensitivity: Sobol' dimension outside the embedded table")
	}
	var v [sobolBits]uint32
	if d == 1 {
		for k := range v {
			v[k] = 1 << (sobolBits - 1 - k)
		}
		return v
	}
	row := joeKuo[d-2]
	s := int(row.s)
	for k := 0; k < sobolBits && k < s; k++ {
		v[k] = row.m[k] << (sobolBits - 1 - k)
	}
	for k := s; k < sobolBits; k++ {
		v[k] = v[k-s] ^ (v[k-s] >> s)
		for l := 1; l < s; l++ {
			if row.a>>(s-1-l)&1 == 1 {
				v[k] ^= v[k-l]
			}
		}
	}
	return v
}

// sobolPoints returns the first n points of the dim-dimensional Sobol' sequence in the
// Gray-code order of Antonov & Saleev (1979), the order of Joe & Kuo's generator: point 0
// is the origin and point i is point i−1 with the direction number of the lowest zero bit
// of i−1 XOR-ed in.
//
// With a non-nil rng the sequence is randomised by Matoušek's (1998, J. Complexity 14:527)
// random linear scrambling plus a random digital shift, independently per dimension: every
// direction number v becomes L·v over GF(2), with L a random lower-triangular binary
// matrix with unit diagonal (each digit of a coordinate is XOR-ed with a random subset of
// the more significant digits), and every point is XOR-ed with a random shift e. The map
// x ↦ Lx ⊕ e is a bijection on each set of points sharing leading digits, so the
// (t, m, s)-net structure of the first 2^m points is kept, while each point becomes
// uniformly distributed on the 2^−32 grid of [0, 1)^dim; hence estimates from one randomised sequence are
// unbiased and independent randomisations give honest error bars (Owen 2003, "Variance
// with alternative scramblings of digital nets", ACM TOMACS 13:363).
//
// It panics if n is outside [0, 2^32] or dim outside [1, maxSobolDim].
func sobolPoints(n, dim int, rng *rand.Rand) [][]float64 {
	if n < 0 || uint64(n) > 1<<sobolBits {
		panic("sensitivity: Sobol' point count outside [0, 2^32]")
	}
	v := make([][sobolBits]uint32, dim)
	x := make([]uint32, dim)
	for d := range v {
		v[d] = directions(d + 1)
		if rng != nil {
			v[d] = scramble(v[d], rng)
			x[d] = rng.Uint32()
		}
	}
	flat := make([]float64, n*dim)
	out := make([][]float64, n)
	const scale = 1.0 / (1 << sobolBits)
	for i := range out {
		if i > 0 {
			c := bits.TrailingZeros64(^uint64(i - 1))
			for d := range x {
				x[d] ^= v[d][c]
			}
		}
		row := flat[i*dim : (i+1)*dim : (i+1)*dim]
		for d, xd := range x {
			row[d] = float64(xd) * scale
		}
		out[i] = row
	}
	return out
}

// scramble returns L·v for each direction number v, where L is a random lower-triangular
// binary matrix with unit diagonal acting on the digits of v (digit 0 is the most
// significant): digit r of L·v is the parity of (row r of L) AND v, and row r of L has its
// own digit set and random digits among 0 … r−1.
func scramble(v [sobolBits]uint32, rng *rand.Rand) [sobolBits]uint32 {
	var rows [sobolBits]uint32
	for r := range rows {
		own := uint32(1) << (sobolBits - 1 - r)
		above := ^uint32(0) << (sobolBits - r) // digits 0 … r−1; zero for r = 0
		rows[r] = own | rng.Uint32()&above
	}
	var out [sobolBits]uint32
	for k, vk := range v {
		var w uint32
		for r, row := range rows {
			w |= uint32(bits.OnesCount32(row&vk)&1) << (sobolBits - 1 - r)
		}
		out[k] = w
	}
	return out
}
