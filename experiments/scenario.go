package experiments

import (
	"fmt"
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
	Name        string        `yaml:"name"`
	Description string        `yaml:"description"`
	Seed        uint64        `yaml:"seed"`         // master seed when the command line gives none
	Days        float64       `yaml:"days"`         // horizon in days (7200 blocks a day)
	RecordEvery int           `yaml:"record_every"` // blocks between series rows
	Chain       ChainSpec     `yaml:"chain"`
	Mechanism   MechanismSpec `yaml:"mechanism"`
	Subnets     SubnetsSpec   `yaml:"subnets"`
	Agents      AgentsSpec    `yaml:"agents"`
	Metrics     MetricsSpec   `yaml:"metrics"`
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
	StakeRules     `yaml:",inline"`
	Assessment     AssessmentSpec `yaml:"assessment,omitempty"`     // omitted when zero: spec hashes of older scenarios stay
	Deregistration DeregSpec      `yaml:"deregistration,omitempty"` // registrations prune subnets (dereg.go); design_dereg sets its own
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
}

// RevenueSpec says which subnets earn exogenous revenue and how they buy back.
type RevenueSpec struct {
	Netuids []int `yaml:"netuids"`
	// BuybackFraction is the share of the subnet's net mining revenue that buys back its
	// alpha at each epoch; the rest pays the miners outside the model.
	BuybackFraction float64 `yaml:"buyback_fraction"`
	Burn            bool    `yaml:"burn"` // burn the bought alpha (else the treasury holds it)
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
	Count                   int             `yaml:"count"`
	Capital                 CapitalSpec     `yaml:"capital"`
	PriceProtection         PriceProtection `yaml:"price_protection,omitempty"` // price-limit orders (orders.go)
	Arrival                 arrival.Config  `yaml:"arrival"`
	agents.SpeculatorParams `yaml:",inline"`
}

// YieldStakersSpec is the yield-staker population.
type YieldStakersSpec struct {
	Count                    int             `yaml:"count"`
	Capital                  CapitalSpec     `yaml:"capital"`
	PriceProtection          PriceProtection `yaml:"price_protection,omitempty"` // price-limit orders (orders.go)
	Arrival                  arrival.Config  `yaml:"arrival"`
	agents.YieldStakerParams `yaml:",inline"`
}

// ArbitrageursSpec is the arbitrageur population.
type ArbitrageursSpec struct {
	Count                    int             `yaml:"count"`
	Capital                  CapitalSpec     `yaml:"capital"`
	PriceProtection          PriceProtection `yaml:"price_protection,omitempty"` // price-limit orders (orders.go)
	agents.ArbitrageurParams `yaml:",inline"`
}

// NoiseSpec is the noise-trader population.
type NoiseSpec struct {
	Count              int             `yaml:"count"`
	Capital            CapitalSpec     `yaml:"capital"`
	PriceProtection    PriceProtection `yaml:"price_protection,omitempty"` // price-limit orders (orders.go)
	agents.NoiseParams `yaml:",inline"`
}

