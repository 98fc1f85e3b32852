package experiments

import (
	"math"
	"slices"
)

// classHoldings returns the alpha of subnet i held by speculators and by yield stakers,
// and how many yield stakers hold some (series columns speculator_alpha,
// yield_staker_alpha, yield_stakers; the speculators holding it the holder index
// counts already, hold.speculators).
func (w *world) classHoldings(i int) (spec, ys float64, stakers int32) {
	yid := slices.Index(w.acct.classes, "yield_staker") // −1 without yield stakers
	for _, a := range w.hold.of[i] {
		switch {
		case w.acct.speculator(a):
			spec += w.L.Alpha(a, i)
		case w.acct.classID[a] == yid:
			ys += w.L.Alpha(a, i)
			stakers++
		}
	}
	return spec, ys, stakers
}

// memeHolders averages, over the daily snapshots from the takeover on, what the
// speculators and the yield stakers hold of the meme subnets: the TAO value at spot
// price of their meme alpha and how many yield stakers hold some, added over the meme
// subnets (runs columns meme_tao_speculators, meme_tao_yield_stakers,
// meme_yield_stakers). It says where the classes' capital was while the meme rose or
// did not, which capture alone does not.
type memeHolders struct {
	days           int
	specTAO, ysTAO float64 // sums over the days
	ys             float64 // sum over the days of the yield stakers holding a meme
}

// observe adds one day's holdings of the meme subnets memes.
func (m *memeHolders) observe(w *world, memes []int) {
	for _, i := range memes {
		spec, ys, stakers := w.classHoldings(i)
		p := w.C.Price(i)
		m.specTAO += spec * p
		m.ysTAO += ys * p
		m.ys += float64(stakers)
	}
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
