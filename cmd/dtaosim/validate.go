package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/spf13/cobra"

	"dtaosim/experiments/validate"
)

func newValidateCmd() *cobra.Command {
	var seeds, firstSeed, workers int
	var maxDays float64
	var csvPath string
	var set []string
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Hold the model against the real network's moments: a table and a score",
		Long: `Validate runs the calibration scenarios (experiments/scenarios/calib-launch,
calib-taoflow, calib-head, sn28 and chain-2026-08) once per seed, seeds 1..--seeds
(or --seeds seeds from --first-seed, for held-out seeds), at most --workers at once, and
prints for every moment of docs/validation.md its era, the real value, the band, the
simulated value (mean over seeds and range) and whether the mean lies inside the band. Moments it cannot compute
are listed with the reason and counted in neither K nor M. The last line is
"moments within band: K/M".

It is a report: the exit code is 0 whatever K is (1 if a run fails, 2 for bad flags).
The output is the same for the same --seeds whatever --workers is. --max-days caps every
horizon for a quick check of the machinery (moments read later come out n/a). --set
PATH=VALUE (repeatable) changes a scenario field, by its dotted YAML path as an
experiment's axis names it, in every calibration scenario: the table of the model with
that assumption changed, which the report's second line names.`,
		Example: `  dtaosim validate
  dtaosim validate --seeds 5 --workers 2 --csv results/validate.csv
  dtaosim validate --seeds 1 --max-days 3    # seconds: checks the machinery, not the model
  dtaosim validate --seeds 5 --set agents.speculators.price_protection.mode=off
  dtaosim validate --seeds 10 --first-seed 11   # seeds 11..20, held out from 1..10`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if seeds < 1 {
				return badInput(fmt.Errorf("--seeds: expected a number >= 1, got %d", seeds))
			}
			if firstSeed < 1 {
				return badInput(fmt.Errorf("--first-seed: expected a number >= 1, got %d", firstSeed))
			}
			if workers < 0 {
				return badInput(fmt.Errorf("--workers: expected a number >= 1 (0: all cores), got %d", workers))
			}
			if maxDays < 0 {
				return badInput(fmt.Errorf("--max-days: expected a number of days > 0 (0: no cap), got %g", maxDays))
			}
			if csvPath != "" {
				if err := writableDir(filepath.Dir(csvPath)); err != nil {
					return badInput(fmt.Errorf("--csv: %w", err))
				}
			}
			list := make([]uint64, seeds)
			for k := range list {
				list[k] = uint64(firstSeed + k)
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			rep, err := validate.Run(ctx, validate.Moments(), validate.Options{
				Seeds: list, Workers: workers, MaxDays: maxDays, Progress: cmd.ErrOrStderr(), Set: set,
			})
			if err != nil {
				if errors.Is(err, validate.ErrSet) {
					return badInput(err)
				}
				return err
			}
			if csvPath != "" {
				f, err := os.Create(csvPath)
				if err != nil {
					return err
				}
				if err := rep.WriteCSV(f); err != nil {
					f.Close()
					return err
				}
				if err := f.Close(); err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "validate: wrote %s\n", csvPath)
			}
			return rep.WriteText(cmd.OutOrStdout())
		},
	}
	cmd.Flags().IntVar(&seeds, "seeds", 3, "number of seeds: every scenario runs with seeds 1..N (from --first-seed)")
	cmd.Flags().IntVar(&firstSeed, "first-seed", 1, "the first seed: every scenario runs with seeds first-seed..first-seed+seeds-1")
	cmd.Flags().IntVar(&workers, "workers", 0, "runs at once (0: all cores)")
	cmd.Flags().Float64Var(&maxDays, "max-days", 0, "cap every scenario's horizon at this many days (0: no cap)")
	cmd.Flags().StringVar(&csvPath, "csv", "", "also write the table as CSV to this file")
	cmd.Flags().StringArrayVar(&set, "set", nil, "PATH=VALUE: set a scenario field in every calibration scenario (repeatable)")
	return cmd
}