// ValueInvestorsSpec is the value-investor population (none by default).
type ValueInvestorsSpec struct {
	Count                      int             `yaml:"count"`
	Capital                    CapitalSpec     `yaml:"capital"`
	PriceProtection            PriceProtection `yaml:"price_protection,omitempty"` // price-limit orders (orders.go)
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

// MetricsSpec holds the thresholds of the capture and intervention metrics (DESIGN.md §6).
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
			Speculators:    SpeculatorsSpec{Count: 400, Capital: CapitalSpec{Dist: "pareto", Min: 300, Alpha: 1.5}, PriceProtection: offProtection(), Arrival: arrival.Speculators(), SpeculatorParams: agents.DefaultSpeculator()},
			YieldStakers:   YieldStakersSpec{Count: 50, Capital: CapitalSpec{Dist: "pareto", Min: 1000, Alpha: 1.5}, PriceProtection: offProtection(), Arrival: arrival.YieldStakers(), YieldStakerParams: agents.DefaultYieldStaker()},
			Arbitrageurs:   ArbitrageursSpec{Count: 5, Capital: CapitalSpec{Dist: "fixed", Min: 20000}, PriceProtection: offProtection(), ArbitrageurParams: agents.DefaultArbitrageur()},
			Noise:          NoiseSpec{Count: 100, Capital: CapitalSpec{Dist: "pareto", Min: 50, Alpha: 2}, PriceProtection: offProtection(), NoiseParams: agents.DefaultNoise()},
			ValueInvestors: ValueInvestorsSpec{Count: 0, Capital: CapitalSpec{Dist: "fixed", Min: 10000}, PriceProtection: offProtection(), ValueInvestorParams: agents.DefaultValueInvestor()},
			RootValidators: RootValidatorsSpec{Count: 4, Policy: "passive", InterveneShare: 0.6, Detect: "weights", DetectionDelayDays: 3, DetectionDelayDist: "gamma", DetectionDelayShape: 4, HoldingsCorrelation: 0.9, PumpFactor: 3, PumpDays: 3},
		},
		Metrics: MetricsSpec{Theta: 0.1, MinDays: 7, TopK: 10, SuccessWindowDays: 7},
	}
}

// fieldError is a validation error at a YAML path (e.g. "agents.speculators.count").
type fieldError struct {
	path string
	msg  string
}

func (e *fieldError) Error() string { return e.path + ": " + e.msg }

func ferr(path, format string, args ...any) error {
	return &fieldError{path: path, msg: fmt.Sprintf(format, args...)}
}

// subErr turns a package's validation error "field: message" into a field error at
// prefix.field (nil stays nil), so that it names the full path and its line.
func subErr(prefix string, err error) error {
	if err == nil {
		return nil
	}
	field, msg, ok := strings.Cut(err.Error(), ": ")
	if !ok {
		return ferr(prefix, "%v", err)
	}
	return ferr(prefix+"."+field, "%s", msg)
}

// Validate checks every field and returns the first error, naming the field's path.
// It also resolves the mechanism (preset plus overrides) so that bad overrides fail here.
func (s *Scenario) Validate() error {
	if s.Subnets.Init == "snapshot" {
		snap, err := loadSnapshot(s.Subnets.Snapshot)
		if err != nil {
			return err
		}
		s.Subnets.Count = len(snap.Subnets)
	}
	checks := []error{
		pos("days", s.Days), count("record_every", s.RecordEvery, 1, 1<<30),
		nonneg("chain.tao_issuance", s.Chain.TaoIssuance), nonneg("chain.root_stake", s.Chain.RootStake),
		nonneg("chain.age_days", s.Chain.AgeDays),
		count("subnets.count", s.Subnets.Count, 1, 1024),
		nonneg("subnets.emission_skew", s.Subnets.EmissionSkew),
		pos("subnets.issuance_per_block", s.Subnets.IssuancePerBlock), frac("subnets.pool_share", s.Subnets.PoolShare),
		pos("subnets.price_sum", s.Subnets.PriceSum),
		count("subnets.validators", s.Subnets.Validators, 1, 64), count("subnets.miners", s.Subnets.Miners, 1, 256),
		nonneg("subnets.utility.quality_sigma", s.Subnets.Utility.QualitySigma), nonneg("subnets.utility.score_noise", s.Subnets.Utility.ScoreNoise),
		frac("subnets.utility.miner_sell", s.Subnets.Utility.MinerSell), frac("subnets.utility.validator_sell", s.Subnets.Utility.ValidatorSell),
		frac("subnets.utility.owner_sell", s.Subnets.Utility.OwnerSell),
		nonneg("subnets.meme.takeover_day", s.Subnets.Meme.TakeoverDay), count("subnets.meme.holder_miners", s.Subnets.Meme.HolderMiners, 1, 256),
		frac("subnets.revenue.buyback_fraction", s.Subnets.Revenue.BuybackFraction),
		count("subnets.meme.start_rank", s.Subnets.Meme.StartRank, 0, s.Subnets.Count),
		frac("metrics.theta", s.Metrics.Theta), pos("metrics.min_days", s.Metrics.MinDays), count("metrics.top_k", s.Metrics.TopK, 1, 1024),
		pos("metrics.success_window_days", s.Metrics.SuccessWindowDays),
	}
	if a := s.Mechanism.LaunchMovingAlpha; !(a >= 0 && a <= 1) {
		checks = append(checks, ferr("mechanism.launch_moving_alpha", "expected a coefficient per block in [0, 1] (%v at launch, %v since 2025), got %v",
			market.MovingAlphaLaunch, market.MovingAlphaRaised, a))
	}
	checks = append(checks, s.Mechanism.Assessment.validate(), s.Mechanism.StakeRules.validate("mechanism"), s.Mechanism.Deregistration.validate("mechanism.deregistration"), subErr("subnets.utility.value", s.Subnets.Utility.Value.Validate()),
		subErr("subnets.revenue.mining", s.Subnets.Revenue.Mining.Validate()),
		subErr("subnets.snapshot_rules", s.Subnets.SnapshotRules.Validate()))
	for _, err := range checks {
		if err != nil {
			return err
		}
	}
	if s.Days*agents.BlocksPerDay > 1e9 {
		return ferr("days", "expected at most %v days, got %v", 1e9/agents.BlocksPerDay, s.Days)
	}
	if err := s.validateSubnets(); err != nil {
		return err
	}
	if err := s.validateMechanism(); err != nil {
		return err
	}
	if err := s.validateAgents(); err != nil {
		return err
	}
	return s.Agents.RootValidators.validate()
}

