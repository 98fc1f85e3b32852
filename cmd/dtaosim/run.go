package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"dtaosim/experiments"
	"dtaosim/experiments/record"
)

func newRunCmd() *cobra.Command {
	var seed uint64
	var out string
	cmd := &cobra.Command{
		Use:   "run SCENARIO.yaml|PRESET",
		Short: "One seeded agent-based run; prints a summary and writes its Parquet files",
		Long: `Run simulates one scenario: the chain mechanics of a mechanism preset, subnets of
three kinds scoring their miners through Yuma consensus every epoch, and a population
of agents trading on Poisson clocks. The argument is a scenario file (YAML; every field
optional, see docs/scenarios.md) or the name of a shipped scenario (dtaosim presets).

It prints whether meme subnets captured the emission (and when), the peak meme share,
and the intervention's outcome, and writes series.parquet, events.parquet and
run.parquet under --out (default results/<scenario name>/run-seed<N>/).`,
		Example: `  dtaosim run sn28
  dtaosim run experiments/scenarios/sn28-late.yaml --seed 7 --out results/late7`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			sc, err := loadScenario(args[0])
			if err != nil {
				return badInput(err)
			}
			if !cmd.Flags().Changed("seed") {
				seed = sc.Seed
			}
			if out == "" {
				out = filepath.Join("results", sc.Name, fmt.Sprintf("run-seed%d", seed))
			}
			if err := writableDir(out); err != nil {
				return badInput(err)
			}
			start := time.Now()
			row, files, err := experiments.RunToDir(cmd.Context(), sc, seed, out, versionString())
			if err != nil {
				return err
			}
			printSummary(cmd.OutOrStdout(), sc, row, files, time.Since(start))
			return nil
		},
	}
	cmd.Flags().Uint64Var(&seed, "seed", 0, "master seed (default: the scenario's seed)")
	cmd.Flags().StringVar(&out, "out", "", "output directory (default results/<scenario>/run-seed<N>)")
	return cmd
}

