package sensitivity

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// The first ten points of the three-dimensional Sobol' sequence with the Joe–Kuo direction
// numbers, as printed by Joe & Kuo's generator and checked by Apache Commons Math
// (SobolSequenceGeneratorTest.referenceValues).
func TestSobolReferencePoints(t *testing.T) {
	t.Parallel()
	want := [][]float64{
		{0, 0, 0},
		{0.5, 0.5, 0.5},
		{0.75, 0.25, 0.25},
		{0.25, 0.75, 0.75},
		{0.375, 0.375, 0.625},
		{0.875, 0.875, 0.125},
		{0.625, 0.125, 0.875},
		{0.125, 0.625, 0.375},
		{0.1875, 0.3125, 0.9375},
		{0.6875, 0.8125, 0.4375},
	}
	got := sobolPoints(len(want), 3, nil)
	for i := range want {
		// Dyadic rationals with few digits: exact.
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("point %d = %v, want %v", i, got[i], want[i])
		}
	}
}

// polyOrder returns the multiplicative order of x modulo the GF(2) polynomial p of degree s
// (bit j of p is the coefficient of x^j), or 0 if x^j never returns to 1 within 2^s steps.
func polyOrder(p uint32, s int) int {
	x := uint32(1)
	for n := 1; n <= 1<<s; n++ {
		x <<= 1
		if x>>s&1 == 1 {
			x ^= p
		}
		if x == 1 {
			return n
		}
	}
	return 0
}

// The (s, a) columns of the embedded table are exactly the primitive polynomials of each
// degree in increasing order of a (the order of Joe & Kuo's file), and every m_k is odd and
// below 2^k. This checks the transcription of the table without a second copy of it.
func TestJoeKuoTable(t *testing.T) {
	t.Parallel()
	// primitive[s] lists the a of every primitive polynomial of degree s, increasing.
	primitive := map[int][]uint32{}
	for s := 1; s <= 11; s++ {
		for a := uint32(0); a < 1<<(s-1); a++ {
			p := uint32(1)<<s | a<<1 | 1
			if polyOrder(p, s) == 1<<s-1 {
				primitive[s] = append(primitive[s], a)
			}
		}
	}
	// Counts φ(2^s − 1)/s of primitive polynomials of degree s (OEIS A011260).
	for s, want := range map[int]int{1: 1, 2: 1, 3: 2, 4: 2, 5: 6, 6: 6, 7: 18, 8: 16, 9: 48, 10: 60, 11: 176} {
		if len(primitive[s]) != want {
			t.Fatalf("test helper: %d primitive polynomials of degree %d, want %d", len(primitive[s]), s, want)
		}
	}
	next := map[int]int{} // next expected position in primitive[s]
	prevS := uint32(1)
	for i, row := range joeKuo {
		d := i + 2
		s := int(row.s)
		if row.s < prevS {
			t.Fatalf("d=%d: degree %d after degree %d", d, row.s, prevS)
		}
		if row.s > prevS && next[int(prevS)] != len(primitive[int(prevS)]) {
			t.Fatalf("d=%d: degree %d ends after %d of %d primitive polynomials", d, prevS, next[int(prevS)], len(primitive[int(prevS)]))
		}
		prevS = row.s
		if want := primitive[s][next[s]]; row.a != want {
			t.Fatalf("d=%d: a = %d, want the next primitive polynomial of degree %d, a = %d", d, row.a, s, want)
		}
		next[s]++
		if len(row.m) != s {
			t.Fatalf("d=%d: %d initial direction numbers, want s = %d", d, len(row.m), s)
		}
		for k, m := range row.m {
			if m%2 == 0 || m >= 1<<(k+1) {
				t.Fatalf("d=%d: m_%d = %d, want odd and < 2^%d", d, k+1, m, k+1)
			}
		}
	}
	// Spot checks against rows of the published file.
	for d, want := range map[int][]uint32{
		20:  {1, 3, 7, 11, 23, 15, 103},
		101: {1, 3, 3, 7, 29, 37, 33, 123, 147},
		256: {1, 1, 1, 5, 19, 3, 53, 133, 97, 863, 983},
	} {
		if !slices.Equal(joeKuo[d-2].m, want) {
			t.Errorf("d=%d: m = %v, want %v", d, joeKuo[d-2].m, want)
		}
	}
}

