package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"dtaosim/market/replay"
)

func newReplayCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "replay SCENARIO.json",
		Short: "Run the chain mechanics alone on a scripted trade tape; CSV to stdout",
		Long: `Replay runs a replay scenario (format: docs/replay.md): an initial state of
subnets, a mechanism preset with optional parameter overrides, and a tape of scripted
buys and sells. It prints one CSV row per block and subnet to stdout, with the columns
of docs/replay.md. examples/replay/ holds the worked scenarios, whose expected outputs
the tests check.

The scenario is read strictly: unknown or duplicate keys, wrong types, negative or
non-finite amounts, unknown netuids or out-of-range blocks on the tape are errors that
name the line and field (exit code 2). A sell of more alpha than is outstanding is an
error too, and then nothing is printed. Trades refused because they would leave a
reserve below min_reserve are skipped with a warning on stderr.`,
		Example: `  dtaosim replay examples/replay/launch_price_ema.json > launch.csv`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReplay(args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
}

func runReplay(path string, stdout, stderr io.Writer) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return badInput(err)
	}
	sc, err := replay.Parse(data)
	if err != nil {
		return badInput(fmt.Errorf("%s: %w", path, err))
	}
	// First pass without output: a tape error found mid-run must not leave a partial CSV
	// on stdout. The engine is deterministic, so the second pass repeats it exactly.
	if _, err := replay.Run(sc, stderr, nil); err != nil {
		return badInput(fmt.Errorf("%s: %w", path, err))
	}
	bw := bufio.NewWriterSize(stdout, 1<<16)
	if _, err := replay.Run(sc, nil, replay.CSVWriter(bw)); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}
