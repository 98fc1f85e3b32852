package experiments

import (
	"strings"

	"dtaosim/agents"
	"dtaosim/experiments/arrival"
	"dtaosim/experiments/mining"
	"dtaosim/experiments/snapshot"
	"dtaosim/experiments/value"
	"dtaosim/market"
)

// Scenario is one run's specification: the initial chain state, the mechanism (a preset,
// overrides and optional switches), the subnets' kinds, the agent population, the horizon
// and the metric thresholds. It is read from YAML (ParseScenario) with every field
// optional; Defaults lists the value of each field left out.
type Scenario struct {
	Name        string  `yaml:"name"`
	Description string  `yaml:"description"`
	Seed        uint64  `yaml:"seed"`         // master seed when the command line gives none
	Days        float64 `yaml:"days"`         // horizon in days (7200 blocks a day)
	RecordEvery int     `yaml:"record_every"` // blocks between series rows
	// BurnInDays runs the chain for up to this many days before the state the scenario
	// describes, so that what the agents present at the start do on their first day (on
	// a constructed aged chain: invest their free TAO) happens before the meme takeover,
	// not on its day. The scenario's fields stay the chain at its nominal start; the run
	// begins s = min(burn_in_days, chain.age_days) days earlier and is s days longer
	// (burnin.go; docs/scenarios.md, "Burn-in"). 0, the default, runs the scenario as
	// written.
	BurnInDays float64       `yaml:"burn_in_days,omitempty"`
	Chain      ChainSpec     `yaml:"chain"`
	Mechanism  MechanismSpec `yaml:"mechanism"`
	Subnets    SubnetsSpec   `yaml:"subnets"`
	Agents     AgentsSpec    `yaml:"agents"`
	Metrics    MetricsSpec   `yaml:"metrics"`
}

// ChainSpec is the chain-wide initial state.
type ChainSpec struct {
	TaoIssuance float64 `yaml:"tao_issuance"` // TAO issued at the start (drives the halving)
	RootStake   float64 `yaml:"root_stake"`   // TAO staked on root
	// AgeDays is the chain's age at the start, days since the dTAO launch. With
	// subnets.init "launch" it must be 0; with "aged" it sets the subnets' issuance.
	AgeDays float64 `yaml:"age_days"`
}

// MechanismSpec is the mechanism in force: a preset, overrides and switches.
type MechanismSpec struct {
	Preset   string         `yaml:"preset"`
	Params   map[string]any `yaml:"params"`   // overrides by replay.md parameter name
	Schedule []SwitchSpec   `yaml:"schedule"` // preset switches, in day order
	// Yuma overrides the Yuma version, κ and liquid alpha that Preset implies
	// (experiments/yuma.go, docs/mechanism.md §12).
	Yuma YumaSpec `yaml:"yuma"`
	// LaunchMovingAlpha is the moving-price coefficient (SubnetMovingAlpha, per block)
	// assumed while the launch_2025_02 preset is in force, as the base preset or after a
	// switch. The chain launched with 0.000003 (market.MovingAlphaLaunch, the default)
	// and the sudo key later raised it to 1288490/2^32 (market.MovingAlphaRaised) at a
	// block that is not known (docs/mechanism.md §5), so a study of the weeks after
	// launch must vary it. Later presets keep their own 1288490/2^32, so an experiment
	// can vary this and the preset independently. A params.moving_alpha override of
	// the same preset or switch takes precedence.
	LaunchMovingAlpha float64 `yaml:"launch_moving_alpha"`
	// Assessment is what validators observe of each subnet's value, the input of
	// value-weighted emission (value_weight; assessment.go).
	// StakeRules are the validation-level designs (stakedesign.go): a per-validator
	// stake cap and a floor on root's share of every subnet's Yuma stake, both off at 0.
	// A validation design named in preset sets its own rules in their place.
	StakeRules `yaml:",inline"`
	// DividendFallback says what becomes of a subnet's validator alpha at an epoch where
	// none of its alpha validators has Yuma dividends (spec §8.2): "none" (the default,
	// also when empty, since 2026-12-06: hash scheme 4) pays it to no one, as the chain
	// does (distribute_emission shares it by each hotkey's alpha part of its dividends,
	// and root validators hold no alpha stake in the model; it is counted as burned);
	// "stake" (the model's rule from its first version to hash scheme 3) pays it to the
	// alpha validators by stake, and through them to their stakers. The case arises when
	// an intervention clips a meme subnet's holders (only the intervening root validator
	// then has dividends), and at each subnet's first epoch on a chain started from the
	// launch state, before its alpha validators hold stake (docs/mechanism.md §12).
	DividendFallback string         `yaml:"dividend_fallback,omitempty"` // omitted when empty: spec hashes of older scenarios stay
	Assessment       AssessmentSpec `yaml:"assessment,omitempty"`        // omitted when zero: spec hashes of older scenarios stay
	Deregistration   DeregSpec      `yaml:"deregistration,omitempty"`    // registrations prune subnets (dereg.go); design_dereg sets its own
}

