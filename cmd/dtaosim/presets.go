package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"dtaosim/experiments"
	"dtaosim/market"
)

func newPresetsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "presets",
		Short: "List the mechanism presets, the mechanism designs and the scenario presets with one line each",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			w := cmd.OutOrStdout()
			fmt.Fprintln(w, "Mechanism presets (docs/mechanism.md §16; every parameter can be overridden):")
			for _, p := range market.Presets() {
				fmt.Fprintf(w, "  %-20s %s\n  %-20s implements docs/mechanism.md %s\n", p.Name, p.Summary, "", p.Spec)
			}
			fmt.Fprintln(w, "\nMechanism designs (docs/designs.md; counterfactual, not chain history; also usable as mechanism.preset):")
			for _, p := range market.Designs() {
				fmt.Fprintf(w, "  %-22s %s\n  %-22s docs/mechanism.md %s\n", p.Name, p.Summary, "", p.Spec)
			}
			fmt.Fprintln(w, "\nRun-level designs (docs/designs.md; the base preset's chain rules and a rule the run applies: to every subnet's Yuma stake, or deregistration; also usable as mechanism.preset):")
			for _, d := range experiments.ValidationDesigns() {
				fmt.Fprintf(w, "  %-24s %s\n  %-24s %s; runs %s\n", d.Name, d.Summary, "", d.Source, d.Base)
			}
			fmt.Fprintln(w, "\nScenario presets (experiments/scenarios/; run with `dtaosim run NAME`):")
			for _, p := range experiments.ScenarioPresets() {
				fmt.Fprintf(w, "  %-20s %s\n", p.Name, p.Description)
			}
			return nil
		},
	}
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the module version, VCS revision and Go version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintln(cmd.OutOrStdout(), versionString())
		},
	}
}

// versionString describes this build: module version, VCS revision and Go version.
func versionString() string {
	version, rev, dirty := "(devel)", "unknown", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+dirty"
				}
			}
		}
	}
	return fmt.Sprintf("dtaosim %s revision %s%s %s", version, rev, dirty, runtime.Version())
}
