package sweep

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"dtaosim/experiments/record"
	"dtaosim/experiments/stats"
)

// Summary is the per-cell aggregate of an experiment's runs and the paired comparisons
// between arms of its common-random-number axes.
type Summary struct {
	Manifest    Manifest
	Cells       []record.SummaryRow
	Comparisons []record.ComparisonRow
	Missing     int // runs of the plan not found
}

// Summarize reads dir's manifest.json and every runs file and aggregates them per cell
// (DESIGN.md §6): capture probability with a Wilson 95% interval, Kaplan–Meier median time
// to capture censored at the horizon, quantiles of the peak meme share, the median share
// of emission to meme subnets, and the intervention success rate; and, for every pair of
// cells that share random numbers (they differ only in the crn_axes), the paired
// difference of capture rates with Newcombe's interval and the exact McNemar test.
func Summarize(dir string) (*Summary, error) {
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no manifest.json (a sharded sweep needs dtaosim merge first)", dir)
		}
		return nil, err
	}
	s := &Summary{}
	if err := json.Unmarshal(data, &s.Manifest); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "manifest.json"), err)
	}
	m := &s.Manifest
	runs := make([][]*record.RunRow, len(m.Cells)) // [cell][replicate], nil if missing
	for c := range m.Cells {
		runs[c] = make([]*record.RunRow, m.Replicates)
		for r := range m.Replicates {
			rows, err := record.ReadRuns(RunPath(dir, "runs", c, r))
			if errors.Is(err, os.ErrNotExist) {
				s.Missing++
				continue
			}
			if err != nil {
				return nil, err
			}
			if len(rows) != 1 {
				return nil, fmt.Errorf("%s: %d rows, want 1", RunPath(dir, "runs", c, r), len(rows))
			}
			runs[c][r] = &rows[0]
		}
	}
	for c, cell := range m.Cells {
		s.Cells = append(s.Cells, cellSummary(int32(c), cell.Axes, runs[c]))
	}
	// Paired comparisons within each CRN group.
	byGroup := map[int][]int{}
	for c, cell := range m.Cells {
		byGroup[cell.CRNGroup] = append(byGroup[cell.CRNGroup], c)
	}
	groups := make([]int, 0, len(byGroup))
	for g := range byGroup {
		groups = append(groups, g)
	}
	sort.Ints(groups)
	for _, g := range groups {
		cells := byGroup[g]
		for i := 0; i < len(cells); i++ {
			for j := i + 1; j < len(cells); j++ {
				a, b := cells[i], cells[j]
				s.Comparisons = append(s.Comparisons, compare(int32(g), m, a, b, runs[a], runs[b]))
			}
		}
	}
	return s, nil
}

func cellSummary(c int32, axes string, runs []*record.RunRow) record.SummaryRow {
	row := record.SummaryRow{Cell: c, Axes: axes, MedianCaptureDay: math.NaN(), InterventionRate: math.NaN(),
		InterventionLo: math.NaN(), InterventionHi: math.NaN(), DrawdownP50: math.NaN(),
		PeakShareP10: math.NaN(), PeakShareP50: math.NaN(), PeakShareP90: math.NaN(), MemeTAOShareP50: math.NaN(),
		CaptureRate: math.NaN(), RankCaptureRate: math.NaN(), CaptureLo: 0, CaptureHi: 1, RankCaptureLo: 0, RankCaptureHi: 1}
	var times, peaks, memeTAO, drawdowns []float64
	var events []bool
	rank, success := 0, 0
	for _, r := range runs {
		if r == nil {
			continue
		}
		row.Runs++
		horizon := float64(r.Blocks) / 7200
		row.HorizonDays = horizon
		if r.Captured {
			row.Captured++
			times = append(times, r.CaptureDay)
		} else {
			times = append(times, horizon)
		}
		events = append(events, r.Captured)
		if r.RankCaptured {
			rank++
		}
		peaks = append(peaks, r.PeakMemeShare)
		if r.CumTAO > 0 {
			memeTAO = append(memeTAO, r.CumMemeTAO/r.CumTAO)
		}
		if r.Intervened {
			row.Intervened++
			if r.InterventionSuccess {
				success++
			}
			if !math.IsNaN(r.Drawdown24h) {
				drawdowns = append(drawdowns, r.Drawdown24h)
			}
		}
	}
	if row.Runs == 0 {
		return row
	}
	n := int(row.Runs)
	row.CaptureRate = float64(row.Captured) / float64(n)
	row.CaptureLo, row.CaptureHi = stats.Wilson(int(row.Captured), n, 0.95)
	row.RankCaptureRate = float64(rank) / float64(n)
	row.RankCaptureLo, row.RankCaptureHi = stats.Wilson(rank, n, 0.95)
	if med, ok := stats.KaplanMeier(times, events).Median(); ok {
		row.MedianCaptureDay = med
	}
	row.PeakShareP10 = stats.Quantile(0.1, peaks)
	row.PeakShareP50 = stats.Quantile(0.5, peaks)
	row.PeakShareP90 = stats.Quantile(0.9, peaks)
	if len(memeTAO) > 0 {
		row.MemeTAOShareP50 = stats.Quantile(0.5, memeTAO)
	}
	if row.Intervened > 0 {
		row.InterventionRate = float64(success) / float64(row.Intervened)
		row.InterventionLo, row.InterventionHi = stats.Wilson(success, int(row.Intervened), 0.95)
	}
	if len(drawdowns) > 0 {
		row.DrawdownP50 = stats.Quantile(0.5, drawdowns)
	}
	return row
}