// launchPreset is the preset LaunchMovingAlpha applies to.
const launchPreset = "launch_2025_02"

// SwitchSpec switches the mechanism to another preset (with its own overrides) at a day.
type SwitchSpec struct {
	Day    float64        `yaml:"day"`
	Preset string         `yaml:"preset"`
	Params map[string]any `yaml:"params"`
	// Yuma overrides the Yuma that Preset implies, for every subnet from the switch on.
	Yuma YumaSpec `yaml:"yuma"`
}

// SubnetsSpec describes the subnets: how many, how their pools start, and their kinds.
type SubnetsSpec struct {
	Count int `yaml:"count"`
	// Init is "launch" (every pool at 1 TAO / 1 alpha, moving prices from the
	// pre-dTAO emission split, spec §3), "aged" (issuance grown for chain.age_days) or
	// "snapshot" (a real chain read from Snapshot, derived by SnapshotRules).
	Init string `yaml:"init"`
	// Snapshot, with init "snapshot", is the chain snapshot the run starts from: the name
	// of a file shipped in the program (experiments/snapshot/data; snapshot.Aug2026 =
	// "chain-2026-08-02-block8753086.csv", all 128 subnets on 2026-08-02), or else a file
	// path, absolute or relative to the working directory of the command. Its netuids must
	// be 1..N. Validate then sets Count to N (a count in the scenario is replaced), and the
	// chain's TAO issuance and root stake come from SnapshotRules, not from chain.*.
	Snapshot string `yaml:"snapshot"`
	// SnapshotRules say how what the file lacks is derived (snapshot.Rules; reasons and
	// sources in experiments/snapshot/doc.go). Read only with init "snapshot".
	SnapshotRules snapshot.Rules `yaml:"snapshot_rules"`
	// EmissionSkew is the Zipf exponent of the pre-dTAO emission split that seeds the
	// moving prices at launch, and of the price spread of an aged state.
	EmissionSkew float64 `yaml:"emission_skew"`
	// IssuancePerBlock is the alpha added per block per subnet in an aged state
	// (a_i + alpha_in ≤ 2; spec §9.5 uses 1.5–2).
	IssuancePerBlock float64 `yaml:"issuance_per_block"`
	// PoolShare is the share of an aged subnet's issuance held in its pool.
	PoolShare float64 `yaml:"pool_share"`
	// PriceSum is Σ p_i of an aged state (market level; calibration.md: ≈ 1.7–2.3 in 2025).
	PriceSum float64 `yaml:"price_sum"`
	// FlowEMAInit is every subnet's EMA of user TAO flow when a flow share rule comes
	// into force (at the start, or at a scheduled switch from a price rule): "zero" (the
	// chain's value for a new EMA since 2025-11-24, a3db8e34b) or "price", min(moving
	// price, spot price) in TAO per block (the value the migration of 2025-11-05,
	// 1f520ed95, gave every subnet's EMA when the flow rule began).
	FlowEMAInit string      `yaml:"flow_ema_init"`
	Validators  int         `yaml:"validators"` // alpha validators per subnet
	Miners      int         `yaml:"miners"`     // miner cohorts per utility or revenue subnet
	Utility     UtilitySpec `yaml:"utility"`
	Meme        MemeSpec    `yaml:"meme"`
	Revenue     RevenueSpec `yaml:"revenue"`
}

// UtilitySpec parameterises utility subnets (and the utility side of revenue subnets).
type UtilitySpec struct {
	QualitySigma  float64 `yaml:"quality_sigma"`  // miners' latent quality is lognormal(0, σ)
	ScoreNoise    float64 `yaml:"score_noise"`    // relative noise of a validator's score
	MinerSell     float64 `yaml:"miner_sell"`     // share of epoch emission miners sell
	ValidatorSell float64 `yaml:"validator_sell"` // share validators sell
	OwnerSell     float64 `yaml:"owner_sell"`     // share the owner sells
	// Value is the latent value per day of every utility subnet (and of a meme subnet
	// before its takeover), a lognormal Ornstein–Uhlenbeck process across subnets
	// (package value; its doc.go gives each field's default and source). Revenue subnets'
	// value is their net revenue, meme subnets' none. It feeds only the misallocation
	// metric; agents do not see it.
	Value value.Config `yaml:"value"`
}

