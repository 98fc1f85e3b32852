package sweep

import (
	"fmt"
	"io"
	"math"
)

// Print writes the summary as text tables: the cells, the paired capture comparisons and
// the main paired effects. Every number says how many runs or pairs it rests on.
func (s *Summary) Print(w io.Writer) {
	m := &s.Manifest
	rule := m.Rule()
	fmt.Fprintf(w, "%s: %d cells × %s replicates, %d runs missing\n", m.Name, len(m.Cells), rule, s.Missing)
	fmt.Fprintf(w, "capture: from below θ at the takeover (runs already at θ are counted apart under \"at θ\"); k/n = captured/eligible\n")
	fmt.Fprintf(w, "halved: runs whose meme price fell by half or more in the 24 h after the decision / runs with a decision\n")
	stopCol := func(string) string { return "" }
	if rule.Adaptive() {
		fmt.Fprintf(w, "stopped: replicates where the cell stopped, and why (target: 95%% CI half-width ≤ %g; max: the maximum reached first)\n", rule.CIHalfWidth)
		stopCol = func(s string) string { return fmt.Sprintf("%-16s ", s) }
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%4s  %-4s %s%-5s %-24s %-24s %-10s %-8s %-14s %-10s  %s\n", "cell", "runs", stopCol("stopped"), "at θ", "capture k/n [95% CI]",
		"rank capture k/n [CI]", "KM median", "peak p50", "success k/n", "halved k/n", "axes")
	for _, c := range s.Cells {
		med := "—"
		if !math.IsNaN(c.MedianCaptureDay) {
			med = fmt.Sprintf("%.1f d", c.MedianCaptureDay)
		}
		iv := "—"
		if c.SuccessRuns > 0 {
			iv = fmt.Sprintf("%.0f/%d", c.InterventionRate*float64(c.SuccessRuns), c.SuccessRuns)
		}
		halved := "—"
		if c.Decided > 0 {
			halved = fmt.Sprintf("%d/%d", c.Halved24h, c.Decided)
		}
		fmt.Fprintf(w, "%4d  %-4d %s%-5d %-24s %-24s %-10s %-8.3f %-14s %-10s  %s\n", c.Cell, c.Runs,
			stopCol(fmt.Sprintf("%d (%s)", c.StoppedAt, c.StopReason)), c.AtTheta,
			rate(c.Captured, c.Eligible, c.CaptureLo, c.CaptureHi),
			rate(c.RankCaptured, c.RankEligible, c.RankCaptureLo, c.RankCaptureHi),
			med, c.PeakShareP50, iv, halved, c.Axes)
	}
	if len(s.Comparisons) == 0 {
		return
	}
	between := "cells differing in one axis"
	if n := len(s.Manifest.Contrasts); n > 0 {
		between += fmt.Sprintf(" and the arms of the experiment's %d contrast(s)", n)
	}
	fmt.Fprintf(w, "\npaired capture comparisons between %s (same random numbers; A − B, Newcombe 95%% CI; exact McNemar p, Holm-adjusted over %d comparisons)\n", between, len(s.Comparisons))
	for _, c := range s.Comparisons {
		fmt.Fprintf(w, "  %s vs %s [%s]: %s, discordant %d/%d, p = %.3g (Holm %.3g), pairs %d",
			c.ArmA, c.ArmB, c.Context, signed(c.Diff, c.DiffLo, c.DiffHi, "%+.2f"), c.N10, c.N01, c.McNemarP, c.McNemarPHolm, c.Pairs)
		if c.Excluded > 0 {
			fmt.Fprintf(w, " (%d excluded: at θ at the takeover)", c.Excluded)
		}
		fmt.Fprintln(w)
	}
	shown := 0
	for _, e := range s.Effects {
		if !(e.SignPHolm < 0.05) {
			continue
		}
		if shown == 0 {
			fmt.Fprintf(w, "\npaired effects significant after Holm's adjustment (mean of A − B over pairs, t 95%% CI; exact sign test p, Holm-adjusted per outcome)\n")
		}
		shown++
		fmt.Fprintf(w, "  %-17s %s vs %s [%s]: %s, p = %.3g (Holm %.3g), pairs %d\n",
			e.Outcome, e.ArmA, e.ArmB, e.Context, signed(e.Diff, e.DiffLo, e.DiffHi, "%+.4f"), e.SignP, e.SignPHolm, e.Pairs)
	}
	fmt.Fprintf(w, "\n%d paired effects on %d outcomes, %d of them significant at 5%% after Holm's adjustment; all in effects.parquet\n",
		len(s.Effects), len(s.Outcomes), shown)
	s.printInteractions(w)
	s.printHeadDiffs(w)
}

