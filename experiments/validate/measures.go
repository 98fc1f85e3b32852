package validate

import (
	"iter"
	"math"
	"sort"

	"dtaosim/experiments/record"
	"dtaosim/experiments/stats"
)

// The measures below turn a run's outputs into one number each. They return NaN when
// the run does not contain what they need (a day beyond its horizon, an event that did
// not happen), never an error: that is an outcome of the run, which the report shows as
// "n/a".

// LaunchPriceSum is moment 1: the sum of the moving prices at launch when exactly pools
// subnets all start with 1 TAO and 1 alpha in their pools (migrate_rao), NaN otherwise.
// The spot prices of such pools are all 1 (they sum to the number of pools); the sum
// that starts at 1 is that of the moving prices, seeded from the pre-dTAO emission split.
func LaunchPriceSum(in Initial, pools int) float64 {
	if len(in.TaoReserve) != pools {
		return math.NaN()
	}
	sum := 0.0
	for i := range in.TaoReserve {
		if in.TaoReserve[i] != 1 || in.AlphaReserve[i] != 1 {
			return math.NaN()
		}
		sum += in.MovingPrice[i]
	}
	return sum
}

// SumPriceAt is the sum of the subnets' spot prices (TAO per alpha) at the recorded
// block nearest to day (moments 2 and 9).
func SumPriceAt(p *Panel, day float64) float64 {
	s := p.At(day)
	if s == nil {
		return math.NaN()
	}
	return sum(s.Price)
}

// MeanSumPrice is the time-mean of the sum of spot prices over the blocks recorded from
// day from to day to (moment 3).
func MeanSumPrice(p *Panel, from, to float64) float64 {
	w := p.Window(from, to)
	if len(w) == 0 {
		return math.NaN()
	}
	total := 0.0
	for k := range w {
		total += sum(w[k].Price)
	}
	return total / float64(len(w))
}

// MarketValueAt is the total value of the subnet tokens in TAO at the recorded block
// nearest to day: Σ_i spot price_i × outstanding alpha_i, the alpha held outside the
// pools (moment 5).
func MarketValueAt(p *Panel, day float64) float64 {
	s := p.At(day)
	if s == nil {
		return math.NaN()
	}
	v := 0.0
	for i := range s.Price {
		v += s.Price[i] * s.AlphaOutstanding[i]
	}
	return v
}

// PoolTAOAt is the TAO in all subnet pools at the recorded block nearest to day
// (moment 8).
func PoolTAOAt(p *Panel, day float64) float64 {
	s := p.At(day)
	if s == nil {
		return math.NaN()
	}
	return sum(s.TaoReserve)
}

// TopPoolTAOShare is the share of all pool TAO held by the k subnets with the most, at
// the recorded block nearest to day (moment 10).
func TopPoolTAOShare(p *Panel, k int, day float64) float64 {
	s := p.At(day)
	if s == nil {
		return math.NaN()
	}
	total := sum(s.TaoReserve)
	if total <= 0 {
		return math.NaN()
	}
	return topSum(s.TaoReserve, k) / total
}

// dayPairs yields the snapshots recorded nearest to whole days d − 1 and d, for the days d
// with from < d ≤ to where both are recorded and distinct: the day-to-day steps that the
// daily-return moments read.
func dayPairs(p *Panel, from, to float64) iter.Seq2[*Snapshot, *Snapshot] {
	return func(yield func(prev, cur *Snapshot) bool) {
		for d := math.Floor(from) + 1; d <= to; d++ {
			prev, cur := p.At(d-1), p.At(d)
			if prev == nil || cur == nil || prev == cur {
				continue
			}
			if !yield(prev, cur) {
				return
			}
		}
	}
}

// CrossSectionalSD is the mean, over the days d with from < d ≤ to, of the sample
// standard deviation across subnets of the daily log returns ln(p_i(d)/p_i(d−1)), p the
// spot price at the recorded block nearest to each whole day (moments 4, 12, 13).
// Subnets with a non-positive price on either day are left out of that day; a day with
// fewer than two returns is skipped. NaN if no day qualifies.
func CrossSectionalSD(p *Panel, from, to float64) float64 {
	var total float64
	var days int
	r := make([]float64, 0, len(p.Netuids))
	for prev, cur := range dayPairs(p, from, to) {
		r = r[:0]
		for i := range cur.Price {
			if prev.Price[i] > 0 && cur.Price[i] > 0 {
				r = append(r, math.Log(cur.Price[i]/prev.Price[i]))
			}
		}
		if len(r) < 2 {
			continue
		}
		total += sampleSD(r)
		days++
	}
	if days == 0 {
		return math.NaN()
	}
	return total / float64(days)
}

