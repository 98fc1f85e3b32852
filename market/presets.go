package market

import (
	"fmt"
	"strings"
)

// Chain constants (spec §1, §13).
const (
	// TotalSupply is the TAO cap and every subnet's alpha cap, in tokens.
	TotalSupply = 21e6
	// BlocksPerDay at 12 s blocks.
	BlocksPerDay = 7200
	// FeeRate33 is the V3/balancer swap fee 33/65535 (spec §10.3, since 2025-07-29).
	FeeRate33 = 33.0 / 65535
	// OwnerCutDefault is SubnetOwnerCut 11796/65535 (spec §8.1).
	OwnerCutDefault = 11796.0 / 65535
	// FlowAlphaDefault is FlowEmaSmoothingFactor/(2^63−1) (spec §4.3).
	FlowAlphaDefault = 29597889189277.0 / 9223372036854775807.0
	// MovingAlphaLaunch is SubnetMovingAlpha at the dTAO launch, the code default
	// 0.000003 per block: a moving-price half-life of about 32 days (spec §5).
	MovingAlphaLaunch = 3e-6
	// MovingAlphaRaised is SubnetMovingAlpha as the sudo key set it after subtensor PR
	// #1335 (merged 2025-02-24) and the chain has held since: the I96F32 value with bits
	// 1,288,490, i.e. 1288490/2^32 ≈ 0.0003 per block, a half-life of about 7.7 hours
	// (spec §5). The block of the change is not known.
	MovingAlphaRaised = 1288490.0 / 4294967296.0
)

// Preset is a named, complete mechanism version.
type Preset struct {
	Name    string // e.g. "launch_2025_02"
	Summary string // one line: period and what characterises it
	Spec    string // sections of docs/mechanism.md it implements
	Params  Params
}

// Presets returns the five mechanism presets of docs/mechanism.md §16, in chronological
// order; market/testdata/presets.json holds the reference values they are tested
// against. The launch preset carries MovingAlphaLaunch and every later one
// MovingAlphaRaised. The returned slice is a fresh copy.
func Presets() []Preset {
	launch := Params{
		TaoIssuance:      8e6,
		Tempo:            360,
		OwnerCut:         OwnerCutDefault,
		TaoWeight:        0.18,
		MovingAlpha:      MovingAlphaLaunch,
		EMAHalvingBlocks: 0,
		EMAPriceCap:      1,
		ShareRule:        SharePriceEMA,
		InjectionRule:    InjectLaunch,
		InjectionCap:     CapAlphaEmission,
		SubsidyAlphaIn:   SubsidyTaoEmission,
		ChainBuyOrder:    BuyAfterInjection,
		BoughtAlpha:      BoughtRecycle,
		RootMode:         RootSellPerBlock,
		RootSellFlag:     false,
		RootCompound:     false,
		EpochRule:        EpochLegacy,
		PoolModel:        PoolCPMM,
		FeeRate:          0,
		FeeFlat:          5e-5,
		FeeDestination:   FeeToPool,
		MinReserve:       0.01,
		FlowAlpha:        FlowAlphaDefault,
		FlowExponent:     1,
		FlowCutoff:       0,
	}

	subsidy := launch
	subsidy.MovingAlpha = MovingAlphaRaised
	subsidy.EMAHalvingBlocks = 201600
	subsidy.InjectionRule = InjectSubsidy
	subsidy.ChainBuyOrder = BuyBeforeInjection
	subsidy.RootCompound = true
	subsidy.FeeRate = FeeRate33
	subsidy.FeeFlat = 0
	subsidy.MinReserve = 0.001

	taoflow := subsidy
	taoflow.TaoIssuance = 10.6e6
	taoflow.ShareRule = ShareTaoFlow
	taoflow.InjectionRule = InjectCap
	taoflow.InjectionCap = CapMinAlphaTao
	taoflow.ChainBuyOrder = BuyAfterInjection
	taoflow.RootMode = RootClaimSellAtEpoch
	taoflow.RootSellFlag = true

	netflow := taoflow
	netflow.ShareRule = ShareNetTaoFlow
	netflow.BoughtAlpha = BoughtHold
	netflow.FeeDestination = FeeToAuthor

	head := netflow
	head.ShareRule = SharePriceEMABurn
	head.InjectionCap = CapRootProp
	head.ChainBuyOrder = BuyBeforeInjection
	head.EpochRule = EpochInterval
	head.PoolModel = PoolBalancer

	return []Preset{
		{"launch_2025_02", "dTAO launch 2025-02-13 (v2.0.0/2.0.1): price-EMA shares, all TAO injected, root alpha sold every block, flat fee",
			"§2.2, §4.1, §5 (no warm-up), §7.3a, §9.3, §10.1", launch},
		{"subsidy_2025_07", "2025-07-29 to 2025-11-04 (v3.2.3-v3.2.9): price-EMA shares, below-share subnets inject at price and chain-buy (recycled)",
			"§4.2, §5, §7.3b, §9.3, §10.3", subsidy},
		{"taoflow_2025_11", "2025-12-12 to 2026-05-27 (v3.3.1-v3.3.15): shares by EMA of net user TAO flow, cap min(a_i, E), root claims sold at the epoch",
			"§4.3, §7.3c, §9.3, §9.4, §10.3", taoflow},
		{"netflow_2026_05", "2026-05-27 to 2026-06-22 (v3.4.0-v3.4.5): user flow minus normalised protocol flow, bought alpha held, fees to author",
			"§4.4, §7.3c, §9.3, §9.4, §10.3", netflow},
		{"price_burn_2026_06", "snapshot head 14bc6f9f9, 2026-06-30: price EMA × (1 − miner burned), cap ρ·a_i, balancer pool, interval epochs",
			"§2.1, §4.6, §7.3c, §8.4, §9.4, §10.4", head},
	}
}

