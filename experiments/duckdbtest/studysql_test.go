//go:build duckdb

package duckdbtest

import (
	"cmp"
	"database/sql"
	"encoding/csv"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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
	// Each query runs once per binding of its part placeholders (STUDY_PART; DESIGNS_PART
	// and CONTROL_PART): the parts of the defaults before 2026-12-03 and of today's.
	type run struct {
		parts map[string]string
		check func(*testing.T, [][]any)
	}
	sensitivity := func(part, design string) run {
		return run{map[string]string{"STUDY_PART": part}, func(t *testing.T, rows [][]any) { checkStudySensitivity(t, rows, part, design) }}
	}
	tradeoff := func(designs, control string) run {
		return run{map[string]string{"DESIGNS_PART": designs, "CONTROL_PART": control},
			func(t *testing.T, rows [][]any) { checkStudyDesignTradeoff(t, rows, designs, control) }}
	}
	foundation := func(part string) run {
		return run{map[string]string{"STUDY_PART": part}, func(t *testing.T, rows [][]any) { checkStudyFoundationShare(t, rows, part) }}
	}
	fallback := func(part string) run {
		return run{map[string]string{"STUDY_PART": part}, func(t *testing.T, rows [][]any) { checkStudyDividendFallback(t, rows, part) }}
	}
	rule := func(newPart, oldPart string) run {
		return run{map[string]string{"NEW_PART": newPart, "OLD_PART": oldPart},
			func(t *testing.T, rows [][]any) { checkStudyDividendRule(t, rows, newPart, oldPart, false) }}
	}
	// ruleSubset: the new part holds some of the old part's cells (other cell indices).
	ruleSubset := func(newPart, oldPart string) run {
		return run{map[string]string{"NEW_PART": newPart, "OLD_PART": oldPart},
			func(t *testing.T, rows [][]any) { checkStudyDividendRule(t, rows, newPart, oldPart, true) }}
	}
	morrisPair := func(a, b string) run {
		return run{map[string]string{"A_PART": a, "B_PART": b},
			func(t *testing.T, rows [][]any) { checkStudyMorrisCompare(t, rows, a, b) }}
	}
	clip := func(dir string) run {
		return run{map[string]string{"STUDY_PART": dir}, func(t *testing.T, rows [][]any) { checkStudyRootStakeClip(t, rows, dir) }}
	}
	factor := func(dir, axis string) run {
		return run{map[string]string{"STUDY_PART": dir, "FACTOR": axis},
			func(t *testing.T, rows [][]any) { checkStudyDesignFactor(t, rows, dir, axis) }}
	}
	interactions := func(dir string) run {
		return run{map[string]string{"STUDY_PART": dir}, func(t *testing.T, rows [][]any) { checkStudyInteractions(t, rows, dir) }}
	}
	pairedAxis := func(dir, axis string) run {
		return run{map[string]string{"STUDY_PART": dir, "PAIRED_AXIS": axis},
			func(t *testing.T, rows [][]any) { checkStudyPairedAxis(t, rows, dir, axis) }}
	}
	yieldStakers := func(dir string) run {
		return run{map[string]string{"STUDY_PART": dir}, func(t *testing.T, rows [][]any) { checkStudyYieldStakers(t, rows, dir) }}
	}
	revenue := func(dir string) run {
		return run{map[string]string{"STUDY_PART": dir}, func(t *testing.T, rows [][]any) { checkStudyRevenue(t, rows, dir) }}
	}
	horizon := func(short, year string) run {
		return run{map[string]string{"SHORT_PART": short, "YEAR_PART": year},
			func(t *testing.T, rows [][]any) { checkStudyDesignHorizon(t, rows, short, year) }}
	}
	runs := map[string][]run{
		"study_validation.sql":     {{nil, checkStudyValidation}},
		"study_morris_ranking.sql": {sensitivity("screening", "morris"), sensitivity("cal-screening", "morris"), sensitivity("v4-screening", "morris")},
		"study_sobol_indices.sql":  {sensitivity("screening-sobol", "sobol"), sensitivity("cal-screening-sobol", "sobol"), sensitivity("v4-screening-sobol", "sobol")},
		"study_morris_compare.sql": {morrisPair("cal-screening", "cal-screening-104d"), morrisPair("cal-screening-104d", "cal-screening-104d-cohorts"),
			morrisPair("cal-screening-104d", "v4-screening-104d"), morrisPair("cal-screening-104d-cohorts", "v4-screening-104d-cohorts"),
			morrisPair("cal-screening", "v4-screening")},
		"study_designs.sql":         {{nil, checkStudyDesigns}},
		"study_design_tradeoff.sql": {tradeoff("designs-90d", "designs-control-90d"), tradeoff("cal-designs-90d-burnin", "cal-designs-control-90d")},
		"study_design_horizon.sql": {horizon("cal-designs-7d-from-launch", "cal-designs-7d-year"),
			horizon("cal-designs-90d-burnin", "cal-designs-90d-year"), horizon("cal-designs-365d-burnin", "cal-designs-365d-year"),
			horizon("v4-designs-7d-from-launch", "v4-designs-7d-year")},
		"study_capture.sql":       {{nil, checkStudyCapture}},
		"study_capture_today.sql": {{nil, checkStudyCaptureToday}},
		"study_intervention.sql":  {{nil, checkStudyIntervention}},
		"study_burnin.sql":        {{nil, checkStudyBurnIn}},
		"study_paid_holders.sql":  {{nil, checkStudyPaidHolders}},
		"study_root_stake.sql":    {{nil, checkStudyRootStake}},
		"study_design_factor.sql": {factor("v4-designs-capital-7d-year", "agents.speculators.capital.min"),
			factor("v4-designs-root-7d-year", "agents.root_validators.policy"),
			factor("v4-revenue-designs-7d", "agents.root_validators.policy")},
		"study_yield_stakers.sql": {yieldStakers("v4-yield-stakers-7d"), yieldStakers("v4-yield-stakers-aged")},
		"study_interactions.sql":  {interactions("v4-yield-stakers-clip-confirm"), interactions("v4-yield-stakers-clip-window"), interactions("v4-yield-stakers-clip-hetero"), interactions("v4-yield-stakers-clip-memory"), interactions("v4-yield-stakers-clip-memory-year"), interactions("v4-yield-stakers-clip-memory-head")},
		"study_paired_axis.sql": {pairedAxis("v4-yield-stakers-intervene-7d", "agents.root_validators.policy"),
			pairedAxis("v4-yield-stakers-clip-aged", "agents.root_validators.policy"),
			pairedAxis("v4-yield-stakers-clip-aged", "agents.yield_stakers.count"),
			pairedAxis("v4-yield-stakers-number-7d", "agents.yield_stakers.count+agents.yield_stakers.capital.min"),
			pairedAxis("v4-yield-stakers-number-7d", "agents.yield_stakers.capital.min"),
			pairedAxis("v4-yield-stakers-number-365d", "agents.yield_stakers.count+agents.yield_stakers.capital.min"),
			pairedAxis("v4-yield-stakers-number-90d", "agents.yield_stakers.count+agents.yield_stakers.capital.min"),
			pairedAxis("v4-yield-stakers-rate-7d", "agents.yield_stakers.count+agents.yield_stakers.rate_per_day"),
			pairedAxis("v4-yield-stakers-equal-7d", "agents.yield_stakers.count+agents.yield_stakers.capital.min"),
			pairedAxis("v4-yield-stakers-number-365d-launch", "agents.yield_stakers.count+agents.yield_stakers.capital.min"),
			pairedAxis("v4-yield-stakers-quote-7d", "agents.yield_stakers.count+agents.yield_stakers.capital.min"),
			pairedAxis("v4-yield-stakers-churn-7d", "agents.yield_stakers.quote_tao"),
			pairedAxis("v4-yield-stakers-capital-7d", "agents.yield_stakers.count"),
			pairedAxis("v4-yield-stakers-churn-365d", "agents.yield_stakers.count+agents.yield_stakers.capital.min"),
			pairedAxis("v4-yield-stakers-quote-365d", "agents.yield_stakers.count+agents.yield_stakers.capital.min")},
		"study_revenue.sql": {revenue("v4-revenue-7d"), revenue("v4-revenue-7d-300"), revenue("v4-revenue-90d"), revenue("v4-revenue-365d"), revenue("v4-revenue-90d-confirm")},
		"study_root_stake_clip.sql": {clip("v4-root-stake-clip-confirm"), clip("v4-root-stake-clip-head-confirm"),
			clip("v4-root-stake-clip-age-confirm"), clip("v4-root-stake-clip-age-head-confirm")},
		"study_foundation_share.sql": {foundation("cal-foundation-share"), foundation("cal-foundation-threshold"),
			foundation("v4-foundation-share"), foundation("v4-foundation-threshold"), foundation("v4-foundation-threshold-head"),
			foundation("v4-foundation-threshold-chain-confirm"), foundation("v4-foundation-threshold-head-chain-confirm")},
		"study_dividend_fallback.sql": {fallback("cal-dividend-fallback-confirm"), fallback("cal-dividend-fallback-7d")},
		"study_dividend_rule.sql": {rule("v4-capture-from-launch", "cal-capture-from-launch"),
			rule("v4-capture-300-7d", "cal-capture-300-7d"), rule("v4-capture-control", "cal-capture-control"),
			rule("v4-capture-from-launch-delay-head", "cal-capture-from-launch-delay-head"),
			rule("v4-capture-from-launch-delay", "cal-capture-from-launch-delay"),
			rule("v4-designs-7d-from-launch", "cal-designs-7d-from-launch"),
			rule("v4-capture-from-launch-alpha", "cal-capture-from-launch-alpha"),
			rule("v4-root-stake-7d", "cal-root-stake-7d"),
			rule("v4-paid-holders-7d", "cal-paid-holders-7d"),
			rule("v4-from-launch-quit", "cal-from-launch-quit"),
			rule("v4-root-stake-7d-cohorts", "cal-root-stake-7d-cohorts"),
			rule("v4-paid-holders-designs-7d", "cal-paid-holders-designs-7d"),
			rule("v4-capture-from-launch-year", "cal-capture-from-launch-year"),
			rule("v4-capture-from-launch-rank", "cal-capture-from-launch-rank"),
			rule("v4-designs-7d-year", "cal-designs-7d-year"),
			rule("v4-paid-holders-designs-7d-year", "cal-paid-holders-designs-7d-year"),
			rule("v4-foundation-threshold", "cal-foundation-threshold"),
			rule("v4-foundation-threshold-head", "cal-foundation-threshold-head"),
			rule("v4-foundation-share", "cal-foundation-share"),
			rule("v4-root-stake-90d", "cal-root-stake-90d"),
			rule("v4-root-stake-365d", "cal-root-stake-365d"),
			ruleSubset("v4-capture-cohorts-7d", "cal-capture-cohorts"),
			rule("v4-paid-holders-7d-year-confirm", "cal-paid-holders-7d-year-confirm"),
			rule("v4-screening-104d", "cal-screening-104d"), rule("v4-screening-104d-cohorts", "cal-screening-104d-cohorts"),
			rule("v4-screening", "cal-screening"), rule("v4-screening-sobol", "cal-screening-sobol")},
	}
	for _, file := range files {
		name := filepath.Base(file)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		rs, ok := runs[name]
		if !ok {
			t.Errorf("notebooks/sql/%s has no check in TestStudySQL", name)
			continue
		}
		for _, r := range rs {
			text := strings.ReplaceAll(string(data), "STUDY_DIR", filepath.ToSlash(studyDir))
			label := name
			for _, k := range slices.Sorted(maps.Keys(r.parts)) {
				text = strings.ReplaceAll(text, k, r.parts[k])
				label += "/" + r.parts[k]
			}
			rows := f.query(t, text)
			t.Run(label, func(t *testing.T) { r.check(t, rows) })
		}
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

// sensitivityKey names a row of sensitivity.parquet within one design.
type sensitivityKey struct{ output, param string }

// readSensitivity returns part's sensitivity.parquet rows of design, by output and
// parameter.
func readSensitivity(t *testing.T, part, design string) map[sensitivityKey]record.SensitivityRow {
	t.Helper()
	all, err := record.ReadSensitivity(filepath.Join(studyDir, part, "sensitivity.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[sensitivityKey]record.SensitivityRow{}
	for _, r := range all {
		if r.Design == design {
			m[sensitivityKey{r.Output, r.Param}] = r
		}
	}
	return m
}

func checkStudySensitivity(t *testing.T, rows [][]any, part, design string) {
	want := readSensitivity(t, part, design)
	if len(rows) != len(want) || len(rows) == 0 {
		t.Fatalf("%d rows, sensitivity.parquet has %d %s rows", len(rows), len(want), design)
	}
	for _, r := range rows {
		w, ok := want[sensitivityKey{r[0].(string), r[2].(string)}]
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

// checkStudyMorrisCompare checks study_morris_compare.sql's join of two parts' Morris
// rankings: one row per (output, parameter) screened in either, each side's rank and μ*
// with its interval as its sensitivity.parquet has them, NULL where that part did not
// screen the parameter.
func checkStudyMorrisCompare(t *testing.T, rows [][]any, a, b string) {
	wa, wb := readSensitivity(t, a, "morris"), readSensitivity(t, b, "morris")
	keys := map[sensitivityKey]bool{}
	for k := range wa {
		keys[k] = true
	}
	for k := range wb {
		keys[k] = true
	}
	if len(rows) != len(keys) || len(rows) == 0 {
		t.Fatalf("%d rows, the two parts screen %d (output, parameter) pairs", len(rows), len(keys))
	}
	side := func(k sensitivityKey, w map[sensitivityKey]record.SensitivityRow, cells []any, name string) {
		r, ok := w[k]
		if !ok {
			for _, c := range cells {
				if c != nil {
					t.Errorf("%s/%s: %s has no such row, the query gives %v", k.output, k.param, name, cells)
					return
				}
			}
			return
		}
		if toInt(cells[0]) != int64(r.Rank) || !same(toFloat(cells[1]), r.MuStar) ||
			!same(toFloat(cells[2]), r.MuStarLo) || !same(toFloat(cells[3]), r.MuStarHi) {
			t.Errorf("%s/%s: %s rank %v μ* %v [%v, %v], file %d %v [%v, %v]", k.output, k.param, name,
				cells[0], cells[1], cells[2], cells[3], r.Rank, r.MuStar, r.MuStarLo, r.MuStarHi)
		}
	}
	for _, r := range rows {
		k := sensitivityKey{r[0].(string), r[1].(string)}
		if !keys[k] {
			t.Errorf("row %v: neither part screens it", r)
			continue
		}
		delete(keys, k) // a second row for the same pair fails the count above or here
		side(k, wa, r[2:6], a)
		side(k, wb, r[6:10], b)
	}
}

// checkStudyFoundationShare: the Foundation-share query against the part's summary and
// comparisons read in Go: every cell once, ordered by age and share, with its
// capture columns, and from the second share of an age on the paired comparison with the
// next smaller share at that age, signed this share − that one.
func checkStudyFoundationShare(t *testing.T, rows [][]any, dir string) {
	part := readPart(t, dir)
	const shareAxis = "agents.root_validators.intervene_share"
	cells := make([]stepCell, 0, len(part.sum))
	for _, c := range part.sum {
		ax := cellAxes(c.Axes)
		age, err1 := strconv.ParseFloat(ax["chain.age_days"], 64)
		share, err2 := strconv.ParseFloat(ax[shareAxis], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("cell %d: axes %q", c.Cell, c.Axes)
		}
		cells = append(cells, stepCell{c, ax["chain.age_days"], []any{age, share}})
	}
	slices.SortFunc(cells, func(a, b stepCell) int {
		if c := cmp.Compare(a.key[0].(float64), b.key[0].(float64)); c != 0 {
			return c
		}
		return cmp.Compare(a.key[1].(float64), b.key[1].(float64))
	})
	checkStepRows(t, rows, part, shareAxis, cells)
}

// stepCell is a cell of a query that compares each cell with the next smaller value of
// one axis within a group of cells (the same other axes): the cell's summary row, its
// group, and the query's first two columns as the row should hold them (the group's
// value, then the axis value).
type stepCell struct {
	c     record.SummaryRow
	group string
	key   []any
}

// checkStepRows checks the rows of such a query, in the order of cells: each row's key
// columns, the cell's capture columns (r[2:9]), and from the second cell of a group on
// the paired comparison on axis with the group's previous cell (r[9:]), signed this cell
// minus that one; the first cell of a group has none.
func checkStepRows(t *testing.T, rows [][]any, part studyPart, axis string, cells []stepCell) {
	t.Helper()
	if len(rows) != len(cells) {
		t.Fatalf("%d rows, the part has %d cells", len(rows), len(cells))
	}
	for i, w := range cells {
		r := rows[i]
		k := fmt.Sprintf("%v", w.key)
		if !keyMatches(r[:len(w.key)], w.key) {
			t.Errorf("row %d: %v, want %s", i, r[:len(w.key)], k)
			continue
		}
		checkCaptureColumns(t, k, r[2:9], w.c)
		if i == 0 || cells[i-1].group != w.group {
			if r[9] != nil {
				t.Errorf("%s: the group's first cell has a comparison %v", k, r[9:])
			}
			continue
		}
		prev := cells[i-1].c.Cell
		m := part.comparison(axis, w.c.Cell, prev)
		if m == nil {
			t.Fatalf("%s: no comparison with cell %d in comparisons.parquet", k, prev)
		}
		checkComparisonColumns(t, k, r[9:], m)
	}
}

// keyMatches reports whether the query's columns r hold want: strings equal, numbers
// equal as float64.
func keyMatches(r, want []any) bool {
	for i, w := range want {
		switch w := w.(type) {
		case string:
			if s, ok := r[i].(string); !ok || s != w {
				return false
			}
		default:
			if toFloat(r[i]) != toFloat(w) {
				return false
			}
		}
	}
	return true
}

// checkStudyDesignFactor checks study_design_factor.sql against the part's summary and
// comparisons read in Go: one row per cell in cell order with its mechanism and the
// factor's level, the cell's capture columns (r[2:9]), the paired comparison with today's
// rule at the same level, signed this mechanism minus today's rule (r[9:16], none on
// today's rule's rows), and the comparison with the previous level (as text) under the
// same mechanism, signed this level minus that one (r[16:23], none on the first level).
func checkStudyDesignFactor(t *testing.T, rows [][]any, dir, axis string) {
	part := readPart(t, dir)
	const head = "price_burn_2026_06"
	type key struct{ mechanism, level string }
	at := map[key]int32{}
	keys := make([]key, len(part.sum))
	for i, c := range part.sum {
		ax := cellAxes(c.Axes)
		k := key{ax["mechanism.preset"], ax[axis]}
		if k.mechanism == "" || k.level == "" {
			t.Fatalf("cell %d: no mechanism or %s in %q", c.Cell, axis, c.Axes)
		}
		keys[i] = k
		at[k] = c.Cell
	}
	find := func(a, b int32, ax string) *record.ComparisonRow {
		m := part.comparison(ax, a, b)
		if m == nil {
			t.Fatalf("no comparison of cells %d and %d on %s in comparisons.parquet", a, b, ax)
		}
		return m
	}
	if len(rows) != len(part.sum) {
		t.Fatalf("%d rows, the part has %d cells", len(rows), len(part.sum))
	}
	for i, c := range part.sum {
		r, k := rows[i], keys[i]
		label := fmt.Sprintf("%s/%s", k.mechanism, k.level)
		if !keyMatches(r[:2], []any{k.mechanism, k.level}) {
			t.Errorf("row %d: %v, want %s", i, r[:2], label)
			continue
		}
		checkCaptureColumns(t, label, r[2:9], c)
		if k.mechanism == head {
			if r[9] != nil {
				t.Errorf("%s: today's rule's row has a comparison with itself %v", label, r[9:16])
			}
		} else {
			h, ok := at[key{head, k.level}]
			if !ok {
				t.Fatalf("%s: no cell of today's rule at this level", label)
			}
			checkComparisonColumns(t, label, r[9:16], find(c.Cell, h, "mechanism.preset"))
		}
		prev := ""
		for _, o := range keys {
			if o.mechanism == k.mechanism && o.level < k.level && o.level > prev {
				prev = o.level
			}
		}
		if prev == "" {
			if r[16] != nil {
				t.Errorf("%s: the first level has a comparison %v", label, r[16:])
			}
			continue
		}
		checkComparisonColumns(t, label, r[16:23], find(c.Cell, at[key{k.mechanism, prev}], axis))
	}
}

// checkStudyRootStakeClip checks study_root_stake_clip.sql against the part's summary and
// comparisons read in Go: one row per cell in the order of its other axes (its axes
// without chain.root_stake) and root's stake, the cell's capture columns, and from the
// second stake of a group on the paired comparison with the next smaller stake, signed
// as this stake minus that one.
func checkStudyRootStakeClip(t *testing.T, rows [][]any, dir string) {
	part := readPart(t, dir)
	const stakeAxis = "chain.root_stake"
	cells := make([]stepCell, 0, len(part.sum))
	for _, c := range part.sum {
		var others []string
		stake := math.NaN()
		for _, kv := range strings.Split(c.Axes, ";") {
			k, v, _ := strings.Cut(kv, "=")
			if k != stakeAxis {
				others = append(others, kv)
				continue
			}
			var err error
			if stake, err = strconv.ParseFloat(v, 64); err != nil {
				t.Fatalf("cell %d: axes %q", c.Cell, c.Axes)
			}
		}
		if math.IsNaN(stake) {
			t.Fatalf("cell %d: no %s axis in %q", c.Cell, stakeAxis, c.Axes)
		}
		group := strings.Join(others, ";")
		cells = append(cells, stepCell{c, group, []any{group, stake}})
	}
	slices.SortFunc(cells, func(a, b stepCell) int {
		if a.group != b.group {
			return strings.Compare(a.group, b.group)
		}
		return cmp.Compare(a.key[1].(float64), b.key[1].(float64))
	})
	checkStepRows(t, rows, part, stakeAxis, cells)
}

// checkStudyDividendFallback: the dividend-fallback query against the part's summary and
// comparisons read in Go: one row per setting of the other axes, in the order of its
// "stake" cell, with both rules' capture columns and the paired comparison signed
// stake − none.
func checkStudyDividendFallback(t *testing.T, rows [][]any, dir string) {
	part := readPart(t, dir)
	const axis = "mechanism.dividend_fallback"
	others := func(c record.SummaryRow) string { return axesWithout(c.Axes, axis) }
	type pair struct{ stake, none record.SummaryRow }
	var pairs []pair
	for _, s := range part.sum {
		if cellAxes(s.Axes)[axis] != "stake" {
			continue
		}
		for _, n := range part.sum {
			if cellAxes(n.Axes)[axis] == "none" && others(n) == others(s) {
				pairs = append(pairs, pair{s, n})
			}
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int { return cmp.Compare(a.stake.Cell, b.stake.Cell) })
	if len(pairs) == 0 || len(rows) != len(pairs) {
		t.Fatalf("%d rows, the part has %d pairs of cells differing in %s only", len(rows), len(pairs), axis)
	}
	for i, p := range pairs {
		r, k := rows[i], others(p.stake)
		if r[0] != k {
			t.Errorf("row %d: other axes %v, want %q", i, r[0], k)
			continue
		}
		checkCaptureColumns(t, k+" (stake)", r[1:8], p.stake)
		checkCaptureColumns(t, k+" (none)", r[8:15], p.none)
		m := part.comparison(axis, p.stake.Cell, p.none.Cell)
		if m == nil {
			t.Fatalf("%s: no comparison of cells %d and %d in comparisons.parquet", k, p.stake.Cell, p.none.Cell)
		}
		checkComparisonColumns(t, k, r[15:], m)
	}
}

// checkStudyDividendRule: the query against both parts' summaries read in Go: one row per
// cell of the new part, in cell order, with the old part's cell of the same axes and the
// capture rates' difference new − old. Unless subset, the two parts have the same cells
// under the same indices.
func checkStudyDividendRule(t *testing.T, rows [][]any, newPart, oldPart string, subset bool) {
	nw, old := readPart(t, newPart).sum, readPart(t, oldPart).sum
	oldByAxes := map[string]record.SummaryRow{}
	for _, o := range old {
		oldByAxes[o.Axes] = o
	}
	if len(nw) == 0 || len(rows) != len(nw) || (!subset && len(old) != len(nw)) {
		t.Fatalf("%d rows; %s has %d cells, %s %d", len(rows), newPart, len(nw), oldPart, len(old))
	}
	for i, n := range nw {
		o, ok := oldByAxes[n.Axes]
		r := rows[i]
		if !ok || toInt(r[0]) != int64(n.Cell) || r[1] != n.Axes || (!subset && o.Cell != n.Cell) {
			t.Errorf("row %d: cell %v (%v); new cell %d (%s), in %s: %v (cell %d)", i, r[0], r[1], n.Cell, n.Axes, oldPart, ok, o.Cell)
			continue
		}
		checkCaptureColumns(t, n.Axes+" (old)", r[2:9], o)
		checkCaptureColumns(t, n.Axes+" (new)", r[9:16], n)
		want := float64(n.Captured)/float64(n.Eligible) - float64(o.Captured)/float64(o.Eligible)
		if !same(toFloat(r[16]), want) && math.Abs(toFloat(r[16])-want) > 1e-12 {
			t.Errorf("%s: rate difference %v, want %v", n.Axes, r[16], want)
		}
	}
}

// headPreset is the arm every design is compared with in the designs parts.
const headPreset = "mechanism.preset=price_burn_2026_06"

// fromHead returns x for the pair (arm a, arm b) as mechanism − head: diff itself where
// the head is arm b, −diff where it is arm a; ok is false if the pair is not mech against
// the head.
func fromHead(mech, a, b string, diff float64) (float64, bool) {
	switch {
	case a == "mechanism.preset="+mech && b == headPreset:
		return diff, true
	case a == headPreset && b == "mechanism.preset="+mech:
		return -diff, true
	}
	return 0, false
}

// effectFromHead is the paired difference mechanism − head of outcome in eff.
func effectFromHead(eff []record.EffectRow, mech, outcome string) (float64, bool) {
	for _, e := range eff {
		if e.Outcome == outcome {
			if d, ok := fromHead(mech, e.ArmA, e.ArmB, e.Diff); ok {
				return d, true
			}
		}
	}
	return 0, false
}

// checkFromHead compares a query column with the difference found in the files (none
// for the head itself, where the column must be NULL).
func checkFromHead(t *testing.T, mech, what string, got any, want float64, ok bool) {
	t.Helper()
	if !ok {
		if got != nil {
			t.Errorf("%s: %s %v, the files have none", mech, what, got)
		}
		return
	}
	if g := toFloat(got); math.Abs(g-want) > 1e-12 {
		t.Errorf("%s: %s %v, the files %v", mech, what, g, want)
	}
}

// studyPart is one part's committed summaries under docs/study.
type studyPart struct {
	sum []record.SummaryRow
	cmp []record.ComparisonRow
	eff []record.EffectRow
}

// readPart reads a part's summary.parquet, comparisons.parquet and effects.parquet.
func readPart(t *testing.T, part string) studyPart {
	t.Helper()
	dir := filepath.Join(studyDir, part)
	var p studyPart
	var err error
	if p.sum, err = record.ReadSummary(filepath.Join(dir, "summary.parquet")); err != nil {
		t.Fatal(err)
	}
	if p.cmp, err = record.ReadComparisons(filepath.Join(dir, "comparisons.parquet")); err != nil {
		t.Fatal(err)
	}
	if p.eff, err = record.ReadEffects(filepath.Join(dir, "effects.parquet")); err != nil {
		t.Fatal(err)
	}
	return p
}

// checkStudyDesigns: the designs query against summary.parquet and effects.parquet of
// docs/study/designs-90d read in Go: one row per mechanism in cell order with the cell's
// capture counts, and the paired peak-share and misallocation differences from the head
// preset with the sign as mechanism − head (none for the head itself).
func checkStudyDesigns(t *testing.T, rows [][]any) {
	p := readPart(t, "designs-90d")
	sum, eff := p.sum, p.eff
	if len(rows) != len(sum) || len(rows) < 10 {
		t.Fatalf("%d rows, summary.parquet has %d cells (want at least 10 mechanisms)", len(rows), len(sum))
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
			want, ok := effectFromHead(eff, mech, o.outcome)
			checkFromHead(t, mech, o.outcome+" difference", r[o.col], want, ok)
		}
	}
}

// checkStudyDesignTradeoff: a trade-off query against a designs part (takeover) and a
// control arm (control), folders under docs/study, read in Go: per mechanism in the designs part's cell order, its capture counts, the
// capture difference from the head (comparisons.parquet), and the misallocation
// differences with and without the takeover (each part's effects.parquet), with the
// control arm's mean misallocation under the mechanism.
func checkStudyDesignTradeoff(t *testing.T, rows [][]any, takeover, control string) {
	p := readPart(t, takeover)
	sum, eff, cmp := p.sum, p.eff, p.cmp
	ctl := readPart(t, control).eff
	if len(rows) != len(sum) || len(rows) < 10 {
		t.Fatalf("%d rows, summary.parquet has %d cells (want at least 10 mechanisms)", len(rows), len(sum))
	}
	for i, r := range rows {
		t.Logf("%v", r) // the trade-off table of docs/results.md, with -v
		mech, c := r[0].(string), sum[i]
		if c.Axes != "mechanism.preset="+mech || toInt(r[1]) != int64(c.Captured) || toInt(r[2]) != int64(c.Eligible) {
			t.Errorf("row %d: %v %v/%v; summary cell %d %q %d/%d", i, mech, r[1], r[2], c.Cell, c.Axes, c.Captured, c.Eligible)
		}
		var capDiff float64
		capOK := false
		for _, x := range cmp {
			if d, ok := fromHead(mech, x.ArmA, x.ArmB, x.Diff); ok && x.Axis == "mechanism.preset" {
				capDiff, capOK = d, true
			}
		}
		checkFromHead(t, mech, "capture difference", r[3], capDiff, capOK)
		d, ok := effectFromHead(eff, mech, "misallocation")
		checkFromHead(t, mech, "misallocation difference with the takeover", r[7], d, ok)
		d, ok = effectFromHead(ctl, mech, "misallocation")
		checkFromHead(t, mech, "misallocation difference in the control arm", r[11], d, ok)
		if ok && !(toFloat(r[10]) >= 0 && toFloat(r[10]) <= 1) {
			t.Errorf("%s: control arm misallocation %v, want a value in [0, 1]", mech, r[10])
		}
		for _, e := range ctl {
			if e.Outcome == "misallocation" && e.ArmB == headPreset && math.Abs(toFloat(r[14])-e.MeanB) > 1e-12 {
				t.Errorf("%s: head's control misallocation %v, effects.parquet %v (pair %s)", mech, r[14], e.MeanB, e.ArmA)
			}
		}
	}
}

// checkStudyDesignHorizon: the stop-or-delay query against the two parts' files read in
// Go: one row per cell of the year part, in cell order, with the short part's counts for
// the same mechanism, the year part's counts, Kaplan–Meier median and paired capture
// comparison with the head (mechanism − head; none for the head itself), and the later
// captures as the difference of the counts, never negative (the year part's runs are the
// short part's within 104 days).
func checkStudyDesignHorizon(t *testing.T, rows [][]any, short, year string) {
	y := readPart(t, year)
	byMech := map[string]record.SummaryRow{}
	for _, c := range readPart(t, short).sum {
		byMech[c.Axes] = c
	}
	if len(rows) != len(y.sum) || len(rows) < 4 {
		t.Fatalf("%d rows, %s/summary.parquet has %d cells (want at least 4 mechanisms)", len(rows), year, len(y.sum))
	}
	for i, r := range rows {
		t.Logf("%v", r) // the over-a-year tables of docs/results.md, with -v
		mech, c := r[0].(string), y.sum[i]
		s, ok := byMech[c.Axes]
		if !ok {
			t.Fatalf("%s: cell %d %q of %s is not in %s", mech, c.Cell, c.Axes, year, short)
		}
		if c.Axes != "mechanism.preset="+mech || toInt(r[1]) != int64(s.Captured) || toInt(r[2]) != int64(s.Eligible) ||
			toInt(r[3]) != int64(c.Captured) || toInt(r[4]) != int64(c.Eligible) {
			t.Errorf("row %d: %v %v/%v, %v/%v; the summaries: %q %d/%d, %d/%d", i, mech, r[1], r[2], r[3], r[4],
				c.Axes, s.Captured, s.Eligible, c.Captured, c.Eligible)
		}
		if later := toInt(r[5]); later != int64(c.Captured-s.Captured) || later < 0 || s.Eligible != c.Eligible {
			t.Errorf("%s: %d captured later (%d/%d within 104 days, %d/%d over the year): want the same eligible runs and no fewer captures",
				mech, later, s.Captured, s.Eligible, c.Captured, c.Eligible)
		}
		median := math.NaN()
		if r[6] != nil {
			median = toFloat(r[6])
		}
		if !same(median, c.MedianCaptureDay) {
			t.Errorf("%s: median capture day %v, summary %v", mech, median, c.MedianCaptureDay)
		}
		var want record.ComparisonRow
		found := false
		for _, x := range y.cmp {
			if _, ok := fromHead(mech, x.ArmA, x.ArmB, x.Diff); ok && x.Axis == "mechanism.preset" {
				want, found = x, true
			}
		}
		d, _ := fromHead(mech, want.ArmA, want.ArmB, want.Diff)
		checkFromHead(t, mech, "capture difference over the year", r[7], d, found)
		checkFromHead(t, mech, "Holm-adjusted p", r[13], want.McNemarPHolm, found)
		if found {
			own, head := want.N10, want.N01 // mechanism is arm A
			if want.ArmA == headPreset {
				own, head = want.N01, want.N10
			}
			if toInt(r[10]) != int64(own) || toInt(r[11]) != int64(head) {
				t.Errorf("%s: discordant %v/%v, comparisons.parquet %d/%d", mech, r[10], r[11], own, head)
			}
		}
	}
}

// capturePart is a capture part of the study: its folder under docs/study, the preset it
// runs and the speculators' capital minimum.
type capturePart struct {
	dir, preset string
	capital     int64
}

// captureParts lists the capture parts committed under docs/study (capture-head*,
// capture-launch*; not the robustness parts capture-agents and capture-year): the launch
// preset in the parts named capture-launch*, the head preset in the others; capital 300 in
// the parts named *-300, 100 in the others. At least the two capital-100 parts.
func captureParts(t *testing.T) []capturePart {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(studyDir, "capture-[hl]*", "summary.parquet"))
	if err != nil || len(dirs) < 2 {
		t.Fatalf("capture parts under %s: %v, %v", studyDir, dirs, err)
	}
	var parts []capturePart
	for _, d := range dirs {
		p := capturePart{dir: filepath.Base(filepath.Dir(d)), preset: "price_burn_2026_06", capital: 100}
		if strings.HasPrefix(p.dir, "capture-launch") {
			p.preset = "launch_2025_02"
		}
		if strings.HasSuffix(p.dir, "-300") {
			p.capital = 300
		}
		parts = append(parts, p)
	}
	return parts
}

// checkStudyCapture: the capture query against the two capture parts' summary.parquet
// read in Go: every cell once, with its counts, interval and stopping reason.
func checkStudyCapture(t *testing.T, rows [][]any) {
	want := map[string]record.SummaryRow{}
	for _, p := range captureParts(t) {
		for _, c := range readPart(t, p.dir).sum {
			want[fmt.Sprintf("%s;%d;%s", p.preset, p.capital, c.Axes)] = c
		}
	}
	if len(rows) != len(want) || len(rows) == 0 {
		t.Fatalf("%d rows, the summaries have %d cells", len(rows), len(want))
	}
	for _, r := range rows {
		t.Logf("%v", r) // the capture table of docs/results.md, with -v
		key := fmt.Sprintf("%s;%d;chain.age_days=%d;agents.root_validators.policy=%s", r[0], toInt(r[1]), toInt(r[2]), r[3])
		c, ok := want[key]
		if !ok {
			t.Errorf("row %v: no such cell in the summaries", r[:4])
			continue
		}
		if toInt(r[4]) != int64(c.Runs) || r[5].(string) != c.StopReason || toInt(r[6]) != int64(c.Captured) || toInt(r[7]) != int64(c.Eligible) ||
			toFloat(r[8]) != c.CaptureLo || toFloat(r[9]) != c.CaptureHi || toInt(r[14]) != int64(c.Halved24h) || toInt(r[15]) != int64(c.Decided) {
			t.Errorf("%s: %v; summary runs %d (%s), %d/%d [%v, %v], halved %d/%d", key, r, c.Runs, c.StopReason, c.Captured, c.Eligible,
				c.CaptureLo, c.CaptureHi, c.Halved24h, c.Decided)
		}
	}
}

// checkStudyIntervention: the intervention query against the capture parts'
// comparisons.parquet and effects.parquet read in Go: per preset and age, passive −
// intervene as the files have it.
func checkStudyIntervention(t *testing.T, rows [][]any) {
	const passive, intervene = "agents.root_validators.policy=passive", "agents.root_validators.policy=intervene"
	n := 0
	for _, p := range captureParts(t) {
		files := readPart(t, p.dir)
		for _, c := range files.cmp {
			if c.ArmA != passive || c.ArmB != intervene {
				continue
			}
			n++
			var row []any
			for _, r := range rows {
				if r[0] == p.preset && toInt(r[1]) == p.capital && "chain.age_days="+strconv.FormatInt(toInt(r[2]), 10) == c.Context {
					row = r
				}
			}
			if row == nil {
				t.Errorf("%s %s: not in the query's answer", p.preset, c.Context)
				continue
			}
			t.Logf("%v", row) // the intervention table of docs/results.md, with -v
			if toInt(row[3]) != int64(c.Pairs) || toInt(row[4]) != int64(c.N10) || toInt(row[5]) != int64(c.N01) || !same(toFloat(row[6]), c.Diff) {
				t.Errorf("%s %d %s: capture %v; comparisons.parquet pairs %d, %d/%d, %v", p.preset, p.capital, c.Context, row[3:7], c.Pairs, c.N10, c.N01, c.Diff)
			}
			for _, e := range files.eff {
				if e.ArmA != passive || e.ArmB != intervene || e.Context != c.Context {
					continue
				}
				col := map[string]int{"meme_share_after": 11, "price_change_24h": 14, "halved_24h": 17}[e.Outcome]
				if col > 0 && !same(toFloat(row[col]), e.Diff) {
					t.Errorf("%s %d %s: %s %v, effects.parquet %v", p.preset, p.capital, c.Context, e.Outcome, row[col], e.Diff)
				}
			}
		}
	}
	if len(rows) != n || n == 0 {
		t.Errorf("%d rows, the files have %d passive-intervene comparisons", len(rows), n)
	}
}

// same is float equality with NaN equal to NaN (a NULL read as NaN).
func same(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }

// todayParts are the capture parts rerun under today's defaults, with what their files
// fix rather than vary (study_capture_today.sql's VALUES): the chain's age (0: an axis),
// root's policy ("": an axis) and whose alpha the meme pays.
var todayParts = []struct {
	dir    string
	age    int64
	policy string
	paid   string
}{
	{"cal-capture-from-launch", 7, "", "agents"},
	{"cal-capture-burnin-90", 90, "", "agents"},
	{"cal-capture-burnin-105", 365, "", "agents"},
	{"cal-capture-control", 0, "passive", "agents"},
	{"cal-capture-burnin-300", 0, "intervene", "agents"},
	{"cal-capture-300-7d", 7, "", "agents"},
	{"cal-capture-300-passive", 0, "passive", "agents"},
	{"cal-capture-control-300", 0, "passive", "agents"},
	{"cal-capture-cohorts", 0, "", "cohorts"},
}

// checkStudyCaptureToday: the query against the nine parts' summary.parquet read in Go:
// every cell once, under its part, preset, age and policy, with its counts, interval,
// stopping reason and Kaplan–Meier median.
func checkStudyCaptureToday(t *testing.T, rows [][]any) {
	want := map[string]record.SummaryRow{}
	for _, p := range todayParts {
		for _, c := range readPart(t, p.dir).sum {
			ax := cellAxes(c.Axes)
			age, policy := strconv.FormatInt(p.age, 10), p.policy
			if v, ok := ax["chain.age_days"]; ok {
				age = v
			}
			if v, ok := ax["agents.root_validators.policy"]; ok {
				policy = v
			}
			if v, ok := ax["subnets.meme.paid_holders"]; ok && v != p.paid {
				t.Fatalf("%s: a cell pays %q, the query says %q", p.dir, v, p.paid)
			}
			want[fmt.Sprintf("%s;%s;%s;%s;%s", p.dir, ax["mechanism.preset"], age, policy, p.paid)] = c
		}
	}
	if len(rows) != len(want) || len(rows) == 0 {
		t.Fatalf("%d rows, the summaries have %d cells", len(rows), len(want))
	}
	for _, r := range rows {
		t.Logf("%v", r) // the capture rows of docs/results.md "Results under today's defaults", with -v
		key := fmt.Sprintf("%s;%s;%d;%s;%s", r[0], r[1], toInt(r[2]), r[5], r[6])
		c, ok := want[key]
		if !ok {
			t.Errorf("row %v: no such cell in the summaries", r[:7])
			continue
		}
		delete(want, key)
		if toInt(r[7]) != int64(c.Runs) || r[8].(string) != c.StopReason || toInt(r[9]) != int64(c.Captured) || toInt(r[10]) != int64(c.Eligible) ||
			toFloat(r[11]) != c.CaptureLo || toFloat(r[12]) != c.CaptureHi || !same(toFloat(r[13]), c.MedianCaptureDay) ||
			toInt(r[15]) != int64(c.Halved24h) || toInt(r[16]) != int64(c.Decided) {
			t.Errorf("%s: %v; summary runs %d (%s), %d/%d [%v, %v], KM median %v, halved %d/%d", key, r, c.Runs, c.StopReason,
				c.Captured, c.Eligible, c.CaptureLo, c.CaptureHi, c.MedianCaptureDay, c.Halved24h, c.Decided)
		}
	}
	if len(want) > 0 {
		t.Errorf("cells not in the query's answer: %v", want)
	}
}

// burnInParts are the burn-in parts and probes with what their files fix rather than vary
// (study_burnin.sql's VALUES; −1 or "": an axis): the chain's age at the nominal start,
// the takeover's nominal day, burn_in_days, quit_drawdown, the speculators' count,
// arrival base rate, process and recruit, the meme's start rank, the arbitrageurs'
// count and the rule.
var burnInParts = []struct {
	dir                   string
	age, takeover, burnIn int64
	quit                  float64
	count                 int64
	rate                  float64
	process               string
	recruit               float64
	rank, arbs            int64
	preset                string // "": an axis
}{
	{"cal-burnin-dose", 90, 1, -1, -1, 400, 1.0 / 60, "poisson", 1, 20, 5, ""},
	{"cal-burnin-dose-head", 90, 1, -1, 0.5, 400, 1.0 / 60, "poisson", 1, 20, 5, ""},
	{"cal-burnin-year", 365, 1, -1, 0.5, 400, 1.0 / 60, "poisson", 1, 20, 5, ""},
	{"cal-burnin-open", 90, 1, 90, 0.5, -1, -1, "poisson", 1, 20, 5, ""},
	{"cal-burnin-rank", 90, 1, 90, 0.5, 400, 1.0 / 60, "poisson", 1, -1, 5, ""},
	{"cal-burnin-fresh", 90, 1, -1, 0.5, 400, 1.0 / 60, "", 1, 20, 5, ""},
	{"cal-burnin-fresh-30", 60, 31, 60, 0.5, 400, 1.0 / 60, "", 1, 20, 5, ""},
	{"cal-burnin-arb", 90, 1, -1, 0.5, 400, 1.0 / 60, "poisson", 1, 20, -1, ""},
	{"cal-burnin-steady", 90, 1, 90, 0.5, 1200, -1, "poisson", -1, 20, 5, ""},
	{"cal-burnin-fresh-year", 365, 1, 365, 0.5, 400, 1.0 / 60, "", 1, 20, 5, ""},
	{"cal-burnin-fresh-year-arb", 365, 1, 365, 0.5, 400, 1.0 / 60, "lump", 1, 20, -1, "price_burn_2026_06"},
}

// checkStudyBurnIn: the burn-in query against the seven parts' summary.parquet read in
// Go, cell by cell, with the days simulated before the takeover and whether the run
// starts from the launch state worked out here from the axes and the files' values.
func checkStudyBurnIn(t *testing.T, rows [][]any) {
	key := func(part, preset string, before int64, quit float64, count int64, rate float64, process string, recruit float64, rank, arbs int64) string {
		return fmt.Sprintf("%s;%s;%d;%g;%d;%.6f;%s;%g;%d;%d", part, preset, before, quit, count, rate, process, recruit, rank, arbs)
	}
	type cell struct {
		c      record.SummaryRow
		launch bool
	}
	want := map[string]cell{}
	for _, p := range burnInParts {
		for _, c := range readPart(t, p.dir).sum {
			ax := cellAxes(c.Axes)
			num := func(k string, fixed float64) float64 {
				if v, ok := ax[k]; ok {
					x, err := strconv.ParseFloat(v, 64)
					if err != nil {
						t.Fatalf("%s: axis %s=%q: %v", p.dir, k, v, err)
					}
					return x
				}
				return fixed
			}
			burn := int64(num("burn_in_days", float64(p.burnIn)))
			process := p.process
			if v, ok := ax["agents.speculators.arrival.process"]; ok {
				process = v
			}
			preset := p.preset
			if v, ok := ax["mechanism.preset"]; ok {
				preset = v
			}
			k := key(p.dir, preset, min(burn, p.age)+p.takeover-1, num("agents.speculators.quit_drawdown", p.quit),
				int64(num("agents.speculators.count", float64(p.count))), num("agents.speculators.arrival.base_rate", p.rate),
				process, num("agents.speculators.arrival.recruit", p.recruit), int64(num("subnets.meme.start_rank", float64(p.rank))),
				int64(num("agents.arbitrageurs.count", float64(p.arbs))))
			want[k] = cell{c, burn >= p.age}
		}
	}
	if len(rows) != len(want) || len(rows) == 0 {
		t.Fatalf("%d rows, the summaries have %d cells", len(rows), len(want))
	}
	for _, r := range rows {
		t.Logf("%v", r) // the capture rows of docs/results.md's burn-in tables, with -v
		k := key(r[0].(string), r[1].(string), toInt(r[3]), toFloat(r[5]), toInt(r[6]), toFloat(r[7]), r[8].(string), toFloat(r[9]), toInt(r[10]), toInt(r[11]))
		w, ok := want[k]
		if !ok {
			t.Errorf("row %v: no such cell in the summaries", r[:12])
			continue
		}
		delete(want, k)
		c := w.c
		if r[4].(bool) != w.launch || toInt(r[12]) != int64(c.Runs) || toInt(r[13]) != int64(c.Captured) || toInt(r[14]) != int64(c.Eligible) ||
			toFloat(r[15]) != c.CaptureLo || toFloat(r[16]) != c.CaptureHi || !same(toFloat(r[17]), c.MedianCaptureDay) {
			t.Errorf("%s: %v; summary from launch %v, runs %d, %d/%d [%v, %v], KM median %v", k, r, w.launch, c.Runs,
				c.Captured, c.Eligible, c.CaptureLo, c.CaptureHi, c.MedianCaptureDay)
		}
	}
	if len(want) > 0 {
		t.Errorf("cells not in the query's answer: %v", slices.Sorted(maps.Keys(want)))
	}
}

// cellAxes splits a summary row's axes string ("path=value;path=value") into a map.
func cellAxes(axes string) map[string]string {
	ax := map[string]string{}
	for _, kv := range strings.Split(axes, ";") {
		k, v, _ := strings.Cut(kv, "=")
		ax[k] = v
	}
	return ax
}

// axesWithout returns a cell's axes ("name=value;…") without axis, in their order.
func axesWithout(axes, axis string) string {
	var kept []string
	for _, kv := range strings.Split(axes, ";") {
		if !strings.HasPrefix(kv, axis+"=") {
			kept = append(kept, kv)
		}
	}
	return strings.Join(kept, ";")
}

// checkCaptureColumns checks a query row's capture columns of cell k (r from the runs
// column on: runs, captured, eligible, the Wilson interval, the Kaplan–Meier median day,
// the median peak share) against the cell's summary row.
func checkCaptureColumns(t *testing.T, k string, r []any, c record.SummaryRow) {
	t.Helper()
	if toInt(r[0]) != int64(c.Runs) || toInt(r[1]) != int64(c.Captured) || toInt(r[2]) != int64(c.Eligible) ||
		toFloat(r[3]) != c.CaptureLo || toFloat(r[4]) != c.CaptureHi || !same(toFloat(r[5]), c.MedianCaptureDay) ||
		!same(toFloat(r[6]), c.PeakShareP50) {
		t.Errorf("%s: %v; summary runs %d, %d/%d [%v, %v], KM median %v, peak p50 %v", k, r, c.Runs,
			c.Captured, c.Eligible, c.CaptureLo, c.CaptureHi, c.MedianCaptureDay, c.PeakShareP50)
	}
}

// checkComparisonColumns checks a query row's paired capture comparison of cell k (r:
// pairs, this arm only, the other only, the difference with its interval, the Holm p)
// against m, signed as the query signs it.
func checkComparisonColumns(t *testing.T, k string, r []any, m *record.ComparisonRow) {
	t.Helper()
	if r[0] == nil || toInt(r[0]) != int64(m.Pairs) || toInt(r[1]) != int64(m.N10) || toInt(r[2]) != int64(m.N01) ||
		toFloat(r[3]) != m.Diff || toFloat(r[4]) != m.DiffLo || toFloat(r[5]) != m.DiffHi || toFloat(r[6]) != m.McNemarPHolm {
		t.Errorf("%s: %v; comparison %+v", k, r, *m)
	}
}

// checkStudyRevenue checks study_revenue.sql against the part's summary, comparisons and
// effects read in Go: one row per buying-back cell (buyback_fraction > 0) in cell order
// with its other axes and its buyback (r[0:2]); the paired effect of this buyback against
// none on the revenue subnet's mean emission share (r[2:8]) and on the misallocation
// (r[8:14]), each as the two arms' means, the difference buyback − none with its interval
// and the Holm p; the meme's capture in both cells (r[14:18]); and the paired capture
// comparison signed buyback − none (r[18:25]).
func checkStudyRevenue(t *testing.T, rows [][]any, dir string) {
	part := readPart(t, dir)
	const axis = "subnets.revenue.buyback_fraction"
	context := func(c record.SummaryRow) string { return axesWithout(c.Axes, axis) }
	var buyback []record.SummaryRow
	none := map[string]record.SummaryRow{}
	for _, c := range part.sum {
		switch b := cellAxes(c.Axes)[axis]; b {
		case "":
			t.Fatalf("cell %d: no %s in %q", c.Cell, axis, c.Axes)
		case "0":
			none[context(c)] = c
		default:
			buyback = append(buyback, c)
		}
	}
	if len(rows) != len(buyback) || len(buyback) == 0 {
		t.Fatalf("%d rows, the part has %d buying-back cells", len(rows), len(buyback))
	}
	effect := func(outcome string, a, b int32) record.EffectRow {
		for _, e := range part.eff {
			switch {
			case e.Axis != axis || e.Outcome != outcome:
			case e.CellA == a && e.CellB == b:
				return e
			case e.CellA == b && e.CellB == a:
				e.MeanA, e.MeanB, e.Diff, e.DiffLo, e.DiffHi = e.MeanB, e.MeanA, -e.Diff, -e.DiffHi, -e.DiffLo
				return e
			}
		}
		t.Fatalf("no %s effect of cells %d and %d in effects.parquet", outcome, a, b)
		return record.EffectRow{}
	}
	for i, c := range buyback {
		r, k := rows[i], context(c)
		b, err := strconv.ParseFloat(cellAxes(c.Axes)[axis], 64)
		if err != nil {
			t.Fatal(err)
		}
		label := fmt.Sprintf("%s/%v", k, b)
		if !keyMatches(r[:2], []any{k, b}) {
			t.Errorf("row %d: %v, want %s", i, r[:2], label)
			continue
		}
		n, ok := none[k]
		if !ok {
			t.Fatalf("%s: no cell without the buyback", label)
		}
		for j, outcome := range []string{"mean_revenue_share", "misallocation"} {
			e, got := effect(outcome, c.Cell, n.Cell), r[2+6*j:8+6*j]
			if toFloat(got[0]) != e.MeanA || toFloat(got[1]) != e.MeanB || toFloat(got[2]) != e.Diff ||
				toFloat(got[3]) != e.DiffLo || toFloat(got[4]) != e.DiffHi || toFloat(got[5]) != e.SignPHolm {
				t.Errorf("%s %s: %v; effect %+v", label, outcome, got, e)
			}
		}
		if toInt(r[14]) != int64(c.Captured) || toInt(r[15]) != int64(c.Eligible) || toInt(r[16]) != int64(n.Captured) || toInt(r[17]) != int64(n.Eligible) {
			t.Errorf("%s: capture %v; summary %d/%d and %d/%d", label, r[14:18], c.Captured, c.Eligible, n.Captured, n.Eligible)
		}
		m := part.comparison(axis, c.Cell, n.Cell)
		if m == nil {
			t.Fatalf("%s: no comparison of cells %d and %d", label, c.Cell, n.Cell)
		}
		checkComparisonColumns(t, label, r[18:25], m)
	}
}

// checkStudyYieldStakers checks study_yield_stakers.sql against the part's summary and
// comparisons read in Go: one row per cell, by the chain's age (7 where the part has no
// age axis), today's rule first, then the yield stakers' number, with the cell's capture
// columns (r[3:10]) and the paired capture comparison signed this − the default's 50
// under the same rule and age (r[10:17]; empty for 50).
func checkStudyYieldStakers(t *testing.T, rows [][]any, dir string) {
	part := readPart(t, dir)
	const axis = "agents.yield_stakers.count"
	type key struct {
		age    int64
		preset string
		n      int64
	}
	cells := map[key]record.SummaryRow{}
	for _, c := range part.sum {
		ax := cellAxes(c.Axes)
		n, err := strconv.ParseInt(ax[axis], 10, 64)
		if err != nil {
			t.Fatalf("cell %d: %s in %q: %v", c.Cell, axis, c.Axes, err)
		}
		age := int64(7)
		if v, ok := ax["chain.age_days"]; ok {
			if age, err = strconv.ParseInt(v, 10, 64); err != nil {
				t.Fatalf("cell %d: chain.age_days in %q: %v", c.Cell, c.Axes, err)
			}
		}
		cells[key{age, ax["mechanism.preset"], n}] = c
	}
	if len(rows) != len(cells) || len(rows) == 0 {
		t.Fatalf("%d rows, the part has %d cells", len(rows), len(cells))
	}
	var prev key
	for i, r := range rows {
		t.Logf("%v", r) // the table of docs/results.md, with -v
		k := key{toInt(r[0]), r[1].(string), toInt(r[2])}
		if i > 0 && (k.age < prev.age || k.age == prev.age && (k.preset > prev.preset || k.preset == prev.preset && k.n <= prev.n)) {
			t.Errorf("row %d: %v after %v, want the ages rising, today's rule first and the numbers rising", i, k, prev)
		}
		prev = k
		c, ok := cells[k]
		if !ok {
			t.Fatalf("row %d: %v: no such cell", i, k)
		}
		if toInt(r[3]) != int64(c.Runs) || toInt(r[4]) != int64(c.Captured) || toInt(r[5]) != int64(c.Eligible) ||
			toFloat(r[6]) != c.CaptureLo || toFloat(r[7]) != c.CaptureHi || !same(toFloat(r[8]), c.MedianCaptureDay) ||
			!same(toFloat(r[9]), c.PeakShareP50) {
			t.Errorf("%v: %v; summary %+v", k, r[3:10], c)
		}
		if k.n == 50 {
			if r[10] != nil {
				t.Errorf("%v: the default compared with itself: %v", k, r[10:])
			}
			continue
		}
		d, ok := cells[key{k.age, k.preset, 50}]
		if !ok {
			t.Fatalf("%d days, %s: no cell with the default 50", k.age, k.preset)
		}
		m := part.comparison(axis, c.Cell, d.Cell)
		if m == nil {
			t.Fatalf("%v: no comparison of cells %d and %d", k, c.Cell, d.Cell)
		}
		checkComparisonColumns(t, fmt.Sprintf("%v", k), r[10:17], m)
	}
}

// checkStudyPairedAxis checks study_paired_axis.sql against the part's summary and
// comparisons read in Go: one row per comparison on axis (a one-axis comparison or a
// contrast), in the order of arm A's cell, with its context (r[0]), each arm's value and
// capture columns (r[1:8], r[8:15]) and the paired comparison (r[15:22]).
func checkStudyPairedAxis(t *testing.T, rows [][]any, dir, axis string) {
	part := readPart(t, dir)
	var want []record.ComparisonRow
	for _, c := range part.cmp {
		if c.Axis == axis {
			want = append(want, c)
		}
	}
	slices.SortFunc(want, func(a, b record.ComparisonRow) int {
		return cmp.Or(cmp.Compare(a.CellA, b.CellA), cmp.Compare(a.CellB, b.CellB))
	})
	if len(rows) != len(want) || len(rows) == 0 {
		t.Fatalf("%d rows, the part has %d comparisons on %s", len(rows), len(want), axis)
	}
	cells := map[int32]record.SummaryRow{}
	for _, c := range part.sum {
		cells[c.Cell] = c
	}
	arm := func(k string, r []any, name string, c record.SummaryRow) {
		t.Helper()
		if r[0].(string) != name || toInt(r[1]) != int64(c.Captured) || toInt(r[2]) != int64(c.Eligible) ||
			toFloat(r[3]) != c.CaptureLo || toFloat(r[4]) != c.CaptureHi || !same(toFloat(r[5]), c.MedianCaptureDay) ||
			!same(toFloat(r[6]), c.PeakShareP50) {
			t.Errorf("%s: arm %v; want %s and cell %+v", k, r, name, c)
		}
	}
	for i, r := range rows {
		t.Logf("%v", r) // the table of docs/results.md, with -v
		m := want[i]
		k := fmt.Sprintf("row %d [%s]", i, m.Context)
		if r[0].(string) != m.Context {
			t.Errorf("%s: context %v", k, r[0])
		}
		arm(k, r[1:8], m.ArmA, cells[m.CellA])
		arm(k, r[8:15], m.ArmB, cells[m.CellB])
		checkComparisonColumns(t, k, r[15:22], &m)
	}
}

// checkStudyInteractions checks study_interactions.sql against the part's
// interactions.parquet and summary.parquet read in Go: one row per interaction and
// context in the order of its cells, with its arms (r[0:5]), the four cells' capture
// counts (r[5:13]) and the interaction's columns (r[13:22]).
func checkStudyInteractions(t *testing.T, rows [][]any, dir string) {
	part := readPart(t, dir)
	want, err := record.ReadInteractions(filepath.Join(studyDir, dir, "interactions.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(want, func(a, b record.InteractionRow) int {
		return cmp.Or(cmp.Compare(a.CellA1, b.CellA1), cmp.Compare(a.CellB1, b.CellB1))
	})
	if len(rows) != len(want) || len(rows) == 0 {
		t.Fatalf("%d rows, the part has %d interactions", len(rows), len(want))
	}
	cells := map[int32]record.SummaryRow{}
	for _, c := range part.sum {
		cells[c.Cell] = c
	}
	for i, r := range rows {
		t.Logf("%v", r) // the table of docs/results.md, with -v
		w := want[i]
		k := fmt.Sprintf("row %d [%s]", i, w.Context)
		if r[0].(string) != w.Context || r[1].(string) != w.ArmA || r[2].(string) != w.ArmB || r[3].(string) != w.By1 || r[4].(string) != w.By2 {
			t.Errorf("%s: arms %v, want %+v", k, r[0:5], w)
		}
		for j, c := range []int32{w.CellA1, w.CellB1, w.CellA2, w.CellB2} {
			if toInt(r[5+2*j]) != int64(cells[c].Captured) || toInt(r[6+2*j]) != int64(cells[c].Eligible) {
				t.Errorf("%s: cell %d capture %v/%v, summary %d/%d", k, c, r[5+2*j], r[6+2*j], cells[c].Captured, cells[c].Eligible)
			}
		}
		got := []float64{toFloat(r[14]), toFloat(r[15]), toFloat(r[16]), toFloat(r[17]), toFloat(r[18]), toFloat(r[21])}
		exp := []float64{w.Effect1, w.Effect2, w.Diff, w.DiffLo, w.DiffHi, w.SignFlipPHolm}
		for j := range got {
			if !same(got[j], exp[j]) {
				t.Errorf("%s: column %d = %v, interactions.parquet %v", k, j, got[j], exp[j])
			}
		}
		if toInt(r[13]) != int64(w.Replicates) || toInt(r[19]) != int64(w.Positive) || toInt(r[20]) != int64(w.Negative) {
			t.Errorf("%s: replicates %v, positive %v, negative %v; want %d, %d, %d", k, r[13], r[19], r[20], w.Replicates, w.Positive, w.Negative)
		}
	}
}

// comparison returns the part's paired capture comparison on axis between cells a and b,
// signed a − b (reversed where comparisons.parquet holds it as b − a), or nil.
func (p studyPart) comparison(axis string, a, b int32) *record.ComparisonRow {
	for _, c := range p.cmp {
		switch {
		case c.Axis != axis:
		case c.CellA == a && c.CellB == b:
			return &c
		case c.CellA == b && c.CellB == a:
			f := reversed(c)
			return &f
		}
	}
	return nil
}

// reversed returns c as B − A: the arms' cells, discordant counts and the difference
// with its interval swapped and negated.
func reversed(c record.ComparisonRow) record.ComparisonRow {
	c.CellA, c.CellB, c.ArmA, c.ArmB = c.CellB, c.CellA, c.ArmB, c.ArmA
	c.N10, c.N01, c.Diff, c.DiffLo, c.DiffHi = c.N01, c.N10, -c.Diff, -c.DiffHi, -c.DiffLo
	return c
}

// paidHolderParts are the paid_holders parts with the chain's age at the takeover (0: an
// axis), the speculators' capital and the root policy ("": an axis) their files fix, as
// study_paid_holders.sql's VALUES.
var paidHolderParts = []struct {
	dir          string
	age, capital int64
	policy       string
}{
	{"cal-paid-holders-7d", 7, 100, ""},
	{"cal-paid-holders-90", 90, 100, "passive"},
	{"cal-paid-holders-year", 365, 100, "passive"},
	{"cal-paid-holders-300", 0, 300, "passive"},
	{"cal-paid-holders-designs-90", 90, 100, "intervene"},
	{"cal-paid-holders-designs-7d", 7, 100, "intervene"},
	{"cal-paid-holders-7d-year-confirm", 7, 100, "intervene"},
}

// checkStudyPaidHolders: the paid_holders query against the six parts' summary and
// comparisons read in Go: every cell once, with its counts, interval, Kaplan–Meier
// median and median peak share, and for the cohorts and all cells the paired comparison
// with the agents cell of the same rule, age and policy, signed as this arm − agents.
func checkStudyPaidHolders(t *testing.T, rows [][]any) {
	type cell struct {
		c   record.SummaryRow
		cmp *record.ComparisonRow // signed this arm − agents; nil for agents
	}
	want := map[string]cell{}
	for _, p := range paidHolderParts {
		part := readPart(t, p.dir)
		vs := map[int32]*record.ComparisonRow{}
		for _, c := range part.cmp {
			if c.Axis != "subnets.meme.paid_holders" {
				continue
			}
			agents := "subnets.meme.paid_holders=agents"
			switch {
			case c.ArmB == agents:
				vs[c.CellA] = &c
			case c.ArmA == agents:
				f := reversed(c)
				vs[c.CellB] = &f
			}
		}
		for _, c := range part.sum {
			ax := cellAxes(c.Axes)
			policy := p.policy
			if v, ok := ax["agents.root_validators.policy"]; ok {
				policy = v
			}
			age := strconv.FormatInt(p.age, 10)
			if v, ok := ax["chain.age_days"]; ok {
				age = v
			}
			paid := ax["subnets.meme.paid_holders"]
			k := fmt.Sprintf("%s;%s;%d;%s;%s;%s", p.dir, age, p.capital, ax["mechanism.preset"], policy, paid)
			want[k] = cell{c, vs[c.Cell]}
			if (paid == "agents") != (vs[c.Cell] == nil) {
				t.Errorf("%s: comparison with agents %v", k, vs[c.Cell])
			}
		}
	}
	if len(rows) != len(want) || len(rows) == 0 {
		t.Fatalf("%d rows, the summaries have %d cells", len(rows), len(want))
	}
	for _, r := range rows {
		t.Logf("%v", r) // the table of docs/results.md, with -v
		k := fmt.Sprintf("%s;%d;%d;%s;%s;%s", r[0], toInt(r[1]), toInt(r[2]), r[3], r[4], r[5])
		w, ok := want[k]
		if !ok {
			t.Errorf("row %v: no such cell in the summaries", r[:6])
			continue
		}
		delete(want, k)
		r := r[6:] // r: the cell's columns from runs on
		checkCaptureColumns(t, k, r, w.c)
		if w.cmp == nil {
			if r[7] != nil || r[10] != nil {
				t.Errorf("%s: the agents cell has a comparison %v", k, r[7:])
			}
			continue
		}
		checkComparisonColumns(t, k, r[7:], w.cmp)
	}
	if len(want) > 0 {
		t.Errorf("cells not in the query's answer: %v", slices.Sorted(maps.Keys(want)))
	}
}

// rootStakeParts are the root-stake parts with the chain's age at the takeover, as
// study_root_stake.sql's VALUES.
var rootStakeParts = []struct {
	dir string
	age int64
}{
	{"cal-root-stake-7d", 7},
	{"cal-root-stake-90d", 90},
	{"cal-root-stake-365d", 365},
	{"cal-root-stake-7d-cohorts", 7},
}

// checkStudyRootStake: the root-stake query against each part's summary.parquet,
// comparisons.parquet and effects.parquet read in Go: one row per cell with its capture
// counts, and in the measured stake's cells (the larger chain.root_stake) the paired
// capture and mean-share differences against the assumed stake's cell, signed measured −
// assumed.
func checkStudyRootStake(t *testing.T, rows [][]any) {
	type cell struct {
		c     record.SummaryRow
		stake float64
		cmp   *record.ComparisonRow // signed measured − assumed; nil in the assumed cell
		eff   *record.EffectRow     // mean_meme_share, signed the same way
	}
	want := map[string]*cell{}
	for _, p := range rootStakeParts {
		part := readPart(t, p.dir)
		byCell := map[int32]*cell{}
		for _, c := range part.sum {
			ax := cellAxes(c.Axes)
			stake, err := strconv.ParseFloat(ax["chain.root_stake"], 64)
			if err != nil {
				t.Fatalf("%s cell %d: chain.root_stake %q", p.dir, c.Cell, ax["chain.root_stake"])
			}
			w := &cell{c: c, stake: stake}
			byCell[c.Cell] = w
			want[fmt.Sprintf("%s;%d;%s;%g", p.dir, p.age, ax["mechanism.preset"], stake)] = w
		}
		for _, c := range part.cmp {
			if c.Axis != "chain.root_stake" {
				continue
			}
			a, b := byCell[c.CellA], byCell[c.CellB]
			if a.stake > b.stake {
				a.cmp = &c
			} else {
				f := reversed(c)
				b.cmp = &f
			}
		}
		for _, e := range part.eff {
			if e.Axis != "chain.root_stake" || e.Outcome != "mean_meme_share" {
				continue
			}
			a, b := byCell[e.CellA], byCell[e.CellB]
			if a.stake > b.stake {
				a.eff = &e
			} else {
				f := e
				f.Diff, f.DiffLo, f.DiffHi = -e.Diff, -e.DiffHi, -e.DiffLo
				b.eff = &f
			}
		}
	}
	if len(rows) != len(want) || len(rows) != 4*len(rootStakeParts) {
		t.Fatalf("%d rows, the summaries have %d cells (want 4 a part: 2 rules × 2 stakes)", len(rows), len(want))
	}
	for _, r := range rows {
		t.Logf("%v", r) // the table of docs/results.md, with -v
		k := fmt.Sprintf("%s;%d;%s;%g", r[0], toInt(r[1]), r[2], toFloat(r[3]))
		w, ok := want[k]
		if !ok {
			t.Errorf("row %v: no such cell in the summaries", r[:4])
			continue
		}
		delete(want, k)
		r := r[4:] // r: the cell's columns from runs on
		checkCaptureColumns(t, k, r, w.c)
		if (w.cmp == nil) != (w.stake == 5e6) || (w.eff == nil) != (w.stake == 5e6) {
			t.Errorf("%s: the assumed stake's cell, and only it, has no comparisons (capture %v, share %v)", k, w.cmp, w.eff)
			continue
		}
		if w.cmp == nil {
			if r[7] != nil || r[14] != nil {
				t.Errorf("%s: the assumed stake's cell has a comparison %v", k, r[7:])
			}
			continue
		}
		checkComparisonColumns(t, k, r[7:14], w.cmp)
		e := w.eff
		if r[14] == nil || toFloat(r[14]) != e.Diff || toFloat(r[15]) != e.DiffLo || toFloat(r[16]) != e.DiffHi || toFloat(r[17]) != e.SignPHolm {
			t.Errorf("%s: %v; mean_meme_share effect %+v", k, r[14:], *e)
		}
	}
	if len(want) > 0 {
		t.Errorf("cells not in the query's answer: %v", slices.Sorted(maps.Keys(want)))
	}
}