// compare pairs two cells' runs by replicate.
func compare(g int32, m *Manifest, a, b int, ra, rb []*record.RunRow) record.ComparisonRow {
	arm := func(c int) (crn, ctx string) {
		var x, y []string
		for _, part := range strings.Split(m.Cells[c].Axes, ";") {
			name, _, _ := strings.Cut(part, "=")
			if contains(m.CRNAxes, name) {
				x = append(x, part)
			} else {
				y = append(y, part)
			}
		}
		return strings.Join(x, ";"), strings.Join(y, ";")
	}
	armA, context := arm(a)
	armB, _ := arm(b)
	row := record.ComparisonRow{Group: g, Context: context, ArmA: armA, ArmB: armB, CellA: int32(a), CellB: int32(b)}
	for r := range ra {
		if ra[r] == nil || r >= len(rb) || rb[r] == nil {
			continue
		}
		row.Pairs++
		switch ca, cb := ra[r].Captured, rb[r].Captured; {
		case ca && cb:
			row.N11++
		case ca:
			row.N10++
		case cb:
			row.N01++
		default:
			row.N00++
		}
	}
	row.Diff, row.DiffLo, row.DiffHi, row.McNemarP = math.NaN(), math.NaN(), math.NaN(), math.NaN()
	if row.Pairs > 0 {
		row.Diff, row.DiffLo, row.DiffHi = stats.PairedDiffNewcombe(int(row.N11), int(row.N10), int(row.N01), int(row.N00), 0.95)
		row.McNemarP = stats.McNemarExact(int(row.N10), int(row.N01))
	}
	return row
}

// Write stores the summary as dir/summary.parquet and dir/comparisons.parquet.
func (s *Summary) Write(dir, version string) error {
	meta := record.Meta{"plan_hash": s.Manifest.PlanHash, "experiment": s.Manifest.Name, "tool_version": version,
		"master_seed": fmt.Sprint(s.Manifest.MasterSeed)}
	sw, err := record.NewSummaryWriter(filepath.Join(dir, "summary.parquet"), meta)
	if err != nil {
		return err
	}
	for i := range s.Cells {
		if err := sw.Append(&s.Cells[i]); err != nil {
			sw.Abort()
			return err
		}
	}
	if err := sw.Close(); err != nil {
		return err
	}
	cw, err := record.NewComparisonWriter(filepath.Join(dir, "comparisons.parquet"), meta)
	if err != nil {
		return err
	}
	for i := range s.Comparisons {
		if err := cw.Append(&s.Comparisons[i]); err != nil {
			cw.Abort()
			return err
		}
	}
	return cw.Close()
}

// Print writes the summary as two text tables.
func (s *Summary) Print(w io.Writer) {
	m := &s.Manifest
	fmt.Fprintf(w, "%s: %d cells × %d replicates, %d runs missing\n\n", m.Name, len(m.Cells), m.Replicates, s.Missing)
	fmt.Fprintf(w, "%4s  %-5s %-22s %-22s %-10s %-17s %-14s  %s\n", "cell", "runs", "capture [95% CI]", "rank capture [95% CI]", "KM median", "peak share p50", "interv. success", "axes")
	for _, c := range s.Cells {
		med := "—"
		if !math.IsNaN(c.MedianCaptureDay) {
			med = fmt.Sprintf("%.1f d", c.MedianCaptureDay)
		}
		iv := "—"
		if c.Intervened > 0 {
			iv = fmt.Sprintf("%.2f (%d)", c.InterventionRate, c.Intervened)
		}
		fmt.Fprintf(w, "%4d  %-5d %-22s %-22s %-10s %-17s %-14s  %s\n", c.Cell, c.Runs,
			fmt.Sprintf("%.2f [%.2f, %.2f]", c.CaptureRate, c.CaptureLo, c.CaptureHi),
			fmt.Sprintf("%.2f [%.2f, %.2f]", c.RankCaptureRate, c.RankCaptureLo, c.RankCaptureHi),
			med, fmt.Sprintf("%.3f", c.PeakShareP50), iv, c.Axes)
	}
	if len(s.Comparisons) == 0 {
		return
	}
	fmt.Fprintf(w, "\npaired comparisons (same seeds per replicate; capture rate A − B, Newcombe 95%% CI, exact McNemar p)\n")
	for _, c := range s.Comparisons {
		fmt.Fprintf(w, "  %s  vs  %s  [%s]: %+.2f [%+.2f, %+.2f], discordant %d/%d, p = %.3g, pairs %d\n",
			c.ArmA, c.ArmB, c.Context, c.Diff, c.DiffLo, c.DiffHi, c.N10, c.N01, c.McNemarP, c.Pairs)
	}
}
