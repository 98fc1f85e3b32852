package market

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
)

// ShareRule selects how the block's TAO emission is split between subnets (spec §4).
type ShareRule uint8

// Share rules.
const (
	// SharePriceEMA: s_i = m_i/Σm (spec §4.1, launch to 2025-11-04).
	SharePriceEMA ShareRule = iota
	// SharePriceEMABurn: s_i ∝ (m_i/Σm)·(1−min(B_i,1)), optionally ×ρ_i (spec §4.5, §4.6).
	SharePriceEMABurn
	// ShareTaoFlow: s_i ∝ max(S_i−L,0)^p over EMAs of user TAO flow (spec §4.3).
	ShareTaoFlow
	// ShareNetTaoFlow: as ShareTaoFlow on user flow minus normalised protocol flow (spec §4.4).
	ShareNetTaoFlow
)

// InjectionRule selects how a subnet's TAO emission becomes pool liquidity (spec §7.3).
type InjectionRule uint8

// Injection rules.
const (
	// InjectLaunch: tao_in = e_i, alpha_in = min(e_i/p_i, a_i) (spec §7.3a).
	InjectLaunch InjectionRule = iota
	// InjectSubsidy: below-share subnets inject at price and chain-buy the rest (spec §7.3b).
	InjectSubsidy
	// InjectCap: alpha_in capped, excess TAO chain-buys alpha (spec §7.3c).
	InjectCap
)

// InjectionCap selects the cap of the InjectCap rule (spec §7.3c).
type InjectionCap uint8

// Injection caps.
const (
	CapAlphaEmission InjectionCap = iota // a_i (2025-11-06 to 2025-12-12)
	CapMinAlphaTao                       // min(a_i, E) (2025-12-12 to 2026-06-22)
	CapRootProp                          // ρ_i·a_i (since 2026-06-22)
)

// SubsidyAlphaIn selects the alpha injected by a subsidised subnet (spec §7.3b).
type SubsidyAlphaIn uint8

// Subsidy alpha amounts.
const (
	SubsidyAlphaEmission SubsidyAlphaIn = iota // a_i (2025-07-29 to 2025-09-24)
	SubsidyTaoEmission                         // E (since 2025-09-24)
)

// ChainBuyOrder says whether excess TAO buys alpha before or after the injection (spec §7.3).
type ChainBuyOrder uint8

// Chain-buy orders.
const (
	BuyBeforeInjection ChainBuyOrder = iota
	BuyAfterInjection
)

// BoughtAlpha says what happens to alpha the chain buys with excess TAO (spec §7.3c).
type BoughtAlpha uint8

// Bought-alpha treatments.
const (
	BoughtRecycle BoughtAlpha = iota // removed from issuance (until 2026-06-01)
	BoughtHold                       // held by the protocol, still issued (since 2026-06-01)
)

// RootMode says how root stakers are paid their share of alpha emission (spec §9.3).
type RootMode uint8

// Root payment modes.
const (
	// RootSellPerBlock: root alpha is sold to the pool every block; TAO paid at the epoch.
	RootSellPerBlock RootMode = iota
	// RootClaimSellAtEpoch: root alpha accrues and is sold at the epoch ("Swap" claims).
	RootClaimSellAtEpoch
	// RootClaimKeep: root alpha accrues and is paid as alpha ("Keep" claims).
	RootClaimKeep
)

// EpochRule selects the epoch schedule (spec §8.4).
type EpochRule uint8

// Epoch rules.
const (
	// EpochLegacy: epoch at block b when (b + netuid + 1) mod (tempo + 1) = 0.
	EpochLegacy EpochRule = iota
	// EpochInterval: the first legacy slot, then every tempo blocks.
	EpochInterval
)

// PoolModel selects the AMM of every subnet pool (spec §10).
type PoolModel uint8

// Pool models.
const (
	// PoolCPMM: x·y = k; an off-price injection moves the price (spec §10.1, §10.3).
	PoolCPMM PoolModel = iota
	// PoolBalancer: weighted constant product; injection re-solves weights (spec §10.4).
	PoolBalancer
)

// FeeDestination says where a user trade's fee goes (spec §10).
type FeeDestination uint8

// Fee destinations.
const (
	FeeToPool   FeeDestination = iota // stays in the reserve
	FeeToAuthor                       // leaves the system (block author)
)