// validateSubnets checks the initial state's kind against the chain's age and start
// rank, and the meme and revenue netuids.
func (s *Scenario) validateSubnets() error {
	switch s.Subnets.Init {
	case "launch":
		if s.Chain.AgeDays != 0 {
			return ferr("chain.age_days", "expected 0 with subnets.init \"launch\", got %v (use init \"aged\")", s.Chain.AgeDays)
		}
	case "aged":
	case "snapshot":
		if s.Chain.AgeDays != 0 {
			return ferr("chain.age_days", "expected 0 with subnets.init \"snapshot\" (the file gives each subnet's age), got %v", s.Chain.AgeDays)
		}
		if s.Subnets.Meme.StartRank != 0 {
			return ferr("subnets.meme.start_rank", "expected 0 with subnets.init \"snapshot\" (the file fixes every subnet's rank), got %d", s.Subnets.Meme.StartRank)
		}
	default:
		return ferr("subnets.init", "expected \"launch\", \"aged\" or \"snapshot\", got %q", s.Subnets.Init)
	}
	if f := s.Subnets.FlowEMAInit; f != "zero" && f != "price" {
		return ferr("subnets.flow_ema_init", "expected \"zero\" or \"price\", got %q", f)
	}
	seen := map[int]string{}
	for k, u := range s.Subnets.Meme.Netuids {
		if u < 1 || u > s.Subnets.Count {
			return ferr(fmt.Sprintf("subnets.meme.netuids[%d]", k), "expected a netuid in [1, %d], got %d", s.Subnets.Count, u)
		}
		seen[u] = "meme"
	}
	if s.Subnets.Meme.StartRank > 0 && len(s.Subnets.Meme.Netuids) == 0 {
		return ferr("subnets.meme.start_rank", "expected 0 when there is no meme subnet (subnets.meme.netuids is empty)")
	}
	for k, u := range s.Subnets.Revenue.Netuids {
		path := fmt.Sprintf("subnets.revenue.netuids[%d]", k)
		if u < 1 || u > s.Subnets.Count {
			return ferr(path, "expected a netuid in [1, %d], got %d", s.Subnets.Count, u)
		}
		if seen[u] == "meme" {
			return ferr(path, "netuid %d is already a meme subnet", u)
		}
	}
	return nil
}

