// Package record writes a run's outputs as zstd-compressed Parquet files that DuckDB,
// pandas and Arrow read directly: the time series per subnet, the events, and one summary
// row per run. The same tables serve `dtaosim run` (one run) and `dtaosim sweep` (many
// runs, one file per run so that a crash loses only the runs in flight).
//
// Every row carries the run's key (cell, replicate, seed), so files from many runs can be
// globbed together. Every file carries key-value metadata (spec hash, master seed, tool
// version, schema version, …) given by the caller.
package record

// SchemaVersion is written into every file's metadata as "schema_version". Bump it when a
// column is added, removed, renamed or changes meaning, and document the change in
// docs/schema.md.
const SchemaVersion = "7"

// RunKey identifies a run inside an experiment.
type RunKey struct {
	Cell      int32  // grid cell index (0 for a single run)
	Replicate int32  // replicate index within the cell (0 for a single run)
	Seed      uint64 // the run's master seed
}

// SeriesRow is one subnet at one recorded block. Amounts are in tokens (TAO or alpha),
// prices in TAO per alpha.
type SeriesRow struct {
	RunKey
	Block            int64   // absolute block number
	Day              float64 // days since the run started (7200 blocks a day)
	Netuid           int32
	Kind             string  // subnet kind: "utility", "revenue", "meme"
	Mechanism        string  // mechanism preset in force
	Price            float64 // spot price
	MovingPrice      float64 // EMA price
	TaoReserve       float64
	AlphaReserve     float64
	AlphaOutstanding float64
	AlphaIssuance    float64
	EmissionShare    float64 // share of this block's TAO emission, in [0, 1]
	TaoEmission      float64 // TAO allocated this block
	RootProp         float64 // root proportion ρ = w·R/(w·R + issuance)
	RootStakeShare   float64 // root validators' share of Yuma stake in the subnet at its last epoch
	HolderAlpha      float64 // alpha held by agents (not pools, not pending)
	SpeculatorAlpha  float64 // of it, held by speculators
	YieldStakerAlpha float64 // of it, held by yield stakers
	Speculators      int32   // speculators holding the subnet's alpha
	YieldStakers     int32   // yield stakers holding the subnet's alpha
	FlowEMA          float64 // EMA of user TAO flow, TAO per block
	TaoIssuance      float64 // chain-wide TAO issuance
	RootTAO          float64 // chain-wide TAO staked on root
}

// EventRow is one event of a run.
type EventRow struct {
	RunKey
	Block  int64
	Day    float64
	Type   string  // "takeover", "capture_start", "capture", "capture_end", "intervention", "intervention_success", "halving", "preset_switch", …
	Netuid int32   // -1 when the event is chain-wide
	Value  float64 // event-specific number (documented per type in docs/schema.md)
	Detail string  // event-specific text
}

