package figures

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"dtaosim/experiments/sweep"
)

// tinySweep runs a small experiment (the SN28 attack a year on, shrunk to 6 subnets and 2
// days, with the takeover and the intervention early) into a temporary folder: a second
// or less on one core.
func tinySweep(t *testing.T, axes string, replicates int) string {
	t.Helper()
	src := `name: tiny
base: sn28-late
scenario:
  days: 2
  record_every: 300
  subnets: {count: 6, meme: {netuids: [3], takeover_day: 0.2}}
  agents:
    speculators: {count: 30}
    yield_stakers: {count: 5}
    arbitrageurs: {count: 1}
    noise: {count: 10}
    root_validators: {count: 2, detection_delay_days: 0.3}
seed: 7
replicates: ` + strconv.Itoa(replicates) + "\n" + axes
	plan, err := sweep.Parse([]byte(src), ".")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "tiny")
	if _, err := sweep.Run(t.Context(), plan, sweep.Options{Out: out, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPlotSweep: on a sweep with a mechanism, an age and a policy axis every figure is
// drawn, in both formats; on a sweep with the mechanism axis alone the figures that need
// the other axes are skipped with messages naming them, and the rest are drawn; a single
// run's folder draws the figures one run supports.
func TestPlotSweep(t *testing.T) {
	t.Parallel()
	all := []string{"capture-heatmap", "share-fan", "sn28-episode", "intervention-success", "root-proportion", "mechanism-comparison", "design-tradeoff"}
	full := tinySweep(t, `axes:
  - {param: mechanism.preset, values: [launch_2025_02, price_burn_2026_06]}
  - {param: chain.age_days, values: [7, 180]}
  - {param: agents.root_validators.policy, values: [passive, intervene]}
crn_axes: [mechanism.preset, agents.root_validators.policy]
`, 2)
	mechOnly := tinySweep(t, `axes:
  - {param: mechanism.preset, values: [launch_2025_02, price_burn_2026_06]}
`, 1)
	// A `dtaosim run` folder: one run's three files under their single-run names.
	single := filepath.Join(t.TempDir(), "run")
	os.MkdirAll(single, 0o755)
	for kind, name := range map[string]string{"runs": "run.parquet", "series": "series.parquet", "events": "events.parquet"} {
		copyFile(t, sweep.RunPath(mechOnly, kind, 0, 0), filepath.Join(single, name))
	}

	cases := []struct {
		name    string
		dir     string
		drawn   []string
		skipped map[string]string // figure → words its message must contain
	}{
		{"three axes", full, all, map[string]string{"sensitivity": "not a sensitivity design"}},
		{"mechanism only", mechOnly, []string{"share-fan", "root-proportion", "mechanism-comparison", "design-tradeoff"}, map[string]string{
			"sensitivity":          "not a sensitivity design",
			"capture-heatmap":      "fewer than two axes",
			"sn28-episode":         PolicyAxis,
			"intervention-success": AgeAxis,
		}},
		{"single run", single, []string{"share-fan", "root-proportion"}, map[string]string{
			"sensitivity":          "not a sensitivity design",
			"capture-heatmap":      "fewer than two axes",
			"sn28-episode":         PolicyAxis,
			"intervention-success": AgeAxis,
			"mechanism-comparison": MechanismAxis,
			"design-tradeoff":      MechanismAxis,
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Load(tc.dir)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(tc.dir, "figures")
			rep, err := Write(e, out, Formats, 50, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range tc.drawn {
				for _, format := range Formats {
					path := filepath.Join(out, name+"."+format)
					if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
						t.Errorf("%s not written: %v", path, err)
					}
					if !slices.Contains(rep.Written, path) {
						t.Errorf("%s missing from the report", path)
					}
				}
			}
			if got, want := len(rep.Written), len(tc.drawn)*len(Formats); got != want {
				t.Errorf("%d files written, want %d: %v", got, want, rep.Written)
			}
			for _, s := range rep.Skipped {
				want, ok := tc.skipped[s.Figure]
				if !ok {
					t.Errorf("unexpected skip: %v", s)
					continue
				}
				if !strings.Contains(s.Error(), want) {
					t.Errorf("skip message %q does not name %q", s.Error(), want)
				}
			}
			if len(rep.Skipped) != len(tc.skipped) {
				t.Errorf("%d figures skipped, want %d: %v", len(rep.Skipped), len(tc.skipped), rep.Skipped)
			}
		})
	}
	// The loaded sweep holds what the figures need.
	e, err := Load(full)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Episodes) != 2 || e.Episodes[0].Netuid != 3 || len(e.Episodes[0].With) == 0 {
		t.Errorf("episodes: %+v", e.Episodes)
	}
	if len(e.Runs) != 16 || e.Runs[0].Start.AgeOffset != 7 || !e.Runs[0].Start.Recorded {
		t.Errorf("runs: %d, first start %+v", len(e.Runs), e.Runs[0].Start)
	}
}

// TestPlotMorris: the folder of a Morris design loads with its sensitivity indices
// (computed from the runs as dtaosim sensitivity does) and draws the μ*–σ figure.
func TestPlotMorris(t *testing.T) {
	t.Parallel()
	dir := tinySweep(t, `design: morris
trajectories: 3
axes:
  - {param: agents.speculators.count, range: {from: 5, to: 60, round: true}}
  - {param: agents.noise.count, range: {from: 2, to: 20, round: true}}
`, 1)
	e, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sweep.Sensitivity(dir, sweep.SensitivityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if e.Design != "morris" || len(e.Sensitivity) == 0 || len(e.Sensitivity) != len(res.Rows) {
		t.Fatalf("design %q, %d sensitivity rows; want morris and the %d rows of sweep.Sensitivity", e.Design, len(e.Sensitivity), len(res.Rows))
	}
	f, err := SensitivityFigure(e)
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "sensitivity-morris" {
		t.Errorf("figure %q, want sensitivity-morris", f.Name)
	}
	if err := f.Encode(io.Discard, "png", 50); err != nil {
		t.Fatal(err)
	}
	// A design point without runs: the other figures are still drawn, this one is
	// skipped with the reason.
	if err := os.RemoveAll(filepath.Join(dir, "runs", "cell=0")); err != nil {
		t.Fatal(err)
	}
	e, err = Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := SensitivityFigure(e); !IsSkipped(err) || !strings.Contains(err.Error(), "cell 0") {
		t.Errorf("SensitivityFigure with cell 0 missing: %v, want a skip naming cell 0", err)
	}
}

// TestLoadNotResults: a folder that is not a results folder is an error naming it.
func TestLoadNotResults(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("Load(empty folder) = %v", err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
