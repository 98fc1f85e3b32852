package sweep

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"dtaosim/experiments"
	"dtaosim/experiments/record"
)

// Options control a sweep.
type Options struct {
	Out     string // the experiment's output folder (results/<name>)
	Workers int    // concurrent runs; 0 means runtime.NumCPU()
	Resume  bool   // run only what is missing in Out
	Shard   int    // this shard's index, 0 ≤ Shard < Shards
	Shards  int    // number of shards; 0 or 1 means unsharded
	Version string // tool version for the files' metadata
	// Progress, if set, receives progress: a live bar when ProgressTTY, otherwise a plain
	// line every ProgressEvery (default 10 s) and at the end.
	Progress      io.Writer
	ProgressTTY   bool
	ProgressEvery time.Duration
}

// Report says what a sweep did.
type Report struct {
	Total, Skipped, Done int // runs of this shard; already complete; completed now
	Elapsed              time.Duration
}

// ErrInterrupted is returned when the context was cancelled: every finished run is kept.
var ErrInterrupted = errors.New("sweep: interrupted")

// ErrExists is returned when Out already holds some runs of the experiment and Resume is
// not set, or holds runs of a different experiment.
var ErrExists = errors.New("sweep: output folder is in use")

// RunPath returns the file of kind ("runs", "series", "events") for run (cell, rep):
// OUT/KIND/cell=C/rep=R.parquet (a hive partition by cell, which DuckDB reads as an
// integer column).
func RunPath(out, kind string, cell, rep int) string {
	return filepath.Join(out, kind, fmt.Sprintf("cell=%d", cell), fmt.Sprintf("rep=%d.parquet", rep))
}

// InShard reports whether run k belongs to shard i of n.
func InShard(k, i, n int) bool { return n <= 1 || k%n == i }

// ManifestName is the manifest file of a shard (manifest.json when unsharded).
func ManifestName(shard, shards int) string {
	if shards <= 1 {
		return "manifest.json"
	}
	return fmt.Sprintf("manifest-shard-%d-of-%d.json", shard, shards)
}

// Run executes the plan's runs of this shard that are not yet complete in opt.Out.
func Run(ctx context.Context, p *Plan, opt Options) (Report, error) {
	if opt.Workers <= 0 {
		opt.Workers = runtime.NumCPU()
	}
	if opt.Shards <= 0 {
		opt.Shards = 1
	}
	if opt.Shard < 0 || opt.Shard >= opt.Shards {
		return Report{}, fmt.Errorf("shard %d of %d: expected 0 ≤ index < count", opt.Shard, opt.Shards)
	}
	start := time.Now()
	if err := os.MkdirAll(opt.Out, 0o755); err != nil {
		return Report{}, fmt.Errorf("output folder: %w", err)
	}
	if err := checkOwner(p, opt.Out); err != nil {
		return Report{}, err
	}
	cleanTemp(opt.Out, p.Exp.Replicates, opt.Shard, opt.Shards)

	var todo []int
	rep := Report{}
	R := p.Exp.Replicates
	for k := range p.Runs() {
		if !InShard(k, opt.Shard, opt.Shards) {
			continue
		}
		rep.Total++
		if _, err := os.Stat(RunPath(opt.Out, "runs", k/R, k%R)); err == nil {
			rep.Skipped++
			continue
		}
		todo = append(todo, k)
	}
	if rep.Skipped > 0 && len(todo) > 0 && !opt.Resume {
		return rep, fmt.Errorf("%w: %s already holds %d of this shard's %d runs; use --resume to run the other %d, or another --out",
			ErrExists, opt.Out, rep.Skipped, rep.Total, len(todo))
	}
	man := newManifest(p, opt, start)
	if err := man.write(opt.Out, opt.Shard, opt.Shards); err != nil {
		return rep, err
	}
	if len(todo) == 0 {
		rep.Elapsed = time.Since(start)
		return rep, nil
	}

	var done atomic.Int64
	prog := newProgress(opt, rep.Total, rep.Skipped)
	stopProg := prog.run(&done)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(opt.Workers)
	for _, k := range todo {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			cell := p.Cells[k/R]
			r := k % R
			files := experiments.RunFiles{
				Series: RunPath(opt.Out, "series", cell.Index, r),
				Events: RunPath(opt.Out, "events", cell.Index, r),
				Run:    RunPath(opt.Out, "runs", cell.Index, r),
			}
			meta := record.Meta{
				"spec_hash": experiments.SpecHash(cell.Scenario), "plan_hash": p.Hash,
				"master_seed": strconv.FormatUint(p.Exp.Seed, 10), "tool_version": opt.Version,
				"experiment": p.Exp.Name, "cell": strconv.Itoa(cell.Index), "axes": cell.Label,
				"replicate": strconv.Itoa(r),
			}
			key := record.RunKey{Cell: int32(cell.Index), Replicate: int32(r), Seed: p.Exp.Seed}
			streams := experiments.Streams{Master: p.Exp.Seed, Cell: int64(cell.CRNGroup), Replicate: int64(r)}
			axes := experiments.CellAxes{Label: cell.Label, Columns: p.AxisTypes, Values: p.AxisValues(&cell)}
			if _, err := experiments.WriteRun(gctx, cell.Scenario, streams, key, axes, files, meta); err != nil {
				if gctx.Err() != nil {
					return gctx.Err()
				}
				return fmt.Errorf("cell %d (%s) replicate %d: %w", cell.Index, cell.Label, r, err)
			}
			done.Add(1)
			return nil
		})
	}
	err := g.Wait()
	stopProg()
	rep.Done = int(done.Load())
	rep.Elapsed = time.Since(start)
	if ctx.Err() != nil {
		return rep, fmt.Errorf("%w: %d of %d runs complete in %s; run again with --resume for the rest", ErrInterrupted, rep.Skipped+rep.Done, rep.Total, opt.Out)
	}
	if err != nil {
		return rep, err
	}
	man.Finished = time.Now().UTC().Format(time.RFC3339)
	man.RunsComplete = rep.Skipped + rep.Done
	return rep, man.write(opt.Out, opt.Shard, opt.Shards)
}