// MemeSpec says which subnets are meme subnets and when they are taken over.
type MemeSpec struct {
	Netuids      []int   `yaml:"netuids"`
	TakeoverDay  float64 `yaml:"takeover_day"`  // before it the subnet is a utility subnet
	HolderMiners int     `yaml:"holder_miners"` // largest holders scored as miners
	// Takeover false makes the run a control arm: nothing happens at takeover_day (the
	// subnet stays a utility subnet), but the day is still observed, so that an arm with
	// the takeover and one without pair up on the same random numbers.
	Takeover bool `yaml:"takeover"`
	// StartRank fixes the rank of the (first) meme subnet's initial emission share among
	// all subnets, 1 = the largest; 0 draws it at random with the others.
	StartRank int `yaml:"start_rank"`
	// PaidHolders says whose alpha the meme's validators score, that is who can be one
	// of its holder_miners: "agents" (the default, also when empty) only the agents'
	// accounts; "cohorts" also the subnet's miner cohort and owner; "all" also its alpha
	// validators' own alpha. Not data: SN28 paid whoever registered and proved holdings,
	// and whether the subnet's earlier miners, owner and validators did is not known.
	// The cohorts hold all of a constructed chain's outstanding alpha at its start
	// (build.go, fund).
	PaidHolders string `yaml:"paid_holders,omitempty"`
}

// Who a meme subnet can pay as miners (MemeSpec.PaidHolders).
const (
	PaidAgents  = "agents"
	PaidCohorts = "cohorts"
	PaidAll     = "all"
)

// What a subnet's validator alpha does at an epoch without alpha validator dividends
// (MechanismSpec.DividendFallback).
const (
	FallbackStake = "stake"
	FallbackNone  = "none"
)

// What counts as a revenue subnet's value (RevenueSpec.Value).
const (
	RevenueValueRevenue = "revenue"
	RevenueValueLatent  = "latent"
)

// revenueValues are the values of subnets.revenue.value.
var revenueValues = []string{RevenueValueRevenue, RevenueValueLatent}

// dividendFallbacks are the values of mechanism.dividend_fallback.
var dividendFallbacks = []string{FallbackStake, FallbackNone}

// paidHolderModes are the values of subnets.meme.paid_holders.
var paidHolderModes = []string{PaidAgents, PaidCohorts, PaidAll}

// RevenueSpec says which subnets earn exogenous revenue and how they buy back.
type RevenueSpec struct {
	Netuids []int `yaml:"netuids"`
	// BuybackFraction is the share of the subnet's net mining revenue that buys back its
	// alpha at each epoch; the rest pays the miners outside the model.
	BuybackFraction float64 `yaml:"buyback_fraction"`
	Burn            bool    `yaml:"burn"` // burn the bought alpha (else the treasury holds it)
	// Value says what counts as a revenue subnet's value wherever the run reads values
	// (the misallocation metric, the assessed-value designs, the value investors):
	// "revenue" (the default, also when empty) its net mining revenue; "latent" its
	// latent value, as if it were a utility subnet, the view that mining revenue is not
	// the value a subnet adds to the network (the seed article's "price is not value").
	// Not data: which view is right is the question, so it is an axis.
	Value string `yaml:"value,omitempty"`
	// Mining is the revenue: Bitcoin mining, hashrate share × block reward × BTC price in
	// TAO, net of costs (package mining; its doc.go gives each field's default and
	// source). Every revenue subnet mines with this configuration and they share one BTC
	// price path.
	Mining mining.Config `yaml:"mining"`
}

// CapitalSpec is a distribution of initial capital in TAO.
type CapitalSpec struct {
	Dist  string  `yaml:"dist"`  // "pareto" (min, alpha) or "fixed" (min)
	Min   float64 `yaml:"min"`   // scale: smallest capital, TAO
	Alpha float64 `yaml:"alpha"` // Pareto tail index
}

// AgentsSpec is the agent population.
type AgentsSpec struct {
	Speculators    SpeculatorsSpec    `yaml:"speculators"`
	YieldStakers   YieldStakersSpec   `yaml:"yield_stakers"`
	Arbitrageurs   ArbitrageursSpec   `yaml:"arbitrageurs"`
	Noise          NoiseSpec          `yaml:"noise"`
	ValueInvestors ValueInvestorsSpec `yaml:"value_investors"`
	RootValidators RootValidatorsSpec `yaml:"root_validators"`
}

