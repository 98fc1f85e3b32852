package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"dtaosim/experiments/figures"
)

func newPlotCmd() *cobra.Command {
	var formats, out, fanCells string
	var dpi int
	cmd := &cobra.Command{
		Use:   "plot DIR",
		Short: "Draw the paper figures of a sweep (or a single run) as PNG and SVG",
		Long: `Plot reads a results folder - a sweep's (manifest.json, runs/, series/, events/) or a
single run's (run.parquet, series.parquet) - and writes the figures it has the data for
into --out (default DIR/figures), one file per figure and format:

  capture-heatmap        capture probability over the first two grid axes besides the
                         mechanism, one panel per preset, cells annotated "p [lo, hi]";
                         a row of panels per combination of the next axes (at most four
                         rows), the axes after them pooled: list the axes to pool last
  share-fan              emission share by subnet kind over time: median, 50% and 90% of
                         runs, one panel per preset (--fan-cells: one per listed cell)
  sn28-episode           an intervened run and its paired run without intervention: the meme
                         subnet's price, emission share and root stake share
  intervention-success   intervention success rate against the chain's age (months)
  root-proportion        subnet 1's root proportion over time, with the curve of
                         docs/mechanism.md §9.5 for reference
  mechanism-comparison   paired differences in capture rate between mechanism presets
  design-tradeoff        each mechanism against the head preset: paired differences in
                         misallocation (x) and capture probability (y)
  sensitivity-morris     design morris: each axis's mu* (with its bootstrap 95% interval)
                         against sigma, one panel per output (as dtaosim sensitivity)
  sensitivity-sobol      design sobol: first-order and total indices with intervals

A figure whose data the folder lacks is skipped, with a line on stderr naming what is
missing. The written files are listed on stdout. PNG is written at --dpi (300); SVG embeds
its fonts.`,
		Example: `  dtaosim plot results/meme-capture
  dtaosim plot results/meme-capture --formats png --out paper/figures
  dtaosim plot results/meme-capture --fan-cells 0,1`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			fs, err := parseFormats(formats)
			if err != nil {
				return badInput(err)
			}
			if dpi < 10 || dpi > 2400 {
				return badInput(fmt.Errorf("--dpi: expected a resolution in [10, 2400], got %d", dpi))
			}
			var opt figures.Options
			if fanCells != "" {
				if opt.FanCells, err = parseCells(fanCells); err != nil {
					return badInput(err)
				}
			}
			if out == "" {
				out = filepath.Join(dir, "figures")
			}
			e, err := figures.Load(dir)
			if errors.Is(err, figures.ErrNotResults) {
				return badInput(err)
			}
			if err != nil {
				return err
			}
			for _, c := range opt.FanCells {
				if c >= len(e.Cells) {
					return badInput(fmt.Errorf("--fan-cells: cell %d is not in the experiment (cells 0 to %d)", c, len(e.Cells)-1))
				}
			}
			if err := writableDir(out); err != nil {
				return badInput(err)
			}
			rep, err := figures.Write(e, out, fs, dpi, opt)
			for _, p := range rep.Written {
				fmt.Fprintln(cmd.OutOrStdout(), p)
			}
			for _, s := range rep.Skipped {
				fmt.Fprintln(cmd.ErrOrStderr(), s.Error())
			}
			return err
		},
	}
	cmd.Flags().StringVar(&formats, "formats", "png,svg", "output formats, comma-separated: png, svg")
	cmd.Flags().StringVar(&out, "out", "", "output folder (default DIR/figures)")
	cmd.Flags().IntVar(&dpi, "dpi", figures.DefaultDPI, "PNG resolution, dots per inch")
	cmd.Flags().StringVar(&fanCells, "fan-cells", "", "draw the share fan for these cells, comma-separated (default: one panel per mechanism)")
	return cmd
}

// parseFormats reads "png,svg".
func parseFormats(s string) ([]string, error) {
	var out []string
	for f := range strings.SplitSeq(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		if !slices.Contains(figures.Formats, f) {
			hint := ""
			if f == "pdf" {
				hint = " (PDF is not offered: gonum/plot draws raster layers upside down in it; use svg)"
			}
			return nil, fmt.Errorf("--formats: %q is not one of %s%s", f, strings.Join(figures.Formats, ", "), hint)
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--formats: expected at least one of %s", strings.Join(figures.Formats, ", "))
	}
	return out, nil
}

// parseCells reads "0,3,5".
func parseCells(s string) ([]int, error) {
	var out []int
	for part := range strings.SplitSeq(s, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || c < 0 {
			return nil, fmt.Errorf("--fan-cells: expected cell numbers separated by commas, got %q", s)
		}
		out = append(out, c)
	}
	return out, nil
}
