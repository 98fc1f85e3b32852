package sweep

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"dtaosim/experiments/record"
	"dtaosim/experiments/stats"
)

// FolderComparison pairs the runs of two finished sweeps cell by cell: two experiments
// that differ only in their base scenario (a capital, a preset, a setting) and share the
// master seed run replicate r of a cell on the same random numbers (streams keyed by
// master seed, CRN group and replicate), so A − B on a replicate is the effect of what
// differs between the files. Rows are those of comparisons.parquet and effects.parquet
// with axis "folder", arms "folder=NAME" and context the cell's axis values.
type FolderComparison struct {
	A, B        string // the folders' base names
	Comparisons []record.ComparisonRow
	Effects     []record.EffectRow
	Outcomes    []EffectOutcome // the outcomes of Effects, as in Summary
	Skipped     []string        // cells of A with no cell of the same axis values and CRN group in B
	Unmatched   []string        // cells of B that no cell of A matched
}

// CompareFolders compares sweep folders a and b (each with its manifest.json and runs):
// for every cell of a, the cell of b with the same axis values and CRN group, paired by
// replicate over the replicates both have (each cell's stopping rule applied as
// Summarize does). Capture as in comparisons.parquet (Newcombe interval, exact McNemar
// test), and as in effects.parquet each outcome both summaries compare (an Optional one
// only if some run of each folder defines it); p-values Holm-adjusted over the
// comparisons, and over the effects on each outcome. Folders of different master seeds
// are refused (their replicates do not share random numbers), and so are folders with
// runs missing (a sweep not finished: the comparison would rest on part of it).
func CompareFolders(a, b string) (*FolderComparison, error) {
	sa, err := Summarize(a)
	if err != nil {
		return nil, err
	}
	sb, err := Summarize(b)
	if err != nil {
		return nil, err
	}
	for _, x := range []struct {
		dir string
		s   *Summary
	}{{a, sa}, {b, sb}} {
		if x.s.Missing > 0 {
			return nil, fmt.Errorf("%s: %d runs missing (an unfinished sweep: dtaosim sweep --resume, or merge its shards)", x.dir, x.s.Missing)
		}
	}
	ma, mb := &sa.Manifest, &sb.Manifest
	if ma.MasterSeed != mb.MasterSeed {
		return nil, fmt.Errorf("%s (seed %d) and %s (seed %d): different master seeds, so their replicates do not share random numbers",
			a, ma.MasterSeed, b, mb.MasterSeed)
	}
	fc := &FolderComparison{A: filepath.Base(filepath.Clean(a)), B: filepath.Base(filepath.Clean(b))}
	if fc.A == fc.B {
		fc.A, fc.B = filepath.Clean(a), filepath.Clean(b)
	}
	if fc.A == fc.B {
		fc.A, fc.B = fc.A+" (A)", fc.B+" (B)"
	}
	for _, o := range sa.Outcomes {
		if slices.ContainsFunc(sb.Outcomes, func(x EffectOutcome) bool { return x.Name == o.Name }) {
			fc.Outcomes = append(fc.Outcomes, o)
		}
	}
	byAxes := map[string]int{}
	for c, cell := range mb.Cells {
		byAxes[cell.Axes] = c
	}
	matched := make([]bool, len(mb.Cells))
	for ca, cell := range ma.Cells {
		cb, ok := byAxes[cell.Axes]
		if !ok || mb.Cells[cb].CRNGroup != cell.CRNGroup {
			fc.Skipped = append(fc.Skipped, cell.Axes)
			continue
		}
		matched[cb] = true
		m := &Manifest{Axes: []string{"folder"}, Cells: []CellManifest{
			{Axes: "folder=" + fc.A, CRNGroup: cell.CRNGroup}, {Axes: "folder=" + fc.B, CRNGroup: cell.CRNGroup}}}
		pr := cellPair{a: 0, b: 1, axis: 0, context: cell.Axes}
		cmp := compare(m, pr, sa.Runs[ca], sb.Runs[cb])
		cmp.CellA, cmp.CellB = int32(ca), int32(cb)
		fc.Comparisons = append(fc.Comparisons, cmp)
		for _, o := range fc.Outcomes {
			e := effect(m, pr, o.Name, o.Get, sa.Runs[ca], sb.Runs[cb])
			e.CellA, e.CellB = int32(ca), int32(cb)
			fc.Effects = append(fc.Effects, e)
		}
	}
	for cb, cell := range mb.Cells {
		if !matched[cb] {
			fc.Unmatched = append(fc.Unmatched, cell.Axes)
		}
	}
	if len(fc.Comparisons) == 0 {
		return nil, fmt.Errorf("%s and %s: no cell of the same axis values and CRN group in both", a, b)
	}
	holm(fc.Comparisons, fc.Effects)
	return fc, nil
}

