package validate

import (
	"fmt"
	"math"
)

// Unit says how a moment's values are written.
type Unit int

const (
	Number   Unit = iota // a plain number, 3 significant decimals (sums of prices)
	Percent              // a fraction shown in percent
	TAO                  // an amount of TAO, shown in thousands
	Day                  // days since launch (or since the run's start)
	Rank                 // a rank, 1 = largest
	Count                // a number of subnets (a mean over seeds, so one decimal)
	Percent2             // a small fraction shown in percent with two decimals (rare events)
)

// Format writes v in the unit. NaN is "n/a"; +Inf "never" (a day not reached).
func (u Unit) Format(v float64) string {
	switch {
	case math.IsNaN(v):
		return "n/a"
	case math.IsInf(v, 1):
		return "never"
	}
	switch u {
	case Percent:
		return fmt.Sprintf("%.1f%%", 100*v)
	case Percent2:
		return fmt.Sprintf("%.2f%%", 100*v)
	case TAO:
		return fmt.Sprintf("%.0fk TAO", v/1000)
	case Day:
		return fmt.Sprintf("day %.1f", v)
	case Rank:
		return fmt.Sprintf("#%.0f", v)
	case Count:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.3f", v)
	}
}

// Band is the range in which a simulated moment counts as matching the real one, both
// ends included.
type Band struct {
	Lo, Hi float64
	Text   string // how the band is written (the unit's format when empty)
}

// Contains reports whether v is inside the band.
func (b Band) Contains(v float64) bool { return v >= b.Lo && v <= b.Hi }

// Kind says how a moment takes part in the score.
type Kind int

const (
	// Scored moments have a band; each counts in M, and in K when its mean is inside.
	Scored Kind = iota
	// Info moments are computed and shown, but have no band (or none worth the name) and
	// count in neither K nor M.
	Info
	// NotComputed moments are listed with the reason; they count in neither K nor M.
	NotComputed
)

// Moment is one fact about the real network and how the model's version of it is
// computed.
type Moment struct {
	ID          string // the number in the validation table (a letter where one fact gives two rows)
	Era         string // when it was true
	What        string // the fact, in a few words
	Real        string // the real value, as the source gives it
	Band        Band   // Scored moments only
	Source      string
	Reliability string
	Unit        Unit
	Kind        Kind
	// Scenario is the shipped scenario (experiments/scenarios) the moment is computed
	// from; Value computes it from one run's outputs.
	Scenario string
	Value    func(*Outputs) float64
	// Note says how the moment is defined here, or why it is not computed.
	Note string
}

// BandText is how the band is written in the report.
func (m *Moment) BandText() string {
	switch {
	case m.Kind != Scored:
		return "-"
	case m.Band.Text != "":
		return m.Band.Text
	}
	return m.Unit.Format(m.Band.Lo) + " to " + m.Unit.Format(m.Band.Hi)
}

// The calibration scenarios (experiments/scenarios/NAME.yaml).
const (
	LaunchScenario  = "calib-launch"  // launch state, launch preset, 150 days, no meme
	TaoflowScenario = "calib-taoflow" // a year-old chain, taoflow preset, 35 days
	HeadScenario    = "calib-head"    // the 2026-08 chain, head preset, 60 days
	SN28Scenario    = "sn28"          // the SN28 episode with the intervention
	// SnapshotScenario starts from the 2026-08-02 chain snapshot (subnets.init
	// snapshot), head preset, 30 days, no meme subnet.
	SnapshotScenario = "chain-2026-08"
)

// The windows the moments are read over, in days of the run.
const (
	burnIn   = 5 // aged scenarios: days in which agents leave the constructed initial state
	lastDays = 7 // "at the end": the mean over the last week
)

// Moments returns the validation table: every moment of the real network's record the
// toolkit knows (docs/validation.md), in order, with how each is computed or why not.
func Moments() []Moment {
	return append(append(launchMoments(), laterMoments()...), cohortMoments()...)
}

