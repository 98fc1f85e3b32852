package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"dtaosim/experiments/sensitivity"
	"dtaosim/experiments/sweep"
)

func newSensitivityCmd() *cobra.Command {
	var resamples int
	cmd := &cobra.Command{
		Use:   "sensitivity DIR",
		Short: "Morris or Sobol' sensitivity indices with bootstrap intervals, per output, from a sensitivity design's folder",
		Long: `Sensitivity reads the output folder of an experiment with design: morris or design:
sobol (after dtaosim merge, for shards) and ranks the experiment's axes by their influence
on each output. An output is a per-run number averaged over each design point's
replicates:

  capture_probability       share of runs with a share capture (runs already at θ at the
                            takeover count as not captured)
  capture_time              days to the capture; runs without one count as the horizon
  peak_meme_share, mean_meme_share, final_meme_share
  meme_tao_share            share of the TAO emission that went to meme subnets
  rank_capture_probability  share of runs with a rank capture
  at_theta_probability      share of runs already at θ at the takeover
  mean_hhi                  time-average HHI of the emission shares
  misallocation             if the runs files have the column

Morris: mu* (mean |elementary effect|, in output units per full range of the axis) with
a bootstrap 95% interval over trajectories, mu and sigma. Sobol': first-order S1 and total
ST indices with bootstrap 95% intervals over base rows. With each output, the replicate
noise: the share of the point means' variance that is noise rather than the axes' effect.

It prints a ranked table per output and writes DIR/sensitivity.parquet (docs/schema.md).
The bootstrap is seeded from the experiment's master seed: the same folder gives the same
numbers.`,
		Example: `  dtaosim sweep experiments/screening.yaml
  dtaosim sensitivity results/screening
  dtaosim sensitivity results/screening --resamples 5000`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if resamples < 2 || resamples > 1_000_000 {
				return badInput(fmt.Errorf("--resamples: expected a number in [2, 1000000], got %d", resamples))
			}
			if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
				return badInput(fmt.Errorf("%s: no manifest.json: not a sweep's output folder (a sharded sweep needs dtaosim merge first)", dir))
			}
			b := sensitivity.Bootstrap{Resamples: resamples}
			res, err := sweep.Sensitivity(dir, sweep.SensitivityOptions{Bootstrap: b})
			if errors.Is(err, sweep.ErrNotSensitivity) {
				return badInput(err)
			}
			if err != nil {
				return err
			}
			res.Print(cmd.OutOrStdout())
			if err := res.Write(dir, versionString(), b); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "\nwrote %s\n", filepath.Join(dir, "sensitivity.parquet"))
			return nil
		},
	}
	cmd.Flags().IntVar(&resamples, "resamples", 1000, "bootstrap resamples for the intervals")
	return cmd
}
