package experiments

import (
	"dtaosim/agents"
	"dtaosim/experiments/record"
)

// observers is the fourth phase of a block (docs/agents.md, "The block loop" step 4;
// docs/schema.md): what the run records. It owns the event log, the series output and the
// run metrics; it reads the world and changes nothing in it.
type observers struct {
	ev       eventLog
	series   func(*record.SeriesRow) error // nil: no series
	every    int64                         // blocks between series rows
	emission emission
	alloc    allocation
	takeover takeoverState
	capture  capture
	rank     rankCapture
	interv   interventionOutcome
	decision decisionOutcome
	holders  memeHolders

	initWealth []float64 // per account: wealth at the start, TAO (for P&L)
}

func newObservers(sc *Scenario, opt Options, w *world, takeover int64) observers {
	return observers{
		takeover: newTakeoverState(sc, takeover),
		ev:       eventLog{out: opt.Events, key: opt.Key, c: w.C},
		series:   opt.Series,
		every:    int64(sc.RecordEvery),
		capture:  newCapture(sc.Metrics),
		rank:     newRankCapture(sc.Metrics, w.n),
		interv:   newInterventionOutcome(sc.Metrics, w.n),
		decision: newDecisionOutcome(sc.Metrics),
		alloc:    allocation{revenue: len(sc.Subnets.Revenue.Netuids) > 0},
	}
}

// observe updates the metrics after block b's coinbase and epochs and writes the
// block's series rows when one is due.
func (s *Sim) observe(b int64) error {
	o := &s.obs
	share := o.emission.observe(s.C, s.kinds.memes)
	values := s.worth.current(s.Kinds, s.rev.perDay)
	o.alloc.observe(s.C.Last.Share, values, s.worth.gen, s.rev.earns)
	if o.takeover.observe(b, share, s.C) { // capture is decided from the takeover on
		if err := o.capture.observe(b, share, &o.ev); err != nil {
			return err
		}
		if err := o.rank.observe(b, s.C.Last.Share, s.kinds.memes, &o.ev); err != nil {
			return err
		}
	}
	o.decision.observe(b, share, s.C)
	if err := o.interv.observe(b, share, s.C, &o.ev); err != nil {
		return err
	}
	if o.series != nil && (b-s.C.StartBlock)%o.every == 0 {
		return o.record(b, &s.world, s.sched.current, s.val.rootShare)
	}
	return nil
}

// record writes one series row per subnet at block b (docs/schema.md, table "series").
func (o *observers) record(b int64, w *world, mechanism string, rootShare []float64) error {
	c := w.C
	for i := range w.n {
		spec, ys, stakers := w.classHoldings(i)
		row := record.SeriesRow{
			RunKey: o.ev.key, Block: b, Day: float64(b-c.StartBlock) / agents.BlocksPerDay,
			Netuid: int32(c.S.Netuid[i]), Kind: w.Kinds[i].String(), Mechanism: mechanism,
			Price: c.Price(i), MovingPrice: c.S.MovingPrice[i], TaoReserve: c.S.TaoReserve[i], AlphaReserve: c.S.AlphaReserve[i],
			AlphaOutstanding: c.S.AlphaOut[i], AlphaIssuance: c.AlphaIssuance(i), EmissionShare: c.Last.Share[i],
			TaoEmission: c.Last.TaoEmission[i], RootProp: c.Last.RootProp[i], RootStakeShare: rootShare[i],
			HolderAlpha: w.hold.alpha[i], SpeculatorAlpha: spec, YieldStakerAlpha: ys,
			Speculators: int32(w.hold.speculators[i]), YieldStakers: stakers, FlowEMA: c.S.FlowEMA[i], TaoIssuance: c.TaoIssuance, RootTAO: c.RootTAO,
		}
		if err := o.series(&row); err != nil {
			return err
		}
	}
	return nil
}