// SpeculatorsSpec is the speculator population; Arrival, how it enters (arrivals.go).
type SpeculatorsSpec struct {
	Count           int             `yaml:"count"`
	Capital         CapitalSpec     `yaml:"capital"`
	PriceProtection PriceProtection `yaml:"price_protection"` // price-limit orders (orders.go)
	Arrival         arrival.Config  `yaml:"arrival"`
	// ThresholdSpread s > 0 gives each speculator its own exit thresholds: its stop_loss,
	// take_profit and quit_drawdown are the class's times independent factors uniform on
	// [1 − s, 1 + s] (stream "thresholds"; population.go). 0 (the default): one threshold
	// for all, as before the option.
	ThresholdSpread float64 `yaml:"threshold_spread,omitempty"`
	// LookbackMaxDays L > lookback_days gives each speculator its own momentum window: a
	// whole number of days uniform on [lookback_days, L] (stream "lookbacks";
	// population.go). 0 (the default): one window for all, lookback_days.
	LookbackMaxDays         int `yaml:"lookback_max_days,omitempty"`
	agents.SpeculatorParams `yaml:",inline"`
}

// YieldStakersSpec is the yield-staker population.
type YieldStakersSpec struct {
	Count                    int             `yaml:"count"`
	Capital                  CapitalSpec     `yaml:"capital"`
	PriceProtection          PriceProtection `yaml:"price_protection"` // price-limit orders (orders.go)
	Arrival                  arrival.Config  `yaml:"arrival"`
	agents.YieldStakerParams `yaml:",inline"`
}

// ArbitrageursSpec is the arbitrageur population.
type ArbitrageursSpec struct {
	Count                    int             `yaml:"count"`
	Capital                  CapitalSpec     `yaml:"capital"`
	PriceProtection          PriceProtection `yaml:"price_protection"` // price-limit orders (orders.go)
	agents.ArbitrageurParams `yaml:",inline"`
}

// NoiseSpec is the noise-trader population.
type NoiseSpec struct {
	Count              int             `yaml:"count"`
	Capital            CapitalSpec     `yaml:"capital"`
	PriceProtection    PriceProtection `yaml:"price_protection"` // price-limit orders (orders.go)
	agents.NoiseParams `yaml:",inline"`
}

// ValueInvestorsSpec is the value-investor population (none by default).
type ValueInvestorsSpec struct {
	Count                      int             `yaml:"count"`
	Capital                    CapitalSpec     `yaml:"capital"`
	PriceProtection            PriceProtection `yaml:"price_protection"` // price-limit orders (orders.go)
	agents.ValueInvestorParams `yaml:",inline"`
}

// RootValidatorsSpec is the root validators: how many, and the intervening ones.
type RootValidatorsSpec struct {
	Count int `yaml:"count"`
	// Policy of the intervening group: "intervene" or "passive" (no intervention).
	Policy string `yaml:"policy"`
	// InterveneShare is the share of root stake held by the validators that intervene.
	InterveneShare float64 `yaml:"intervene_share"`
	// Detect is how root flags a subnet (docs/agents.md): "weights" (its weights follow
	// its miners' holdings), "pump" (a price pump without revenue) or "timer" (a meme
	// subnet at its takeover). The delay is drawn from stream "detection:<netuid>".
	Detect              string  `yaml:"detect"`
	DetectionDelayDays  float64 `yaml:"detection_delay_days"`  // mean days from flag to decision
	DetectionDelayDist  string  `yaml:"detection_delay_dist"`  // "fixed", "exponential" or "gamma"
	DetectionDelayShape float64 `yaml:"detection_delay_shape"` // gamma shape k: CV 1/√k
	HoldingsCorrelation float64 `yaml:"holdings_correlation"`  // "weights": correlation that flags
	MaterialityShare    float64 `yaml:"materiality_share"`     // "weights", "pump": min emission share
	PumpFactor          float64 `yaml:"pump_factor"`           // detect "pump": price rise factor
	PumpDays            int     `yaml:"pump_days"`             // detect "pump": over this many days
}

// MetricsSpec holds the thresholds of the capture and intervention metrics
// (docs/schema.md).
type MetricsSpec struct {
	Theta             float64 `yaml:"theta"`               // meme share threshold θ
	MinDays           float64 `yaml:"min_days"`            // D: days above θ that make a capture
	TopK              int     `yaml:"top_k"`               // rank capture: top k by emission share
	SuccessWindowDays float64 `yaml:"success_window_days"` // W: intervention success window
}