// launchMoments are the moments of the launch era (2025) and Mar 2026.
func launchMoments() []Moment {
	const (
		newsletter = "low: a newsletter's chart reading"
		secondary  = "medium: secondary analysis of chain data"
		primary    = "high: primary chain data"
	)
	return []Moment{
		{
			ID: "1", Era: "launch (2025-02-13)", What: "Σ moving prices of 64 pools at 1 TAO/1 alpha",
			Real: "64 pools at 1:1, Σp = 1", Band: Band{Lo: 1 - 1e-9, Hi: 1 + 1e-9, Text: "exact"},
			Source: "subtensor migrate_rao (code)", Reliability: "high: the code", Unit: Number,
			Scenario: LaunchScenario,
			Value:    func(o *Outputs) float64 { return LaunchPriceSum(o.Initial, 64) },
			Note:     "initial state; n/a unless exactly 64 pools all start at 1 TAO / 1 alpha",
		},
		{
			ID: "2", Era: "mid-Apr 2025 (day ~60)", What: "Σ alpha spot prices", Real: "2.34 (all-time high)",
			Band: Band{Lo: 1.2, Hi: 4}, Source: "TAO Times #36", Reliability: newsletter, Unit: Number,
			Scenario: LaunchScenario,
			Value:    func(o *Outputs) float64 { return SumPriceAt(&o.Series, 60) },
			Note:     "at the recorded block nearest day 60",
		},
		{
			ID: "3", Era: "May 2025 (day 90-110)", What: "Σ alpha spot prices", Real: "~1.7",
			Band: Band{Lo: 0.9, Hi: 3}, Source: "TAO Times #36", Reliability: newsletter, Unit: Number,
			Scenario: LaunchScenario,
			Value:    func(o *Outputs) float64 { return MeanSumPrice(&o.Series, 90, 110) },
			Note:     "time-mean over days 90-110",
		},
		{
			ID: "4", Era: "Feb-Nov 2025 (launch era)", What: "daily cross-sectional SD of log returns", Real: "10.9%",
			Band: Band{Lo: 0.05, Hi: 0.20}, Source: "research brief, 2026-10", Reliability: secondary, Unit: Percent,
			Scenario: LaunchScenario,
			Value:    func(o *Outputs) float64 { return CrossSectionalSD(&o.Series, 0, o.Days()) },
			Note:     "SD across subnets of ln(p(d)/p(d-1)), mean over every day of the run",
		},
		{
			ID: "5", Era: "Apr 2025 (day 60)", What: "total value of subnet tokens", Real: "$250-270M ≈ 600k TAO (88 subnets)",
			Band: Band{Lo: 300e3, Hi: 1.2e6}, Source: "Hash Rate podcast ep. 104", Reliability: "low: commentary", Unit: TAO,
			Scenario: LaunchScenario,
			Value:    func(o *Outputs) float64 { return MarketValueAt(&o.Series, 60) },
			Note:     "Σ spot price × outstanding alpha (alpha outside the pools), day 60; 64 subnets, not 88",
		},
		{
			ID: "6", Era: "launch to day ~124", What: "day root proportion reaches 50%", Real: "day ~124",
			Band: Band{Lo: 100, Hi: 150}, Source: "Taostats docs (formula)", Reliability: "high: the formula", Unit: Day,
			Scenario: LaunchScenario,
			Value:    func(o *Outputs) float64 { return RootHalfDay(&o.Series) },
			Note:     "first recorded day the mean over subnets of w·R/(w·R + I_i) is ≤ 0.5; never = not by the horizon",
		},
		{
			ID: "7", Era: "Mar 2026", What: "top-10 subnets' share of emission", Real: "~56%",
			Band: Band{Lo: 0.45, Hi: 0.70}, Source: "PANews/Kaff, 2026-03-17", Reliability: "low: commentary on chain data", Unit: Percent,
			Scenario: TaoflowScenario,
			Value:    func(o *Outputs) float64 { return TopShare(&o.Series, 10, o.Days()-lastDays, o.Days()) },
			Note:     "mean over the last 7 days (to 2026-03-20) of the 10 largest TAO emission shares",
		},
		{
			ID: "7b", Era: "Taoflow era (Apr-May 2026)", What: "subnets with a positive flow EMA", Real: "55 of 128 (70 → 53 in 41 days)",
			Source: "subtensor PRs #2634 and #2675 (2026-05)", Reliability: "medium: developers' backtests of chain flows", Unit: Count, Kind: Info,
			Scenario: TaoflowScenario,
			Value:    func(o *Outputs) float64 { return PositiveFlowCount(&o.Series, o.Days()) },
			Note: "subnets whose EMA of user TAO flow is > 0 at the end of the run (they draw the emission); shown, not scored: " +
				"the backtests state neither their start state nor their exact dates, and the run ends one to two months before them",
		},
	}
}

