package sweep

import (
	"context"
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
	// Cells, if not empty, restricts the sweep to these cells (indices into the plan's
	// cells): what dtaosim rerun uses to run one cell of a finished experiment again.
	Cells []int
}

// includes reports whether cell c is to be run under opt.Cells.
func (opt Options) includes(c int) bool {
	if len(opt.Cells) == 0 {
		return true
	}
	for _, x := range opt.Cells {
		if x == c {
			return true
		}
	}
	return false
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

// readShardManifest returns the shard's manifest in out if there is one of the plan with
// hash h, else nil.
func readShardManifest(out string, shard, shards int, h string) *Manifest {
	m, err := readManifestFile(filepath.Join(out, ManifestName(shard, shards)))
	if err != nil || m.PlanHash != h {
		return nil
	}
	return m
}

// Run executes the plan's runs of this shard that are not yet complete in opt.Out.
//
// With fixed replicates every run of the shard is known in advance. With adaptive
// replicates (Replicates) a cell runs batch by batch: when a batch is complete, the
// stopping rule looks at the cell's replicates so far and either stops the cell or
// queues its next batch. Either way at most opt.Workers runs are in flight, each in its
// own goroutine writing its own files, and the outputs do not depend on the workers, the
// order in which runs finish, or interruptions.
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
	rule := p.Exp.Replicates
	cleanTemp(opt.Out, rule, opt.Shard, opt.Shards)

	s := newSchedule(p, opt)
	todo, err := s.scan()
	if err != nil {
		return Report{}, err
	}
	rep := Report{Total: int(s.total.Load()), Skipped: s.skipped}
	if rep.Skipped > 0 && len(todo) > 0 && !opt.Resume {
		return rep, fmt.Errorf("%w: %s already holds %d of this shard's %d runs; use --resume to run the other %d, or another --out",
			ErrExists, opt.Out, rep.Skipped, rep.Total, rep.Total-rep.Skipped)
	}
	// The manifest is the record of the runs: a sweep resumed keeps the time its first
	// session started, and one found complete is left as it is (its tool version and
	// times are those of the sessions that ran it).
	prev := readShardManifest(opt.Out, opt.Shard, opt.Shards, p.Hash)
	if len(todo) == 0 && prev != nil && prev.Finished != "" && prev.RunsComplete == rep.Skipped {
		rep.Elapsed = time.Since(start)
		return rep, nil
	}
	man := newManifest(p, opt, start)
	if prev != nil && prev.Started != "" {
		man.Started = prev.Started
	}
	if err := man.write(opt.Out, opt.Shard, opt.Shards); err != nil {
		return rep, err
	}
	finish := func() error {
		man.Finished = time.Now().UTC().Format(time.RFC3339)
		man.RunsComplete = rep.Skipped + rep.Done
		s.record(man)
		return man.write(opt.Out, opt.Shard, opt.Shards)
	}
	if len(todo) == 0 {
		rep.Elapsed = time.Since(start)
		return rep, finish()
	}

	var done atomic.Int64
	prog := newProgress(opt, &s.total, rep.Skipped)
	stopProg := prog.run(&done)
	err = dispatch(ctx, opt.Workers, todo, func(ctx context.Context, j job) (Outcome, error) {
		o, err := s.runOne(ctx, j)
		if err == nil {
			done.Add(1)
		}
		return o, err
	}, s.finished)
	stopProg()
	rep.Done = int(done.Load())
	rep.Total = int(s.total.Load())
	rep.Elapsed = time.Since(start)
	if ctx.Err() != nil {
		return rep, fmt.Errorf("%w: %d of %d runs complete in %s; run again with --resume for the rest", ErrInterrupted, rep.Skipped+rep.Done, rep.Total, opt.Out)
	}
	if err != nil {
		return rep, err
	}
	return rep, finish()
}

// job is one run: a cell and a replicate.
type job struct{ cell, rep int }

