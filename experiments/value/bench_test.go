package value

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkMisallocation: one block's misallocation over 64 subnets whose emission
// changes every block and values do not, by Misallocation and by a Misallocator.
func BenchmarkMisallocation(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	e, v := make([]float64, 64), make([]float64, 64)
	for i := range e {
		e[i], v[i] = r.Float64(), r.Float64()
	}
	var s float64
	b.Run("impl=func", func(b *testing.B) {
		for b.Loop() {
			e[3] += 1e-9
			s += Misallocation(e, v)
		}
	})
	b.Run("impl=misallocator", func(b *testing.B) {
		var m Misallocator
		for b.Loop() {
			e[3] += 1e-9
			s += m.Misallocation(e, v)
		}
	})
	_ = s
}
