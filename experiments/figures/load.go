package figures

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"dtaosim/experiments/record"
	"dtaosim/experiments/stats"
	"dtaosim/experiments/sweep"
)

// ErrNotResults is returned by Load for a folder that holds neither a sweep's
// manifest.json nor a single run's run.parquet.
var ErrNotResults = errors.New("figures: not a results folder")

// Load reads a results folder into an Experiment: a sweep's folder (manifest.json, runs/,
// series/, events/; the per-cell counts, intervals and paired comparisons come from
// sweep.Summarize) or a `dtaosim run` folder (run.parquet, series.parquet,
// events.parquet). Runs missing from a sweep are left out; their absence shows in the
// counts. Series are reduced run by run, so memory stays small whatever the sweep's size.
func Load(dir string) (*Experiment, error) {
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err == nil {
		return loadSweep(dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "run.parquet")); err == nil {
		return loadRun(dir)
	}
	return nil, fmt.Errorf("%w: %s has no manifest.json (a sweep; sharded sweeps need dtaosim merge) and no run.parquet (a single run)", ErrNotResults, dir)
}

// runFiles locates one run's three files.
type runFiles struct{ runs, series, events string }

func loadSweep(dir string) (*Experiment, error) {
	sum, err := sweep.Summarize(dir)
	if err != nil {
		return nil, err
	}
	m := &sum.Manifest
	e := &Experiment{Name: m.Name, Design: m.Design, CRN: m.CRNAxes, Comparisons: sum.Comparisons, HeadDiffs: sum.HeadDiffs()}
	if m.Sensitivity != nil {
		// An incomplete design (a point without runs) still draws the other figures.
		res, err := sweep.Sensitivity(dir, sweep.SensitivityOptions{})
		if err != nil {
			e.SensitivityErr = err.Error()
		} else {
			e.Sensitivity = res.Rows
		}
	}
	if e.Design == "" {
		e.Design = "grid"
	}
	for _, a := range m.Axes {
		e.Axes = append(e.Axes, Axis{Param: a})
	}
	for c, cm := range m.Cells {
		vals := parseLabel(cm.Axes, m.Axes)
		for i, v := range vals {
			if !contains(e.Axes[i].Values, v) {
				e.Axes[i].Values = append(e.Axes[i].Values, v)
			}
		}
		cell := Cell{Index: c, Values: vals, CaptureLo: 0, CaptureHi: 1}
		if c < len(sum.Cells) {
			s := sum.Cells[c]
			cell.Runs, cell.Captured = int(s.Eligible), int(s.Captured)
			cell.CaptureLo, cell.CaptureHi = s.CaptureLo, s.CaptureHi
		}
		e.Cells = append(e.Cells, cell)
	}
	// Pass 1: the runs' summary rows (interventions, mechanism), as Summarize read them:
	// replicates 0 … stopped_at−1 of each cell (all of them with a fixed number).
	rows := sum.Runs
	mi := e.axis(MechanismAxis)
	for c := range e.Cells {
		cell := &e.Cells[c]
		if mi >= 0 {
			cell.Mechanism = cell.Values[mi]
		}
		for _, row := range rows[c] {
			if row == nil {
				continue
			}
			if cell.Mechanism == "" {
				cell.Mechanism = row.Mechanism
			}
			if row.Intervened {
				if !math.IsNaN(row.InterventionSuccess) { // success is defined only from θ or above
					cell.Intervened++
					if row.InterventionSuccess == 1 {
						cell.Succeeded++
					}
				}
				if !math.IsNaN(row.RootShareAtInterv) {
					cell.RootShareAtInterv = append(cell.RootShareAtInterv, row.RootShareAtInterv)
				}
			}
		}
	}
	files := func(c, r int) runFiles {
		return runFiles{sweep.RunPath(dir, "runs", c, r), sweep.RunPath(dir, "series", c, r), sweep.RunPath(dir, "events", c, r)}
	}
	picks := pickEpisodes(e, m, rows)
	// Pass 2: each run's series, reduced.
	wanted := map[[2]int]*episodeSide{}
	for i := range picks {
		wanted[[2]int{picks[i].cell, picks[i].rep}] = &picks[i].with
		wanted[[2]int{picks[i].partner, picks[i].rep}] = &picks[i].without
		if err := picks[i].locate(files(picks[i].cell, picks[i].rep).events, rows[picks[i].cell][picks[i].rep]); err != nil {
			return nil, err
		}
	}
	ai := e.axis(AgeAxis)
	for c := range e.Cells {
		age := 0.0
		if ai >= 0 {
			age, _ = number(e.Cells[c].Values[ai])
		}
		for r := range rows[c] {
			if rows[c][r] == nil {
				continue
			}
			series, err := record.ReadSeries(files(c, r).series)
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, err
			}
			run := reduce(series, c, r, age)
			e.Runs = append(e.Runs, run)
			if side := wanted[[2]int{c, r}]; side != nil {
				side.series = series
			}
		}
	}
	for _, p := range picks {
		if ep, ok := p.episode(); ok {
			e.Episodes = append(e.Episodes, ep)
		}
	}
	return e, nil
}