// RunRow is the summary of one run: its key, the values of the grid axes, and the
// per-run metrics of docs/schema.md.
type RunRow struct {
	RunKey
	Scenario  string
	Mechanism string // preset at the start
	Axes      string // the cell's axis values as "name=value;name=value" (empty for a single run)
	Blocks    int64  // horizon in blocks

	// The takeover and the meme subnet's position before it (docs/schema.md).
	Takeover            bool    // a meme takeover happened (false in a control arm)
	TakeoverBlock       int64   // block of the takeover (or of the control arm's would-be takeover); -1 if none
	MemeStartRank       int32   // rank of the meme subnet's initial emission share among all subnets (1 = largest); 0 if none
	MemeShareAtTakeover float64 // combined meme emission share at TakeoverBlock; NaN if none
	MemeRankAtTakeover  int32   // best rank of a meme subnet by emission share at TakeoverBlock; 0 if none
	InTopKAtTakeover    bool    // a meme subnet was already in the top k at the takeover: never counted as a rank capture
	AtThetaAtTakeover   bool    // the combined meme share was already ≥ θ at the takeover: never counted as a capture
	CaptureMinDays      float64 // D: days the share must hold ≥ θ to count as a capture
	MemePriceAtTakeover float64 // price of the (first) meme subnet at TakeoverBlock; NaN if none
	PeakMemePrice       float64 // its highest price from TakeoverBlock on; NaN if none
	FinalMemePrice      float64 // its price at the end; NaN if no meme subnet

	Captured         bool    // from below θ at the takeover, meme subnets together then held ≥ θ of emission for ≥ D days
	CaptureBlock     int64   // first block of the run of blocks ≥ θ that made the capture; -1 if none
	CaptureDay       float64 // days from the start to CaptureBlock; NaN if none
	RankCaptured     bool    // from outside the top k at the takeover, a meme subnet then stayed in the top k by emission share for ≥ D days
	RankCaptureBlock int64   // -1 if none
	PeakMemeShare    float64 // highest combined meme emission share at any block
	MeanMemeShare    float64 // time-average combined meme emission share
	CumMemeTAO       float64 // TAO emitted to meme subnets over the run
	CumTAO           float64 // TAO emitted to all subnets over the run

	// The root validators' decision to intervene, recorded in every policy arm so that arms
	// pair: DecisionBlock is when the intervening validators act, or would act under the
	// passive policy (same detection rule, no action).
	DecisionBlock        int64   // -1 if the decision never came
	DecisionDay          float64 // days from the start to DecisionBlock; NaN if none
	MemeShareAtDecision  float64 // combined meme emission share at DecisionBlock; NaN if none
	MemeShareAfter       float64 // mean combined meme emission share over the success window after DecisionBlock (to the end if shorter); NaN if none
	PriceChange24h       float64 // meme price 24 h after DecisionBlock / price at it − 1; NaN if none or the run ended first
	MemeTAOAfter         float64 // TAO emitted to meme subnets from DecisionBlock to the end; NaN if none
	Intervened           bool
	InterventionBlock    int64   // -1 if none
	InterventionDay      float64 // NaN if none
	RootShareAtInterv    float64 // root validators' Yuma stake share in the meme subnet at the intervention; NaN if none
	MemeShareAtInterv    float64 // combined meme emission share at the intervention; NaN if none
	HolderIncentive      float64 // holders' share of the miner incentive at the meme subnet's first epoch after the intervention (0: clipped); NaN if none
	Drawdown24h          float64 // 1 − price 24 h after the intervention / price at it; NaN if none
	InterventionSuccess  float64 // 1 if the meme share, ≥ θ at the intervention, stayed below θ for the whole window after it, else 0; NaN if below θ at the intervention or none
	FinalMemeShare       float64
	MeanHHI              float64 // time-average Herfindahl–Hirschman index of the subnets' emission shares, Σ s_i²
	FinalHHI             float64 // HHI at the last block
	Misallocation        float64 // time-mean over blocks of ½Σ|emission share − value share| (0: emission follows value); NaN if never defined
	FinalMisallocation   float64 // misallocation at the last block; NaN if undefined there
	MeanRevenueShare     float64 // time-mean of the revenue subnets' combined emission share; NaN without revenue subnets
	FinalRevenueShare    float64 // the revenue subnets' combined emission share at the last block; NaN without revenue subnets
	MemeTAOSpeculators   float64 // daily mean from the takeover of the TAO value of the speculators' meme alpha; NaN if no snapshot after it
	MemeTAOYieldStakers  float64 // as MemeTAOSpeculators, the yield stakers'
	MemeYieldStakers     float64 // daily mean from the takeover of the yield stakers holding meme alpha, summed over meme subnets; NaN if no snapshot after it
	FinalRootPropMean    float64 // mean root proportion over subnets at the end
	PnLSpeculators       float64 // TAO, final wealth marked to market minus initial capital
	PnLYieldStakers      float64
	PnLArbitrageurs      float64
	PnLNoise             float64
	PnLValueInvestors    float64
	PnLRootValidators    float64
	PnLSubnetCohorts     float64 // miners, validators and owners of utility and revenue subnets
	Actions              int64   // agent actions executed
	VolumeSpeculators    float64 // TAO traded by speculators: paid for buys plus received for sells
	TradesSpeculators    int64   // speculators' orders executed
	VolumeYieldStakers   float64 // as VolumeSpeculators
	TradesYieldStakers   int64
	VolumeArbitrageurs   float64
	TradesArbitrageurs   int64
	VolumeNoise          float64
	TradesNoise          int64
	VolumeValueInvestors float64
	TradesValueInvestors int64

	// AxisValues are the cell's values on the experiment's axes, written as typed columns
	// (WithAxes) after the fixed ones; nil for a single run.
	AxisValues []AxisValue `record:"-"`
}