// The launch cohort's real daily prices (LaunchCohort; moments 18a and 18b).
const (
	launchCohortSource = "chain reads of the 64 launch subnets' prices, 16:00 UTC daily (alexlange1/backtesting)"
	chainReads         = "high: primary chain data (a third party's archive-node reads)"
)

// laterMoments are the moments of the later eras (Aug 2026 on) and the SN28 episode.
func laterMoments() []Moment {
	const (
		newsletter = "low: a newsletter's chart reading"
		secondary  = "medium: secondary analysis of chain data"
		primary    = "high: primary chain data"
	)
	return []Moment{
		{
			ID: "8", Era: "Aug 2026", What: "TAO in subnet pools (128 subnets)", Real: "2.01M",
			Band: Band{Lo: 1.5e6, Hi: 2.7e6}, Source: "chain snapshot, block 8,753,086", Reliability: primary, Unit: TAO,
			Scenario: SnapshotScenario,
			Value:    func(o *Outputs) float64 { return PoolTAOAt(&o.Series, o.Days()) },
			Note:     "at the end of the run from the snapshot",
		},
		{
			ID: "9", Era: "Aug 2026", What: "Σ alpha spot prices", Real: "1.28",
			Band: Band{Lo: 0.8, Hi: 2.0}, Source: "chain snapshot, block 8,753,086", Reliability: primary, Unit: Number,
			Scenario: SnapshotScenario,
			Value:    func(o *Outputs) float64 { return SumPriceAt(&o.Series, o.Days()) },
			Note:     "at the end of the run from the snapshot",
		},
		{
			ID: "10", Era: "Aug 2026", What: "top-10 subnets' share of pool TAO", Real: "46.9% (HHI 0.033, Gini 0.63)",
			Band: Band{Lo: 0.35, Hi: 0.60}, Source: "chain snapshot, block 8,753,086", Reliability: primary, Unit: Percent,
			Scenario: SnapshotScenario,
			Value:    func(o *Outputs) float64 { return TopPoolTAOShare(&o.Series, 10, o.Days()) },
			Note:     "at the end of the run from the snapshot",
		},
		{
			ID: "11", Era: "Aug 2026", What: "subnets with emission enabled", Real: "83 of 128",
			Source: "chain snapshot, block 8,753,086", Reliability: primary, Kind: NotComputed,
			Note: "an input of the model (which subnets emit), not an output",
		},
		{
			ID: "12", Era: "Taoflow era (Nov 2025-May 2026)", What: "daily cross-sectional SD of log returns", Real: "5.5%",
			Band: Band{Lo: 0.025, Hi: 0.11}, Source: "research brief, 2026-10", Reliability: secondary, Unit: Percent,
			Scenario: TaoflowScenario,
			Value:    func(o *Outputs) float64 { return CrossSectionalSD(&o.Series, burnIn, o.Days()) },
			Note:     "as moment 4, over days 5 to the end",
		},
		{
			ID: "13", Era: "gate era (Jul-Oct 2026)", What: "daily cross-sectional SD of log returns", Real: "5.3%",
			Band: Band{Lo: 0.025, Hi: 0.11}, Source: "research brief, 2026-10", Reliability: secondary, Unit: Percent,
			Scenario: HeadScenario,
			Value:    func(o *Outputs) float64 { return CrossSectionalSD(&o.Series, burnIn, o.Days()) },
			Note:     "as moment 4, over days 5 to the end",
		},
		{
			ID: "14", Era: "~Oct 2026 (block ~9.24M)", What: "top-8 subnets' share of emission", Real: "53.1%",
			Band: Band{Lo: 0.40, Hi: 0.65}, Source: "research brief, 2026-10", Reliability: secondary, Unit: Percent,
			Scenario: HeadScenario,
			Value:    func(o *Outputs) float64 { return TopShare(&o.Series, 8, o.Days()-lastDays, o.Days()) },
			Note:     "mean over the last 7 days (to 2026-10-01) of the 8 largest TAO emission shares",
		},
		{
			ID: "14b", Era: "~Oct 2026 (block ~9.24M)", What: "top-32 subnets' share of emission", Real: "97.2%",
			Source: "research brief, 2026-10", Reliability: secondary, Unit: Percent, Kind: Info,
			Scenario: HeadScenario,
			Value:    func(o *Outputs) float64 { return TopShare(&o.Series, 32, o.Days()-lastDays, o.Days()) },
			Note:     "as 14 with 32 subnets; the source gives no band",
		},
		{
			ID: "15", Era: "Oct 2025-Oct 2026", What: "deregistrations per week", Real: "52 in 50 weeks (1.04)",
			Source: "prune log rebuilt from archive state", Reliability: secondary, Unit: Number, Kind: Info,
			Scenario: SnapshotScenario,
			Value:    func(o *Outputs) float64 { return PerWeek(o.Events, "deregistration", o.Days()) },
			Note: "deregistration events per 7 days of the run (mechanism.deregistration on); shown, not scored: the registration " +
				"rate is fitted to the same log (band 0.5-2 a week), so it checks the rate limit, immunity and victims, not the model",
		},
		{
			ID: "16", Era: "Feb-Sep 2025 launches", What: "a new token at day 90, median change", Real: "−83%",
			Source: "research brief", Reliability: "unverified (marked so by the source)", Unit: Percent, Kind: Info,
			Scenario: LaunchScenario,
			Value:    func(o *Outputs) float64 { return MedianChange(o.Initial, &o.Series, 90) },
			Note:     "the launch cohort's tokens (first price 1), not later launches; no band",
		},
		{
			ID: "17a", Era: "SN28, Feb-Mar 2025", What: "SN28's peak rank by market cap", Real: "#7 (by price: #7 of 64 on 02-25)",
			Band: Band{Lo: 1, Hi: 10, Text: "#1 to #10"}, Source: "tzedonn, Mar 2025; chain reads (moment 18's)", Reliability: "low: commentary; the chain reads give prices, not market caps", Unit: Rank,
			Scenario: SN28Scenario,
			Value:    func(o *Outputs) float64 { return PeakCapRank(&o.Series, o.Events) },
			Note:     "best rank by spot price × outstanding alpha from the takeover on",
		},
		{
			ID: "17b", Era: "SN28, Feb-Mar 2025", What: "SN28's fall in 24 h after the intervention", Real: "−98% within hours (−88.1% from the 02-25 to the 02-26 read)",
			Band: Band{Lo: 0.80, Hi: 1, Text: "fall ≥ 80%"}, Source: "tzedonn, Mar 2025; chain reads (moment 18's)", Reliability: "high for the daily reads' −88.1%; low for the commentary's −98%", Unit: Percent,
			Scenario: SN28Scenario,
			Value:    func(o *Outputs) float64 { return Fall24h(o.Events) },
			Note:     "1 − p(t+24h)/p(t), t the Foundation's intervention (run event intervention_24h)",
		},
		{
			ID: "17c", Era: "SN28, Feb-Mar 2025", What: "as 17b, in runs where the meme was in the top 10 by price", Real: "−88.1% (SN28 7th of 64 by price at the 02-25 read)",
			Source: "chain reads (moment 18's)", Reliability: chainReads, Unit: Percent, Kind: Info,
			Scenario: SN28Scenario,
			Value:    func(o *Outputs) float64 { return Fall24hTop(&o.Series, o.Events, 10) },
			Note: "17b in the runs whose meme subnet ranked in the top 10 by spot price at the last recorded block at or before the intervention's " +
				"(SN28's episode: it had risen to 7th); shown, not scored: it splits 17b's runs by whether the episode happened, and its seeds are those 17b has",
		},
	}
}