func loadRun(dir string) (*Experiment, error) {
	rr, err := record.ReadRuns(filepath.Join(dir, "run.parquet"))
	if err != nil {
		return nil, err
	}
	if len(rr) != 1 {
		return nil, fmt.Errorf("%s: %d rows, want 1", filepath.Join(dir, "run.parquet"), len(rr))
	}
	row := rr[0]
	e := &Experiment{Name: row.Scenario, Design: "run"}
	cell := Cell{Index: 0, Mechanism: row.Mechanism, CaptureLo: 0, CaptureHi: 1}
	if !row.AtThetaAtTakeover {
		cell.Runs = 1
		if row.Captured {
			cell.Captured = 1
		}
		cell.CaptureLo, cell.CaptureHi = stats.Wilson(cell.Captured, 1, 0.95)
	}
	if row.Intervened {
		if !math.IsNaN(row.InterventionSuccess) {
			cell.Intervened = 1
			if row.InterventionSuccess == 1 {
				cell.Succeeded = 1
			}
		}
		cell.RootShareAtInterv = []float64{row.RootShareAtInterv}
	}
	e.Cells = []Cell{cell}
	series, err := record.ReadSeries(filepath.Join(dir, "series.parquet"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if err == nil {
		e.Runs = []Run{reduce(series, 0, 0, 0)}
	}
	return e, nil
}

// reduce keeps of a run's series what the figures draw: the summed emission share per
// subnet kind at each time, and EarlyNetuid's root proportion and first record.
func reduce(rows []record.SeriesRow, cell, rep int, age float64) Run {
	run := Run{Cell: cell, Replicate: rep, KindShare: map[string][]Point{}}
	sums := map[string]map[float64]float64{}
	var days []float64
	seen := map[float64]bool{}
	first := math.Inf(1)
	for i := range rows {
		s := &rows[i]
		if !seen[s.Day] {
			seen[s.Day] = true
			days = append(days, s.Day)
		}
		if sums[s.Kind] == nil {
			sums[s.Kind] = map[float64]float64{}
		}
		if !math.IsNaN(s.EmissionShare) {
			sums[s.Kind][s.Day] += s.EmissionShare
		}
		if s.Netuid == EarlyNetuid {
			run.RootProp = append(run.RootProp, Point{s.Day, s.RootProp})
			if s.Day < first {
				first = s.Day
				run.Start = Start{Day: s.Day, Issuance: s.AlphaIssuance, RootTAO: s.RootTAO, RootProp: s.RootProp, Recorded: true}
			}
		}
	}
	run.Start.AgeOffset = age
	sort.Float64s(days)
	for kind, byDay := range sums {
		pts := make([]Point, len(days))
		for i, d := range days {
			pts[i] = Point{d, byDay[d]} // 0 where the kind had no subnet at that time
		}
		run.KindShare[kind] = pts
	}
	sort.Slice(run.RootProp, func(i, j int) bool { return run.RootProp[i].Day < run.RootProp[j].Day })
	return run
}

// episodePick is an intervened run chosen for the episode figure and its partner.
type episodePick struct {
	mech          string
	context       string
	cell, partner int // cells with and without intervention
	rep           int
	netuid        int
	day           float64
	with, without episodeSide
}

// episodeSide holds one run's series until the episode is assembled.
type episodeSide struct{ series []record.SeriesRow }

// pickEpisodes chooses, per mechanism preset, the first intervened run (in cell, then
// replicate order) whose partner — the cell with the same values on every axis but the
// policy, in the same common-random-number group — has a run of the same replicate
// without intervention.
func pickEpisodes(e *Experiment, m *sweep.Manifest, rows [][]*record.RunRow) []episodePick {
	pi := e.axis(PolicyAxis)
	if pi < 0 {
		return nil
	}
	var picks []episodePick
	for _, mech := range e.mechanisms() {
	cells:
		for c := range e.Cells {
			if e.Cells[c].Mechanism != mech {
				continue
			}
			for r, row := range rows[c] {
				if row == nil || !row.Intervened {
					continue
				}
				for c2 := range e.Cells {
					if c2 == c || m.Cells[c2].CRNGroup != m.Cells[c].CRNGroup || !sameBut(e.Cells[c].Values, e.Cells[c2].Values, pi) {
						continue
					}
					if r < len(rows[c2]) && rows[c2][r] != nil && !rows[c2][r].Intervened {
						var parts []string
						for i, a := range e.Axes {
							if i != pi && a.Param != MechanismAxis && len(a.Values) > 1 {
								parts = append(parts, shortParam(a.Param)+"="+e.Cells[c].Values[i])
							}
						}
						ctx := fmt.Sprintf("cell %d vs %d", c, c2)
						if len(parts) > 0 {
							ctx += " (" + strings.Join(parts, ", ") + ")"
						}
						picks = append(picks, episodePick{mech: mech, context: ctx, cell: c, partner: c2, rep: r, netuid: -1, day: row.InterventionDay})
						break cells
					}
				}
			}
		}
	}
	return picks
}

// locate finds the subnet the intervention targeted from the run's events (the
// "intervention" event); without an events file it is found later from the series.
func (p *episodePick) locate(events string, row *record.RunRow) error {
	evs, err := record.ReadEvents(events)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, ev := range evs {
		if ev.Type == "intervention" && ev.Netuid >= 0 {
			p.netuid, p.day = int(ev.Netuid), ev.Day
			return nil
		}
	}
	if row != nil {
		p.day = row.InterventionDay
	}
	return nil
}

// episode assembles the pick's two series for its subnet (the first meme subnet of the
// intervened run when the events did not name one).
func (p *episodePick) episode() (Episode, bool) {
	if len(p.with.series) == 0 || len(p.without.series) == 0 {
		return Episode{}, false
	}
	netuid := p.netuid
	if netuid < 0 {
		for _, s := range p.with.series {
			if s.Kind == "meme" {
				netuid = int(s.Netuid)
				break
			}
		}
	}
	if netuid < 0 {
		return Episode{}, false
	}
	pick := func(rows []record.SeriesRow) []EpisodePoint {
		var out []EpisodePoint
		for _, s := range rows {
			if int(s.Netuid) == netuid {
				out = append(out, EpisodePoint{s.Day, s.Price, s.EmissionShare, s.RootStakeShare})
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Day < out[j].Day })
		return out
	}
	ep := Episode{Mechanism: p.mech, Context: p.context, Replicate: p.rep, Netuid: netuid, InterventionDay: p.day,
		With: pick(p.with.series), Without: pick(p.without.series)}
	p.with.series, p.without.series = nil, nil
	return ep, len(ep.With) > 0 && len(ep.Without) > 0
}

// sameBut reports whether a and b agree everywhere except at index skip, where they
// differ.
func sameBut(a, b []string, skip int) bool {
	for i := range a {
		if (i == skip) == (a[i] == b[i]) {
			return false
		}
	}
	return true
}
