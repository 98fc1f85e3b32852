package experiments

import "dtaosim/agents"

// The agents.View implementation: what an agent sees when it acts, read from the world
// and the parts that own it. Nothing here changes state.

var _ agents.View = (*Sim)(nil)

func (s *Sim) Block() int64                { return s.C.Block }
func (s *Sim) N() int                      { return s.n }
func (s *Sim) Kind(i int) agents.Kind      { return s.Kinds[i] }
func (s *Sim) Price(i int) float64         { return s.C.Price(i) }
func (s *Sim) EmissionShare(i int) float64 { return s.C.Last.Share[i] }
func (s *Sim) TaoEmissionPerDay(i int) float64 {
	return s.C.E * s.C.Last.Share[i] * agents.BlocksPerDay
}
func (s *Sim) HolderYield(i int) float64  { return s.val.yield[i] }
func (s *Sim) HolderPayout(i int) float64 { return s.val.payout[i] }
func (s *Sim) HolderAlpha(i int) float64  { return s.hold.alpha[i] }
func (s *Sim) AlphaPerDay(i int) float64 {
	return (s.C.Last.AlphaIn[i] + s.C.Last.AlphaEmission[i]) * agents.BlocksPerDay
}
func (s *Sim) BuybackPerDay(i int) float64            { return s.rev.buybackPerDay(i) }
func (s *Sim) AlphaIssuance(i int) float64            { return s.C.AlphaIssuance(i) }
func (s *Sim) QuoteBuy(i int, tao float64) float64    { return s.C.QuoteBuy(i, tao) }
func (s *Sim) QuoteSell(i int, alpha float64) float64 { return s.C.QuoteSell(i, alpha) }
func (s *Sim) TAO(a agents.AccountID) float64         { return s.L.TAO[a] }
func (s *Sim) Alpha(a agents.AccountID, i int) float64 {
	return s.L.Alpha(a, i)
}
func (s *Sim) Cost(a agents.AccountID, i int) float64 { return s.L.Cost(a, i) }
func (s *Sim) Holders(i int) int                      { return s.hold.speculators[i] }
func (s *Sim) Speculators() int                       { return s.acct.speculators }

// PriceDaysAgo returns the price at the daily snapshot `days` ago (the oldest kept if
// the run is younger).
func (s *Sim) PriceDaysAgo(i int, days int) float64 { return s.hist.priceDaysAgo(i, days) }

// HolderYieldDaysAgo returns the holder yield at the daily snapshot `days` ago.
func (s *Sim) HolderYieldDaysAgo(i int, days int) float64 { return s.hist.yieldDaysAgo(i, days) }

// Volatility implements agents.View.
func (s *Sim) Volatility(i int, days int) float64 { return s.hist.volatility(i, days) }