// cohortMoments are the launch cohort's daily price moves, read from the chain (moment
// 18): the days a launch subnet's price halved (18a, 18b) or doubled (18c, 18d).
func cohortMoments() []Moment {
	return []Moment{
		{
			ID: "18a", Era: "launch fortnight (2025-02-14 to 03-01)", What: "launch subnets' days with a ≥50% price fall",
			Real: "4.2% (40 of 960; 27 on 02-20)", Band: Band{Lo: 0.014, Hi: 0.125}, Source: launchCohortSource, Reliability: chainReads, Unit: Percent,
			Scenario: LaunchScenario,
			Value:    func(o *Outputs) float64 { return HalvingShare(&o.Series, 1, 16) },
			Note: "share of subnet-days with p(d)/p(d−1) ≤ 0.5 over days 2-16 of the run (the real reads start 18 h after the launch); " +
				"band a factor of 3 either side (the real count rests on three days)",
		},
		{
			ID: "18b", Era: "Mar-Jul 2025 (days 16-150)", What: "launch subnets' days with a ≥50% price fall",
			Real: "0.0% (0 of 8,576)", Band: Band{Lo: 0, Hi: 0.00105, Text: "≤ 0.1%"}, Source: launchCohortSource, Reliability: chainReads, Unit: Percent,
			Scenario: LaunchScenario,
			Value:    func(o *Outputs) float64 { return HalvingShare(&o.Series, 16, o.Days()) },
			Note:     "as 18a over days 17-150; band three times the one-sided 95% bound of 0 in 8,576 (3/8,576)",
		},
		{
			ID: "18c", Era: "launch fortnight (2025-02-14 to 03-01)", What: "launch subnets' days with a ≥2× price rise",
			Real: "3.3% (32 of 960; 25 on 02-19)", Band: Band{Lo: 32.0 / 960 / 3, Hi: 3 * 32.0 / 960}, Source: launchCohortSource, Reliability: chainReads, Unit: Percent,
			Scenario: LaunchScenario,
			Value:    func(o *Outputs) float64 { return DoublingShare(&o.Series, 1, 16) },
			Note:     "18a's mirror: the share of subnet-days with p(d)/p(d−1) ≥ 2 over days 2-16; band a factor of 3 either side, as 18a's",
		},
		{
			ID: "18d", Era: "Mar-Jul 2025 (days 16-150)", What: "launch subnets' days with a ≥2× price rise",
			Real: "0.23% (20 of 8,576)", Band: Band{Lo: 20.0 / 8576 / 3, Hi: 3 * 20.0 / 8576, Text: "0.08% to 0.70%"}, Source: launchCohortSource, Reliability: chainReads, Unit: Percent2,
			Scenario: LaunchScenario,
			Value:    func(o *Outputs) float64 { return DoublingShare(&o.Series, 16, o.Days()) },
			Note:     "as 18c over days 17-150; band a factor of 3 either side",
		},
	}
}
