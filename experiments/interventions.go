package experiments

import (
	"math"

	"dtaosim/agents"
)

// interventions is the root validators' policy (DESIGN.md §5, root validator). Under
// policy "intervene", root validator 0 (the Foundation and those who follow it, holding
// intervene_share of the root stake) flags a meme subnet, by its holdings-weighted
// scoring at the takeover (detect "holdings") or by a price pump without revenue
// (detect "pump", checked once a day), and detection_delay_days later starts to put all
// its weight in that subnet on the burn uid. Whether that clips the holders' incentive
// is Yuma's to decide: it depends on root's share of the subnet's stake and on κ.
type interventions struct {
	on          bool   // policy "intervene"
	detect      string // "holdings" or "pump"
	delay       int64  // blocks from flag to intervention
	pumpFactor  float64
	pumpDays    int
	intervening []bool  // per root validator: it intervenes
	flagged     []int64 // per subnet: block it was flagged, −1 if not
	started     []int64 // per subnet: block its intervention started, −1 if none
	due         []int   // scratch
}

func newInterventions(rv RootValidatorsSpec, n int) interventions {
	iv := interventions{
		on: rv.Policy == "intervene", detect: rv.Detect,
		delay:      int64(math.Round(rv.DetectionDelayDays * agents.BlocksPerDay)),
		pumpFactor: rv.PumpFactor, pumpDays: rv.PumpDays,
		intervening: make([]bool, rv.Count), flagged: make([]int64, n), started: make([]int64, n),
	}
	iv.intervening[0] = iv.on
	for i := range n {
		iv.flagged[i], iv.started[i] = -1, -1
	}
	return iv
}

// rootStakeShare returns root validator k's share of the root stake: with policy
// "intervene", validator 0 holds intervene_share and the others share the rest equally;
// otherwise all hold equal shares.
func rootStakeShare(rv RootValidatorsSpec, k int) float64 {
	share := 1.0 / float64(rv.Count)
	if rv.Policy == "intervene" {
		if k == 0 {
			share = rv.InterveneShare
		} else {
			share = (1 - rv.InterveneShare) / float64(rv.Count-1)
		}
	}
	return share
}

// flagHoldings flags subnet i at its takeover (block b) under detect "holdings": the
// scoring code is public on chain.
func (iv *interventions) flagHoldings(i int, b int64) {
	if iv.detect == "holdings" && iv.flagged[i] < 0 {
		iv.flagged[i] = b
	}
}

// detectPumps flags, under detect "pump", every subnet without revenue whose price rose
// by pump_factor over pump_days; it runs once a day (block b).
func (iv *interventions) detectPumps(b int64, w *world, h *history, ev *eventLog) error {
	if !iv.on || iv.detect != "pump" {
		return nil
	}
	for i := range iv.flagged {
		if iv.flagged[i] < 0 && agents.PumpDetected(w.Kinds[i], w.C.Price(i), h.priceDaysAgo(i, iv.pumpDays), iv.pumpFactor) {
			iv.flagged[i] = b
			if err := ev.emit(b, "flagged", i, w.C.Price(i), "price pump without revenue"); err != nil {
				return err
			}
		}
	}
	return nil
}

// startDue starts the interventions due at block b, on subnets flagged at least the
// detection delay ago, and returns those subnets.
func (iv *interventions) startDue(b int64) []int {
	iv.due = iv.due[:0]
	if !iv.on {
		return iv.due
	}
	for i, f := range iv.flagged {
		if f >= 0 && iv.started[i] < 0 && b >= f+iv.delay {
			iv.started[i] = b
			iv.due = append(iv.due, i)
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

// intervene is where an intervention starts: the interventions due at block b start,
// and the observers record each with root's stake share in the subnet.
func (s *Sim) intervene(b int64) error {
	for _, i := range s.root.startDue(b) {
		s.obs.interv.start(b, i, s.kinds.memeAt[i], s.C.Price(i), s.val.rootShare[i], s.obs.emission.last)
		if err := s.obs.ev.emit(b, "intervention", i, s.val.rootShare[i], "root validators' Yuma stake share in the subnet at its last epoch"); err != nil {
			return err
		}
	}
	return nil
}