// writableDir creates dir if needed and checks that files can be created in it, so that
// a bad --out fails before the run rather than after it.
func writableDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--out %s: cannot create the directory: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, ".dtaosim-write-test-*")
	if err != nil {
		return fmt.Errorf("--out %s: cannot write there: %w", dir, err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// loadScenario reads a scenario file, or a shipped preset when arg names one and is not
// a file.
func loadScenario(arg string) (*experiments.Scenario, error) {
	data, err := os.ReadFile(arg)
	if err != nil {
		if os.IsNotExist(err) && !strings.ContainsAny(arg, "/.") {
			return experiments.LoadPreset(arg)
		}
		return nil, err
	}
	sc, err := experiments.ParseScenario(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", arg, err)
	}
	return sc, nil
}

func printSummary(w io.Writer, sc *experiments.Scenario, r *record.RunRow, files experiments.RunFiles, wall time.Duration) {
	fmt.Fprintf(w, "scenario %s, seed %d, %s, %.0f days (%d blocks), %d agent actions, %.1f s\n",
		sc.Name, r.Seed, r.Mechanism, sc.RunDays(), r.Blocks, r.Actions, wall.Seconds())
	if r.TakeoverBlock >= 0 {
		what := "takeover"
		if !r.Takeover {
			what = "no takeover (control arm); at its day"
		}
		fmt.Fprintf(w, "%s: day %.1f, meme subnet started at rank %d of %d; at the takeover its share was %.1f%% and its rank %d\n",
			what, float64(r.TakeoverBlock-1)/7200, r.MemeStartRank, sc.Subnets.Count, 100*r.MemeShareAtTakeover, r.MemeRankAtTakeover)
	}
	switch {
	case r.AtThetaAtTakeover:
		fmt.Fprintf(w, "meme capture: not counted - the share was already at or above %.0f%% at the takeover\n", 100*sc.Metrics.Theta)
	case r.Captured:
		fmt.Fprintf(w, "meme capture: YES - from below, meme subnets held >= %.0f%% of emission for %g days from day %.1f\n",
			100*sc.Metrics.Theta, sc.Metrics.MinDays, r.CaptureDay)
	default:
		fmt.Fprintf(w, "meme capture: no (from below %.0f%% at the takeover, %.0f%% for %g days)\n", 100*sc.Metrics.Theta, 100*sc.Metrics.Theta, sc.Metrics.MinDays)
	}
	switch {
	case r.InTopKAtTakeover:
		fmt.Fprintf(w, "rank capture: not counted - a meme subnet was already in the top %d at the takeover\n", sc.Metrics.TopK)
	case r.RankCaptured:
		fmt.Fprintf(w, "rank capture: YES - from outside, a meme subnet in the top %d for %g days\n", sc.Metrics.TopK, sc.Metrics.MinDays)
	}
	fmt.Fprintf(w, "meme emission share: peak %.1f%%, mean %.1f%%, final %.1f%%; %.0f TAO of %.0f emitted went to meme subnets\n",
		100*r.PeakMemeShare, 100*r.MeanMemeShare, 100*r.FinalMemeShare, r.CumMemeTAO, r.CumTAO)
	if !math.IsNaN(r.MemeTAOSpeculators) {
		fmt.Fprintf(w, "meme holdings from the takeover day (daily means, TAO at spot): speculators %.0f, yield stakers %.0f (%.1f of them holding)\n",
			r.MemeTAOSpeculators, r.MemeTAOYieldStakers, r.MemeYieldStakers)
	}
	if r.Intervened {
		clip := "no epoch of the subnet ran after it"
		if !math.IsNaN(r.HolderIncentive) {
			clip = fmt.Sprintf("holders kept %.0f%% of the miner incentive", 100*r.HolderIncentive)
			if r.HolderIncentive < 1e-9 {
				clip = "holders' miner incentive clipped to zero"
			}
		}
		fmt.Fprintf(w, "intervention: day %.1f, root validators' Yuma stake share in the meme subnet %.0f%% (κ = 50%%): %s; price change over the next 24 h %s\n",
			r.InterventionDay, 100*r.RootShareAtInterv, clip, change(r.Drawdown24h))
		switch {
		case math.IsNaN(r.InterventionSuccess):
			fmt.Fprintf(w, "  success undefined: the meme share was %.1f%% at the intervention, below %.0f%%\n",
				100*r.MemeShareAtInterv, 100*sc.Metrics.Theta)
		default:
			verdict := "no"
			if r.InterventionSuccess == 1 {
				verdict = "yes"
			}
			fmt.Fprintf(w, "  meme share, %.1f%% at the intervention, stayed below %.0f%% for the %g days after it: %s\n",
				100*r.MemeShareAtInterv, 100*sc.Metrics.Theta, sc.Metrics.SuccessWindowDays, verdict)
		}
	} else {
		fmt.Fprintln(w, "intervention: none")
	}
	fmt.Fprintf(w, "P&L (TAO): speculators %+.0f, yield stakers %+.0f, arbitrageurs %+.0f, noise %+.0f, root validators %+.0f, subnet cohorts %+.0f\n",
		r.PnLSpeculators, r.PnLYieldStakers, r.PnLArbitrageurs, r.PnLNoise, r.PnLRootValidators, r.PnLSubnetCohorts)
	if sc.Agents.ValueInvestors.Count > 0 {
		fmt.Fprintf(w, "value investors: P&L %+.0f TAO, %d trades, %.0f TAO traded\n", r.PnLValueInvestors, r.TradesValueInvestors, r.VolumeValueInvestors)
	}
	fmt.Fprintf(w, "mean root proportion at the end: %.2f\n", r.FinalRootPropMean)
	fmt.Fprintf(w, "wrote %s, %s, %s\n", files.Series, files.Events, files.Run)
}

// change formats a drawdown 1 − p1/p0 as the signed price change p1/p0 − 1.
func change(drawdown float64) string {
	if math.IsNaN(drawdown) {
		return "n/a (the run ended first)"
	}
	return fmt.Sprintf("%+.0f%%", -100*drawdown)
}
