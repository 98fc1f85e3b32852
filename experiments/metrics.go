package experiments

import (
	"math"

	"dtaosim/agents"
	"dtaosim/market"
)

// emission follows the distribution of the block emission over the run (DESIGN.md §6):
// the meme subnets' combined share, the TAO they received, and the concentration of
// the shares (HHI).
type emission struct {
	blocks          int64
	shareSum, peak  float64 // Σ and max over blocks of the meme share
	last            float64 // meme share at the last block
	cumMeme, cumTAO float64 // TAO emitted to meme subnets, and to all
	hhiSum, lastHHI float64
}

// observe takes the block's emission shares and returns the meme subnets' combined share.
func (e *emission) observe(c *market.Chain, kinds []agents.Kind) float64 {
	share, hhi := 0.0, 0.0
	for i, si := range c.Last.Share {
		hhi += si * si
		if kinds[i] == agents.Meme {
			share += si
		}
	}
	e.hhiSum += hhi
	e.lastHHI = hhi
	e.blocks++
	e.shareSum += share
	e.last = share
	e.peak = max(e.peak, share)
	e.cumMeme += share * c.E
	e.cumTAO += c.E
	return share
}

// interventionOutcome follows the first intervention on a meme subnet (DESIGN.md §6):
// the state at its start, whether it clipped the holders' incentive, the price drawdown
// 24 h later, and whether the meme share fell below θ within the success window.
type interventionOutcome struct {
	theta  float64
	window int64 // success window, blocks

	block  int64 // first intervention on a meme subnet, −1 if none
	subnet int
	price  float64 // the subnet's price at the start
	root   float64 // root validators' Yuma stake share in the subnet at the start; NaN if none
	share  float64 // combined meme share at the start (the last block's); NaN if none

	clip    []float64 // per subnet: holders' share of the miner incentive at the first epoch after its intervention
	clipped []bool    // per subnet: clip is set

	drawdown     float64 // 1 − price 24 h after the start / price at it; NaN until then
	drawdownDone bool
	success      bool // meme share below θ within the window
	successDone  bool
}

func newInterventionOutcome(m MetricsSpec, n int) interventionOutcome {
	return interventionOutcome{
		theta: m.Theta, window: int64(math.Round(m.SuccessWindowDays * agents.BlocksPerDay)),
		block: -1, root: math.NaN(), share: math.NaN(), drawdown: math.NaN(),
		clip: make([]float64, n), clipped: make([]bool, n),
	}
}

// start records an intervention on subnet i at block b, with the subnet's price and
// root stake share and the meme share of the last block, if it is the first on a meme
// subnet (meme: the scenario makes subnet i a meme subnet).
func (o *interventionOutcome) start(b int64, i int, meme bool, price, rootShare, memeShare float64) {
	if o.block >= 0 || !meme {
		return
	}
	o.block, o.subnet = b, i
	o.price, o.root, o.share = price, rootShare, memeShare
}

// epoch takes the holders' share of subnet i's miner incentive at an epoch at block b
// after the subnet's intervention started, and keeps the first (0: the incentive was
// clipped).
func (o *interventionOutcome) epoch(b int64, i int, holderShare float64, ev *eventLog) error {
	if o.clipped[i] {
		return nil
	}
	o.clipped[i] = true
	o.clip[i] = holderShare
	return ev.emit(b, "intervention_clip", i, holderShare, "holders' share of miner incentive at the first epoch after the intervention")
}

// observe takes block b's combined meme share: the drawdown a day after the start, and
// success within the window.
func (o *interventionOutcome) observe(b int64, share float64, c *market.Chain, ev *eventLog) error {
	if o.block < 0 {
		return nil
	}
	if !o.drawdownDone && b >= o.block+agents.BlocksPerDay {
		o.drawdownDone = true
		if o.price > 0 {
			o.drawdown = 1 - c.Price(o.subnet)/o.price
		}
		if err := ev.emit(b, "intervention_24h", o.subnet, o.drawdown, "price drawdown 24 h after the intervention"); err != nil {
			return err
		}
	}
	if !o.successDone && b <= o.block+o.window && share < o.theta {
		o.successDone, o.success = true, true
		return ev.emit(b, "intervention_success", -1, share, "meme share below theta within the success window")
	}
	return nil
}

// holderIncentive is the run's HolderIncentive: the clip of the first intervention on
// a meme subnet, NaN if there was none or no epoch followed it.
func (o *interventionOutcome) holderIncentive() float64 {
	if o.block >= 0 && o.clipped[o.subnet] {
		return o.clip[o.subnet]
	}
	return math.NaN()
}
