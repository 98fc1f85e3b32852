package experiments

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"go.yaml.in/yaml/v3"

	"dtaosim/experiments/record"
)

// SpecHash returns a short hash of the scenario as resolved (defaults filled in), so two
// files with the same hash come from the same specification.
func SpecHash(sc *Scenario) string {
	data, err := yaml.Marshal(sc)
	if err != nil {
		panic("experiments: scenario does not marshal: " + err.Error())
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8])
}

// RunFiles are the paths of one run's output files.
type RunFiles struct {
	Series, Events, Run string
}

// RunToDir runs sc with seed and writes its series, events and summary as Parquet under
// dir: series.parquet, events.parquet and run.parquet. Each file is written under a
// temporary name and renamed when complete; on any error none of them is left behind.
// version names the tool build for the files' metadata.
func RunToDir(ctx context.Context, sc *Scenario, seed uint64, dir, version string) (*record.RunRow, RunFiles, error) {
	files := RunFiles{
		Series: filepath.Join(dir, "series.parquet"),
		Events: filepath.Join(dir, "events.parquet"),
		Run:    filepath.Join(dir, "run.parquet"),
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, files, fmt.Errorf("output directory: %w", err)
	}
	meta := record.Meta{
		"spec_hash": SpecHash(sc), "master_seed": strconv.FormatUint(seed, 10),
		"tool_version": version, "scenario": sc.Name,
	}
	sw, err := record.NewSeriesWriter(files.Series, meta)
	if err != nil {
		return nil, files, err
	}
	ew, err := record.NewEventWriter(files.Events, meta)
	if err != nil {
		sw.Abort()
		return nil, files, err
	}
	abort := func() { sw.Abort(); ew.Abort() }
	key := record.RunKey{Seed: seed}
	row, err := Run(ctx, sc, Options{Streams: Streams{Master: seed}, Key: key, Series: sw.Append, Events: ew.Append})
	if err != nil {
		abort()
		return nil, files, err
	}
	rw, err := record.NewRunWriter(files.Run, meta)
	if err != nil {
		abort()
		return nil, files, err
	}
	if err := rw.Append(row); err != nil {
		abort()
		rw.Abort()
		return nil, files, err
	}
	if err := errors.Join(sw.Close(), ew.Close(), rw.Close()); err != nil {
		for _, f := range []string{files.Series, files.Events, files.Run} {
			os.Remove(f)
		}
		return nil, files, err
	}
	return row, files, nil
}