// HalvingShare is the share of subnet-days whose spot price fell by half or more from
// one day to the next (p(d)/p(d−1) ≤ 0.5), over the days d in (from, to] and the subnets
// priced on both days (moments 18a and 18b); NaN when no pair of days is recorded.
func HalvingShare(p *Panel, from, to float64) float64 {
	return share(halvings(p, from, to))
}

// DoublingShare is HalvingShare's mirror: the share of subnet-days whose spot price rose
// to twice or more from one day to the next (p(d)/p(d−1) ≥ 2), the same days and
// subnets (moments 18c and 18d).
func DoublingShare(p *Panel, from, to float64) float64 {
	return share(moves(p, from, to, math.MaxInt, 2))
}

// share is k/n, NaN for n = 0.
func share(k, n int) float64 {
	if n == 0 {
		return math.NaN()
	}
	return float64(k) / float64(n)
}

// halvings counts the subnet-days of HalvingShare: k of them fell by half, of n.
func halvings(p *Panel, from, to float64) (k, n int) {
	return moves(p, from, to, math.MaxInt, 0.5)
}

// topHalvings counts halvings as halvings does, among the subnets ranked in the top k
// by spot price at the earlier day of each pair (stats.Rank, as moment 17a ranks SN28): h of
// them fell by half, of n. It compares the week-one meme subnet's control arm, a pumped
// top-ranked subnet, with the chain's own top-ranked launch subnets
// (docs/calibration.md §8).
func topHalvings(p *Panel, k int, from, to float64) (h, n int) {
	return moves(p, from, to, k, 0.5)
}

// moves counts the subnet-days with a price on both days whose subnet ranked at most top
// by price the day before, and of them those whose price moved by the factor f or
// beyond: p(d) ≤ f·p(d−1) for a fall (f < 1), p(d) ≥ f·p(d−1) for a rise (f > 1).
func moves(p *Panel, from, to float64, top int, f float64) (h, n int) {
	for prev, cur := range dayPairs(p, from, to) {
		for i := range cur.Price {
			if !(prev.Price[i] > 0 && cur.Price[i] > 0) || stats.Rank(prev.Price, i) > top {
				continue
			}
			n++
			if (f < 1 && cur.Price[i] <= f*prev.Price[i]) || (f > 1 && cur.Price[i] >= f*prev.Price[i]) {
				h++
			}
		}
	}
	return h, n
}

// RootHalfDay is the first recorded day at which the root proportion ρ_i = w·R/(w·R +
// I_i), averaged over subnets, is at most one half (moment 6); +Inf if it never is.
func RootHalfDay(p *Panel) float64 {
	for k := range p.Snaps {
		if len(p.Snaps[k].RootProp) > 0 && mean(p.Snaps[k].RootProp) <= 0.5 {
			return p.Snaps[k].Day
		}
	}
	if len(p.Snaps) == 0 {
		return math.NaN()
	}
	return math.Inf(1)
}

// TopShare is the time-mean, over the blocks recorded from day from to day to, of the
// combined emission share of the k subnets with the largest shares at each block
// (moments 7 and 14).
func TopShare(p *Panel, k int, from, to float64) float64 {
	w := p.Window(from, to)
	if len(w) == 0 {
		return math.NaN()
	}
	total := 0.0
	for j := range w {
		total += topSum(w[j].EmissionShare, k)
	}
	return total / float64(len(w))
}

// PositiveFlowCount is the number of subnets whose EMA of user TAO flow is above 0 at
// the recorded block nearest to day: under the flow share rules, the subnets that draw
// TAO emission (moment 7b).
func PositiveFlowCount(p *Panel, day float64) float64 {
	s := p.At(day)
	if s == nil {
		return math.NaN()
	}
	n := 0
	for _, f := range s.FlowEMA {
		if f > 0 {
			n++
		}
	}
	return float64(n)
}

// MedianChange is the median over subnets of p_i(day)/p_i(0) − 1, the change of each
// token's spot price from its first price (the initial pool's) to the recorded block
// nearest to day (moment 16).
func MedianChange(in Initial, p *Panel, day float64) float64 {
	s := p.At(day)
	if s == nil || len(in.TaoReserve) != len(s.Price) {
		return math.NaN()
	}
	ch := make([]float64, len(s.Price))
	for i := range s.Price {
		ch[i] = s.Price[i]/(in.TaoReserve[i]/in.AlphaReserve[i]) - 1
	}
	return median(ch)
}

