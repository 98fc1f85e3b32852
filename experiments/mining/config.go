package mining

import (
	"fmt"
	"math"
	"time"
)

// DateLayout is the layout of the Config's dates (YYYY-MM-DD, UTC).
const DateLayout = "2006-01-02"

// DaysPerYear converts the yearly drifts, volatilities and growth rates to days: Bitcoin
// and TAO trade every day, so a year is 365 daily steps.
const DaysPerYear = 365.0

// Config is the Bitcoin-mining revenue of one subnet. Defaults gives every field its
// documented value (doc.go gives the sources); Validate names the field at fault by its
// YAML name.
type Config struct {
	Start string `yaml:"start"` // date of day 0, YYYY-MM-DD (default 2025-05-15)

	BTCPrice      float64 `yaml:"btc_price"`      // USD per BTC at day 0 (default 105,000)
	BTCDrift      float64 `yaml:"btc_drift"`      // GBM drift μ of the BTC price, per year (default 0)
	BTCVolatility float64 `yaml:"btc_volatility"` // GBM volatility σ of the BTC price, per √year (default 0.5)

	TAOPrice      float64 `yaml:"tao_price"`      // USD per TAO at day 0 (default 415)
	TAODrift      float64 `yaml:"tao_drift"`      // GBM drift of the TAO price, per year (default 0)
	TAOVolatility float64 `yaml:"tao_volatility"` // GBM volatility of the TAO price, per √year; 0 fixes it (default 0)
	Correlation   float64 `yaml:"correlation"`    // correlation of the BTC and TAO log-return shocks, in [−1, 1] (default 0)

	SubnetHashrate        float64 `yaml:"subnet_hashrate"`         // the subnet's hashrate at day 0, EH/s (default 6)
	SubnetHashrateGrowth  float64 `yaml:"subnet_hashrate_growth"`  // its growth, fraction per year, > −1 (default 0)
	NetworkHashrate       float64 `yaml:"network_hashrate"`        // Bitcoin's hashrate at day 0, EH/s (default 857)
	NetworkHashrateGrowth float64 `yaml:"network_hashrate_growth"` // its growth (difficulty growth), fraction per year, > −1 (default 0.4)

	BlockReward         float64 `yaml:"block_reward"`          // BTC subsidy per block at day 0 (default 3.125)
	NextHalving         string  `yaml:"next_halving"`          // date of the next halving, after Start (default 2028-04-17)
	HalvingIntervalDays float64 `yaml:"halving_interval_days"` // days between later halvings (default 1458.33 = 210,000 × 10 min)
	BlocksPerDay        float64 `yaml:"blocks_per_day"`        // Bitcoin blocks per day (default 144)

	CostShare float64 `yaml:"cost_share"` // electricity and other running costs, share of gross revenue in [0, 1] (default 0.5)
}

// Defaults returns the documented configuration: SN14 TAOHash in May 2025.
func Defaults() Config {
	return Config{
		Start:                 "2025-05-15",
		BTCPrice:              105_000,
		BTCVolatility:         0.5,
		TAOPrice:              415,
		SubnetHashrate:        6,
		NetworkHashrate:       857,
		NetworkHashrateGrowth: 0.4,
		BlockReward:           3.125,
		NextHalving:           "2028-04-17",
		HalvingIntervalDays:   210_000 * 10.0 / (24 * 60),
		BlocksPerDay:          144,
		CostShare:             0.5,
	}
}

// Validate reports the first bad field.
func (c Config) Validate() error {
	start, err := time.Parse(DateLayout, c.Start)
	if err != nil {
		return fmt.Errorf("start: expected a date YYYY-MM-DD, got %q", c.Start)
	}
	halving, err := time.Parse(DateLayout, c.NextHalving)
	if err != nil {
		return fmt.Errorf("next_halving: expected a date YYYY-MM-DD, got %q", c.NextHalving)
	}
	if !halving.After(start) {
		return fmt.Errorf("next_halving: expected a date after start (%s), got %s", c.Start, c.NextHalving)
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	checks := []struct {
		name string
		v    float64
		ok   bool
		want string
	}{
		{"btc_price", c.BTCPrice, c.BTCPrice > 0, "a finite number > 0"},
		{"btc_drift", c.BTCDrift, true, "a finite number"},
		{"btc_volatility", c.BTCVolatility, c.BTCVolatility >= 0, "a finite number >= 0"},
		{"tao_price", c.TAOPrice, c.TAOPrice > 0, "a finite number > 0"},
		{"tao_drift", c.TAODrift, true, "a finite number"},
		{"tao_volatility", c.TAOVolatility, c.TAOVolatility >= 0, "a finite number >= 0"},
		{"correlation", c.Correlation, c.Correlation >= -1 && c.Correlation <= 1, "a number in [-1, 1]"},
		{"subnet_hashrate", c.SubnetHashrate, c.SubnetHashrate >= 0, "a finite number >= 0"},
		{"subnet_hashrate_growth", c.SubnetHashrateGrowth, c.SubnetHashrateGrowth > -1, "a finite number > -1"},
		{"network_hashrate", c.NetworkHashrate, c.NetworkHashrate > 0, "a finite number > 0"},
		{"network_hashrate_growth", c.NetworkHashrateGrowth, c.NetworkHashrateGrowth > -1, "a finite number > -1"},
		{"block_reward", c.BlockReward, c.BlockReward > 0, "a finite number > 0"},
		{"halving_interval_days", c.HalvingIntervalDays, c.HalvingIntervalDays > 0, "a finite number > 0"},
		{"blocks_per_day", c.BlocksPerDay, c.BlocksPerDay > 0, "a finite number > 0"},
		{"cost_share", c.CostShare, c.CostShare >= 0 && c.CostShare <= 1, "a number in [0, 1]"},
	}
	for _, ch := range checks {
		if !finite(ch.v) || !ch.ok {
			return fmt.Errorf("%s: expected %s, got %v", ch.name, ch.want, ch.v)
		}
	}
	if c.SubnetHashrate > c.NetworkHashrate {
		return fmt.Errorf("subnet_hashrate: expected at most network_hashrate (%v EH/s), got %v", c.NetworkHashrate, c.SubnetHashrate)
	}
	return nil
}

// halvingDay returns the day (since Start) of the next halving. c must be valid.
func (c Config) halvingDay() float64 {
	start, _ := time.Parse(DateLayout, c.Start)
	halving, _ := time.Parse(DateLayout, c.NextHalving)
	return halving.Sub(start).Hours() / 24
}