// dispatch runs the jobs with at most workers in flight, each by run in its own goroutine
// (an errgroup). After each successful job, next(j, outcome) may return further jobs,
// which are queued. On the first error, or when ctx is cancelled, no new job starts; the
// jobs in flight are waited for and the first error returned.
func dispatch(ctx context.Context, workers int, queue []job, run func(context.Context, job) (Outcome, error), next func(job, Outcome) []job) error {
	type result struct {
		j   job
		o   Outcome
		err error
	}
	g, gctx := errgroup.WithContext(ctx)
	results := make(chan result, workers) // never more than workers in flight: sends never block
	inflight := 0
	for {
		for inflight < workers && len(queue) > 0 && gctx.Err() == nil {
			j := queue[0]
			queue = queue[1:]
			inflight++
			g.Go(func() error {
				o, err := run(gctx, j)
				results <- result{j, o, err}
				return err
			})
		}
		if inflight == 0 {
			break
		}
		res := <-results
		inflight--
		if res.err == nil {
			queue = append(queue, next(res.j, res.o)...)
		}
	}
	return g.Wait()
}

// schedule tracks a shard's cells while a sweep runs: for adaptive replicates, the
// replicates each cell needs so far (its current checkpoint) and the outcomes of those
// complete. Only the goroutine that calls dispatch uses it, except runOne, which reads
// the plan only, and total, which the progress display reads.
type schedule struct {
	p       *Plan
	opt     Options
	cells   map[int]*cellState // this shard's adaptive cells
	total   atomic.Int64       // runs of the shard planned so far (grows as adaptive cells add batches)
	skipped int                // runs already complete when the sweep started
}

// cellState is one adaptive cell's progress.
type cellState struct {
	outcomes []Outcome // by replicate, up to the current checkpoint
	pending  int       // replicates of the current batch not yet complete
	stop     Stop      // where the rule stands: Reason StopIncomplete while a batch runs
}

func newSchedule(p *Plan, opt Options) *schedule {
	return &schedule{p: p, opt: opt, cells: map[int]*cellState{}}
}

// scan finds what is already complete in opt.Out and returns the runs to do now: for
// fixed replicates every missing run of the shard, for adaptive ones the missing runs of
// each cell's current batch (the stopping rule applied to the runs found).
func (s *schedule) scan() ([]job, error) {
	rule := s.p.Exp.Replicates
	var todo []job
	for c := range s.p.Cells {
		if !s.opt.includes(c) {
			continue
		}
		if !rule.Adaptive() {
			for r := range rule.Max {
				if !rule.InShard(c, r, s.opt.Shard, s.opt.Shards) {
					continue
				}
				s.total.Add(1)
				if _, err := os.Stat(RunPath(s.opt.Out, "runs", c, r)); err == nil {
					s.skipped++
				} else {
					todo = append(todo, job{c, r})
				}
			}
			continue
		}
		if !rule.InShard(c, 0, s.opt.Shard, s.opt.Shards) {
			continue
		}
		st := &cellState{}
		s.cells[c] = st
		var readErr error
		read := func(r int) Outcome {
			o, err := readOutcome(RunPath(s.opt.Out, "runs", c, r))
			if err != nil && readErr == nil {
				readErr = err
			}
			return o
		}
		st.stop = rule.Walk(func(r int) Outcome {
			o := read(r)
			st.outcomes = append(st.outcomes, o)
			return o
		})
		// Walk stops reading at the first missing replicate; the rest of the batch may
		// hold runs of an interrupted sweep.
		for r := len(st.outcomes); r < st.stop.At; r++ {
			st.outcomes = append(st.outcomes, read(r))
		}
		if readErr != nil {
			return nil, readErr
		}
		s.total.Add(int64(st.stop.At))
		for r, o := range st.outcomes[:st.stop.At] {
			if o.Present {
				s.skipped++
			} else {
				st.pending++
				todo = append(todo, job{c, r})
			}
		}
	}
	return todo, nil
}

