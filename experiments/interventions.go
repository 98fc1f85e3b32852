package experiments

import (
	"math"
	"math/rand/v2"
	"strconv"

	"gonum.org/v1/gonum/stat/distuv"

	"dtaosim/agents"
)

// interventions is the root validators' policy (docs/agents.md, root validators). Root
// validator 0 (the Foundation and those who follow it, holding intervene_share of the
// root stake under either policy) flags a subnet from what the chain shows it, and
// decides a detection delay later. Detect "weights" (the default) flags a subnet at the
// first epoch whose validators' weights visibly follow its miners' alpha holdings
// (agents.WeightsFollowHoldings, correlation at least holdings_correlation); "pump"
// flags, once a day, a subnet without revenue whose price rose pump_factor-fold over
// pump_days; both only once the subnet's emission share is at least materiality_share.
// "timer" flags a meme subnet at its takeover. Each flag's delay is drawn from
// detection_delay_dist with mean detection_delay_days on the subnet's own stream
// ("detection:<netuid>"), so it does not depend on what happened elsewhere or in which
// order. Under policy "intervene" the decision starts the intervention: validator 0 puts
// all its weight in that subnet on the burn uid. Under "passive" the same decision is
// recorded and nothing is done, so the two policy arms decide at the same block as long
// as they agree up to it, which the flag's dependence on the subnet's own weights,
// holdings and share alone keeps true until the first decision. Whether an intervention
// clips the holders' incentive is Yuma's to decide: it depends on root's share of the
// subnet's stake and on κ.
type interventions struct {
	on          bool      // policy "intervene"
	detect      string    // "weights", "pump" or "timer"
	delay       delayDist // days from flag to decision
	streams     Streams   // the run's streams: the delays come from "detection:<netuid>"
	netuids     []int     // per subnet: its netuid, which keys its delay stream
	corrMin     float64   // detect "weights": holdings_correlation
	material    float64   // detect "weights" and "pump": materiality_share
	pumpFactor  float64
	pumpDays    int
	intervening []bool  // per root validator: it intervenes
	flagged     []int64 // per subnet: block it was flagged, −1 if not
	dueAt       []int64 // per subnet: block its decision is due, once flagged
	decided     []int64 // per subnet: block the decision came, under either policy, −1 if not yet
	started     []int64 // per subnet: block its intervention started, −1 if none
	due         []int   // scratch
	// nextDue is the earliest block at which a flagged, undecided subnet's decision is
	// due (math.MaxInt64 if none): decideDue has nothing to do before it.
	nextDue int64
}

// newInterventions returns the root validators' policy for subnets of the given netuids,
// drawing delays from st.
func newInterventions(rv RootValidatorsSpec, netuids []int, st Streams) interventions {
	n := len(netuids)
	iv := interventions{
		on: rv.Policy == "intervene", detect: rv.Detect,
		delay:   delayDist{dist: rv.DetectionDelayDist, mean: rv.DetectionDelayDays, shape: rv.DetectionDelayShape},
		streams: st, netuids: netuids,
		corrMin: rv.HoldingsCorrelation, material: rv.MaterialityShare,
		pumpFactor: rv.PumpFactor, pumpDays: rv.PumpDays,
		intervening: make([]bool, rv.Count), flagged: make([]int64, n), dueAt: make([]int64, n), decided: make([]int64, n), started: make([]int64, n),
	}
	iv.intervening[0] = iv.on
	iv.nextDue = math.MaxInt64
	for i := range n {
		iv.flagged[i], iv.decided[i], iv.started[i] = -1, -1, -1
	}
	return iv
}

// rootStakeShare returns root validator k's share of the root stake: validator 0 holds
// intervene_share and the others share the rest equally, under either policy, so that
// the policy arms differ only in what validator 0 does once it decides. A single root
// validator holds it all.
func rootStakeShare(rv RootValidatorsSpec, k int) float64 {
	switch {
	case rv.Count == 1:
		return 1
	case k == 0:
		return rv.InterveneShare
	default:
		return (1 - rv.InterveneShare) / float64(rv.Count-1)
	}
}

// delayDist is the detection delay's distribution, in days: "fixed" (always mean),
// "exponential" (memoryless, the most dispersed) or "gamma" with the given shape
// (coefficient of variation 1/√shape). No public record says how long root validators
// take to act on a meme subnet; the SN28 case of February 2025 took days, not hours
// or weeks, which is all the mean of 3 days and the default shape encode.
type delayDist struct {
	dist        string
	mean, shape float64
}

// draw returns one delay in blocks from rng (no draw for "fixed").
func (d delayDist) draw(rng *rand.Rand) int64 {
	days := d.mean
	switch d.dist {
	case "exponential":
		days = d.mean * rng.ExpFloat64()
	case "gamma":
		days = distuv.Gamma{Alpha: d.shape, Beta: d.shape / d.mean, Src: rng}.Rand()
	}
	return int64(math.Round(days * agents.BlocksPerDay))
}

