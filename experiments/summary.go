package experiments

import (
	"math"

	"dtaosim/agents"
	"dtaosim/experiments/record"
)

// Finish computes the run's summary row (docs/schema.md, table "runs") from the
// observers' metrics and the final state.
func (s *Sim) Finish() *record.RunRow {
	o := &s.obs
	day := func(b int64) float64 {
		if b < 0 {
			return math.NaN()
		}
		return float64(b-s.C.StartBlock) / agents.BlocksPerDay
	}
	e, iv, d, to := &o.emission, &o.interv, &o.decision, &o.takeover
	last := s.C.StartBlock + e.blocks - 1 // the last block observed
	row := &record.RunRow{
		RunKey: o.ev.key, Scenario: s.sc.Name, Mechanism: s.sc.Mechanism.Preset,
		Blocks:   e.blocks,
		Takeover: to.seen && !s.kinds.control, TakeoverBlock: -1,
		MemeShareAtTakeover: to.share, MemeRankAtTakeover: int32(o.rank.best), InTopKAtTakeover: o.rank.inTopK,
		AtThetaAtTakeover: o.capture.atTheta, CaptureMinDays: s.sc.Metrics.MinDays,
		MemePriceAtTakeover: to.price, PeakMemePrice: to.peakPrice, FinalMemePrice: math.NaN(),
		Captured: o.capture.captured, CaptureBlock: o.capture.block, CaptureDay: day(o.capture.block),
		RankCaptured: o.rank.captured, RankCaptureBlock: o.rank.block,
		PeakMemeShare: e.peak, MeanMemeShare: e.shareSum / math.Max(float64(e.blocks), 1),
		CumMemeTAO: e.cumMeme, CumTAO: e.cumTAO,
		DecisionBlock: d.block, DecisionDay: day(d.block), MemeShareAtDecision: d.share,
		MemeShareAfter: d.shareAfter(), PriceChange24h: d.change, MemeTAOAfter: math.NaN(),
		Intervened: iv.block >= 0, InterventionBlock: iv.block, InterventionDay: day(iv.block),
		RootShareAtInterv: iv.root, MemeShareAtInterv: iv.share, HolderIncentive: iv.holderIncentive(),
		Drawdown24h: iv.drawdown, InterventionSuccess: iv.successAt(last),
		FinalMemeShare: e.last, Actions: s.pop.actions,
		MeanHHI: e.hhiSum / math.Max(float64(e.blocks), 1), FinalHHI: e.lastHHI,
		Misallocation: o.alloc.mis.Mean(), FinalMisallocation: o.alloc.mis.Final(),
	}
	row.MeanRevenueShare, row.FinalRevenueShare = o.alloc.revenueShare()
	row.MemeTAOSpeculators, row.MemeTAOYieldStakers, row.MemeYieldStakers = o.holders.means()
	if to.seen {
		row.TakeoverBlock = to.block
	}
	if to.meme >= 0 {
		row.FinalMemePrice = s.C.Price(to.meme)
	}
	if d.block >= 0 {
		row.MemeTAOAfter = d.memeTAO
	}
	for i, meme := range s.kinds.memeAt {
		if r := int32(s.kinds.startRank[i]); meme && (row.MemeStartRank == 0 || r < row.MemeStartRank) {
			row.MemeStartRank = r
		}
	}
	rp := 0.0
	for i := range s.n {
		rp += s.C.RootProp(i)
	}
	row.FinalRootPropMean = rp / float64(s.n)
	pnl := s.pnl()
	row.PnLSpeculators = pnl["speculator"]
	row.PnLYieldStakers = pnl["yield_staker"]
	row.PnLArbitrageurs = pnl["arbitrageur"]
	row.PnLNoise = pnl["noise"]
	row.PnLValueInvestors = pnl["value_investor"]
	row.PnLRootValidators = pnl["root_validator"]
	row.PnLSubnetCohorts = pnl["subnet_cohorts"] - s.rev.external
	t := &s.trades
	row.VolumeSpeculators, row.TradesSpeculators = t.of(&s.acct, "speculator")
	row.VolumeYieldStakers, row.TradesYieldStakers = t.of(&s.acct, "yield_staker")
	row.VolumeArbitrageurs, row.TradesArbitrageurs = t.of(&s.acct, "arbitrageur")
	row.VolumeNoise, row.TradesNoise = t.of(&s.acct, "noise")
	row.VolumeValueInvestors, row.TradesValueInvestors = t.of(&s.acct, "value_investor")
	return row
}

// pnl returns each P&L class's gain: its accounts' wealth now minus at the start.
func (s *Sim) pnl() map[string]float64 {
	pnl := map[string]float64{}
	for a := range s.L.Accounts() {
		pnl[s.acct.class[a]] += s.wealth(agents.AccountID(a)) - s.obs.initWealth[a]
	}
	return pnl
}