// median is the median of x, which it sorts in place; NaN for no values.
func median(x []float64) float64 {
	sort.Float64s(x)
	n := len(x)
	if n == 0 {
		return math.NaN()
	}
	if n%2 == 1 {
		return x[n/2]
	}
	return (x[n/2-1] + x[n/2]) / 2
}

// PeakCapRank is the best (smallest) rank, 1 = largest, of the first meme subnet taken
// over (the "takeover" event) by market capitalisation, spot price × outstanding alpha,
// over the blocks recorded from the takeover to the end of the run (moment 17); a tie
// shares the better rank. NaN if no takeover happened.
func PeakCapRank(p *Panel, events []record.EventRow) float64 {
	ev := firstEvent(events, "takeover")
	if ev == nil {
		return math.NaN()
	}
	i := p.Subnet(ev.Netuid)
	if i < 0 {
		return math.NaN()
	}
	best := math.NaN()
	for _, s := range p.Window(ev.Day, math.Inf(1)) {
		mine := s.Price[i] * s.AlphaOutstanding[i]
		rank := 1
		for j := range s.Price {
			if j != i && s.Price[j]*s.AlphaOutstanding[j] > mine {
				rank++
			}
		}
		if math.IsNaN(best) || float64(rank) < best {
			best = float64(rank)
		}
	}
	return best
}

// Fall24h is the meme subnet's price fall over the 24 hours after the root validators'
// intervention, 1 − p(t + 24 h)/p(t), as the run's "intervention_24h" event reports it
// (moment 17). NaN if there was no intervention or the run ended within 24 hours of it.
func Fall24h(events []record.EventRow) float64 {
	if ev := firstEvent(events, "intervention_24h"); ev != nil {
		return ev.Value
	}
	return math.NaN()
}

// Fall24hTop is Fall24h in a run whose intervened subnet - the one the intervention_24h
// event reports - ranked at most top by spot price (stats.Rank) at the last recorded block at
// or before the block of its intervention, and NaN in any other run (moment 17c). SN28
// was 7th of the 64 by price at the last chain read before the Foundation acted; a run
// whose meme never rose into the top ranks before root acted is not that episode, and
// this keeps its fall apart from the rest. NaN also if there was no intervention_24h, no
// intervention event of its subnet, or no recorded block up to it.
func Fall24hTop(p *Panel, events []record.EventRow, top int) float64 {
	fall := firstEvent(events, "intervention_24h")
	if fall == nil {
		return math.NaN()
	}
	var ev *record.EventRow
	for k := range events {
		if events[k].Type == "intervention" && events[k].Netuid == fall.Netuid {
			ev = &events[k]
			break
		}
	}
	if ev == nil {
		return math.NaN()
	}
	i := p.Subnet(ev.Netuid)
	if i < 0 {
		return math.NaN()
	}
	var before *Snapshot
	for k := range p.Snaps {
		if p.Snaps[k].Block > ev.Block {
			break
		}
		before = &p.Snaps[k]
	}
	if before == nil || stats.Rank(before.Price, i) > top {
		return math.NaN()
	}
	return fall.Value
}

// PerWeek is the number of events of type typ per 7 days of a run of days days
// (moment 15).
func PerWeek(events []record.EventRow, typ string, days float64) float64 {
	if !(days > 0) {
		return math.NaN()
	}
	n := 0
	for k := range events {
		if events[k].Type == typ {
			n++
		}
	}
	return float64(n) / (days / 7)
}

func firstEvent(events []record.EventRow, typ string) *record.EventRow {
	for k := range events {
		if events[k].Type == typ {
			return &events[k]
		}
	}
	return nil
}

func sum(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s
}

func mean(x []float64) float64 { return sum(x) / float64(len(x)) }

// sampleSD is the standard deviation with the n − 1 denominator; len(x) ≥ 2.
func sampleSD(x []float64) float64 {
	m := mean(x)
	ss := 0.0
	for _, v := range x {
		ss += (v - m) * (v - m)
	}
	return math.Sqrt(ss / float64(len(x)-1))
}

// topSum is the sum of the k largest values of x (all of them if k ≥ len(x)).
func topSum(x []float64, k int) float64 {
	s := append([]float64(nil), x...)
	sort.Sort(sort.Reverse(sort.Float64Slice(s)))
	return sum(s[:min(k, len(s))])
}