// delayStream returns the stream subnet i's detection delay is drawn from: its own,
// keyed by its netuid, so that the draw is the same whatever happened on other subnets.
func (iv *interventions) delayStream(i int) *rand.Rand {
	return iv.streams.Stream("detection:" + strconv.Itoa(iv.netuids[i]))
}

// flag flags subnet i at block b, once, and draws its detection delay.
func (iv *interventions) flag(i int, b int64) {
	if iv.flagged[i] >= 0 {
		return
	}
	iv.flagged[i] = b
	if iv.delay.mean > 0 {
		iv.dueAt[i] = b + iv.delay.draw(iv.delayStream(i))
	} else {
		iv.dueAt[i] = b
	}
	iv.nextDue = min(iv.nextDue, iv.dueAt[i])
}

// flagTakeover flags subnet i at its takeover (block b) under detect "timer".
func (iv *interventions) flagTakeover(i int, b int64) {
	if iv.detect == "timer" {
		iv.flag(i, b)
	}
}

// watching reports whether subnet i's epochs are observed under detect "weights": it
// is not flagged yet.
func (iv *interventions) watching(i int) bool {
	return iv.detect == "weights" && iv.flagged[i] < 0
}

// observeWeights flags subnet i at its epoch at block b, under detect "weights", if the
// correlation of its validators' weights with its miners' holdings (corr) is at least
// holdings_correlation and its emission share is at least materiality_share; it runs
// under either policy.
func (iv *interventions) observeWeights(b int64, i int, corr, share float64, ev *eventLog) error {
	if !iv.watching(i) || corr < iv.corrMin || share < iv.material {
		return nil
	}
	iv.flag(i, b)
	return ev.emit(b, "flagged", i, corr, "validators' weights follow miners' alpha holdings (correlation)")
}

// detectPumps flags, under detect "pump", every subnet without revenue whose price rose
// by pump_factor over pump_days and whose emission share is at least materiality_share;
// it runs once a day (block b), under either policy.
func (iv *interventions) detectPumps(b int64, w *world, h *history, ev *eventLog) error {
	if iv.detect != "pump" {
		return nil
	}
	for i := range iv.flagged {
		if iv.flagged[i] < 0 && w.C.Last.Share[i] >= iv.material &&
			agents.PumpDetected(w.Kinds[i], w.C.Price(i), h.priceDaysAgo(i, iv.pumpDays), iv.pumpFactor) {
			iv.flag(i, b)
			if err := ev.emit(b, "flagged", i, w.C.Price(i), "price pump without revenue"); err != nil {
				return err
			}
		}
	}
	return nil
}

// decideDue takes the decisions due at block b, on subnets flagged at least the
// detection delay ago, and returns those subnets; under policy "intervene" their
// interventions start.
func (iv *interventions) decideDue(b int64) []int {
	iv.due = iv.due[:0]
	if b < iv.nextDue { // nothing due yet: most blocks
		return iv.due
	}
	iv.nextDue = math.MaxInt64
	for i, f := range iv.flagged {
		if f < 0 || iv.decided[i] >= 0 {
			continue
		}
		if b >= iv.dueAt[i] {
			iv.decided[i] = b
			if iv.on {
				iv.started[i] = b
			}
			iv.due = append(iv.due, i)
		} else {
			iv.nextDue = min(iv.nextDue, iv.dueAt[i])
		}
	}
	return iv.due
}

// burning returns, per root validator, whether it puts all its weight in subnet i on
// the burn uid (nil: none does).
func (iv *interventions) burning(i int) []bool {
	if iv.started[i] < 0 {
		return nil
	}
	return iv.intervening
}

// intervene is where an intervention starts: the decisions due at block b are taken,
// and the observers record each (under either policy, so that the policy arms pair up);
// under policy "intervene" the intervention starts, with root's stake share in the
// subnet recorded.
func (s *Sim) intervene(b int64) error {
	for _, i := range s.root.decideDue(b) {
		meme, share := s.kinds.memeAt[i], s.obs.emission.last
		s.obs.decision.decide(b, i, meme, s.C.Price(i), share)
		if !s.root.on {
			if err := s.obs.ev.emit(b, "decision", i, s.val.rootShare[i], "passive policy: the root validators would intervene now and do not"); err != nil {
				return err
			}
			continue
		}
		s.obs.interv.start(b, i, meme, s.C.Price(i), s.val.rootShare[i], share)
		if err := s.obs.ev.emit(b, "intervention", i, s.val.rootShare[i], "root validators' Yuma stake share in the subnet at its last epoch"); err != nil {
			return err
		}
	}
	return nil
}
