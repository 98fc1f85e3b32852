package agents

import (
	"math"
	"math/rand/v2"
)

// SpeculatorParams are a speculator's behaviour parameters; DefaultSpeculator gives the
// defaults (a zero value is taken as given, not replaced).
type SpeculatorParams struct {
	RatePerDay     float64 `yaml:"rate_per_day"`         // actions per day
	LookbackDays   int     `yaml:"lookback_days"`        // momentum window, days
	EntryFraction  float64 `yaml:"entry_fraction"`       // share of free TAO put into a new position
	MaxPositions   int     `yaml:"max_positions"`        // open positions at most
	StopLoss       float64 `yaml:"stop_loss"`            // exit when value/cost − 1 ≤ −StopLoss
	TakeProfit     float64 `yaml:"take_profit"`          // exit when value/cost − 1 ≥ TakeProfit
	YieldExit      float64 `yaml:"yield_exit"`           // exit when holder yield < YieldExit × the best yield seen while holding
	YieldWeight    float64 `yaml:"yield_weight"`         // days of holder yield counted as return in the entry score
	Herding        float64 `yaml:"herding"`              // probability of choosing a subnet by how many speculators hold it
	Sample         int     `yaml:"sample"`               // subnets compared per decision
	EntryThreshold float64 `yaml:"entry_threshold"`      // minimum entry score
	RotateMargin   float64 `yaml:"rotate_margin"`        // with all slots full, swap the worst position for a candidate scoring this much more
	VolTarget      float64 `yaml:"vol_target,omitempty"` // daily volatility above which momentum is scaled down (0: off)
	VolDays        int     `yaml:"vol_days,omitempty"`   // days of daily returns the volatility is measured over (0: 7)
	QuitDrawdown   float64 `yaml:"quit_drawdown"`        // leave the market for good after losing this share of the first action's equity (0: never)
	HoldDays       float64 `yaml:"hold_days"`            // sell a momentum position once held this many days (0: no time limit)
	// LossMemoryDays D > 0: after selling a position at a loss the speculator does not buy
	// that subnet again for D days (0: no memory; off by default).
	LossMemoryDays float64 `yaml:"loss_memory_days,omitempty"`
}

// DefaultSpeculator returns the default speculator parameters. QuitDrawdown 0.5 and
// HoldDays 28 are defaults since 2026-12-03, chosen with the speculators' price
// protection against the real network's moments and confirmed on held-out seeds
// (docs/calibration.md §7); 0 turns either off.
func DefaultSpeculator() SpeculatorParams {
	return SpeculatorParams{
		RatePerDay: 24, LookbackDays: 3, EntryFraction: 0.5, MaxPositions: 3,
		StopLoss: 0.5, TakeProfit: 4, YieldExit: 0.3, YieldWeight: 7, Herding: 0.2, Sample: 8,
		EntryThreshold: 0.1, RotateMargin: 0.3, QuitDrawdown: 0.5, HoldDays: 28,
	}
}

