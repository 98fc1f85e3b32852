package experiments

import (
	"dtaosim/agents"
	"dtaosim/market"
)

// Validator take on dividends, 11796/65535 (spec §8.2, §13).
const validatorTake = 11796.0 / 65535

// epochPay is what one epoch paid (alpha).
type epochPay struct {
	miners     float64 // to the miner cohort (utility and revenue subnets)
	validators float64 // the alpha validators' net gain
	holders    float64 // to agent holders, as miners (meme) and as stakers
	cohorts    float64 // to the subnet's cohorts as a meme's miners (subnets.meme.paid_holders)
	minerCols  int     // miner columns in the epoch
	incentive  float64 // Σ Yuma incentive over all uids
}

// pay distributes subnet i's pending alpha and root dividends after its Yuma epoch
// (spec §8.2, simplified as §14 allows: no child keys, one take). Incentive decides the
// miner bucket; with no incentive at all, validators get it too. Validators are paid
// first, on the stakes the epoch was run with.
func (v *validation) pay(w *world, i, nm int, alphaStake, rootStake float64) epochPay {
	c := w.C
	p := epochPay{minerCols: nm}
	distMiner, distVal := c.Last.DistMiner[i], c.Last.DistValidator[i]
	for _, x := range v.res.Incentive {
		p.incentive += x
	}
	if p.incentive == 0 {
		distVal += distMiner
	}
	before := 0.0
	for _, id := range w.acct.validators[i] {
		before += w.L.Alpha(id, i)
	}
	v.payValidators(w, i, distVal, alphaStake, &p)
	v.payMiners(w, i, distMiner, &p)
	p.validators = -before
	for _, id := range w.acct.validators[i] {
		p.validators += w.L.Alpha(id, i)
	}
	w.L.addAlpha(w.acct.owner[i], i, c.Last.DistOwner[i])
	v.payRoot(w, i, rootStake)
	return p
}

// payValidators shares the validator bucket dist among subnet i's alpha validators by
// dividends; each keeps its take and pays the rest to its stakers pro rata, agents
// included. If none has dividends, it pays dist to no one (burned), as the chain does, or
// under mechanism.dividend_fallback "stake" (the model's rule to hash scheme 3) shares it
// by stake.
func (v *validation) payValidators(w *world, i int, dist, alphaStake float64, p *epochPay) {
	r, stake, V := &v.res, v.stake, v.V
	dsum := v.alphaDividends()
	if !(dsum > 0) && v.unpaid {
		w.burned[i] += dist
		return
	}
	grouped, start := w.hold.byValidator(i, V)
	for k, id := range w.acct.validators[i] {
		var x float64
		switch {
		case dsum > 0:
			x = dist * r.Dividends[1+k] / dsum
		case alphaStake > 0:
			x = dist * stake[1+k] / alphaStake
		default:
			x = dist / float64(V)
		}
		take := validatorTake * x
		rest := x - take
		own := w.L.Alpha(id, i)
		st := stake[1+k]
		w.L.addAlpha(id, i, take)
		if st <= 0 {
			w.L.addAlpha(id, i, rest)
			continue
		}
		w.L.addAlpha(id, i, rest*own/st)
		if v.deleg[k] > 0 {
			for _, a := range grouped[start[k]:start[k+1]] {
				pay := rest * w.L.Alpha(a, i) / st
				w.L.addAlpha(a, i, pay)
				p.holders += pay
			}
		}
	}
}

// alphaDividends is the sum of the alpha validators' Yuma dividends at the epoch just
// run (uids 1..V; root validators' are not among them).
func (v *validation) alphaDividends() float64 {
	dsum := 0.0
	for k := range v.V {
		dsum += v.res.Dividends[1+k]
	}
	return dsum
}

// payMiners shares the miner bucket dist by incentive: the burn uid's share is burned;
// a meme subnet's miners are its largest holders (agents, and cohorts if
// subnets.meme.paid_holders admits them), the others' the miner cohort.
func (v *validation) payMiners(w *world, i int, dist float64, p *epochPay) {
	if !(p.incentive > 0) {
		return
	}
	r := &v.res
	w.burned[i] += dist * r.Incentive[0] / p.incentive
	first := 1 + v.V + v.R
	for k := range p.minerCols {
		x := dist * r.Incentive[first+k] / p.incentive
		if x == 0 {
			continue
		}
		if w.Kinds[i] == agents.Meme {
			a := v.top[k]
			w.L.addAlpha(a, i, x)
			if int(a) < w.acct.agents {
				p.holders += x
			} else {
				p.cohorts += x
			}
		} else {
			w.L.addAlpha(w.acct.miners[i], i, x)
			p.miners += x
		}
	}
}

// payRoot shares subnet i's root dividends among the root validators by dividends (by
// root stake if none has dividends): TAO (sell modes; as root stake when the chain
// compounds), or alpha (claim_keep, refused sells) unless the chain sold it at the epoch.
func (v *validation) payRoot(w *world, i int, rootStake float64) {
	c, r, V, R := w.C, &v.res, v.V, v.R
	rsum := 0.0
	for k := range R {
		rsum += r.Dividends[1+V+k]
	}
	for k, id := range w.acct.root {
		var share float64
		switch {
		case rsum > 0:
			share = r.Dividends[1+V+k] / rsum
		case rootStake > 0:
			share = v.stake[1+V+k] / rootStake
		default:
			share = 1 / float64(R)
		}
		if paid := c.Last.RootTAOPaid[i] * share; paid > 0 {
			if c.P.RootCompound {
				w.L.Root[id] += paid
			} else {
				w.L.TAO[id] += paid
			}
		}
		if ra := c.Last.DistRootAlpha[i] * share; ra > 0 && c.P.RootMode != market.RootClaimSellAtEpoch {
			w.L.addAlpha(id, i, ra)
		}
	}
}
