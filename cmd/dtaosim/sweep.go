package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"dtaosim/experiments/sweep"
)

func newSweepCmd() *cobra.Command {
	var workers int
	var out, shard string
	var resume bool
	cmd := &cobra.Command{
		Use:   "sweep EXPERIMENT.yaml",
		Short: "Run an experiment grid: cells × replicates in parallel, resumable and shardable",
		Long: `Sweep expands an experiment file (docs/experiments.md) into cells - a full grid or a
Latin hypercube over scenario parameters - and runs every cell's replicates, one run per
goroutine with at most --workers at once. Each run writes its own series, events and
runs files under OUT (default results/<experiment name>), atomically; the runs file last,
so a run is complete exactly when its runs file exists.

Ctrl-C stops cleanly: finished runs are kept, runs in flight leave nothing behind.
--resume then runs only what is missing, even after kill -9. A finished experiment run
again does nothing and says so.

Replicates are a fixed number per cell, or adaptive: each cell runs in batches until its
capture rate's Wilson 95% interval is as narrow as asked, or a maximum is reached
(docs/experiments.md). Design morris or sobol makes the cells a sensitivity design, for
dtaosim sensitivity.

--shard I/N runs the runs k with k mod N = I (0 ≤ I < N), or with adaptive replicates the
cells c with c mod N = I; --shard auto reads the index
and count from a Slurm job array (SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN,
SLURM_ARRAY_TASK_COUNT) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, with the
count in DTAOSIM_SHARDS). Join shards with dtaosim merge.`,
		Example: `  dtaosim sweep experiments/meme-capture.yaml
  dtaosim sweep experiments/meme-capture.yaml --workers 2 --resume
  dtaosim sweep experiments/meme-capture.yaml --shard 3/16 --out /scratch/mc`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			plan, err := sweep.Load(args[0])
			if err != nil {
				return badInput(err)
			}
			i, n, err := parseShard(shard)
			if err != nil {
				return badInput(err)
			}
			if out == "" {
				out = filepath.Join("results", plan.Exp.Name)
			}
			if err := writableDir(out); err != nil {
				return badInput(err)
			}
			if workers < 0 {
				return badInput(fmt.Errorf("--workers: expected a number >= 1 (0: all cores), got %d", workers))
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			stderr := cmd.ErrOrStderr()
			describePlan(stderr, plan, i, n)
			rep, err := sweep.Run(ctx, plan, sweep.Options{
				Out: out, Workers: workers, Resume: resume, Shard: i, Shards: n, Version: versionString(),
				Progress: stderr, ProgressTTY: isTerminal(os.Stderr),
			})
			switch {
			case errors.Is(err, sweep.ErrExists):
				return badInput(err)
			case err != nil:
				return err
			}
			if rep.Done == 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "all %d runs of this shard are already complete in %s; nothing to do\n", rep.Total, out)
				return nil
			}
			// The speed line comes last, after the summary, so that every sweep ends with it.
			done := func() {
				fmt.Fprintf(cmd.OutOrStdout(), "%d runs done in %s, %.0f runs/hour (%d were already complete); outputs in %s\n",
					rep.Done, rep.Elapsed.Round(1e7), runsPerHour(rep), rep.Skipped, out)
			}
			if n > 1 {
				done()
				return nil // a shard: summarize after dtaosim merge
			}
			if err := summarize(cmd, out); err != nil {
				return err
			}
			if plan.Sensitivity != nil {
				fmt.Fprintf(cmd.OutOrStdout(), "a %s design: dtaosim sensitivity %s ranks the axes per output\n", plan.Sensitivity.Kind, out)
			}
			done()
			return nil
		},
	}
	cmd.Flags().IntVar(&workers, "workers", 0, "concurrent runs (default: all cores)")
	cmd.Flags().StringVar(&out, "out", "", "output folder (default results/<experiment name>)")
	cmd.Flags().BoolVar(&resume, "resume", false, "run only the runs missing in the output folder")
	cmd.Flags().StringVar(&shard, "shard", "", "run shard I/N of the runs, or auto (Slurm array, Kubernetes Indexed Job)")
	return cmd
}

// describePlan writes the plan's size: its design, cells, replicates and runs.
func describePlan(w io.Writer, plan *sweep.Plan, shard, shards int) {
	if d := plan.Sensitivity; d != nil {
		switch d.Kind {
		case "morris":
			fmt.Fprintf(w, "design morris: %d trajectories × %d points over %d levels = %d design points, %d distinct cells\n",
				d.Trajectories, len(d.Factors)+1, d.Levels, len(d.Points), len(plan.Cells))
		case "sobol":
			fmt.Fprintf(w, "design sobol: N = %d base rows (%s) × %d blocks = %d design points, %d distinct cells\n",
				d.Samples, d.Base, len(d.Factors)+2, len(d.Points), len(plan.Cells))
		}
	}
	rule := plan.Exp.Replicates
	if rule.Adaptive() {
		fmt.Fprintf(w, "experiment %s: %d cells × %s replicates = at most %d runs; shard %d of %d (by cell)\n",
			plan.Exp.Name, len(plan.Cells), rule, plan.Runs(), shard, shards)
		return
	}
	fmt.Fprintf(w, "experiment %s: %d cells × %d replicates = %d runs; shard %d of %d\n",
		plan.Exp.Name, len(plan.Cells), rule.Max, plan.Runs(), shard, shards)
}

// parseShard reads "I/N", "auto" or "" (unsharded).
func parseShard(s string) (int, int, error) {
	switch s {
	case "":
		return 0, 1, nil
	case "auto":
		return shardFromEnv(os.Getenv)
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("--shard: expected I/N with 0 <= I < N (e.g. 3/16) or auto, got %q", s)
	}
	return i, n, nil
}

