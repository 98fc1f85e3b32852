package experiments

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"

	"go.yaml.in/yaml/v3"

	"dtaosim/experiments/record"
)

// SpecHashScheme numbers the encoding SpecHash hashes; manifests record it
// (experiments/sweep). Scheme 1 hashed the whole resolved scenario, so every field added
// to Scenario changed every hash; scheme 2 hashes only the fields that differ from
// Defaults, so a field added with a default that keeps the old behaviour leaves every
// earlier scenario's hash as it was. Scheme 3 is scheme 2's encoding under the defaults
// of 2026-12-03, when the speculators' defaults changed (price protection partial at the
// clients' 0.5%, quit_drawdown 0.5, hold_days 28; docs/calibration.md §7): a scenario
// that leaves them out hashes as before but runs another model, so its hash may not
// be compared with a scheme-2 one. Scheme 4 is the same encoding under the defaults of
// 2026-12-06, when mechanism.dividend_fallback's default (empty) changed from the model's
// rule ("stake") to the chain's ("none"; docs/mechanism.md §12); a scheme-3 plan that
// leaves it out reruns under "stake" (sweep.RerunCell).
const SpecHashScheme = 4

// SpecHash returns a short hash of the scenario as resolved: of the YAML of every field
// whose value differs from Defaults (keys sorted). Two files with the same hash come from
// the same specification under the same defaults.
func SpecHash(sc *Scenario) string {
	data, err := yaml.Marshal(specDiff(sc))
	if err != nil {
		panic("experiments: scenario does not marshal: " + err.Error())
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8])
}

// specDiff returns the scenario's fields that differ from Defaults, as a nested map of
// their YAML names: a mapping is compared key by key, anything else (numbers, strings,
// lists) as a whole.
func specDiff(sc *Scenario) map[string]any {
	d := Defaults()
	return diffMaps(yamlMap(sc), yamlMap(&d))
}

// yamlMap is v's YAML encoding read back as a map.
func yamlMap(v any) map[string]any {
	data, err := yaml.Marshal(v)
	if err != nil {
		panic("experiments: scenario does not marshal: " + err.Error())
	}
	m := map[string]any{}
	if err := yaml.Unmarshal(data, &m); err != nil {
		panic("experiments: scenario YAML does not read back: " + err.Error())
	}
	return m
}

// diffMaps returns the entries of a that are not in d or differ from d's, and as null
// those of d that a lacks (a field omitted as empty where the default is not).
func diffMaps(a, d map[string]any) map[string]any {
	out := map[string]any{}
	for k := range d {
		if _, ok := a[k]; !ok {
			out[k] = nil
		}
	}
	for k, v := range a {
		dv, ok := d[k]
		am, aIsMap := v.(map[string]any)
		dm, dIsMap := dv.(map[string]any)
		switch {
		case ok && aIsMap && dIsMap:
			if sub := diffMaps(am, dm); len(sub) > 0 {
				out[k] = sub
			}
		case !ok || !reflect.DeepEqual(v, dv):
			out[k] = v
		}
	}
	return out
}

// RunFiles are the paths of one run's output files.
type RunFiles struct {
	Series, Events, Run string
}

// RunToDir runs sc with seed and writes its series, events and summary as Parquet under
// dir: series.parquet, events.parquet and run.parquet (see WriteRun). version names the
// tool build for the files' metadata.
func RunToDir(ctx context.Context, sc *Scenario, seed uint64, dir, version string) (*record.RunRow, RunFiles, error) {
	files := RunFiles{
		Series: filepath.Join(dir, "series.parquet"),
		Events: filepath.Join(dir, "events.parquet"),
		Run:    filepath.Join(dir, "run.parquet"),
	}
	meta := record.Meta{
		"spec_hash": SpecHash(sc), "master_seed": strconv.FormatUint(seed, 10),
		"tool_version": version, "scenario": sc.Name,
	}
	row, err := WriteRun(ctx, sc, Streams{Master: seed}, record.RunKey{Seed: seed}, CellAxes{}, files, meta)
	return row, files, err
}

// CellAxes are the values of an experiment cell on its axes: Label for the runs table's
// "axes" column, and one typed column per axis (record.WithAxes).
type CellAxes struct {
	Label   string
	Columns []record.AxisColumn
	Values  []record.AxisValue
}

// WriteRun runs sc with the given streams and writes its series and events as it goes
// and its summary row at the end (with the cell's axis values), to files, each with meta
// in its footer. Each file is written under a temporary name and renamed when complete,
// the summary last: a run whose Run file exists is whole. On any error (including ctx
// cancellation) no new file is left behind.
func WriteRun(ctx context.Context, sc *Scenario, streams Streams, key record.RunKey, axes CellAxes, files RunFiles, meta record.Meta) (*record.RunRow, error) {
	for _, f := range []string{files.Series, files.Events, files.Run} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			return nil, fmt.Errorf("output directory: %w", err)
		}
	}
	sw, err := record.NewSeriesWriter(files.Series, meta)
	if err != nil {
		return nil, err
	}
	ew, err := record.NewEventWriter(files.Events, meta)
	if err != nil {
		sw.Abort()
		return nil, err
	}
	row, err := Run(ctx, sc, Options{Streams: streams, Key: key, Series: sw.Append, Events: ew.Append})
	if err != nil {
		sw.Abort()
		ew.Abort()
		return nil, err
	}
	row.Axes, row.AxisValues = axes.Label, axes.Values
	if err := errors.Join(sw.Close(), ew.Close()); err != nil {
		os.Remove(files.Series)
		os.Remove(files.Events)
		return nil, err
	}
	rw, err := record.NewRunWriter(files.Run, meta, record.WithAxes(axes.Columns))
	if err != nil {
		return nil, err
	}
	if err := rw.Append(row); err != nil {
		rw.Abort()
		return nil, err
	}
	if err := rw.Close(); err != nil {
		return nil, err
	}
	return row, nil
}