var (
	shareRuleNames      = []string{"price_ema", "price_ema_burn", "tao_flow", "net_tao_flow"}
	injectionRuleNames  = []string{"launch", "subsidy", "cap"}
	injectionCapNames   = []string{"alpha_emission", "min_alpha_tao", "root_prop"}
	subsidyAlphaInNames = []string{"alpha_emission", "tao_emission"}
	chainBuyOrderNames  = []string{"before_injection", "after_injection"}
	boughtAlphaNames    = []string{"recycle", "hold"}
	rootModeNames       = []string{"sell_per_block", "claim_sell_at_epoch", "claim_keep"}
	epochRuleNames      = []string{"legacy", "interval"}
	poolModelNames      = []string{"cpmm", "balancer"}
	feeDestinationNames = []string{"pool", "author"}
)

func enumString(names []string, v uint8) string {
	if int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("invalid(%d)", v)
}

func (r ShareRule) String() string      { return enumString(shareRuleNames, uint8(r)) }
func (r InjectionRule) String() string  { return enumString(injectionRuleNames, uint8(r)) }
func (r InjectionCap) String() string   { return enumString(injectionCapNames, uint8(r)) }
func (r SubsidyAlphaIn) String() string { return enumString(subsidyAlphaInNames, uint8(r)) }
func (r ChainBuyOrder) String() string  { return enumString(chainBuyOrderNames, uint8(r)) }
func (r BoughtAlpha) String() string    { return enumString(boughtAlphaNames, uint8(r)) }
func (r RootMode) String() string       { return enumString(rootModeNames, uint8(r)) }
func (r EpochRule) String() string      { return enumString(epochRuleNames, uint8(r)) }
func (r PoolModel) String() string      { return enumString(poolModelNames, uint8(r)) }
func (r FeeDestination) String() string { return enumString(feeDestinationNames, uint8(r)) }

// Params is the complete set of mechanism switches and constants of one chain version.
// Every preset (see Presets) sets every field; replay.md §Parameters names them.
type Params struct {
	TaoIssuance         float64        // TAO issued before the first block, TAO (drives halving, spec §6)
	Tempo               int            // blocks per epoch (spec §8.4)
	OwnerCut            float64        // owner share of alpha_out, fraction (spec §8.1)
	TaoWeight           float64        // weight w of root TAO against alpha, fraction (spec §9.1)
	MovingAlpha         float64        // base EMA coefficient of the moving price, per block (spec §5)
	EMAHalvingBlocks    float64        // warm-up h in α·b/(b+h), blocks; 0 disables warm-up (spec §5)
	EMAPriceCap         float64        // spot price clamp before the EMA, TAO/alpha; +Inf = no clamp (spec §5)
	ShareRule           ShareRule      // spec §4
	ShareRootPropWeight bool           // with SharePriceEMABurn, also weight by ρ_i (spec §4.5)
	InjectionRule       InjectionRule  // spec §7.3
	InjectionCap        InjectionCap   // for InjectCap (spec §7.3c)
	SubsidyAlphaIn      SubsidyAlphaIn // for InjectSubsidy (spec §7.3b)
	ChainBuyOrder       ChainBuyOrder  // excess-TAO buy before or after injection (spec §7.3)
	BoughtAlpha         BoughtAlpha    // recycle or hold chain-bought alpha (spec §7.3c)
	RootMode            RootMode       // spec §9.3
	RootSellFlag        bool           // recycle root alpha when Σ moving prices ≤ 1 (spec §9.4)
	RootCompound        bool           // TAO paid to root stakers raises root TAO (spec §3, 2025-06-30)
	EpochRule           EpochRule      // spec §8.4
	PoolModel           PoolModel      // spec §10
	FeeRate             float64        // proportional user-trade fee, fraction of input (spec §10)
	FeeFlat             float64        // flat user-trade fee, TAO (spec §10.1)
	FeeDestination      FeeDestination // spec §10
	MinReserve          float64        // a swap is refused below this output reserve, tokens (spec §10)
	FlowAlpha           float64        // flow EMA coefficient, per block (spec §4.3)
	FlowExponent        float64        // p in z^p/Σz^p (spec §4.3)
	FlowCutoff          float64        // TaoFlowCutoff, floor on the lower limit L, TAO/block (spec §4.3)

	// Design switches (spec §18, docs/designs.md): counterfactual rules, not chain
	// history. Each one's zero value is the chain's behaviour, and every preset of
	// Presets leaves them at zero.

	ShareCap           float64 // largest emission share of one subnet, excess redistributed pro rata; 0 or 1 = no cap (spec §18.1)
	MovingHalfLifeDays float64 // > 0: replaces MovingAlpha by 1 − 2^(−1/(days·7200)), that half-life; 0 = off (spec §18.2)
	EMAAdaptiveK       float64 // k in α/(1 + k·max(0, x/m − 1)): the moving price slows while the price is above it; 0 = off (spec §18.3)
	ValueWeight        float64 // w in (1 − w)·rule share + w·assessed-value share (Chain.SetAssessedValue); 0 = off (spec §18.4)
}

