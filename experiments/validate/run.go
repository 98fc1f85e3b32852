package validate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"time"

	"golang.org/x/sync/errgroup"

	"dtaosim/experiments"
	"dtaosim/experiments/record"
	"dtaosim/experiments/sweep"
)

// Options set how Run runs the calibration scenarios. The zero value is not enough:
// Seeds must hold at least one seed.
type Options struct {
	// Seeds are the master seeds; every scenario runs once per seed, and the report is
	// the same for the same seed list whatever Workers is.
	Seeds []uint64
	// Workers is the number of runs at once; 0 means runtime.NumCPU().
	Workers int
	// MaxDays, if positive, caps every scenario's horizon (a quick check of the
	// machinery: moments read after the cap come out n/a).
	MaxDays float64
	// Progress receives one line per finished run; nil discards them.
	Progress io.Writer
	// Set are settings "path=value" applied to every calibration scenario after it is
	// loaded (sweep.Override): the report of a model with an assumption changed.
	Set []string
}

// ErrSet wraps the error of a setting (Options.Set) that does not apply to a scenario.
var ErrSet = errors.New("validate: --set")

// ErrNoSeeds is returned by Run when Options.Seeds is empty.
var ErrNoSeeds = errors.New("validate: no seeds")

// Row is one moment's result: its simulated value per seed and their summary.
type Row struct {
	Moment
	Values   []float64 // per seed, in the order of Report.Seeds; NaN where the run had no value
	N        int       // seeds with a value
	Mean     float64   // mean over the seeds with a value (+Inf if any is +Inf); NaN if none
	Min, Max float64
	SeedsIn  int  // seeds whose value is inside the band
	In       bool // a Scored moment whose mean is inside the band
}

// ScenarioRun says which scenario ran for how long.
type ScenarioRun struct {
	Name string
	Days float64 // horizon actually run
}

// Report is the result of Run: one row per moment, in the order of the table.
type Report struct {
	Seeds     []uint64
	Set       []string      // the settings applied to every scenario (Options.Set)
	Scenarios []ScenarioRun // the scenarios that ran, in order of first use
	Rows      []Row
}

// Score returns K, the Scored moments whose mean lies in the band, and M, the Scored
// moments. Info and NotComputed moments count in neither.
func (r *Report) Score() (k, m int) {
	for _, row := range r.Rows {
		if row.Kind != Scored {
			continue
		}
		m++
		if row.In {
			k++
		}
	}
	return k, m
}