// printInteractions prints the experiment's interactions; nothing when it declares none.
func (s *Summary) printInteractions(w io.Writer) {
	if len(s.Interactions) == 0 {
		return
	}
	fmt.Fprintf(w, "\npaired interactions (capture: the effect of A − B at by_1 minus that at by_2, same random numbers; MOVER 95%% CI;\n")
	tested := 0
	for _, in := range s.Interactions {
		if in.Replicates > 0 {
			tested++
		}
	}
	fmt.Fprintf(w, "replicates whose difference is positive/negative; exact sign-flip p, Holm-adjusted over %d interactions)\n", tested)
	for _, in := range s.Interactions {
		fmt.Fprintf(w, "  %s vs %s, %s vs %s [%s]: %+.2f and %+.2f, %s, %d/%d, p = %.3g (Holm %.3g), replicates %d",
			in.ArmA, in.ArmB, in.By1, in.By2, in.Context, in.Effect1, in.Effect2, signed(in.Diff, in.DiffLo, in.DiffHi, "%+.2f"),
			in.Positive, in.Negative, in.SignFlipP, in.SignFlipPHolm, in.Replicates)
		if in.Excluded > 0 {
			fmt.Fprintf(w, " (%d excluded: at θ at the takeover)", in.Excluded)
		}
		fmt.Fprintln(w)
	}
}

// printHeadDiffs prints HeadDiffs: each mechanism against the head preset, pooled over
// contexts; nothing when the experiment has no such comparisons.
func (s *Summary) printHeadDiffs(w io.Writer) {
	diffs := s.HeadDiffs()
	if len(diffs) == 0 {
		return
	}
	fmt.Fprintf(w, "\nagainst the head preset %s, pooled over contexts without the control arm (mechanism − head, same random numbers;\n", HeadPreset)
	fmt.Fprintf(w, "capture: Newcombe 95%% CI, exact McNemar p, discordant pairs mechanism-only/head-only; misallocation: time-mean, t 95%% CI)\n")
	if NoTakeover(diffs) {
		fmt.Fprintf(w, "no run compared here had a takeover (the experiment is a control arm): capture is 0 in both arms by construction; read misallocation only\n")
	}
	fmt.Fprintf(w, "  %-24s %-8s %-30s %-9s %-10s %s\n", "mechanism", "contexts", "capture difference [95% CI]", "p", "discord.", "misallocation difference [95% CI] (pairs)")
	for _, d := range diffs {
		fmt.Fprintf(w, "  %-24s %-8d %-30s %-9.3g %-10s %s (%d)\n", d.Mechanism, d.Contexts,
			fmt.Sprintf("%s (%d)", signed(d.Capture, d.CaptureLo, d.CaptureHi, "%+.3f"), d.CapturePairs), d.McNemarP,
			fmt.Sprintf("%d/%d", d.N10, d.N01), signed(d.Misallocation, d.MisallocationLo, d.MisallocationHi, "%+.4f"), d.MisallocationPairs)
	}
}

// rate prints k/n with the interval, or "— (0 eligible)".
func rate(k, n int32, lo, hi float64) string {
	if n == 0 {
		return "— (0 eligible)"
	}
	return fmt.Sprintf("%d/%d [%.2f, %.2f]", k, n, lo, hi)
}

// signed prints an estimate with its interval in format f.
func signed(x, lo, hi float64, f string) string {
	return fmt.Sprintf(f+" ["+f+", "+f+"]", x, lo, hi)
}