// Speculator is a momentum- and attention-driven trader (docs/agents.md).
//
// At each action it first reviews its positions: it sells a position whole when its
// value at the sell quote has fallen to (1 − StopLoss) of its cost (stop-loss), or when
// the subnet's holder yield has fallen below YieldExit times the best yield it has seen
// while holding (yield exit: what happens to a meme subnet's holders when its miners are
// clipped, and, more slowly, as new holders dilute the yield). A position entered on momentum (the yield
// term of the entry score did not outweigh the momentum) is also sold when its value
// reaches (1 + TakeProfit) of its cost (take-profit). Then, with free TAO and fewer than MaxPositions
// positions, it looks for an entry: with probability Herding it picks a subnet in
// proportion to the number of speculators already holding it (recruitment, Kirman 1993,
// "Ants, rationality and recruitment", QJE 108(1)); otherwise it scores Sample random
// subnets by momentum plus yield,
//
//	score_i = p_i/p_i(t − LookbackDays) − 1 + YieldWeight·y_i,
//
// A subnet whose holder yield is below YieldExit times yesterday's is skipped (a clipped
// meme subnet is no entry, whatever its momentum). y_i is the yield per day a new position
// of its entry size would earn (MarginalYield:
// the holders' payout shared with the alpha it would buy, after slippage, which keeps a
// tiny holder base or a thin pool from looking infinitely profitable). It takes the best. It enters with EntryFraction of
// its free TAO if the score reaches EntryThreshold. With all MaxPositions slots taken, it
// rotates: it sells its worst-scoring position when the candidate scores RotateMargin
// more, and enters with the proceeds at its next action.
//
// With VolTarget t > 0 (off by default) the momentum term is volatility-managed: it is
// multiplied by t/σ_i where σ_i > t, σ_i the subnet's realised daily volatility over the
// last VolDays days (View.Volatility; 7 when VolDays is 0), as momentum strategies scale
// their exposure (Moskowitz, Ooi & Pedersen 2012; Barroso & Santa-Clara 2015); only
// downwards, so a calm subnet's momentum counts in full.
//
// With QuitDrawdown q > 0 (off by default) a speculator leaves the market for good once
// its equity (free TAO plus its positions at the sell quote) has fallen below (1 − q) of
// its equity at its first action: from that action on it only sells, offering every
// position it still holds at each action (so a sell that price protection clipped or
// the chain refused is offered again), and never buys. Retail
// traders who lose quit (Seru, Shumway & Stoffman 2010, "Learning by trading", RFS
// 23(2); Barber, Lee, Liu & Odean 2010, "Do day traders rationally learn about their
// ability?", working paper: unprofitable day traders in Taiwan are more likely to quit).
//
// With HoldDays K > 0 (off by default) a position entered on momentum is also sold once
// it has been held K days, whatever its return: the holding period of a J/K momentum
// strategy (Jegadeesh & Titman 1993, "Returns to buying winners and selling losers", JF
// 48(1), formation J, holding K); cryptocurrency momentum is measured at one- to
// four-week horizons (Liu & Tsyvinski 2021, "Risks and returns of cryptocurrency", RFS
// 34(6); Liu, Tsyvinski & Wu 2022, "Common risk factors in cryptocurrency", JF 77(2)).
// Without it a momentum position that neither gains 400% nor halves is held for ever.
//
// With LossMemoryDays D > 0 (off by default) a speculator that sells a position at a
// loss (its value at the sell quote below its cost when it decides to sell, whatever
// the reason: stop-loss, yield exit, holding period or rotation) does not buy that
// subnet again for D days from that decision: the subnet is no candidate, neither by
// score nor by recruitment. Investors are reluctant to buy back a stock they sold for a
// loss (Strahilevitz, Odean & Barber 2011, "Once burned, twice shy: how naive learning,
// counterfactuals, and regret affect the repurchase of stocks previously sold", Journal
// of Marketing Research 48 (special issue)). The memory is by netuid: a subnet
// registered at a pruned subnet's netuid within D days is avoided too. Speculators who
// never held the subnet are not affected.
//
// An entry that its price protection filled only in part (partial mode, experiments'
// price_protection) is completed at the following actions: while the position is held
// and not exiting, the speculator buys what the entry has yet to put in (its size less
// the TAO the position cost so far), each time clipped again to the limit of that moment,
// until the entry is in, its free TAO has run out, or it leaves the position. A position
// still filling is not rotated out. Plain orders fill whole, so without protection no
// entry is ever topped up.
type Speculator struct {
	ID   AccountID
	P    SpeculatorParams
	held []position // positions it has bought and not yet seen emptied, in entry order
	n    int        // the subnet count of its last action
	// start is its equity (free TAO plus its positions at the sell quote) at its first
	// action, 0 before it; quit is set when it has left the market (QuitDrawdown).
	start float64
	quit  bool
	// shun lists the subnets it has sold at a loss, each with the block until which it
	// is no candidate (LossMemoryDays); memories that have run out are dropped at the
	// next such sale.
	shun []shunned
}

// shunned is a subnet a speculator will not buy before block until (LossMemoryDays).
type shunned struct {
	subnet int
	until  int64
}

// position is a subnet a speculator has bought into. Its state sits with the subnet,
// so that an action reads one short array (at most MaxPositions entries) rather than
// per-subnet arrays across the whole subnet range.
type position struct {
	subnet   int
	entryY   float64 // best holder yield seen since entry
	momentum bool    // the entry was for momentum rather than yield
	target   float64 // TAO the entry is to put in while it is still filling, else 0
	entered  int64   // the block of the entry order
}

// NewSpeculator returns a speculator trading from account id.
func NewSpeculator(id AccountID, p SpeculatorParams) *Speculator {
	return &Speculator{ID: id, P: p}
}

func (s *Speculator) Rate() float64      { return s.P.RatePerDay }
func (s *Speculator) Account() AccountID { return s.ID }
func (s *Speculator) Class() string      { return "speculator" }

// Left reports whether the speculator has left the market for good (QuitDrawdown); from
// then on it only sells what it still holds.
func (s *Speculator) Left() bool { return s.quit }

// defaultVolDays is the volatility window of VolTarget when VolDays is 0: a week.
const defaultVolDays = 7

// minTrade is the smallest trade an agent bothers with, in TAO.
const minTrade = 1e-3