// validateMechanism resolves the preset with its overrides and every scheduled switch.
func (s *Scenario) validateMechanism() error {
	if _, err := s.Params(s.Mechanism.Preset, s.Mechanism.Params, "mechanism"); err != nil {
		return err
	}
	if _, err := s.Yuma(s.Mechanism.Preset, s.Mechanism.Yuma, "mechanism"); err != nil {
		return err
	}
	last := 0.0
	for k, sw := range s.Mechanism.Schedule {
		path := fmt.Sprintf("mechanism.schedule[%d]", k)
		if !(sw.Day >= last) || sw.Day > s.Days {
			return ferr(path+".day", "expected a day in [%v, %v] (schedule in day order, within the horizon), got %v", last, s.Days, sw.Day)
		}
		last = sw.Day
		if _, err := s.Params(sw.Preset, sw.Params, path); err != nil {
			return err
		}
		if _, err := s.Yuma(sw.Preset, sw.Yuma, path); err != nil {
			return err
		}
	}
	return nil
}

// validateAgents checks every agent class's count, capital, price-limit tolerance and
// parameters.
func (s *Scenario) validateAgents() error {
	for _, c := range []struct {
		path string
		n    int
		cap  CapitalSpec
	}{
		{"agents.speculators", s.Agents.Speculators.Count, s.Agents.Speculators.Capital},
		{"agents.yield_stakers", s.Agents.YieldStakers.Count, s.Agents.YieldStakers.Capital},
		{"agents.arbitrageurs", s.Agents.Arbitrageurs.Count, s.Agents.Arbitrageurs.Capital},
		{"agents.noise", s.Agents.Noise.Count, s.Agents.Noise.Capital},
		{"agents.value_investors", s.Agents.ValueInvestors.Count, s.Agents.ValueInvestors.Capital},
	} {
		if err := count(c.path+".count", c.n, 0, 1<<20); err != nil {
			return err
		}
		if err := c.cap.validate(c.path + ".capital"); err != nil {
			return err
		}
	}
	sp := s.Agents.Speculators.SpeculatorParams
	for _, err := range []error{
		nonneg("agents.speculators.rate_per_day", sp.RatePerDay), count("agents.speculators.lookback_days", sp.LookbackDays, 1, 30),
		frac("agents.speculators.entry_fraction", sp.EntryFraction), count("agents.speculators.max_positions", sp.MaxPositions, 1, 1024),
		frac("agents.speculators.stop_loss", sp.StopLoss), pos("agents.speculators.take_profit", sp.TakeProfit),
		frac("agents.speculators.yield_exit", sp.YieldExit), nonneg("agents.speculators.yield_weight", sp.YieldWeight),
		frac("agents.speculators.herding", sp.Herding), count("agents.speculators.sample", sp.Sample, 1, 1024),
		nonneg("agents.speculators.rotate_margin", sp.RotateMargin),
		nonneg("agents.speculators.vol_target", sp.VolTarget), count("agents.speculators.vol_days", sp.VolDays, 0, historyDays-1),
		fracBelow1("agents.speculators.quit_drawdown", sp.QuitDrawdown),
		subErr("agents.speculators.arrival", s.Agents.Speculators.Arrival.Validate()), subErr("agents.yield_stakers.arrival", s.Agents.YieldStakers.Arrival.Validate()),
		nonneg("agents.yield_stakers.rate_per_day", s.Agents.YieldStakers.RatePerDay),
		pos("agents.yield_stakers.horizon_days", s.Agents.YieldStakers.HorizonDays),
		nonneg("agents.yield_stakers.switch_margin", s.Agents.YieldStakers.SwitchMargin),
		s.Agents.Arbitrageurs.validate(), s.Agents.ValueInvestors.validate(),
		nonneg("agents.noise.rate_per_day", s.Agents.Noise.RatePerDay), frac("agents.noise.trade_fraction", s.Agents.Noise.TradeFraction),
		s.Agents.validateProtection(),
	} {
		if err != nil {
			return err
		}
	}
	return nil
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
