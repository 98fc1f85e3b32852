package agents

import "math/rand/v2"

// Kind is a subnet kind: how the subnet's validators score its miners (docs/agents.md,
// "Subnet kinds").
type Kind uint8

// Subnet kinds.
const (
	// Utility: miners do off-chain work of latent quality; validators weight miners by
	// quality plus noise.
	Utility Kind = iota
	// Revenue: a utility subnet with exogenous revenue, part of which buys back its alpha.
	Revenue
	// Meme: validators weight miners (the token's holders) by the alpha they hold
	// (the SN28 design).
	Meme
)

var kindNames = []string{"utility", "revenue", "meme"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// ParseKind returns the kind called name.
func ParseKind(name string) (Kind, bool) {
	for i, n := range kindNames {
		if n == name {
			return Kind(i), true
		}
	}
	return 0, false
}

// KindNames returns the kind names in order.
func KindNames() []string { return append([]string(nil), kindNames...) }

// AccountID identifies an account in the run's ledger.
type AccountID int32

// Order is a trade an agent asks for; the market executes it (or refuses it) after all
// agents of the block have decided, in a seeded random order. Buys spend Amount TAO;
// sells sell Amount alpha of subnet index Subnet.
type Order struct {
	Account AccountID
	Subnet  int // subnet index (0..N−1, ascending netuid)
	Sell    bool
	Amount  float64
}

// View is the read-only market an agent sees when it acts. Subnets are indexed 0..N−1.
// Prices are TAO per alpha; yields are alpha paid to holders per alpha held per day
// (price cancels, so it is also TAO per TAO staked per day at a constant price).
type View interface {
	Block() int64
	N() int
	Kind(i int) Kind                            // the kind the subnet has now (a meme takeover changes it)
	Price(i int) float64                        // spot price
	PriceDaysAgo(i int, days int) float64       // spot price at the daily snapshot `days` ago (the oldest kept if fewer)
	EmissionShare(i int) float64                // share of the last block's TAO emission
	TaoEmissionPerDay(i int) float64            // TAO emission to the subnet per day at the last block's share
	HolderYield(i int) float64                  // alpha paid to agent holders per alpha held per day, at the last epoch
	HolderYieldDaysAgo(i int, days int) float64 // holder yield at the daily snapshot `days` ago
	Volatility(i int, days int) float64         // root mean square of the daily log returns between the last `days`+1 daily snapshots
	HolderPayout(i int) float64                 // alpha paid to agent holders per day, at the last epoch
	HolderAlpha(i int) float64                  // alpha held by agents
	AlphaPerDay(i int) float64                  // alpha issued per day (alpha_in + alpha_out) at the last block
	BuybackPerDay(i int) float64                // TAO per day the subnet spends buying back its alpha (revenue subnets)
	AlphaIssuance(i int) float64
	QuoteBuy(i int, tao float64) float64    // alpha a buy of tao would receive now, fees included
	QuoteSell(i int, alpha float64) float64 // TAO a sell of alpha would receive now, fees included
	TAO(a AccountID) float64                // free TAO of an account
	Alpha(a AccountID, i int) float64       // alpha of subnet i held by an account
	Cost(a AccountID, i int) float64        // TAO paid for the alpha still held (average cost basis)
	Holders(i int) int                      // number of speculators holding subnet i
	Speculators() int                       // number of speculators
}

// Agent is a market participant acting on a Poisson clock. Act appends the agent's
// orders for this action to dst and returns it; it must not keep v or rng. Agents
// never change market state themselves.
type Agent interface {
	Act(v View, rng *rand.Rand, dst []Order) []Order
	// Rate is the agent's mean number of actions per day.
	Rate() float64
	// Account is the ledger account the agent trades from.
	Account() AccountID
	// Class names the agent class for P&L ("speculator", "yield_staker", …).
	Class() string
}