// Act implements Agent.
func (s *Speculator) Act(v View, rng *rand.Rand, dst []Order) []Order {
	p := &s.P
	if s.n != v.N() { // a new subnet range: no yield seen, no entry for momentum
		s.n = v.N()
		for k := range s.held {
			s.held[k].entryY, s.held[k].momentum, s.held[k].target = 0, false, 0
		}
	}
	if p.QuitDrawdown > 0 && s.leaves(v) {
		return s.sellAll(v, dst)
	}
	tao := v.TAO(s.ID) // free TAO, less what this action's top-ups spend
	positions := 0
	keep := s.held[:0]
	for _, h := range s.held {
		i := h.subnet
		alpha := v.Alpha(s.ID, i)
		if alpha <= 0 {
			continue // sold, or the entry order was refused
		}
		value := v.QuoteSell(i, alpha)
		cost := v.Cost(s.ID, i)
		ret := value/cost - 1
		// Every position exits on the stop-loss or a falling yield; one entered on
		// momentum also on the take-profit.
		y := v.HolderYield(i)
		y0 := max(h.entryY, y) // the best yield seen while holding
		h.entryY = y0
		exit := ret <= -p.StopLoss || (h.momentum && ret >= p.TakeProfit) ||
			(y0 > 0 && y < p.YieldExit*y0) ||
			(h.momentum && p.HoldDays > 0 && float64(v.Block()-h.entered) >= p.HoldDays*BlocksPerDay)
		var top float64
		if !exit {
			top = s.topUp(&h, cost, tao)
		} else {
			h.target = 0
		}
		keep = append(keep, h)
		if exit {
			dst = append(dst, Order{Account: s.ID, Subnet: i, Sell: true, Amount: alpha})
			s.remember(v, i, ret)
			continue
		}
		if top > 0 {
			dst = append(dst, Order{Account: s.ID, Subnet: i, Amount: top})
			tao -= top
		}
		positions++
	}
	s.held = keep
	x := p.EntryFraction * tao // the entry size, scored by every candidate
	if positions < p.MaxPositions && tao*p.EntryFraction < minTrade {
		return dst
	}
	best, bestScore := -1, 0.0
	if rng.Float64() < p.Herding && v.Speculators() > 0 {
		// Recruitment: pick a subnet in proportion to its speculator holders.
		total := 0
		for i := range v.N() {
			total += v.Holders(i)
		}
		if total > 0 {
			k := rng.IntN(total)
			for i := range v.N() {
				if k -= v.Holders(i); k < 0 {
					best, bestScore = i, s.candidate(v, i, x)
					break
				}
			}
			// A recruit follows the crowd unless the subnet is visibly collapsing.
			if bestScore > -p.StopLoss/2 {
				bestScore = max(bestScore, p.EntryThreshold)
			}
		}
	}
	if best < 0 {
		for range p.Sample {
			i := rng.IntN(v.N())
			if sc := s.candidate(v, i, x); best < 0 || sc > bestScore {
				best, bestScore = i, sc
			}
		}
	}
	if best < 0 || bestScore < p.EntryThreshold || v.Alpha(s.ID, best) > 0 {
		return dst
	}
	if positions >= p.MaxPositions {
		worst, worstScore := -1, 0.0
		for _, h := range s.held {
			i := h.subnet
			if v.Alpha(s.ID, i) <= 0 || h.target > 0 || s.exiting(dst, i) {
				continue // gone, still being bought, or already sold
			}
			if sc := s.score(v, i, x); worst < 0 || sc < worstScore {
				worst, worstScore = i, sc
			}
		}
		if worst >= 0 && bestScore-worstScore >= p.RotateMargin {
			a := v.Alpha(s.ID, worst)
			dst = append(dst, Order{Account: s.ID, Subnet: worst, Sell: true, Amount: a})
			if p.LossMemoryDays > 0 {
				s.remember(v, worst, v.QuoteSell(worst, a)/v.Cost(s.ID, worst)-1)
			}
		}
		return dst
	}
	// The entry is for momentum when the yield term of its score does not outweigh it.
	y := MarginalYield(v, best, tao*p.EntryFraction)
	s.held = append(s.held, position{subnet: best, entryY: v.HolderYield(best),
		momentum: p.YieldWeight*y <= bestScore-p.YieldWeight*y, target: x, entered: v.Block()})
	return append(dst, Order{Account: s.ID, Subnet: best, Amount: x})
}

// leaves reports whether the speculator has left the market (QuitDrawdown): it records
// its equity at its first action and leaves, for good, at the first action that finds
// it below (1 − QuitDrawdown) of that.
func (s *Speculator) leaves(v View) bool {
	if !s.quit {
		if eq := s.equity(v); s.start == 0 {
			s.start = eq
		} else if eq < (1-s.P.QuitDrawdown)*s.start {
			s.quit = true
		}
	}
	return s.quit
}