// The direction numbers follow the recurrence in its integer form (Bratley & Fox 1988,
// eq. 2): m_k = 2a₁m_(k−1) ⊕ 2²a₂m_(k−2) ⊕ … ⊕ 2^(s−1)a_(s−1)m_(k−s+1) ⊕ 2^s m_(k−s) ⊕
// m_(k−s), written independently of the shifted form used by directions.
func TestDirectionRecurrence(t *testing.T) {
	t.Parallel()
	for d := 2; d <= maxSobolDim; d++ {
		row := joeKuo[d-2]
		s := int(row.s)
		m := make([]uint64, sobolBits+1) // 1-based
		for k := 1; k <= s; k++ {
			m[k] = uint64(row.m[k-1])
		}
		for k := s + 1; k <= sobolBits; k++ {
			m[k] = m[k-s] ^ m[k-s]<<s
			for l := 1; l < s; l++ {
				if row.a>>(s-1-l)&1 == 1 {
					m[k] ^= m[k-l] << l
				}
			}
		}
		v := directions(d)
		for k := 1; k <= sobolBits; k++ {
			if got := uint64(v[k-1]) >> (sobolBits - k); got != m[k] {
				t.Fatalf("d=%d: m_%d = %d from directions, %d from the integer recurrence", d, k, got, m[k])
			}
		}
	}
}

// stratified reports whether the points' coordinates c1 (and c2, if c2 ≥ 0) put exactly one
// point in each elementary box of side 2^−b1 × 2^−b2; with c2 < 0 the boxes are intervals.
func stratified(pts [][]float64, c1, b1, c2, b2 int) bool {
	seen := make(map[[2]int]bool)
	for _, p := range pts {
		key := [2]int{int(p[c1] * float64(int(1)<<b1)), 0}
		if c2 >= 0 {
			key[1] = int(p[c2] * float64(int(1)<<b2))
		}
		if seen[key] {
			return false
		}
		seen[key] = true
	}
	return true
}

// Net properties that any correct Sobol' generator has and that scrambling must keep: the
// first 2^m points of each coordinate are one per interval [j/2^m, (j+1)/2^m), and the first
// two coordinates form a (0, m, 2)-net (one point in every dyadic box of area 2^−m).
func TestSobolNets(t *testing.T) {
	t.Parallel()
	const m = 10
	for _, tc := range []struct {
		name string
		rng  *rand.Rand
	}{
		{"plain", nil},
		{"scrambled", rand.New(rand.NewPCG(1, 1))},
	} {
		pts := sobolPoints(1<<m, maxSobolDim, tc.rng)
		for d := range maxSobolDim {
			for b := 0; b <= m; b++ {
				if !stratified(pts[:1<<b], d, b, -1, 0) {
					t.Fatalf("%s: coordinate %d: first 2^%d points not one per interval", tc.name, d+1, b)
				}
			}
		}
		for b1 := 0; b1 <= m; b1++ {
			if !stratified(pts, 0, b1, 1, m-b1) {
				t.Fatalf("%s: coordinates 1–2: not a (0, %d, 2)-net (boxes 2^-%d × 2^-%d)", tc.name, m, b1, m-b1)
			}
		}
		for _, p := range pts {
			for _, x := range p {
				if !(x >= 0 && x < 1) {
					t.Fatalf("%s: coordinate %g outside [0, 1)", tc.name, x)
				}
			}
		}
	}
}

// Scrambling is a function of the rng: the same seed gives the same points, another seed
// other points, and over many seeds the first point (the origin before scrambling) is
// uniform: its mean is 1/2 and its variance 1/12 in every coordinate.
func TestSobolScrambling(t *testing.T) {
	t.Parallel()
	a := sobolPoints(64, 8, rand.New(rand.NewPCG(7, 7)))
	b := sobolPoints(64, 8, rand.New(rand.NewPCG(7, 7)))
	c := sobolPoints(64, 8, rand.New(rand.NewPCG(7, 8)))
	for i := range a {
		if !slices.Equal(a[i], b[i]) {
			t.Fatalf("same seed, point %d differs: %v vs %v", i, a[i], b[i])
		}
	}
	if slices.Equal(a[1], c[1]) {
		t.Fatalf("different seeds gave the same point %v", a[1])
	}
	const reps = 4000
	rng := rand.New(rand.NewPCG(3, 4))
	var sum, sum2 [4]float64
	for range reps {
		p := sobolPoints(1, 4, rng)[0]
		for d, x := range p {
			sum[d] += x
			sum2[d] += x * x
		}
	}
	for d := range sum {
		mean := sum[d] / reps
		vr := sum2[d]/reps - mean*mean
		// Standard errors: sqrt(1/12/4000) ≈ 0.0046 for the mean, sqrt(1/180/4000) ≈ 0.0012
		// for the variance; 4 of them keep the test from flaking.
		if math.Abs(mean-0.5) > 0.019 {
			t.Errorf("coordinate %d: mean of scrambled first point %.4f, want 0.5", d+1, mean)
		}
		if math.Abs(vr-1.0/12) > 0.005 {
			t.Errorf("coordinate %d: variance of scrambled first point %.4f, want 1/12", d+1, vr)
		}
	}
}