// finished records a completed run and returns the runs it makes necessary: with
// adaptive replicates, when it completes its cell's batch, the next batch if the stopping
// rule asks for one.
func (s *schedule) finished(j job, o Outcome) []job {
	st := s.cells[j.cell]
	if st == nil { // fixed replicates
		return nil
	}
	st.outcomes[j.rep] = o
	st.pending--
	if st.pending > 0 {
		return nil
	}
	from := st.stop.At
	st.stop = s.p.Exp.Replicates.Walk(func(r int) Outcome {
		if r < len(st.outcomes) {
			return st.outcomes[r]
		}
		return Outcome{}
	})
	if st.stop.Reason != StopIncomplete {
		return nil
	}
	var next []job
	for r := from; r < st.stop.At; r++ {
		st.outcomes = append(st.outcomes, Outcome{})
		next = append(next, job{j.cell, r})
	}
	st.pending = len(next)
	s.total.Add(int64(len(next)))
	return next
}

// record writes where each of the shard's adaptive cells stopped into the manifest.
func (s *schedule) record(m *Manifest) {
	for c, st := range s.cells {
		if st.stop.Reason != StopIncomplete {
			m.Cells[c].Replicates, m.Cells[c].StopReason = st.stop.At, st.stop.Reason
		}
	}
}

// runOne runs job j and writes its files.
func (s *schedule) runOne(ctx context.Context, j job) (Outcome, error) {
	p, opt := s.p, s.opt
	cell := p.Cells[j.cell]
	r := j.rep
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
	row, err := experiments.WriteRun(ctx, cell.Scenario, streams, key, axes, files, meta)
	if err != nil {
		if ctx.Err() != nil {
			return Outcome{}, ctx.Err()
		}
		return Outcome{}, fmt.Errorf("cell %d (%s) replicate %d: %w", cell.Index, cell.Label, r, err)
	}
	return outcomeOf(row), nil
}

// outcomeOf is what the stopping rule sees of a run's row.
func outcomeOf(r *record.RunRow) Outcome {
	return Outcome{Present: true, Eligible: !r.AtThetaAtTakeover, Captured: r.Captured}
}

// readOutcome reads a run's outcome from its runs file; a missing file is an absent
// run, not an error.
func readOutcome(path string) (Outcome, error) {
	rows, err := record.ReadRuns(path)
	if errors.Is(err, os.ErrNotExist) {
		return Outcome{}, nil
	}
	if err != nil {
		return Outcome{}, err
	}
	if len(rows) != 1 {
		return Outcome{}, fmt.Errorf("%s: %d rows, want 1", path, len(rows))
	}
	return outcomeOf(&rows[0]), nil
}

// checkOwner refuses an output folder that holds another experiment's runs.
func checkOwner(p *Plan, out string) error {
	entries, _ := filepath.Glob(filepath.Join(out, "manifest*.json"))
	for _, f := range entries {
		m, err := readManifestFile(f)
		if err != nil || m.PlanHash == "" {
			continue
		}
		if m.PlanHash != p.Hash {
			return fmt.Errorf("%w: %s holds runs of another plan (%s: plan %s, this one %s); use another --out",
				ErrExists, out, filepath.Base(f), m.PlanHash, p.Hash)
		}
		// The same plan hash under another hash scheme may be another model: scheme 3
		// changed the defaults a plan leaves out (experiments.SpecHashScheme).
		if scheme := max(m.HashScheme, 1); scheme != experiments.SpecHashScheme {
			return fmt.Errorf("%w: %s holds runs written under hash scheme %d (tool %s), this tool writes scheme %d "+
				"with other defaults, so its runs would not be of one model; use another --out",
				ErrExists, out, scheme, m.ToolVersion, experiments.SpecHashScheme)
		}
	}
	return nil
}

// cleanTemp removes the temporary files of this shard's runs that were in flight when a
// previous sweep was killed, and its own manifest's. Other shards may be writing into the
// same folder at this moment: their temporary files are left alone.
func cleanTemp(out string, rule Replicates, shard, shards int) {
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
			if rule.InShard(c, r, shard, shards) { // another shard's in-flight file is not ours
				os.Remove(m)
			}
		}
	}
	os.Remove(filepath.Join(out, "."+strings.TrimSuffix(ManifestName(shard, shards), ".json")+".tmp"))
}
