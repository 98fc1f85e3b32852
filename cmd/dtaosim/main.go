// Command dtaosim simulates Bittensor's dynamic TAO: chain mechanics, agents and
// experiment grids. Run `dtaosim --help` for the commands.
//
// Exit codes: 0 ok, 1 a run or I/O failed, 2 bad usage or bad input.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// usageError marks bad usage or bad input (exit code 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// badInput wraps err as bad input (exit code 2).
func badInput(err error) error { return usageError{err} }

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:           "dtaosim",
		Short:         "Simulate Bittensor dynamic TAO: how often do meme subnets capture emissions?",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return badInput(err) })
	root.AddCommand(newRunCmd(), newSweepCmd(), newMergeCmd(), newSummarizeCmd(), newSlurmCmd(), newReplayCmd(), newPresetsCmd(), newPlotCmd(), newSensitivityCmd(), newValidateCmd(), newRerunCmd(), newCompareCmd(), newVersionCmd())
	return root
}

func main() {
	os.Exit(run(os.Args[1:]))
}

// run executes the command line args and returns the exit code.
func run(args []string) int {
	root := newRoot()
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	fmt.Fprintln(os.Stderr, "dtaosim:", err)
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		return 2
	}
	return 1
}

// isCobraUsage reports cobra's own argument errors (unknown command, wrong arg count).
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "unknown flag", "unknown shorthand", "invalid argument"} {
		if len(msg) >= len(p) && contains(msg, p) {
			return true
		}
	}
	return false
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
