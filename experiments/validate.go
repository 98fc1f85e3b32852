package experiments

import (
	"math"

	"dtaosim/agents"
)

// The field checks of Scenario.Validate: each returns a fieldError naming the field's
// YAML path, or nil.

// pos checks that x is a finite number > 0.
func pos(path string, x float64) error {
	if !(x > 0) || math.IsInf(x, 0) {
		return ferr(path, "expected a number > 0, got %v", x)
	}
	return nil
}

// nonneg checks that x is a finite number >= 0.
func nonneg(path string, x float64) error {
	if !(x >= 0) || math.IsInf(x, 0) {
		return ferr(path, "expected a number >= 0, got %v", x)
	}
	return nil
}

// frac checks that x is in [0, 1].
func frac(path string, x float64) error {
	if !(x >= 0 && x <= 1) {
		return ferr(path, "expected a number in [0, 1], got %v", x)
	}
	return nil
}

// corr checks that x is a correlation threshold in (0, 1]: at 0 or below, subnets whose
// weights show no relation to holdings would be flagged.
func corr(path string, x float64) error {
	if !(x > 0 && x <= 1) {
		return ferr(path, "expected a correlation threshold in (0, 1], got %v", x)
	}
	return nil
}

// fracBelow1 checks that x is in [0, 1).
func fracBelow1(path string, x float64) error {
	if !(x >= 0 && x < 1) {
		return ferr(path, "expected a number in [0, 1), got %v", x)
	}
	return nil
}

// validate checks the arbitrageurs' parameters (agents.arbitrageurs).
func (a ArbitrageursSpec) validate() error {
	const path = "agents.arbitrageurs."
	if err := nonneg(path+"rate_per_day", a.RatePerDay); err != nil {
		return err
	}
	if err := count(path+"lookback_days", a.LookbackDays, 1, 30); err != nil {
		return err
	}
	return validateBook(path, a.BookParams)
}

// validate checks the value investors' parameters (agents.value_investors).
func (a ValueInvestorsSpec) validate() error {
	const path = "agents.value_investors."
	if err := nonneg(path+"rate_per_day", a.RatePerDay); err != nil {
		return err
	}
	if err := validateBook(path, a.BookParams); err != nil {
		return err
	}
	if !(a.ValueNoise >= 0 && a.ValueNoise <= 5) { // e^(5·z) stays finite for any normal z
		return ferr(path+"value_noise", "expected a number in [0, 5] (the SD of a log error), got %v", a.ValueNoise)
	}
	return nil
}

// validateBook checks the book limits of a class at path (e.g. "agents.arbitrageurs.").
func validateBook(path string, b agents.BookParams) error {
	for _, err := range []error{
		fracBelow1(path+"band", b.Band), nonneg(path+"max_inventory", b.MaxInventory),
		frac(path+"reserve", b.Reserve), nonneg(path+"max_pool_share", b.MaxPoolShare),
		count(path+"sample", b.Sample, 1, 1<<20),
	} {
		if err != nil {
			return err
		}
	}
	if !(b.BaseInventory >= 0 && b.BaseInventory <= b.MaxInventory) {
		return ferr(path+"base_inventory", "expected a fraction of capital in [0, max_inventory = %v], got %v", b.MaxInventory, b.BaseInventory)
	}
	return nil
}

// count checks that n is in [lo, hi].
func count(path string, n, lo, hi int) error {
	if n < lo || n > hi {
		return ferr(path, "expected a whole number in [%d, %d], got %d", lo, hi, n)
	}
	return nil
}

// validate checks the root validators' fields (agents.root_validators).
func (rv RootValidatorsSpec) validate() error {
	if err := count("agents.root_validators.count", rv.Count, 1, 64); err != nil {
		return err
	}
	if rv.Policy != "passive" && rv.Policy != "intervene" {
		return ferr("agents.root_validators.policy", "expected \"passive\" or \"intervene\", got %q", rv.Policy)
	}
	switch rv.Detect {
	case "weights", "pump", "timer":
	case "holdings":
		return ferr("agents.root_validators.detect", "\"holdings\" was the timer's old name: write \"timer\" (flag at the takeover) or \"weights\" (flag when the weights visibly follow holdings)")
	default:
		return ferr("agents.root_validators.detect", "expected \"weights\", \"pump\" or \"timer\", got %q", rv.Detect)
	}
	switch rv.DetectionDelayDist {
	case "fixed", "exponential":
	case "gamma":
		if err := pos("agents.root_validators.detection_delay_shape", rv.DetectionDelayShape); err != nil {
			return err
		}
	default:
		return ferr("agents.root_validators.detection_delay_dist", "expected \"fixed\", \"exponential\" or \"gamma\", got %q", rv.DetectionDelayDist)
	}
	if rv.Policy == "intervene" && rv.Count < 2 && rv.InterveneShare < 1 {
		return ferr("agents.root_validators.count", "expected at least 2 root validators when intervene_share < 1, got %d", rv.Count)
	}
	for _, err := range []error{
		frac("agents.root_validators.intervene_share", rv.InterveneShare),
		nonneg("agents.root_validators.detection_delay_days", rv.DetectionDelayDays),
		corr("agents.root_validators.holdings_correlation", rv.HoldingsCorrelation),
		frac("agents.root_validators.materiality_share", rv.MaterialityShare),
		pos("agents.root_validators.pump_factor", rv.PumpFactor), count("agents.root_validators.pump_days", rv.PumpDays, 1, 30),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// validate checks a capital distribution; path names its YAML location.
func (c CapitalSpec) validate(path string) error {
	switch c.Dist {
	case "fixed":
	case "pareto":
		if !(c.Alpha > 0) || math.IsInf(c.Alpha, 0) {
			return ferr(path+".alpha", "expected a Pareto tail index > 0, got %v", c.Alpha)
		}
	default:
		return ferr(path+".dist", "expected \"pareto\" or \"fixed\", got %q", c.Dist)
	}
	if !(c.Min > 0) || math.IsInf(c.Min, 0) {
		return ferr(path+".min", "expected a capital > 0 TAO, got %v", c.Min)
	}
	return nil
}
