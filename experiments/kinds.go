package experiments

import (
	"cmp"
	"math"
	"slices"

	"dtaosim/agents"
)

// This file is where the subnet kinds differ (docs/agents.md, "Subnet kinds"): which
// subnets have which kind, the meme takeover, how each kind's validators score its
// miners, and whose cohorts sell their emission. The revenue process of revenue subnets
// is in revenue.go.

// subnetKinds is what the scenario says about the subnets' kinds. The current kind of
// each subnet is world.Kinds.
type subnetKinds struct {
	memeAt    []bool      // per subnet: becomes a meme subnet at the takeover
	memes     []int       // the subnets i with memeAt[i], ascending (the observers' per-block loops)
	takeover  int64       // block of the takeover (observed also in a control arm)
	control   bool        // subnets.meme.takeover false: nothing happens at the takeover
	startRank []int       // per subnet: rank of its initial emission share (1 = largest)
	sell      UtilitySpec // shares of their emission that cohorts of utility and revenue subnets sell
}

// newKinds reads the kinds from the scenario and returns them with each subnet's kind at
// the start: revenue subnets are revenue subnets from the start; meme subnets are
// utility subnets until the takeover.
func newKinds(sc *Scenario) (subnetKinds, []agents.Kind) {
	n := sc.Subnets.Count
	k := subnetKinds{
		memeAt:   make([]bool, n),
		takeover: 1 + int64(math.Round(sc.Subnets.Meme.TakeoverDay*agents.BlocksPerDay)),
		control:  !sc.Subnets.Meme.Takeover,
		sell:     sc.Subnets.Utility,
	}
	kinds := make([]agents.Kind, n)
	for _, u := range sc.Subnets.Meme.Netuids {
		k.memeAt[u-1] = true
	}
	for i, meme := range k.memeAt {
		if meme {
			k.memes = append(k.memes, i)
		}
	}
	for _, u := range sc.Subnets.Revenue.Netuids {
		kinds[u-1] = agents.Revenue
	}
	return k, kinds
}

// clearMeme makes subnet i no meme subnet of the scenario's (a deregistration replaced it).
func (k *subnetKinds) clearMeme(i int) {
	k.memeAt[i] = false
	k.memes = slices.DeleteFunc(k.memes, func(j int) bool { return j == i })
}

// takeover makes the meme subnets meme subnets at the takeover block b: from their next
// epoch their validators score miners by alpha held, on a fresh Yuma state; root
// validators that detect by timer flag them at once. In a control arm
// (subnets.meme.takeover false) nothing happens; the observers still note the block.
func (s *Sim) takeover(b int64) error {
	if b != s.kinds.takeover || s.kinds.control {
		return nil
	}
	for i, meme := range s.kinds.memeAt {
		if !meme {
			continue
		}
		s.Kinds[i] = agents.Meme
		s.val.yumas[i].Reset()
		if err := s.obs.ev.emit(b, "takeover", i, s.C.Price(i), "validators score miners by alpha held"); err != nil {
			return err
		}
		s.root.flagTakeover(i, b)
	}
	return nil
}

// pickMiners chooses subnet i's miner columns for this epoch and returns how many there
// are. A meme subnet's miners are its holder_miners largest holders among the accounts
// subnets.meme.paid_holders admits (by default the agents'): this is where the meme
// subnet's holders are scored (the SN28 design: holding the token is the work). Utility
// and revenue subnets' miners are their cohorts of latent quality.
func (v *validation) pickMiners(w *world, i int) int {
	if w.Kinds[i] != agents.Meme {
		return len(v.quality[i])
	}
	v.ranked = topHolders(w, i, v.holderMiners, v.paidCohorts(w, i), v.ranked[:0])
	v.top, v.holdings = v.top[:0], v.holdings[:0]
	for _, h := range v.ranked {
		v.top = append(v.top, h.id)
		v.holdings = append(v.holdings, h.alpha)
	}
	return len(v.top)
}

// score writes one validator's weights on subnet i's miners, chosen by pickMiners: on a
// meme subnet, the alpha each holder holds (agents.HoldingWeights); otherwise each
// cohort's quality plus the validator's noise (agents.QualityWeights).
func (v *validation) score(w *world, i int, dst []float64) {
	if w.Kinds[i] == agents.Meme {
		agents.HoldingWeights(dst, v.holdings)
		return
	}
	agents.QualityWeights(dst, v.quality[i], v.noise, v.rng)
}

// holding is an account's alpha in one subnet.
type holding struct {
	alpha float64
	id    agents.AccountID
}

// paidCohorts appends to v.cohorts the cohort accounts of subnet i that its meme
// scoring admits beside the agents (subnets.meme.paid_holders): none by default; the
// miner cohort and the owner under "cohorts"; also the alpha validators under "all".
// The miner cohort is one account, so it takes one of the holder_miners columns
// however many miners it stands for; its pay is about what its miners would have been
// paid as separate columns (the columns it frees go to smaller holders, which lowers
// its share of the normalised weights slightly).
func (v *validation) paidCohorts(w *world, i int) []agents.AccountID {
	v.cohorts = v.cohorts[:0]
	switch v.paidHolders {
	case PaidAll:
		v.cohorts = append(v.cohorts, w.acct.validators[i]...)
		fallthrough
	case PaidCohorts:
		v.cohorts = append(v.cohorts, w.acct.miners[i], w.acct.owner[i])
	}
	return v.cohorts
}

// topHolders appends up to k accounts holding the most alpha of subnet i, with their
// alpha, to dst, most first (ties by account id): its agent holders and, of the accounts
// in extra, those holding any. Each holder's alpha is read once and sorted with it; the
// order is total (no alpha is NaN), so any sort gives this one.
func topHolders(w *world, i, k int, extra []agents.AccountID, dst []holding) []holding {
	for _, a := range w.hold.of[i] {
		dst = append(dst, holding{w.L.Alpha(a, i), a})
	}
	for _, a := range extra {
		if x := w.L.Alpha(a, i); x > 0 {
			dst = append(dst, holding{x, a})
		}
	}
	slices.SortFunc(dst, func(x, y holding) int {
		switch {
		case x.alpha > y.alpha:
			return -1
		case x.alpha < y.alpha:
			return 1
		}
		return cmp.Compare(x.id, y.id)
	})
	if len(dst) > k {
		dst = dst[:k]
	}
	return dst
}

// sellEmission lets the cohorts of a utility or revenue subnet (kind at its epoch) sell
// part of what the epoch paid them (docs/agents.md, emission sellers): the miners
// miner_sell of theirs, each validator validator_sell of the validators' gain, the
// owner owner_sell of the owner cut. Meme subnets have no sellers.
func (k *subnetKinds) sellEmission(w *world, i int, kind agents.Kind, p epochPay) {
	if kind == agents.Meme {
		return
	}
	u := k.sell
	vals := w.acct.validators[i]
	w.sellCohort(w.acct.miners[i], i, u.MinerSell*p.miners)
	for _, id := range vals {
		w.sellCohort(id, i, u.ValidatorSell*max(p.validators, 0)/float64(len(vals)))
	}
	w.sellCohort(w.acct.owner[i], i, u.OwnerSell*w.C.Last.DistOwner[i])
}
