package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"dtaosim/experiments/sweep"
)

func newCompareCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "compare DIR_A DIR_B",
		Short: "Paired comparisons between the same cells of two finished sweeps of one master seed",
		Long: `Compare pairs two finished sweeps cell by cell and replicate by replicate. Two
experiment files that differ only in their base scenario (the speculators' capital, a
preset, a setting) and have the same master seed run replicate r of a cell on the same
random numbers, so A − B on a replicate is the effect of what differs between the files;
summarize, which compares cells within one folder, cannot see it.

For every cell of DIR_A, the cell of DIR_B with the same axis values and random numbers
(CRN group): the capture difference with Newcombe's 95% interval and the exact McNemar
test, and the paired effects on every outcome of effects.parquet (t intervals, exact sign
tests), over the replicates both folders have (adaptive replicates: each cell up to where
its stopping rule stopped). p-values are Holm-adjusted. Folders of different master seeds
are refused (exit 2). With --out it writes comparisons.parquet and effects.parquet there
(docs/schema.md; axis "folder", arms "folder=NAME").`,
		Example: `  dtaosim compare results/study/capture-launch-300 results/study/capture-launch
  dtaosim compare A B --out results/a-vs-b`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			fc, err := sweep.CompareFolders(args[0], args[1])
			if err != nil {
				return badInput(err)
			}
			if out != "" {
				if err := writableDir(out); err != nil {
					return badInput(err)
				}
				if err := fc.Write(out, versionString()); err != nil {
					return err
				}
			}
			fc.Print(cmd.OutOrStdout())
			if out != "" {
				fmt.Fprintf(cmd.OutOrStdout(), "\nwrote %s and %s\n", filepath.Join(out, "comparisons.parquet"), filepath.Join(out, "effects.parquet"))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "folder to write comparisons.parquet and effects.parquet into")
	return cmd
}