// sellAll appends a sell of every position the speculator still holds, and forgets the
// positions already emptied: what a speculator that has left does at each action.
func (s *Speculator) sellAll(v View, dst []Order) []Order {
	keep := s.held[:0]
	for _, h := range s.held {
		if a := v.Alpha(s.ID, h.subnet); a > 0 {
			dst = append(dst, Order{Account: s.ID, Subnet: h.subnet, Sell: true, Amount: a})
			keep = append(keep, h)
		}
	}
	s.held = keep
	return dst
}

// equity is the speculator's free TAO plus its positions valued at the sell quote.
func (s *Speculator) equity(v View) float64 {
	eq := v.TAO(s.ID)
	for _, h := range s.held {
		if a := v.Alpha(s.ID, h.subnet); a > 0 {
			eq += v.QuoteSell(h.subnet, a)
		}
	}
	return eq
}

// topUp returns the TAO to buy at this action for position h, an entry still filling,
// whose alpha cost the account cost TAO so far, out of tao free: what the entry has yet
// to put in. An entry fills whole unless price protection clipped it (partial mode); the
// speculator then buys the rest at its next actions, each clipped again to the limit of
// its own moment, until the entry is in (within minTrade) or its TAO has run out, or it
// leaves the position. h.target falls to 0 then, and for good.
func (s *Speculator) topUp(h *position, cost, tao float64) float64 {
	if h.target <= 0 {
		return 0
	}
	rest := h.target - cost
	if rest <= minTrade || tao < minTrade {
		h.target = 0
		return 0
	}
	return min(rest, tao)
}

// exiting reports whether dst already sells the agent's position in subnet i.
func (s *Speculator) exiting(dst []Order, i int) bool {
	for _, o := range dst {
		if o.Account == s.ID && o.Subnet == i && o.Sell {
			return true
		}
	}
	return false
}

// remember notes a sell of subnet i decided now at return ret (value at the sell quote
// over cost, less 1): at a loss, with LossMemoryDays on, i is no candidate for that
// many days.
func (s *Speculator) remember(v View, i int, ret float64) {
	if s.P.LossMemoryDays <= 0 || !(ret < 0) {
		return
	}
	b := v.Block()
	until := b + int64(min(s.P.LossMemoryDays*BlocksPerDay, 1e15)) // 1e15 blocks: for ever
	keep := s.shun[:0]                                             // drop the memories that have run out
	for _, sh := range s.shun {
		if sh.until > b && sh.subnet != i {
			keep = append(keep, sh)
		}
	}
	s.shun = append(keep, shunned{subnet: i, until: until})
}

// candidate is subnet i's entry score as a candidate: its score, or −∞ while the
// speculator shuns it after a sale at a loss (LossMemoryDays).
func (s *Speculator) candidate(v View, i int, x float64) float64 {
	for _, sh := range s.shun {
		if sh.subnet == i && sh.until > v.Block() {
			return math.Inf(-1)
		}
	}
	return s.score(v, i, x)
}

// score is candidate subnet i's entry score for an entry of x TAO (EntryFraction of the
// speculator's free TAO, computed once per action by the caller).
func (s *Speculator) score(v View, i int, x float64) float64 {
	// A subnet whose holder yield has collapsed since yesterday (a clipped meme subnet)
	// is not a candidate, whatever its momentum: no catching a falling knife.
	if y1 := v.HolderYieldDaysAgo(i, 1); y1 > 0 && v.HolderYield(i) < s.P.YieldExit*y1 {
		return math.Inf(-1)
	}
	mom := 0.0
	p := v.Price(i)
	if old := v.PriceDaysAgo(i, s.P.LookbackDays); old > 0 {
		mom = p/old - 1
	}
	if t := s.P.VolTarget; t > 0 {
		days := s.P.VolDays
		if days <= 0 {
			days = defaultVolDays
		}
		if sigma := v.Volatility(i, days); sigma > t {
			mom *= t / sigma
		}
	}
	return mom + s.P.YieldWeight*marginalYield(v, i, x, p)
}

// MarginalYield is the yield per day, in TAO per TAO at today's price, that x TAO of new
// alpha in subnet i would earn: the alpha it buys, b = QuoteBuy(x) (slippage and fees
// included), earns its share b/(held + b) of the holders' payout per day, worth
// payout·b/(held + b)·p, against the x TAO paid. For a small x this is payout/(held + x/p),
// the holder yield after the buyer's own dilution; for a large x in a thin pool the
// slippage makes it small.
func MarginalYield(v View, i int, x float64) float64 {
	return marginalYield(v, i, x, v.Price(i))
}

// marginalYield is MarginalYield with subnet i's price p already read (score has it).
func marginalYield(v View, i int, x, p float64) float64 {
	pay := v.HolderPayout(i)
	if pay <= 0 || x <= 0 {
		return 0
	}
	b := v.QuoteBuy(i, x)
	if b <= 0 {
		return 0
	}
	return pay * b / (v.HolderAlpha(i) + b) * p / x
}
