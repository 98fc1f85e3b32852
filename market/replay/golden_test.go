package replay

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// scenarioDir holds the worked scenarios of docs/replay.md, NAME.json with the output an
// independent implementation computed for it, NAME.expected.csv.
var scenarioDir = filepath.Join("testdata", "scenarios")

// workedScenarios are the worked scenarios, by name.
var workedScenarios = []string{"launch_price_ema", "tao_flow", "current_price_burn"}

// scenarioFile returns the path of the worked scenario called name.
func scenarioFile(name string) string { return filepath.Join(scenarioDir, name+".json") }

// runCSV parses the scenario file at path and returns its replay CSV.
func runCSV(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out bytes.Buffer
	bw := bufio.NewWriter(&out)
	if _, err := Run(sc, nil, CSVWriter(bw)); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// compareCSV checks got against want column by column: relative tolerance 1e-9, absolute
// 1e-12 near zero (replay.md: pow and log are libm calls, so the last bits may differ).
func compareCSV(got, want []byte) error {
	g, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
	if err != nil {
		return fmt.Errorf("output: %v", err)
	}
	w, err := csv.NewReader(bytes.NewReader(want)).ReadAll()
	if err != nil {
		return fmt.Errorf("expected: %v", err)
	}
	if len(g) != len(w) {
		return fmt.Errorf("got %d lines, want %d", len(g), len(w))
	}
	if strings.Join(g[0], ",") != strings.Join(w[0], ",") {
		return fmt.Errorf("header:\n got %v\nwant %v", g[0], w[0])
	}
	var errs []string
	for r := 1; r < len(w); r++ {
		for c := range w[r] {
			x, err1 := strconv.ParseFloat(g[r][c], 64)
			y, err2 := strconv.ParseFloat(w[r][c], 64)
			if err1 != nil || err2 != nil {
				return fmt.Errorf("line %d column %s: cannot parse %q / %q", r+1, w[0][c], g[r][c], w[r][c])
			}
			if d := math.Abs(x - y); d > 1e-12 && d > 1e-9*math.Abs(y) {
				errs = append(errs, fmt.Sprintf("line %d (block %s netuid %s) %s: got %v want %v (rel %.2g)",
					r+1, w[r][0], w[r][1], w[0][c], x, y, d/math.Abs(y)))
				if len(errs) >= 20 {
					return fmt.Errorf("%s", strings.Join(errs, "\n"))
				}
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

func TestGoldenScenarios(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join(scenarioDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(workedScenarios) {
		t.Fatalf("found %d scenarios under %s, want the %d worked scenarios %v", len(files), scenarioDir, len(workedScenarios), workedScenarios)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			want, err := os.ReadFile(strings.TrimSuffix(f, ".json") + ".expected.csv")
			if err != nil {
				t.Fatal(err)
			}
			if err := compareCSV(runCSV(t, f), want); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestExamplesAreWorkedScenarios: every replay example shipped for users
// (examples/replay/NAME.json, which README.md and `dtaosim replay --help` point at) is
// byte for byte a worked scenario, so TestGoldenScenarios checks its output.
func TestExamplesAreWorkedScenarios(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "replay", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no replay examples in examples/replay")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		want, err := os.ReadFile(scenarioFile(name))
		if err != nil {
			t.Errorf("example %s has no worked scenario with expected output: %v", f, err)
			continue
		}
		if !bytes.Equal(mustRead(t, f), want) {
			t.Errorf("example %s differs from %s", f, scenarioFile(name))
		}
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
