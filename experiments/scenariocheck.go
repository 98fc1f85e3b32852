package experiments

// The checks of a scenario's fields (Scenario.Validate), each error naming the field's
// YAML path.

import (
	"fmt"
	"slices"
	"strings"

	"dtaosim/agents"
	"dtaosim/market"
)

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
		nonneg("chain.age_days", s.Chain.AgeDays), nonneg("burn_in_days", s.BurnInDays),
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
	if m := s.Mechanism.DividendFallback; m != "" && !slices.Contains(dividendFallbacks, m) {
		checks = append(checks, ferr("mechanism.dividend_fallback", "expected one of %q, got %q", dividendFallbacks, m))
	}
	if m := s.Subnets.Revenue.Value; m != "" && !slices.Contains(revenueValues, m) {
		checks = append(checks, ferr("subnets.revenue.value", "expected one of %q, got %q", revenueValues, m))
	}
	if m := s.Subnets.Meme.PaidHolders; m != "" && !slices.Contains(paidHolderModes, m) {
		checks = append(checks, ferr("subnets.meme.paid_holders", "expected one of %q, got %q", paidHolderModes, m))
	}
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
		if s.BurnInDays != 0 {
			return ferr("burn_in_days", "expected 0 with subnets.init \"snapshot\" (no earlier state of the real chain to start from), got %v", s.BurnInDays)
		}
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
		nonneg("agents.speculators.hold_days", sp.HoldDays),
		nonneg("agents.speculators.loss_memory_days", sp.LossMemoryDays),
		spreadErr(s.Agents.Speculators.ThresholdSpread, sp),
		lookbackMaxErr(s.Agents.Speculators.LookbackMaxDays, sp.LookbackDays),
		subErr("agents.speculators.arrival", s.Agents.Speculators.Arrival.Validate()), subErr("agents.yield_stakers.arrival", s.Agents.YieldStakers.Arrival.Validate()),
		nonneg("agents.yield_stakers.rate_per_day", s.Agents.YieldStakers.RatePerDay),
		pos("agents.yield_stakers.horizon_days", s.Agents.YieldStakers.HorizonDays),
		nonneg("agents.yield_stakers.switch_margin", s.Agents.YieldStakers.SwitchMargin),
		nonneg("agents.yield_stakers.quote_tao", s.Agents.YieldStakers.QuoteTAO),
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

// lookbackMaxErr checks agents.speculators.lookback_max_days: 0 (off), or a whole number
// of days from lookback_days to the 30 days of daily prices a run keeps.
func lookbackMaxErr(hi, lo int) error {
	if hi != 0 && (hi < lo || hi > 30) {
		return ferr("agents.speculators.lookback_max_days", "%d, want 0 (off) or a whole number of days in [lookback_days = %d, 30]", hi, lo)
	}
	return nil
}

// spreadErr checks agents.speculators.threshold_spread: in [0, 1), and small enough that
// no speculator's stop_loss or quit_drawdown reaches 1 (a loss of everything).
func spreadErr(s float64, sp agents.SpeculatorParams) error {
	const field = "agents.speculators.threshold_spread"
	if !(s >= 0 && s < 1) {
		return ferr(field, "%v, want a number in [0, 1)", s)
	}
	if hi := max(sp.StopLoss, sp.QuitDrawdown) * (1 + s); hi >= 1 {
		return ferr(field, "%v would draw stop_loss or quit_drawdown up to %.3g, want below 1: at most %.3g for these thresholds", s, hi, 1/max(sp.StopLoss, sp.QuitDrawdown)-1)
	}
	return nil
}