// Run runs each scenario the moments name once per seed, at most Workers at a time, and
// computes every moment from its scenario's runs. A moment whose scenario is not shipped
// (experiments.LoadPreset fails) becomes NotComputed, its note saying so. Run stops at
// the first failed run and returns its error; ctx cancels the runs in flight.
func Run(ctx context.Context, moments []Moment, opt Options) (*Report, error) {
	if len(opt.Seeds) == 0 {
		return nil, ErrNoSeeds
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	rep := &Report{Seeds: append([]uint64(nil), opt.Seeds...), Set: append([]string(nil), opt.Set...), Rows: make([]Row, len(moments))}
	// Which moments each scenario serves, in order of first use.
	var names []string
	uses := map[string][]int{}
	for j, m := range moments {
		rep.Rows[j] = Row{Moment: m, Mean: math.NaN(), Min: math.NaN(), Max: math.NaN()}
		if m.Kind == NotComputed || m.Value == nil {
			rep.Rows[j].Kind = NotComputed
			continue
		}
		if _, ok := uses[m.Scenario]; !ok {
			names = append(names, m.Scenario)
		}
		uses[m.Scenario] = append(uses[m.Scenario], j)
	}
	type job struct {
		name string
		sc   int // index into rep.Scenarios
	}
	var jobs []job
	for _, name := range names {
		sc, err := load(name, opt.Set)
		if err != nil {
			var nf notShipped
			if !errors.As(err, &nf) {
				return nil, err
			}
			for _, j := range uses[name] {
				rep.Rows[j].Kind = NotComputed
				rep.Rows[j].Note = fmt.Sprintf("needs the scenario %s, not shipped in this build", name)
			}
			continue
		}
		days := sc.Days
		if opt.MaxDays > 0 && days > opt.MaxDays {
			days = opt.MaxDays
		}
		rep.Scenarios = append(rep.Scenarios, ScenarioRun{Name: name, Days: days})
		jobs = append(jobs, job{name, len(rep.Scenarios) - 1})
		for _, j := range uses[name] {
			rep.Rows[j].Values = make([]float64, len(opt.Seeds))
		}
	}

	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for _, jb := range jobs {
		for s, seed := range opt.Seeds {
			g.Go(func() error {
				start := time.Now()
				o, err := runOne(gctx, jb.name, opt.Set, rep.Scenarios[jb.sc].Days, seed)
				if err != nil {
					return fmt.Errorf("validate: %s seed %d: %w", jb.name, seed, err)
				}
				// Each run writes only its own seed's slot of its own moments' rows.
				for _, j := range uses[jb.name] {
					rep.Rows[j].Values[s] = moments[j].Value(o)
				}
				if opt.Progress != nil {
					fmt.Fprintf(opt.Progress, "validate: %s seed %d: %.0f days in %.1f s\n",
						jb.name, seed, o.Days(), time.Since(start).Seconds())
				}
				return nil
			})
		}
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for j := range rep.Rows {
		rep.Rows[j].summarize()
	}
	return rep, nil
}

// notShipped is the error of a calibration scenario this build does not ship.
type notShipped struct{ err error }

func (e notShipped) Error() string { return e.err.Error() }

// load returns the shipped scenario name with the settings applied; an error of the
// settings names them.
func load(name string, set []string) (*experiments.Scenario, error) {
	sc, err := experiments.LoadPreset(name)
	if err != nil {
		return nil, notShipped{err}
	}
	if sc, err = sweep.Override(sc, set); err != nil {
		return nil, fmt.Errorf("%w on %s: %w", ErrSet, name, err)
	}
	if sc.BurnInDays != 0 {
		// The moments are dated from the scenario's first block; a burn-in would move it.
		return nil, fmt.Errorf("%w on %s: burn_in_days: expected 0 (the moments are dated from the run's first day), got %v", ErrSet, name, sc.BurnInDays)
	}
	return sc, nil
}

// runOne runs the shipped scenario name, with the settings applied, for days days with
// the master seed and gathers its outputs.
func runOne(ctx context.Context, name string, set []string, days float64, seed uint64) (*Outputs, error) {
	sc, err := load(name, set)
	if err != nil {
		return nil, err
	}
	if days < sc.Days {
		// A capped horizon drops the mechanism switches after it.
		sc.Days = days
		keep := sc.Mechanism.Schedule[:0]
		for _, sw := range sc.Mechanism.Schedule {
			if sw.Day <= days {
				keep = append(keep, sw)
			}
		}
		sc.Mechanism.Schedule = keep
	}
	opt := experiments.Options{Streams: experiments.Streams{Master: seed}, Key: record.RunKey{Seed: seed}}
	sim, err := experiments.NewSim(sc, opt)
	if err != nil {
		return nil, err
	}
	o := &Outputs{Scenario: sc, Initial: InitialOf(sim)}
	opt.Series = o.Series.Add
	opt.Events = func(e *record.EventRow) error {
		o.Events = append(o.Events, *e)
		return nil
	}
	if o.Run, err = experiments.Run(ctx, sc, opt); err != nil {
		return nil, err
	}
	if err := o.Series.Close(); err != nil {
		return nil, err
	}
	return o, nil
}

// summarize fills N, Mean, Min, Max, SeedsIn and In from Values.
func (r *Row) summarize() {
	r.N, r.SeedsIn, r.In = 0, 0, false
	r.Mean, r.Min, r.Max = math.NaN(), math.NaN(), math.NaN()
	total := 0.0
	for _, v := range r.Values {
		if math.IsNaN(v) {
			continue
		}
		if r.N == 0 || v < r.Min {
			r.Min = v
		}
		if r.N == 0 || v > r.Max {
			r.Max = v
		}
		r.N++
		total += v
		if r.Kind == Scored && r.Band.Contains(v) {
			r.SeedsIn++
		}
	}
	if r.N > 0 {
		r.Mean = total / float64(r.N)
	}
	r.In = r.Kind == Scored && r.N > 0 && r.Band.Contains(r.Mean)
}
