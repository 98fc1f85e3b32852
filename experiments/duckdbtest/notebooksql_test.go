//go:build duckdb

package duckdbtest

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"dtaosim/experiments/record"
	"dtaosim/experiments/sweep"
)

// testNotebookSQL executes every notebooks/sql/*.sql file but the study's (study_*.sql),
// with RESULTS_DIR replaced by the fixture's sweep folder, and checks its answers against
// what Go computed.
func (f *fixture) testNotebookSQL(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "notebooks", "sql", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no notebooks/sql/*.sql files (%v)", err)
	}
	sum, err := sweep.Summarize(f.out)
	if err != nil {
		t.Fatal(err)
	}
	results := map[string][][]any{}
	for _, file := range files {
		if strings.HasPrefix(filepath.Base(file), "study_") {
			continue // the study's queries read docs/study (TestStudySQL)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		q := strings.ReplaceAll(string(data), "RESULTS_DIR", filepath.ToSlash(f.out))
		results[filepath.Base(file)] = f.query(t, q)
	}
	checked := map[string]bool{}
	check := func(name string, fn func(rows [][]any) error) {
		rows, ok := results[name]
		if !ok {
			t.Errorf("notebooks/sql/%s is gone; update this test", name)
			return
		}
		checked[name] = true
		if err := fn(rows); err != nil {
			t.Errorf("notebooks/sql/%s: %v", name, err)
		}
	}
	check("capture_by_cell.sql", func(rows [][]any) error {
		if len(rows) != len(sum.Cells) {
			return fmt.Errorf("%d rows, want %d cells", len(rows), len(sum.Cells))
		}
		for i, r := range rows {
			c := sum.Cells[i]
			if toInt(r[0]) != int64(c.Cell) || r[1] != c.Axes || toInt(r[2]) != int64(c.Runs) ||
				toInt(r[3]) != int64(c.Captured) || math.Abs(toFloat(r[4])-c.CaptureRate) > 1e-12 {
				return fmt.Errorf("row %v, Go summary %+v", r, c)
			}
		}
		return nil
	})
	check("capture_by_mechanism.sql", func(rows [][]any) error {
		total := int64(0)
		for _, r := range rows {
			total += toInt(r[1])
			if m := r[0].(string); m != "launch_2025_02" && m != "price_burn_2026_06" {
				return fmt.Errorf("mechanism %q", m)
			}
		}
		if total != int64(f.plan.Runs()) {
			return fmt.Errorf("%d runs, want %d", total, f.plan.Runs())
		}
		return nil
	})
	check("meme_share_by_day.sql", func(rows [][]any) error {
		if len(rows) == 0 {
			return fmt.Errorf("no rows")
		}
		for _, r := range rows {
			med, lo, hi := toFloat(r[2]), toFloat(r[3]), toFloat(r[4])
			if !(lo <= med && med <= hi && lo >= 0 && hi <= 1) || toInt(r[5]) != int64(f.plan.Exp.Replicates.Max) {
				return fmt.Errorf("row %v: want p05 ≤ median ≤ p95 in [0, 1] over %d runs", r, f.plan.Exp.Replicates.Max)
			}
		}
		return nil
	})
	check("interventions.sql", func(rows [][]any) error {
		want := 0
		for _, c := range sum.Cells {
			want += int(c.Intervened)
		}
		if len(rows) != want {
			return fmt.Errorf("%d interventions, Go summary counts %d", len(rows), want)
		}
		return nil
	})
	check("meme_holders_by_day.sql", func(rows [][]any) error {
		// The same means from the series files, read in Go.
		type key struct {
			cell int
			day  float64
		}
		vals := map[key][][4]float64{}
		for c := range f.plan.Cells {
			for r := range f.plan.Exp.Replicates.Max {
				series, err := record.ReadSeries(sweep.RunPath(f.out, "series", c, r))
				if err != nil {
					return err
				}
				per := map[float64]*[4]float64{}
				var days []float64
				for _, s := range series {
					if s.Kind != "meme" {
						continue
					}
					p := per[s.Day]
					if p == nil {
						p = &[4]float64{}
						per[s.Day] = p
						days = append(days, s.Day)
					}
					p[0] += s.YieldStakerAlpha * s.Price
					p[1] += s.SpeculatorAlpha * s.Price
					p[2] += float64(s.YieldStakers)
					p[3] += float64(s.Speculators)
				}
				for _, d := range days {
					vals[key{c, d}] = append(vals[key{c, d}], *per[d])
				}
			}
		}
		if len(rows) != len(vals) {
			return fmt.Errorf("%d rows, Go finds %d (cell, day) pairs with a meme", len(rows), len(vals))
		}
		held := false
		for _, row := range rows {
			v := vals[key{int(toInt(row[0])), toFloat(row[1])}]
			if int64(len(v)) != toInt(row[6]) {
				return fmt.Errorf("row %v: %d runs in Go", row, len(v))
			}
			for j := range 4 {
				mean := 0.0
				for k := range v {
					mean += v[k][j]
				}
				mean /= float64(len(v))
				if math.Abs(toFloat(row[2+j])-mean) > 1e-9*math.Max(1, math.Abs(mean)) {
					return fmt.Errorf("row %v: column %d, Go's mean %g", row, 2+j, mean)
				}
				held = held || (j == 0 && mean > 0)
			}
		}
		if !held {
			return fmt.Errorf("no yield staker held a meme in any run: the fixture does not exercise the query")
		}
		return nil
	})
	check("root_proportion.sql", func(rows [][]any) error {
		if len(rows) < 2 {
			return fmt.Errorf("%d rows", len(rows))
		}
		first, last := toFloat(rows[0][1]), toFloat(rows[len(rows)-1][1])
		if !(first > 0 && first <= 1 && last <= first) {
			return fmt.Errorf("root proportion %v → %v: want in (0, 1] and not rising", first, last)
		}
		return nil
	})
	check("file_metadata.sql", func(rows [][]any) error {
		keys := map[string]bool{}
		for _, r := range rows {
			keys[fmt.Sprint(r[1])] = true
		}
		for _, k := range []string{"plan_hash", "master_seed", "tool_version", "cell", "axes", "schema_version", "table"} {
			if !keys[k] {
				return fmt.Errorf("key %q missing (have %v)", k, keys)
			}
		}
		return nil
	})
	var unchecked []string
	for name := range results {
		if !checked[name] {
			unchecked = append(unchecked, name)
		}
	}
	sort.Strings(unchecked)
	if len(unchecked) > 0 {
		t.Errorf("notebooks/sql files without a check here: %v", unchecked)
	}
}
