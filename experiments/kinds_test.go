package experiments

import (
	"math/rand/v2"
	"slices"
	"testing"

	"dtaosim/agents"
)

// TestMemeHoldersScored: a meme subnet's miners are its holder_miners largest agent
// holders, most first and ties by account id, and a validator weights each by the alpha
// it holds; a utility subnet's miners are its quality cohorts.
func TestMemeHoldersScored(t *testing.T) {
	t.Parallel()
	const accounts, n = 6, 2
	w := &world{n: n, Kinds: []agents.Kind{agents.Utility, agents.Meme}, L: newLedger(accounts, n), hold: newHolderIndex(accounts, n)}
	for a, x := range []float64{3, 0, 5, 3, 1, 2} { // alpha of subnet 1 held by accounts 0..5
		if x > 0 {
			w.L.addAlpha(agents.AccountID(a), 1, x)
			w.hold.add(agents.AccountID(a), 1)
		}
	}
	v := validation{holderMiners: 3, quality: [][]float64{{1, 2}, {1, 2}}, rng: rand.New(rand.NewPCG(1, 1))}

	nm := v.pickMiners(w, 1)
	if want := []agents.AccountID{2, 0, 3}; nm != 3 || !slices.Equal(v.top, want) {
		t.Fatalf("meme miners %v (%d), want %v", v.top, nm, want)
	}
	dst := make([]float64, nm)
	v.score(w, 1, dst)
	if want := []float64{5, 3, 3}; !slices.Equal(dst, want) {
		t.Errorf("meme weights %v, want the alpha held %v", dst, want)
	}

	if nm := v.pickMiners(w, 0); nm != 2 {
		t.Fatalf("utility subnet: %d miner columns, want its 2 cohorts", nm)
	}
	dst = make([]float64, 2)
	v.score(w, 0, dst) // score noise 0: the weights are the qualities
	if want := []float64{1, 2}; !slices.Equal(dst, want) {
		t.Errorf("utility weights %v, want the qualities %v", dst, want)
	}
}
