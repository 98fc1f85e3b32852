package agents

import (
	"math"
	"math/rand/v2"
)

// ValueInvestorParams are a value investor's parameters.
type ValueInvestorParams struct {
	RatePerDay float64 `yaml:"rate_per_day"` // actions per day
	BookParams `yaml:",inline"`
	ValueNoise float64 `yaml:"value_noise"` // SD of the log error of each investor's estimate of each subnet's value
}

// DefaultValueInvestor returns the default value-investor parameters (docs/agents.md
// gives each one's reason; all are assumptions).
func DefaultValueInvestor() ValueInvestorParams {
	return ValueInvestorParams{RatePerDay: 2, BookParams: DefaultBook(), ValueNoise: 0.5}
}

// ValueInvestor is slow capital that prices subnets by what they are worth
// (docs/agents.md, "Subnet kinds" and "Agents"): it sees each subnet's value per day (a
// utility subnet's latent value, a revenue subnet's revenue, a meme subnet's none;
// package experiments/value), with an error of its own per subnet, and holds the subnets
// whose share of the market's value exceeds their share of its capitalisation. With v_i
// its estimate of subnet i's value, I_i the subnet's alpha issuance (pool and
// outstanding) and p_i its price, over the subnets V with a value and a price,
//
//	F_i = (v_i / Σ_{j∈V} v_j) · Σ_{j∈V} p_j·I_j / I_i,
//
// the price at which the subnet's market value would be its share of the valued
// market's. The level comes from the market, as the arbitrageur's does: Σ_V I_j·F_j =
// Σ_V I_j·p_j, so unless every subnet is at its F some are below and some above,
// whatever the chain's age. What it adds is the cross-section of values, so its trades
// carry value news into prices. A subnet without value (a meme subnet, or a revenue
// subnet whose net revenue is not positive) has F = 0: it sells what it holds there and
// never buys.
//
// Its estimate of subnet i is v_i·exp(ValueNoise·z_i) with z_i a standard normal the
// investor draws once per subnet slot at its first action (a subnet that replaces a
// deregistered one inherits the slot's error), so investors disagree and their
// trades are spread.
//
// The trades are the arbitrageur's rules around F (cheap: buy to F(1 − Band); at or
// below F: a base position; rich: sell to F(1 + Band); no borrowing, no shorting; the
// inventory limits in fractions of its initial capital and of the pool's TAO), and of
// Sample random subnets it trades the one furthest from F in log terms.
type ValueInvestor struct {
	ID      AccountID
	P       ValueInvestorParams
	Capital float64 // initial capital, TAO
	// Reserves returns the pool's TAO and alpha reserves (the View has only quotes).
	Reserves func(i int) (tao, alpha float64)
	// Value returns subnet i's value per day in TAO (0 for a subnet without value).
	Value func(i int) float64

	book  Arbitrageur // the trade rules and sampling, with this investor's limits
	noise []float64   // per subnet slot: exp(ValueNoise·z), drawn at the first action
}

func (a *ValueInvestor) Rate() float64      { return a.P.RatePerDay }
func (a *ValueInvestor) Account() AccountID { return a.ID }
func (a *ValueInvestor) Class() string      { return "value_investor" }

// Act implements Agent: of Sample distinct subnets it trades, of those where the rules
// give a trade, the one furthest from its fair value in log terms.
func (a *ValueInvestor) Act(v View, rng *rand.Rand, dst []Order) []Order {
	n := v.N()
	if a.book.Reserves == nil {
		a.book = Arbitrageur{ID: a.ID, Capital: a.Capital, Reserves: a.Reserves, P: ArbitrageurParams{BookParams: a.P.BookParams}}
	}
	for len(a.noise) < n {
		a.noise = append(a.noise, math.Exp(a.P.ValueNoise*rng.NormFloat64()))
	}
	var vsum, msum float64
	for i := range n {
		if val, p, iss := a.Value(i), v.Price(i), v.AlphaIssuance(i); val > 0 && p > 0 && iss > 0 {
			vsum += val * a.noise[i]
			msum += p * iss
		}
	}
	if !(vsum > 0 && msum > 0) {
		return dst
	}
	var best Order
	bestGap := -1.0
	for _, i := range a.book.sample(n, rng) {
		p, iss := v.Price(i), v.AlphaIssuance(i)
		if !(p > 0 && iss > 0) {
			continue
		}
		f := max(a.Value(i), 0) * a.noise[i] / vsum * msum / iss
		o, ok := a.book.order(v, i, f)
		gap := math.Inf(1) // no value: the furthest from F = 0
		if f > 0 {
			gap = math.Abs(math.Log(p / f))
		}
		if ok && gap > bestGap {
			best, bestGap = o, gap
		}
	}
	if bestGap < 0 {
		return dst
	}
	return append(dst, best)
}