// Defaults returns a complete default scenario: 64 subnets at the launch state with one
// meme subnet (netuid 28) taken over after 7 days, a default population, the launch
// preset, 30 days. Every field a scenario file leaves out keeps this value.
func Defaults() Scenario {
	return Scenario{
		Name: "default", Seed: 1, Days: 30, RecordEvery: 600,
		Chain:     ChainSpec{TaoIssuance: 8e6, RootStake: 5e6},
		Mechanism: MechanismSpec{Preset: launchPreset, LaunchMovingAlpha: market.MovingAlphaLaunch},
		Subnets: SubnetsSpec{
			Count: 64, Init: "launch", SnapshotRules: snapshot.DefaultRules(), EmissionSkew: 1, IssuancePerBlock: 1.8, PoolShare: 0.4, PriceSum: 2, FlowEMAInit: "zero",
			Validators: 3, Miners: 8,
			Utility: UtilitySpec{QualitySigma: 0.5, ScoreNoise: 0.1, MinerSell: 0.5, ValidatorSell: 0.2, OwnerSell: 0.1, Value: value.Defaults()},
			Meme:    MemeSpec{Netuids: []int{28}, TakeoverDay: 7, HolderMiners: 32, Takeover: true},
			Revenue: RevenueSpec{BuybackFraction: 0.5, Mining: mining.Defaults()},
		},
		Agents: AgentsSpec{
			Speculators:    SpeculatorsSpec{Count: 400, Capital: CapitalSpec{Dist: "pareto", Min: 300, Alpha: 1.5}, PriceProtection: clientProtection(), Arrival: arrival.Speculators(), SpeculatorParams: agents.DefaultSpeculator()},
			YieldStakers:   YieldStakersSpec{Count: 50, Capital: CapitalSpec{Dist: "pareto", Min: 1000, Alpha: 1.5}, PriceProtection: offProtection(), Arrival: arrival.YieldStakers(), YieldStakerParams: agents.DefaultYieldStaker()},
			Arbitrageurs:   ArbitrageursSpec{Count: 5, Capital: CapitalSpec{Dist: "fixed", Min: 20000}, PriceProtection: offProtection(), ArbitrageurParams: agents.DefaultArbitrageur()},
			Noise:          NoiseSpec{Count: 100, Capital: CapitalSpec{Dist: "pareto", Min: 50, Alpha: 2}, PriceProtection: offProtection(), NoiseParams: agents.DefaultNoise()},
			ValueInvestors: ValueInvestorsSpec{Count: 0, Capital: CapitalSpec{Dist: "fixed", Min: 10000}, PriceProtection: offProtection(), ValueInvestorParams: agents.DefaultValueInvestor()},
			RootValidators: RootValidatorsSpec{Count: 4, Policy: "passive", InterveneShare: 0.6, Detect: "weights", DetectionDelayDays: 3, DetectionDelayDist: "gamma", DetectionDelayShape: 4, HoldingsCorrelation: 0.9, PumpFactor: 3, PumpDays: 3},
		},
		Metrics: MetricsSpec{Theta: 0.1, MinDays: 7, TopK: 10, SuccessWindowDays: 7},
	}
}

// Params resolves a preset with overrides into mechanism parameters; path names the
// YAML location for errors. The scenario's chain.tao_issuance overrides the preset's,
// and under launch_2025_02 mechanism.launch_moving_alpha replaces the preset's
// moving_alpha before the overrides apply.
func (s *Scenario) Params(preset string, overrides map[string]any, path string) (market.Params, error) {
	p, err := presetParams(preset)
	if err != nil {
		return p, ferr(path+".preset", "%v", err)
	}
	if preset == launchPreset {
		p.MovingAlpha = s.Mechanism.LaunchMovingAlpha
	}
	keys := make([]string, 0, len(overrides))
	for k := range overrides {
		keys = append(keys, k)
	}
	sortStrings(keys)
	for _, k := range keys {
		v := overrides[k]
		if n, ok := v.(int); ok { // YAML integers
			v = float64(n)
		}
		if err := p.SetParam(k, v); err != nil {
			return p, ferr(path+".params."+k, "%v", strings.TrimPrefix(err.Error(), "market: "))
		}
	}
	p.TaoIssuance = s.Chain.TaoIssuance
	return p, nil
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
