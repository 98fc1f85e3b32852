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
const SchemaVersion = "1"

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
// per-run metrics of DESIGN.md §6.
type RunRow struct {
	RunKey
	Scenario  string
	Mechanism string // preset at the start
	Axes      string // the cell's axis values as "name=value;name=value" (empty for a single run)
	Blocks    int64  // horizon in blocks

	Captured            bool    // meme subnets together held ≥ θ of emission for ≥ D days
	CaptureBlock        int64   // first block at which the capture condition was met; -1 if none
	CaptureDay          float64 // days from the start to CaptureBlock; NaN if none
	RankCaptured        bool    // a meme subnet was in the top k by emission share for ≥ D days
	RankCaptureBlock    int64   // -1 if none
	PeakMemeShare       float64 // highest combined meme emission share at any block
	MeanMemeShare       float64 // time-average combined meme emission share
	CumMemeTAO          float64 // TAO emitted to meme subnets over the run
	CumTAO              float64 // TAO emitted to all subnets over the run
	Intervened          bool
	InterventionBlock   int64   // -1 if none
	InterventionDay     float64 // NaN if none
	RootShareAtInterv   float64 // root validators' Yuma stake share in the meme subnet at the intervention; NaN if none
	MemeShareAtInterv   float64 // combined meme emission share at the intervention; NaN if none
	HolderIncentive     float64 // holders' share of the miner incentive at the meme subnet's first epoch after the intervention (0: clipped); NaN if none
	Drawdown24h         float64 // 1 − price 24 h after the intervention / price at it; NaN if none
	InterventionSuccess bool    // meme share fell below θ within W days of the intervention
	FinalMemeShare      float64
	MeanHHI             float64 // time-average Herfindahl–Hirschman index of the subnets' emission shares, Σ s_i²
	FinalHHI            float64 // HHI at the last block
	FinalRootPropMean   float64 // mean root proportion over subnets at the end
	PnLSpeculators      float64 // TAO, final wealth marked to market minus initial capital
	PnLYieldStakers     float64
	PnLArbitrageurs     float64
	PnLNoise            float64
	PnLRootValidators   float64
	PnLSubnetCohorts    float64 // miners, validators and owners of utility and revenue subnets
	Actions             int64   // agent actions executed
}