// checkOwner refuses an output folder that holds another experiment's runs.
func checkOwner(p *Plan, out string) error {
	entries, _ := filepath.Glob(filepath.Join(out, "manifest*.json"))
	for _, f := range entries {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		var m Manifest
		if json.Unmarshal(data, &m) == nil && m.PlanHash != "" && m.PlanHash != p.Hash {
			return fmt.Errorf("%w: %s holds runs of another plan (%s: plan %s, this one %s); use another --out",
				ErrExists, out, filepath.Base(f), m.PlanHash, p.Hash)
		}
	}
	return nil
}

// cleanTemp removes the temporary files of this shard's runs that were in flight when a
// previous sweep was killed, and its own manifest's. Other shards may be writing into the
// same folder at this moment: their temporary files are left alone.
func cleanTemp(out string, reps, shard, shards int) {
	for _, kind := range []string{"runs", "series", "events"} {
		matches, _ := filepath.Glob(filepath.Join(out, kind, "cell=*", ".*.tmp-*"))
		for _, m := range matches {
			var c, r int
			cell := filepath.Base(filepath.Dir(m))
			if _, err := fmt.Sscanf(cell, "cell=%d", &c); err != nil {
				continue
			}
			if _, err := fmt.Sscanf(filepath.Base(m), ".rep=%d.", &r); err != nil {
				continue
			}
			if InShard(c*reps+r, shard, shards) { // another shard's in-flight file is not ours
				os.Remove(m)
			}
		}
	}
	os.Remove(filepath.Join(out, "."+strings.TrimSuffix(ManifestName(shard, shards), ".json")+".tmp"))
}

// Manifest describes an experiment's output folder (DESIGN.md §8).
type Manifest struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	PlanHash    string   `json:"plan_hash"`
	MasterSeed  uint64   `json:"master_seed"`
	Replicates  int      `json:"replicates"`
	Design      string   `json:"design"`
	Axes        []string `json:"axes"`
	CRNAxes     []string `json:"crn_axes"`
	// AxisColumns are the typed columns of the axes in runs and summary files, in axis
	// order: name, type, and whether the axis shares random numbers (crn).
	AxisColumns  []AxisManifest `json:"axis_columns"`
	Cells        []CellManifest `json:"cells"`
	Experiment   string         `json:"experiment"` // the experiment file as given
	ToolVersion  string         `json:"tool_version"`
	Shard        int            `json:"shard"`
	Shards       int            `json:"shards"`
	Started      string         `json:"started"`
	Finished     string         `json:"finished,omitempty"`
	RunsComplete int            `json:"runs_complete"`
}

// AxisManifest describes one axis's typed column in the manifest.
type AxisManifest struct {
	Param  string          `json:"param"`
	Column string          `json:"column"`
	Type   record.AxisType `json:"type"`
	CRN    bool            `json:"crn"`
}

// Columns returns the manifest's typed axis columns.
func (m *Manifest) Columns() []record.AxisColumn {
	out := make([]record.AxisColumn, len(m.AxisColumns))
	for i, a := range m.AxisColumns {
		out[i] = record.AxisColumn{Name: a.Column, Param: a.Param, Type: a.Type}
	}
	return out
}

// CellManifest is one cell in the manifest.
type CellManifest struct {
	Index    int            `json:"index"`
	Axes     string         `json:"axes"`
	Values   map[string]any `json:"values"`
	CRNGroup int            `json:"crn_group"`
	SpecHash string         `json:"spec_hash"`
	Scenario string         `json:"scenario"` // the cell's scenario name
}

func newManifest(p *Plan, opt Options, start time.Time) *Manifest {
	m := &Manifest{
		Name: p.Exp.Name, Description: p.Exp.Description, PlanHash: p.Hash, MasterSeed: p.Exp.Seed,
		Replicates: p.Exp.Replicates, Design: p.Exp.Design, CRNAxes: p.Exp.CRNAxes,
		ToolVersion: opt.Version, Shard: opt.Shard, Shards: opt.Shards, Started: start.UTC().Format(time.RFC3339),
	}
	if p.Path != "" {
		if data, err := os.ReadFile(p.Path); err == nil {
			m.Experiment = string(data)
		}
	}
	for a, ax := range p.Exp.Axes {
		m.Axes = append(m.Axes, ax.Param)
		m.AxisColumns = append(m.AxisColumns, AxisManifest{Param: ax.Param, Column: p.AxisTypes[a].Name,
			Type: p.AxisTypes[a].Type, CRN: contains(p.Exp.CRNAxes, ax.Param)})
	}
	for _, c := range p.Cells {
		vals := map[string]any{}
		for a, ax := range p.Exp.Axes {
			vals[ax.Param] = c.Values[a]
		}
		m.Cells = append(m.Cells, CellManifest{Index: c.Index, Axes: c.Label, Values: vals, CRNGroup: c.CRNGroup,
			SpecHash: experiments.SpecHash(c.Scenario), Scenario: c.Scenario.Name})
	}
	return m
}

// write stores the manifest atomically.
func (m *Manifest) write(out string, shard, shards int) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	name := ManifestName(shard, shards)
	tmp := filepath.Join(out, "."+strings.TrimSuffix(name, ".json")+".tmp")
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(out, name)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("manifest: %w", err)
	}
	return nil
}