// DesignBase is the preset every named design of Designs modifies: the head.
const DesignBase = "price_burn_2026_06"

// Designs returns the named mechanism designs of docs/designs.md: the head preset
// (DesignBase) with design switches of spec §18 set. They are counterfactual, not chain
// history, and are kept apart from Presets (whose list is checked against the chain's
// reference table); PresetParams accepts both. The returned slice is a fresh copy.
func Designs() []Preset {
	head, err := PresetParams(DesignBase)
	if err != nil {
		panic("market: " + err.Error())
	}
	design := func(name, summary, spec string, edit func(*Params)) Preset {
		p := head
		edit(&p)
		return Preset{Name: name, Summary: summary, Spec: spec, Params: p}
	}
	return []Preset{
		design("design_share_cap_10", "head + emission-share cap 10%, excess to the other subnets pro rata",
			"§18.1", func(p *Params) { p.ShareCap = 0.1 }),
		design("design_share_cap_25", "head + emission-share cap 25%, excess to the other subnets pro rata",
			"§18.1", func(p *Params) { p.ShareCap = 0.25 }),
		design("design_ema_30d", "head + moving-price half-life of 30 days (the launch coefficient's order) instead of 7.7 hours",
			"§18.2", func(p *Params) { p.MovingHalfLifeDays = 30 }),
		design("design_ema_90d", "head + moving-price half-life of 90 days",
			"§18.2", func(p *Params) { p.MovingHalfLifeDays = 90 }),
		design("design_adaptive_ema", "head + adaptive moving price, α/(1 + max(0, p/m − 1)) (k = 1): slower while the price runs ahead",
			"§18.3", func(p *Params) { p.EMAAdaptiveK = 1 }),
		design("design_value_blend_50", "head + value-weighted emission, w = 0.5 of the shares by assessed value (supplied by the simulation)",
			"§18.4", func(p *Params) { p.ValueWeight = 0.5 }),
		design("design_cap_10_ema_30d", "head + 10% share cap and a 30-day moving-price half-life",
			"§18.1, §18.2", func(p *Params) { p.ShareCap = 0.1; p.MovingHalfLifeDays = 30 }),
	}
}

// PresetNames returns the preset names in chronological order (not the designs: see
// DesignNames).
func PresetNames() []string { return names(Presets()) }

// DesignNames returns the names of Designs, in their order.
func DesignNames() []string { return names(Designs()) }

func names(ps []Preset) []string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return names
}

// PresetParams returns the parameters of the named preset or design, or an error listing
// the known names.
func PresetParams(name string) (Params, error) {
	for _, p := range Presets() {
		if p.Name == name {
			return p.Params, nil
		}
	}
	if strings.HasPrefix(name, "design_") {
		for _, p := range Designs() {
			if p.Name == name {
				return p.Params, nil
			}
		}
	}
	return Params{}, fmt.Errorf("unknown mechanism preset %q (presets: %s; designs: %s)", name,
		strings.Join(PresetNames(), ", "), strings.Join(DesignNames(), ", "))
}
