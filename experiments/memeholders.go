package experiments

import (
	"math"
	"slices"
)

// classHoldings returns the alpha of subnet i held by speculators ([0]) and by yield
// stakers ([1]), and how many of each hold any (series columns speculator_alpha,
// yield_staker_alpha, speculators, yield_stakers).
func (w *world) classHoldings(i int) (alpha [2]float64, holders [2]int32) {
	spec, ys := slices.Index(w.acct.classes, "speculator"), slices.Index(w.acct.classes, "yield_staker")
	for _, a := range w.hold.of[i] {
		k := -1
		switch w.acct.classID[a] {
		case spec:
			k = 0
		case ys:
			k = 1
		}
		if x := w.L.Alpha(a, i); k >= 0 && x > 0 {
			alpha[k] += x
			holders[k]++
		}
	}
	return alpha, holders
}

// memeHolders averages, over the daily snapshots from the takeover on, what the
// speculators and the yield stakers hold of the meme subnets: the TAO value at spot
// price of their meme alpha and how many yield stakers hold some, added over the meme
// subnets (runs columns
// meme_tao_speculators, meme_tao_yield_stakers, meme_yield_stakers). It says where the
// classes' capital was while the meme rose or did not, which capture alone does not.
type memeHolders struct {
	days           int
	specTAO, ysTAO float64 // sums over the days
	ys             float64 // sum over the days of the yield stakers holding a meme
}

// observe adds one day's holdings of the meme subnets memes.
func (m *memeHolders) observe(w *world, memes []int) {
	var holders float64
	for _, i := range memes {
		alpha, n := w.classHoldings(i)
		p := w.C.Price(i)
		m.specTAO += alpha[0] * p
		m.ysTAO += alpha[1] * p
		holders += float64(n[1])
	}
	m.ys += holders
	m.days++
}

// means returns the daily means; NaN before the first day observed.
func (m *memeHolders) means() (specTAO, ysTAO, ys float64) {
	if m.days == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	d := float64(m.days)
	return m.specTAO / d, m.ysTAO / d, m.ys / d
}