// holm fills the Holm-adjusted p-values: over all comparisons, and over the effects on
// each outcome.
func holm(cmp []record.ComparisonRow, eff []record.EffectRow) {
	p := make([]float64, len(cmp))
	for i := range cmp {
		p[i] = cmp[i].McNemarP
	}
	for i, h := range stats.Holm(p) {
		cmp[i].McNemarPHolm = h
	}
	for _, o := range EffectOutcomes {
		var idx []int
		var p []float64
		for i := range eff {
			if eff[i].Outcome == o.Name {
				idx = append(idx, i)
				p = append(p, eff[i].SignP)
			}
		}
		for k, h := range stats.Holm(p) {
			eff[idx[k]].SignPHolm = h
		}
	}
}

// Print writes the comparisons, then every effect (significant or not, since a folder
// comparison is usually a handful of cells).
func (fc *FolderComparison) Print(w io.Writer) {
	fmt.Fprintf(w, "%s vs %s: the same cells on the same random numbers (A − B; capture: Newcombe 95%% CI, exact McNemar p, Holm over %d comparisons)\n",
		fc.A, fc.B, len(fc.Comparisons))
	for _, c := range fc.Comparisons {
		fmt.Fprintf(w, "  [%s]: A %d/%d, B %d/%d, %s, discordant %d/%d, p = %.3g (Holm %.3g), pairs %d",
			c.Context, c.N11+c.N10, c.Pairs, c.N11+c.N01, c.Pairs, signed(c.Diff, c.DiffLo, c.DiffHi, "%+.2f"), c.N10, c.N01, c.McNemarP, c.McNemarPHolm, c.Pairs)
		if c.Excluded > 0 {
			fmt.Fprintf(w, " (%d excluded: at θ at the takeover)", c.Excluded)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "\npaired effects (mean of A − B over pairs, t 95%% CI; exact sign test p, Holm-adjusted per outcome)\n")
	for _, e := range fc.Effects {
		if e.Pairs == 0 {
			continue
		}
		fmt.Fprintf(w, "  %-17s [%s]: A %.4g, B %.4g, %s, p = %.3g (Holm %.3g), pairs %d\n",
			e.Outcome, e.Context, e.MeanA, e.MeanB, signed(e.Diff, e.DiffLo, e.DiffHi, "%+.4f"), e.SignP, e.SignPHolm, e.Pairs)
	}
	for _, s := range fc.Skipped {
		fmt.Fprintf(w, "not compared: cell [%s] of %s has no cell of the same axis values and random numbers in %s\n", s, fc.A, fc.B)
	}
	for _, s := range fc.Unmatched {
		fmt.Fprintf(w, "not compared: cell [%s] of %s has no cell of the same axis values and random numbers in %s\n", s, fc.B, fc.A)
	}
}

// Write stores the rows as dir/comparisons.parquet and dir/effects.parquet.
func (fc *FolderComparison) Write(dir, version string) error {
	meta := record.Meta{"compared": fc.A + " vs " + fc.B, "tool_version": version}
	return writePairs(dir, meta, fc.Comparisons, fc.Effects)
}
