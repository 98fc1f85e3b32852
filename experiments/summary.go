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
	e, iv := &o.emission, &o.interv
	row := &record.RunRow{
		RunKey: o.ev.key, Scenario: s.sc.Name, Mechanism: s.sc.Mechanism.Preset,
		Blocks:   e.blocks,
		Captured: o.capture.captured, CaptureBlock: o.capture.block, CaptureDay: day(o.capture.block),
		RankCaptured: o.rank.captured, RankCaptureBlock: o.rank.block,
		PeakMemeShare: e.peak, MeanMemeShare: e.shareSum / math.Max(float64(e.blocks), 1),
		CumMemeTAO: e.cumMeme, CumTAO: e.cumTAO,
		Intervened: iv.block >= 0, InterventionBlock: iv.block, InterventionDay: day(iv.block),
		RootShareAtInterv: iv.root, MemeShareAtInterv: iv.share, HolderIncentive: iv.holderIncentive(),
		Drawdown24h: iv.drawdown, InterventionSuccess: boolFloat(iv.success),
		FinalMemeShare: e.last, Actions: s.pop.actions,
		MeanHHI: e.hhiSum / math.Max(float64(e.blocks), 1), FinalHHI: e.lastHHI,
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
	row.PnLRootValidators = pnl["root_validator"]
	row.PnLSubnetCohorts = pnl["subnet_cohorts"] - s.rev.external
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

// boolFloat is 1 for true and 0 for false.
func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