// movingAlpha returns the base moving-price coefficient (spec §5, §18.2): MovingAlpha,
// or, with a half-life override of d days, the coefficient α = 1 − 2^(−1/H) of
// H = d·BlocksPerDay blocks, for which (1 − α)^H = 1/2 exactly.
func (p *Params) movingAlpha() float64 {
	if d := p.MovingHalfLifeDays; d > 0 {
		return -math.Expm1(-math.Ln2 / (d * BlocksPerDay))
	}
	return p.MovingAlpha
}

// paramSpec describes one named parameter for SetParam and ParamNames.
type paramSpec struct {
	name string
	set  func(p *Params, v any) error
	get  func(p *Params) any
}

func floatParam(name string, field func(*Params) *float64, check func(float64) error) paramSpec {
	return paramSpec{
		name: name,
		set: func(p *Params, v any) error {
			x, ok := v.(float64)
			if !ok {
				return fmt.Errorf("expected a number, got %s", describe(v))
			}
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("expected a finite number, got %v", x)
			}
			if check != nil {
				if err := check(x); err != nil {
					return err
				}
			}
			*field(p) = x
			return nil
		},
		get: func(p *Params) any { return *field(p) },
	}
}

func boolParam(name string, field func(*Params) *bool) paramSpec {
	return paramSpec{
		name: name,
		set: func(p *Params, v any) error {
			b, ok := v.(bool)
			if !ok {
				return fmt.Errorf("expected true or false, got %s", describe(v))
			}
			*field(p) = b
			return nil
		},
		get: func(p *Params) any { return *field(p) },
	}
}

func enumParam[T ~uint8](name string, names []string, field func(*Params) *T) paramSpec {
	return paramSpec{
		name: name,
		set: func(p *Params, v any) error {
			s, ok := v.(string)
			if !ok {
				return fmt.Errorf("expected one of %s, got %s", quoteList(names), describe(v))
			}
			for i, n := range names {
				if n == s {
					*field(p) = T(i)
					return nil
				}
			}
			return fmt.Errorf("expected one of %s, got %q", quoteList(names), s)
		},
		get: func(p *Params) any { return names[*field(p)] },
	}
}

func nonNegative(x float64) error {
	if x < 0 {
		return fmt.Errorf("expected a number >= 0, got %v", x)
	}
	return nil
}

func fraction(x float64) error {
	if x < 0 || x > 1 {
		return fmt.Errorf("expected a number in [0, 1], got %v", x)
	}
	return nil
}

func positive(x float64) error {
	if x <= 0 {
		return fmt.Errorf("expected a number > 0, got %v", x)
	}
	return nil
}

