package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"dtaosim/experiments/record"
	"dtaosim/experiments/sweep"
)

func newRerunCmd() *cobra.Command {
	var cell, workers int
	var out, baseDir string
	cmd := &cobra.Command{
		Use:   "rerun DIR --cell N",
		Short: "Run one cell of a finished experiment again from its manifest and check the numbers",
		Long: `Rerun reads an experiment folder's manifest.json (which holds a copy of the experiment
file) and summary.parquet - a folder under results/, or one of the study's committed
folders under docs/study/ - runs cell N's replicates again into --out, and compares the
cell's new summary row with the recorded one, column by column. It prints both and says
"reproduced" (exit 0) or lists the columns that differ (exit 1).

The plan expanded from the manifest's copy must be the recorded plan (plan_hash): if a
shipped scenario the experiment builds on has changed, rerun says so instead of running.
The model's code is not in the plan: a rerun with a different tool version (the manifest
names the one that produced the folder) may give other numbers, and the difference is the
finding.`,
		Example: `  dtaosim rerun docs/study/capture-head --cell 0
  dtaosim rerun results/meme-capture-demo --cell 5 --out /tmp/cell5 --workers 2`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cell < 0 {
				return badInput(fmt.Errorf("--cell: expected a cell index >= 0 (the manifest lists them), got %d", cell))
			}
			if workers < 0 {
				return badInput(fmt.Errorf("--workers: expected a number >= 1 (0: all cores), got %d", workers))
			}
			if out == "" {
				tmp, err := os.MkdirTemp("", "dtaosim-rerun-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(tmp)
				out = tmp
			} else if err := writableDir(out); err != nil {
				return badInput(err)
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			r, err := sweep.RerunCell(ctx, args[0], cell, baseDir, sweep.Options{
				Out: out, Workers: workers, Resume: true, Version: versionString(), Progress: cmd.ErrOrStderr(),
			})
			switch {
			case errors.Is(err, sweep.ErrRerunInput):
				return badInput(err)
			case err != nil:
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "cell %d (%s) of %s, recorded by %s\n", r.Cell, r.Axes, args[0], r.ToolVersion)
			if r.Unchecked != "" {
				fmt.Fprintf(w, "note: %s\n", r.Unchecked)
			}
			if r.Rule != "" {
				fmt.Fprintf(w, "note: %s\n", r.Rule)
			}
			printCellRow(w, "recorded", &r.Want)
			printCellRow(w, "rerun", &r.Got)
			if len(r.Diffs) == 0 {
				fmt.Fprintf(w, "reproduced: every column of the cell's summary row is identical\n")
				return nil
			}
			for _, d := range r.Diffs {
				fmt.Fprintf(w, "  differs: %s\n", d)
			}
			return fmt.Errorf("cell %d: %d columns differ from the recorded summary", r.Cell, len(r.Diffs))
		},
	}
	cmd.Flags().IntVar(&cell, "cell", -1, "the cell to rerun (its index in the manifest and summary)")
	cmd.Flags().IntVar(&workers, "workers", 0, "concurrent runs (default: all cores)")
	cmd.Flags().StringVar(&out, "out", "", "folder for the rerun's files (default: a temporary folder, removed afterwards)")
	cmd.Flags().StringVar(&baseDir, "base-dir", "experiments", "folder against which a base given as a file path is resolved")
	_ = cmd.MarkFlagRequired("cell")
	return cmd
}

// printCellRow writes the capture columns of a cell's summary row on one line.
func printCellRow(w io.Writer, name string, r *record.SummaryRow) {
	fmt.Fprintf(w, "  %-8s runs %d, eligible %d, captured %d, capture rate %.4f [%.4f, %.4f], median peak meme share %.4f\n",
		name, r.Runs, r.Eligible, r.Captured, r.CaptureRate, r.CaptureLo, r.CaptureHi, r.PeakShareP50)
}
