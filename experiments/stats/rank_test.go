package stats

import "testing"

func TestRank(t *testing.T) {
	t.Parallel()
	x := []float64{3, 5, 3, 1, 5}
	for i, want := range []int{3, 1, 3, 5, 1} { // ties share the better rank
		if got := Rank(x, i); got != want {
			t.Errorf("Rank(%v, %d) = %d, want %d", x, i, got, want)
		}
	}
}
