package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"github.com/spf13/cobra"

	"dtaosim/experiments/sweep"
)

// sbatchTemplate is the job array script `dtaosim slurm` writes. One array task per
// shard, each running its share of the runs with all its CPUs; a dependent job merges
// and summarizes when every task has succeeded.
var sbatchTemplate = template.Must(template.New("sbatch").Parse(`#!/bin/bash
# Slurm job array for the dtaosim experiment {{.Name}}: {{.Runs}} runs in {{.Shards}} shards
# ({{.PerShard}} runs each at most). Written by: dtaosim slurm {{.Experiment}} --shards {{.Shards}}
#
# Submit it with:   sbatch {{.Script}}
# It submits, from its first task, the merge-and-summarize job that runs after every task
# has succeeded. A failed or preempted task can be re-submitted alone
# (sbatch --array=I {{.Script}}): each shard writes only its own runs, atomically, and
# skips those already complete (--resume), so a retried task is harmless.
#
#SBATCH --job-name=dtaosim-{{.Name}}
#SBATCH --array=0-{{.Last}}
#SBATCH --cpus-per-task={{.CPUs}}
#SBATCH --mem-per-cpu=256M
#SBATCH --time={{.Time}}
#SBATCH --output={{.Logs}}/%x-%A_%a.out
#SBATCH --error={{.Logs}}/%x-%A_%a.err
set -euo pipefail
# Slurm does not create the --output folder: this script's folder is made by
# "dtaosim slurm" and must exist before sbatch.
export DTAOSIM={{.Bin}}
"$DTAOSIM" sweep {{.Experiment}} --out {{.Out}} --shard auto --resume --workers "${SLURM_CPUS_PER_TASK:-1}"
if [ "${SLURM_ARRAY_TASK_ID}" = "${SLURM_ARRAY_TASK_MIN}" ]; then
  sbatch --dependency=afterok:${SLURM_ARRAY_JOB_ID} --job-name=dtaosim-{{.Name}}-merge \
    --output={{.Logs}}/%x-%j.out --error={{.Logs}}/%x-%j.err \
    --wrap="\"$DTAOSIM\" merge {{.Out}} && \"$DTAOSIM\" summarize {{.Out}}"
fi
`))

func newSlurmCmd() *cobra.Command {
	var shards, cpus int
	var out, script, bin, timeLimit string
	cmd := &cobra.Command{
		Use:   "slurm EXPERIMENT.yaml --shards N",
		Short: "Write a Slurm job array script that runs an experiment in N shards, then merges",
		Long: `Slurm writes an sbatch script for a job array of N tasks: task I runs
"dtaosim sweep EXPERIMENT --shard auto --resume" (the shard comes from
SLURM_ARRAY_TASK_ID), and the first task submits a job that runs "dtaosim merge" and
"dtaosim summarize" once every task has succeeded. It also creates the logs folder, which
Slurm does not. Each array task costs about a second of scheduling: use a few shards with
many runs each. Paths in the script are made absolute.`,
		Example: `  dtaosim slurm experiments/meme-capture.yaml --shards 16 --cpus 8
  sbatch results/meme-capture/slurm/sweep.sbatch`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			plan, err := sweep.Load(args[0])
			if err != nil {
				return badInput(err)
			}
			if shards < 1 || shards > plan.Units() {
				unit := "runs"
				if plan.Exp.Replicates.Adaptive() {
					unit = "cells: adaptive replicates shard by cell"
				}
				return badInput(fmt.Errorf("--shards: expected a number in [1, %d] (the experiment's %s), got %d", plan.Units(), unit, shards))
			}
			if cpus < 1 {
				return badInput(fmt.Errorf("--cpus: expected a number >= 1, got %d", cpus))
			}
			if out == "" {
				out = filepath.Join("results", plan.Exp.Name)
			}
			abs := func(p string) string {
				a, err := filepath.Abs(p)
				if err != nil {
					return p
				}
				return a
			}
			if bin == "" {
				if exe, err := os.Executable(); err == nil {
					bin = exe
				}
			}
			if script == "" {
				script = filepath.Join(out, "slurm", "sweep.sbatch")
			}
			logs := filepath.Join(filepath.Dir(abs(script)), "logs")
			if err := os.MkdirAll(logs, 0o755); err != nil {
				return badInput(fmt.Errorf("--script %s: %w", script, err))
			}
			per := (plan.Runs() + shards - 1) / shards
			if plan.Exp.Replicates.Adaptive() { // whole cells per shard
				per = (len(plan.Cells) + shards - 1) / shards * plan.Exp.Replicates.Max
			}
			var b strings.Builder
			err = sbatchTemplate.Execute(&b, map[string]any{
				"Name": plan.Exp.Name, "Runs": plan.Runs(), "Shards": shards, "PerShard": per, "Last": shards - 1,
				"CPUs": cpus, "Time": timeLimit, "Logs": logs, "Bin": abs(bin), "Experiment": abs(args[0]),
				"Out": abs(out), "Script": abs(script),
			})
			if err != nil {
				return err
			}
			if err := os.WriteFile(script, []byte(b.String()), 0o755); err != nil {
				return badInput(fmt.Errorf("--script %s: %w", script, err))
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s: %d array tasks of at most %d runs each, %d CPUs per task; submit it with\n  sbatch %s\n",
				script, shards, per, cpus, abs(script))
			return nil
		},
	}
	cmd.Flags().IntVar(&shards, "shards", 0, "array tasks (shards); required")
	cmd.Flags().IntVar(&cpus, "cpus", 4, "CPUs per task (--cpus-per-task; the sweep's workers)")
	cmd.Flags().StringVar(&out, "out", "", "output folder (default results/<experiment name>), shared by all tasks")
	cmd.Flags().StringVar(&script, "script", "", "script to write (default OUT/slurm/sweep.sbatch)")
	cmd.Flags().StringVar(&bin, "bin", "", "dtaosim binary the tasks run (default: this one)")
	cmd.Flags().StringVar(&timeLimit, "time", "04:00:00", "time limit per task (--time)")
	cmd.MarkFlagRequired("shards")
	return cmd
}
