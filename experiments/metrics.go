package experiments

import (
	"math"

	"dtaosim/agents"
	"dtaosim/experiments/value"
	"dtaosim/market"
)

// emission follows the distribution of the block emission over the run (docs/schema.md):
// the meme subnets' combined share, the TAO they received, and the concentration of
// the shares (HHI). The meme subnets are those the scenario names (subnets.meme.netuids),
// before and after the takeover and in a control arm without one, so that the share can
// be compared across arms and with its value at the takeover.
type emission struct {
	blocks          int64
	shareSum, peak  float64 // Σ and max over blocks of the meme share
	last            float64 // meme share at the last block
	cumMeme, cumTAO float64 // TAO emitted to meme subnets, and to all
	hhiSum, lastHHI float64
}

// observe takes the block's emission shares and the meme subnets (ascending) and returns
// their combined share.
func (e *emission) observe(c *market.Chain, memes []int) float64 {
	share, hhi := 0.0, 0.0
	for _, si := range c.Last.Share {
		hhi += si * si
	}
	for _, i := range memes {
		share += c.Last.Share[i]
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

// interventionOutcome follows the first intervention on a meme subnet (docs/schema.md):
// the state at its start, whether it clipped the holders' incentive, the price drawdown
// 24 h later, and, if the meme share was at or above θ at its start, whether the share
// then stayed below θ for the whole success window.
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
	// success is 1 while the share has stayed below θ in the window, 0 once it was not;
	// NaN if the share was below θ at the start (nothing to stop).
	success float64
}

func newInterventionOutcome(m MetricsSpec, n int) interventionOutcome {
	return interventionOutcome{
		theta: m.Theta, window: int64(math.Round(m.SuccessWindowDays * agents.BlocksPerDay)),
		block: -1, root: math.NaN(), share: math.NaN(), drawdown: math.NaN(), success: math.NaN(),
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
	if memeShare >= o.theta {
		o.success = 1
	}
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
	if o.success == 1 && b > o.block && b <= o.block+o.window && share >= o.theta {
		o.success = 0
		return ev.emit(b, "intervention_failed", -1, share, "meme share at or above theta within the success window")
	}
	return nil
}

// successAt is the run's InterventionSuccess at its last block: NaN if the share was
// below θ at the start, or if the run ended before the window did and the share had
// stayed below θ until then.
func (o *interventionOutcome) successAt(last int64) float64 {
	if o.block >= 0 && o.success == 1 && o.block+o.window > last {
		return math.NaN()
	}
	return o.success
}

// holderIncentive is the run's HolderIncentive: the clip of the first intervention on
// a meme subnet, NaN if there was none or no epoch followed it.
func (o *interventionOutcome) holderIncentive() float64 {
	if o.block >= 0 && o.clipped[o.subnet] {
		return o.clip[o.subnet]
	}
	return math.NaN()
}

// decisionOutcome follows what happens after the root validators' first decision on a
// meme subnet, under either policy: the meme share over the success window after it,
// the subnet's price change over the 24 h after it and the TAO emitted to meme subnets
// from it on. The decision comes at the same block in the intervene and passive arms of
// a replicate, so these outcomes pair the arms: their difference is the intervention's
// effect.
type decisionOutcome struct {
	window      int64   // blocks
	block       int64   // the decision, −1 if none
	subnet      int     // the subnet decided on
	share       float64 // combined meme share at the decision
	price       float64 // the subnet's price at the decision
	afterSum    float64 // Σ meme share over the window after the decision
	afterBlocks int64
	change      float64 // price 24 h after / at the decision − 1; NaN until then
	memeTAO     float64 // TAO emitted to meme subnets after the decision
}

func newDecisionOutcome(m MetricsSpec) decisionOutcome {
	return decisionOutcome{window: int64(math.Round(m.SuccessWindowDays * agents.BlocksPerDay)),
		block: -1, share: math.NaN(), change: math.NaN()}
}

// decide records a decision on subnet i at block b, if it is the first on a meme subnet.
func (d *decisionOutcome) decide(b int64, i int, meme bool, price, memeShare float64) {
	if d.block >= 0 || !meme {
		return
	}
	d.block, d.subnet, d.price, d.share = b, i, price, memeShare
}

// observe takes block b's combined meme share.
func (d *decisionOutcome) observe(b int64, share float64, c *market.Chain) {
	if d.block < 0 || b <= d.block {
		return
	}
	if b <= d.block+d.window {
		d.afterSum += share
		d.afterBlocks++
	}
	if b == d.block+agents.BlocksPerDay && d.price > 0 {
		d.change = c.Price(d.subnet)/d.price - 1
	}
	d.memeTAO += share * c.E
}

// shareAfter is the mean meme share over the window after the decision (to the end if
// the run ended first); NaN without a decision.
func (d *decisionOutcome) shareAfter() float64 {
	if d.afterBlocks == 0 {
		return math.NaN()
	}
	return d.afterSum / float64(d.afterBlocks)
}

// takeoverState is the meme subnet's position at the takeover block (observed in a
// control arm too) and its price from then on.
type takeoverState struct {
	block     int64   // the takeover block
	seen      bool    // observed
	meme      int     // the first meme subnet, −1 if none
	share     float64 // combined meme share at the takeover; NaN until seen
	price     float64 // the first meme subnet's price at the takeover; NaN until seen
	peakPrice float64 // its highest price from the takeover on; NaN until seen
}

func newTakeoverState(sc *Scenario, block int64) takeoverState {
	t := takeoverState{block: block, meme: -1, share: math.NaN(), price: math.NaN(), peakPrice: math.NaN()}
	if u := sc.Subnets.Meme.Netuids; len(u) > 0 {
		t.meme = u[0] - 1
	}
	return t
}

// observe takes block b's combined meme share; it reports whether b is at or after the
// takeover (so capture is decided from then on).
func (t *takeoverState) observe(b int64, share float64, c *market.Chain) bool {
	if t.meme < 0 || b < t.block {
		return false
	}
	p := c.Price(t.meme)
	if !t.seen {
		t.seen, t.share, t.price = true, share, p
	}
	if !(p <= t.peakPrice) {
		t.peakPrice = p
	}
	return true
}

// allocation follows where the block emission goes against where value is
// (docs/schema.md, issue 12 items 6 and 7): the misallocation ½Σ|emission share − value
// share| at every block (value.Misallocation; the values are valuation.current's) and the
// revenue subnets' combined emission share.
type allocation struct {
	mis            value.Accumulator // weight 1 per block
	misallocator   value.Misallocator
	gen            uint64  // valuation.gen of the values the misallocator last saw (0: none)
	revenue        bool    // the run has revenue subnets
	revSum, revNow float64 // Σ over blocks, and the last block's, revenue subnets' share
	blocks         int64
}

// observe takes a block's emission shares, each subnet's value (gen: its valuation.gen,
// which changes whenever the values may have) and which subnets earn revenue.
func (a *allocation) observe(share, values []float64, gen uint64, earns []bool) {
	if gen != 0 && gen == a.gen {
		a.mis.Add(a.misallocator.Repeat(share), 1)
	} else {
		a.mis.Add(a.misallocator.Misallocation(share, values), 1)
		a.gen = gen
	}
	a.blocks++
	if !a.revenue {
		return
	}
	rs := 0.0
	for i, e := range earns {
		if e {
			rs += share[i]
		}
	}
	a.revSum += rs
	a.revNow = rs
}

// revenueShare returns the time-mean and final revenue subnets' combined emission share,
// NaN without revenue subnets.
func (a *allocation) revenueShare() (mean, final float64) {
	if !a.revenue || a.blocks == 0 {
		return math.NaN(), math.NaN()
	}
	return a.revSum / float64(a.blocks), a.revNow
}
