//go:build duckdb

package duckdbtest

import (
	"database/sql"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dtaosim/experiments/record"
)

// studyDir is the study's committed outputs (scripts/study.sh copies them there).
var studyDir = filepath.Join("..", "..", "docs", "study")

// TestStudySQL executes the study notebook's queries (notebooks/sql/study_*.sql) against
// the study's committed outputs under docs/study and checks their answers against the
// same files read in Go: the validation table against validate.csv and the score line of
// validate.txt, the sensitivity rankings against sensitivity.parquet.
func TestStudySQL(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	f := &fixture{db: db}
	files, err := filepath.Glob(filepath.Join("..", "..", "notebooks", "sql", "study_*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no notebooks/sql/study_*.sql files (%v)", err)
	}
	results := map[string][][]any{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		results[filepath.Base(file)] = f.query(t, strings.ReplaceAll(string(data), "STUDY_DIR", filepath.ToSlash(studyDir)))
	}
	checks := map[string]func(*testing.T, [][]any){
		"study_validation.sql":     checkStudyValidation,
		"study_morris_ranking.sql": func(t *testing.T, rows [][]any) { checkStudySensitivity(t, rows, "screening", "morris") },
		"study_sobol_indices.sql":  func(t *testing.T, rows [][]any) { checkStudySensitivity(t, rows, "screening-sobol", "sobol") },
		"study_designs.sql":        checkStudyDesigns,
	}
	for name, rows := range results {
		check, ok := checks[name]
		if !ok {
			t.Errorf("notebooks/sql/%s has no check in TestStudySQL", name)
			continue
		}
		t.Run(name, func(t *testing.T) { check(t, rows) })
	}
}

var scoreLine = regexp.MustCompile(`moments within band: (\d+)/(\d+)`)

func checkStudyValidation(t *testing.T, rows [][]any) {
	fh, err := os.Open(filepath.Join(studyDir, "validate", "validate.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var scored [][]string
	for _, r := range recs[1:] {
		if r[col["kind"]] == "scored" {
			scored = append(scored, r)
		}
	}
	if len(rows) != len(scored) {
		t.Fatalf("%d rows, validate.csv has %d scored moments", len(rows), len(scored))
	}
	inBand := 0
	byID := map[string][]string{}
	for _, r := range scored {
		byID[r[col["id"]]] = r
	}
	for _, r := range rows {
		id := r[0].(string)
		want, ok := byID[id]
		if !ok {
			t.Errorf("moment %s is not in validate.csv", id)
			continue
		}
		in := r[9] != nil && r[9].(bool)
		if strconv.FormatBool(in) != want[col["in_band"]] {
			t.Errorf("moment %s: in_band %v, validate.csv %s", id, in, want[col["in_band"]])
		}
		if in {
			inBand++
		}
		if m, err := strconv.ParseFloat(want[col["mean"]], 64); err == nil && math.Abs(toFloat(r[5])-m) > 1e-9*math.Max(1, math.Abs(m)) {
			t.Errorf("moment %s: mean %v, validate.csv %v", id, r[5], m)
		}
	}
	txt, err := os.ReadFile(filepath.Join(studyDir, "validate", "validate.txt"))
	if err != nil {
		t.Fatal(err)
	}
	m := scoreLine.FindStringSubmatch(string(txt))
	if m == nil {
		t.Fatal("validate.txt has no line \"moments within band: K/M\"")
	}
	if k, n := m[1], m[2]; k != strconv.Itoa(inBand) || n != strconv.Itoa(len(rows)) {
		t.Errorf("validate.txt says %s/%s, the query counts %d/%d", k, n, inBand, len(rows))
	}
}

func checkStudySensitivity(t *testing.T, rows [][]any, part, design string) {
	all, err := record.ReadSensitivity(filepath.Join(studyDir, part, "sensitivity.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ output, param string }
	want := map[key]record.SensitivityRow{}
	for _, r := range all {
		if r.Design == design {
			want[key{r.Output, r.Param}] = r
		}
	}
	if len(rows) != len(want) || len(rows) == 0 {
		t.Fatalf("%d rows, sensitivity.parquet has %d %s rows", len(rows), len(want), design)
	}
	same := func(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
	for _, r := range rows {
		w, ok := want[key{r[0].(string), r[2].(string)}]
		if !ok {
			t.Errorf("row %v not in sensitivity.parquet", r)
			continue
		}
		if toInt(r[1]) != int64(w.Rank) {
			t.Errorf("%s/%s: rank %v, file %d", w.Output, w.Param, r[1], w.Rank)
		}
		got, ref := toFloat(r[3]), w.MuStar
		if design == "sobol" {
			ref = w.S1
		}
		if r[3] == nil {
			got = math.NaN()
		}
		if !same(got, ref) {
			t.Errorf("%s/%s: first index %v, file %v", w.Output, w.Param, got, ref)
		}
	}
}

// checkStudyDesigns: the designs query against summary.parquet and effects.parquet of
// docs/study/designs-90d read in Go: one row per mechanism in cell order with the cell's
// capture counts, and the paired peak-share and misallocation differences from the head
// preset with the sign as mechanism − head (none for the head itself).
func checkStudyDesigns(t *testing.T, rows [][]any) {
	dir := filepath.Join(studyDir, "designs-90d")
	sum, err := record.ReadSummary(filepath.Join(dir, "summary.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	eff, err := record.ReadEffects(filepath.Join(dir, "effects.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(sum) || len(rows) < 10 {
		t.Fatalf("%d rows, summary.parquet has %d cells (want at least 10 mechanisms)", len(rows), len(sum))
	}
	const head = "mechanism.preset=price_burn_2026_06"
	diff := func(mech, outcome string) (float64, bool) {
		for _, e := range eff {
			switch {
			case e.Outcome != outcome:
			case e.ArmA == "mechanism.preset="+mech && e.ArmB == head:
				return e.Diff, true
			case e.ArmA == head && e.ArmB == "mechanism.preset="+mech:
				return -e.Diff, true
			}
		}
		return 0, false
	}
	for i, r := range rows {
		t.Logf("%v", r) // the table of docs/results.md, with -v
		mech, c := r[0].(string), sum[i]
		if c.Axes != "mechanism.preset="+mech || toInt(r[1]) != int64(c.Captured) || toInt(r[2]) != int64(c.Eligible) {
			t.Errorf("row %d: %v %v/%v; summary cell %d %q %d/%d", i, mech, r[1], r[2], c.Cell, c.Axes, c.Captured, c.Eligible)
		}
		for _, o := range []struct {
			col     int
			outcome string
		}{{7, "peak_meme_share"}, {13, "misallocation"}} {
			want, ok := diff(mech, o.outcome)
			if !ok {
				if r[o.col] != nil {
					t.Errorf("%s: %s difference %v, effects.parquet has none", mech, o.outcome, r[o.col])
				}
				continue
			}
			if got := toFloat(r[o.col]); math.Abs(got-want) > 1e-12 {
				t.Errorf("%s: %s difference %v, effects.parquet %v", mech, o.outcome, got, want)
			}
		}
	}
}