var paramSpecs = []paramSpec{
	floatParam("tao_issuance", func(p *Params) *float64 { return &p.TaoIssuance }, func(x float64) error {
		if x < 0 || x > TotalSupply {
			return fmt.Errorf("expected a number in [0, 21e6], got %v", x)
		}
		return nil
	}),
	{
		name: "tempo",
		set: func(p *Params, v any) error {
			x, ok := v.(float64)
			if !ok || x != math.Trunc(x) || x < 1 || x > 1e6 {
				return fmt.Errorf("expected a whole number of blocks in [1, 1e6], got %s", describe(v))
			}
			p.Tempo = int(x)
			return nil
		},
		get: func(p *Params) any { return float64(p.Tempo) },
	},
	floatParam("owner_cut", func(p *Params) *float64 { return &p.OwnerCut }, fraction),
	floatParam("tao_weight", func(p *Params) *float64 { return &p.TaoWeight }, nonNegative),
	floatParam("moving_alpha", func(p *Params) *float64 { return &p.MovingAlpha }, fraction),
	floatParam("ema_halving_blocks", func(p *Params) *float64 { return &p.EMAHalvingBlocks }, nonNegative),
	{
		name: "ema_price_cap",
		set: func(p *Params, v any) error {
			if v == nil {
				p.EMAPriceCap = math.Inf(1)
				return nil
			}
			x, ok := v.(float64)
			if !ok || math.IsNaN(x) || x <= 0 {
				return fmt.Errorf("expected a number > 0 or null (no clamp), got %s", describe(v))
			}
			p.EMAPriceCap = x
			return nil
		},
		get: func(p *Params) any {
			if math.IsInf(p.EMAPriceCap, 1) {
				return nil
			}
			return p.EMAPriceCap
		},
	},
	enumParam("share_rule", shareRuleNames, func(p *Params) *ShareRule { return &p.ShareRule }),
	boolParam("share_root_prop_weight", func(p *Params) *bool { return &p.ShareRootPropWeight }),
	enumParam("injection_rule", injectionRuleNames, func(p *Params) *InjectionRule { return &p.InjectionRule }),
	enumParam("injection_cap", injectionCapNames, func(p *Params) *InjectionCap { return &p.InjectionCap }),
	enumParam("subsidy_alpha_in", subsidyAlphaInNames, func(p *Params) *SubsidyAlphaIn { return &p.SubsidyAlphaIn }),
	enumParam("chain_buy_order", chainBuyOrderNames, func(p *Params) *ChainBuyOrder { return &p.ChainBuyOrder }),
	enumParam("bought_alpha", boughtAlphaNames, func(p *Params) *BoughtAlpha { return &p.BoughtAlpha }),
	enumParam("root_mode", rootModeNames, func(p *Params) *RootMode { return &p.RootMode }),
	boolParam("root_sell_flag", func(p *Params) *bool { return &p.RootSellFlag }),
	boolParam("root_compound", func(p *Params) *bool { return &p.RootCompound }),
	enumParam("epoch_rule", epochRuleNames, func(p *Params) *EpochRule { return &p.EpochRule }),
	enumParam("pool_model", poolModelNames, func(p *Params) *PoolModel { return &p.PoolModel }),
	floatParam("fee_rate", func(p *Params) *float64 { return &p.FeeRate }, func(x float64) error {
		if x < 0 || x >= 1 {
			return fmt.Errorf("expected a number in [0, 1), got %v", x)
		}
		return nil
	}),
	floatParam("fee_flat", func(p *Params) *float64 { return &p.FeeFlat }, nonNegative),
	enumParam("fee_destination", feeDestinationNames, func(p *Params) *FeeDestination { return &p.FeeDestination }),
	floatParam("min_reserve", func(p *Params) *float64 { return &p.MinReserve }, nonNegative),
	floatParam("flow_alpha", func(p *Params) *float64 { return &p.FlowAlpha }, fraction),
	floatParam("flow_exponent", func(p *Params) *float64 { return &p.FlowExponent }, positive),
	floatParam("flow_cutoff", func(p *Params) *float64 { return &p.FlowCutoff }, nil),
	floatParam("share_cap", func(p *Params) *float64 { return &p.ShareCap }, fraction),
	floatParam("moving_half_life_days", func(p *Params) *float64 { return &p.MovingHalfLifeDays }, nonNegative),
	floatParam("ema_adaptive_k", func(p *Params) *float64 { return &p.EMAAdaptiveK }, nonNegative),
	floatParam("value_weight", func(p *Params) *float64 { return &p.ValueWeight }, fraction),
}

// ErrUnknownParam is returned by SetParam for a name that is not a parameter.
var ErrUnknownParam = errors.New("market: unknown parameter")

// ParamNames returns the names accepted by SetParam, in replay.md order.
func ParamNames() []string {
	names := make([]string, len(paramSpecs))
	for i, s := range paramSpecs {
		names[i] = s.name
	}
	return names
}

// SetParam sets the parameter called name (a replay.md key such as "fee_rate") from a
// decoded JSON or YAML value: float64 for numbers, bool, string for enums, or nil where
// allowed (ema_price_cap). The error says what was expected; it wraps ErrUnknownParam
// for an unknown name.
func (p *Params) SetParam(name string, v any) error {
	for _, s := range paramSpecs {
		if s.name == name {
			return s.set(p, v)
		}
	}
	return fmt.Errorf("%w %q (known: %s)", ErrUnknownParam, name, strings.Join(ParamNames(), ", "))
}

// Param returns the value of the parameter called name, in the form SetParam accepts.
func (p *Params) Param(name string) (any, error) {
	for _, s := range paramSpecs {
		if s.name == name {
			return s.get(p), nil
		}
	}
	return nil, fmt.Errorf("%w %q", ErrUnknownParam, name)
}

// Validate reports the first inconsistent parameter, naming it.
func (p *Params) Validate() error {
	for _, s := range paramSpecs {
		v := s.get(p)
		if err := s.set(new(Params), v); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("the string %q", x)
	case bool:
		return fmt.Sprintf("the boolean %v", x)
	case float64:
		return fmt.Sprintf("the number %v", x)
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	default:
		return fmt.Sprintf("%v", x)
	}
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	sort.Strings(q)
	return strings.Join(q, ", ")
}