// shardFromEnv reads the shard from a Slurm job array or a Kubernetes Indexed Job.
func shardFromEnv(getenv func(string) string) (int, int, error) {
	atoi := func(name string) (int, error) {
		v := getenv(name)
		if v == "" {
			return 0, fmt.Errorf("%s is not set", name)
		}
		x, err := strconv.Atoi(v)
		if err != nil || x < 0 {
			return 0, fmt.Errorf("%s=%q: expected a whole number >= 0", name, v)
		}
		return x, nil
	}
	if getenv("SLURM_ARRAY_TASK_ID") != "" {
		id, err := atoi("SLURM_ARRAY_TASK_ID")
		if err != nil {
			return 0, 0, fmt.Errorf("--shard auto: %w", err)
		}
		lo, err := atoi("SLURM_ARRAY_TASK_MIN")
		if err != nil {
			return 0, 0, fmt.Errorf("--shard auto: %w", err)
		}
		n, err := atoi("SLURM_ARRAY_TASK_COUNT")
		if err != nil {
			return 0, 0, fmt.Errorf("--shard auto: %w", err)
		}
		if n < 1 || id-lo < 0 || id-lo >= n {
			return 0, 0, fmt.Errorf("--shard auto: SLURM_ARRAY_TASK_ID %d - SLURM_ARRAY_TASK_MIN %d is not in [0, SLURM_ARRAY_TASK_COUNT %d); use a contiguous array 0-%d", id, lo, n, n-1)
		}
		return id - lo, n, nil
	}
	if getenv("JOB_COMPLETION_INDEX") != "" {
		i, err := atoi("JOB_COMPLETION_INDEX")
		if err != nil {
			return 0, 0, fmt.Errorf("--shard auto: %w", err)
		}
		n, err := atoi("DTAOSIM_SHARDS")
		if err != nil {
			return 0, 0, fmt.Errorf("--shard auto: a Kubernetes Indexed Job needs the shard count: %w (set it to the Job's completions)", err)
		}
		if n < 1 || i >= n {
			return 0, 0, fmt.Errorf("--shard auto: JOB_COMPLETION_INDEX %d is not in [0, DTAOSIM_SHARDS %d)", i, n)
		}
		return i, n, nil
	}
	return 0, 0, errors.New("--shard auto: neither a Slurm job array (SLURM_ARRAY_TASK_ID) nor a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) is set")
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func newMergeCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "merge DIR...",
		Short: "Join shard outputs; fail if any run is missing or duplicated",
		Long: `Merge checks that every run of the experiment is present exactly once across the
given folders (shards that wrote to one shared folder, or to one folder each), copies the
files of the other folders into --out (default: the first folder), and writes its
manifest.json. It fails with exit code 1, listing them, if any run is missing or
duplicated.`,
		Example: `  dtaosim merge results/meme-capture
  dtaosim merge --out results/mc shard-0 shard-1 shard-2`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				out = args[0]
			}
			man, err := sweep.Merge(out, args)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "merged %d runs (%d cells × %s replicates) of %s into %s\n",
				man.RunsComplete, len(man.Cells), man.Rule(), man.Name, out)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "merged output folder (default: the first DIR)")
	return cmd
}

func newSummarizeCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "summarize DIR",
		Short: "Per-cell capture probabilities with intervals, and paired effects between cells differing in one axis (or a declared contrast)",
		Long: `Summarize reads an experiment's output folder (after dtaosim merge, for shards) and
prints, per cell, the capture probability over the runs below θ at the takeover with its
Wilson 95% interval (runs already at θ counted apart), the rank-capture probability, the
Kaplan–Meier median time to capture (censored at the last day a capture could still be
confirmed), the median peak meme share and the intervention success rate; then, for every
pair of cells that share random numbers and differ in exactly one axis (and the arms of
each contrast the experiment file declares, within every combination of the other
axes), the paired difference in capture rate with Newcombe's 95% interval and the exact McNemar test, and
the paired effects on the meme share, the price change after the decision and the TAO
emitted to meme subnets (t intervals, exact sign tests); and each interaction the file
declares (an effect's change between two values of another axis: MOVER interval, exact
sign-flip test). p-values are Holm-adjusted.
It writes DIR/summary.parquet, DIR/comparisons.parquet and DIR/effects.parquet, and
DIR/interactions.parquet when the file declares interactions (docs/schema.md).`,
		Example: "  dtaosim summarize results/meme-capture",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return summarize(cmd, args[0])
		},
	}
}

func summarize(cmd *cobra.Command, dir string) error {
	s, err := sweep.Summarize(dir)
	if err != nil {
		return err
	}
	if err := s.Write(dir, versionString()); err != nil {
		return err
	}
	s.Print(cmd.OutOrStdout())
	fmt.Fprintf(cmd.OutOrStdout(), "\nwrote %s, %s and %s", filepath.Join(dir, "summary.parquet"),
		filepath.Join(dir, "comparisons.parquet"), filepath.Join(dir, "effects.parquet"))
	if len(s.Manifest.Interactions) > 0 {
		fmt.Fprintf(cmd.OutOrStdout(), ", and %s", filepath.Join(dir, "interactions.parquet"))
	}
	fmt.Fprintln(cmd.OutOrStdout())
	return nil
}

// runsPerHour is the sweep's throughput: runs completed now per hour of wall time.
func runsPerHour(rep sweep.Report) float64 {
	if rep.Elapsed <= 0 {
		return 0
	}
	return float64(rep.Done) / rep.Elapsed.Hours()
}
