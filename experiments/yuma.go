package experiments

import (
	"slices"

	"dtaosim/market"
	"dtaosim/market/yuma"
)

// YumaSpec sets a subnet's Yuma version and consensus parameters over those its preset
// implies (presetYuma; docs/mechanism.md §12, §16). Every field left out keeps the
// preset's value. mechanism.yuma applies to mechanism.preset, and a schedule entry's
// yuma to the preset it switches to, as params do.
type YumaSpec struct {
	// Version is "classic" or "yuma3" (spec §12.6); "" keeps the preset's.
	Version string `yaml:"version"`
	// Kappa is the consensus quantile κ in [0, 1] (spec §12.4); nil keeps the chain's
	// 32767/65535. A validator group holding more than κ of a subnet's Yuma stake can
	// clip a miner to zero, so κ decides whether root validators can stop a meme subnet.
	Kappa *float64 `yaml:"kappa"`
	// LiquidAlpha turns Yuma3's liquid-alpha bond EMA on or off (spec §12.6); nil keeps
	// the preset's (off: LiquidAlphaOn defaults to false and no migration turns it on).
	// It has no effect under classic Yuma.
	LiquidAlpha *bool `yaml:"liquid_alpha"`
}

// Yuma versions a YumaSpec names.
const (
	yumaClassic = "classic"
	yumaV3      = "yuma3"
)

// yuma3Presets are the presets whose chain code registers new subnets with Yuma3 on:
// subtensor 1d94555da ("enable yuma3 by default", 2026-03-24, merged 2026-03-27 in
// cde863e47) sets yuma3_enabled in init_new_network. netflow_2026_05's code (486037ba4,
// v3.4.0) and the head's (14bc6f9f9) contain it; taoflow_2025_11's (8834a7c73, v3.3.1)
// and the earlier presets' do not. The named designs are built on the head.
var yuma3Presets = []string{"netflow_2026_05", "price_burn_2026_06"}

// presetYuma returns the Yuma parameters of a subnet registered under preset: the chain's
// defaults (market/yuma.DefaultParams: κ = 32767/65535, bond EMA a = 0.1, liquid alpha
// off), with Yuma3 on for the presets of yuma3Presets and the designs built on the head:
// the chain designs (market.DesignNames) and the validation designs (ValidationDesigns,
// through their base preset).
// On chain the version is set per subnet when it registers and owners may change it, so
// subnets registered before a preset's code keep classic Yuma; a scenario says so with
// mechanism.yuma.version (docs/mechanism.md §12).
func presetYuma(preset string) yuma.Params {
	p := yuma.DefaultParams()
	if d, ok := validationDesign(preset); ok {
		preset = d.Base
	}
	if slices.Contains(yuma3Presets, preset) || slices.Contains(market.DesignNames(), preset) {
		p.Yuma3 = true
	}
	return p
}

// Yuma resolves the Yuma parameters of preset with the overrides of spec; path names the
// YAML location for errors.
func (s *Scenario) Yuma(preset string, spec YumaSpec, path string) (yuma.Params, error) {
	p := presetYuma(preset)
	switch spec.Version {
	case "":
	case yumaClassic:
		p.Yuma3 = false
	case yumaV3:
		p.Yuma3 = true
	default:
		return p, ferr(path+".yuma.version", "expected %q or %q, got %q", yumaClassic, yumaV3, spec.Version)
	}
	if spec.Kappa != nil {
		p.Kappa = *spec.Kappa
	}
	if spec.LiquidAlpha != nil {
		p.LiquidAlpha = *spec.LiquidAlpha
	}
	if err := p.Validate(); err != nil {
		return p, ferr(path+".yuma", "%v", err)
	}
	return p, nil
}
