//go:build duckdb

package duckdbtest

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	_ "github.com/duckdb/duckdb-go/v2"

	"dtaosim/agents"
	"dtaosim/experiments"
	"dtaosim/experiments/record"
	"dtaosim/experiments/sweep"
)

// tinyExperiment is a 4-cell × 3-replicate sweep of a 0.3-day, 8-subnet market: a
// second or two of simulation.
const tinyExperiment = `
name: tiny
base: sn28
scenario:
  days: 0.3
  subnets: {count: 8, meme: {netuids: [3], takeover_day: 0.1}}
  agents: {speculators: {count: 20, arrival: {process: lump}}, yield_stakers: {count: 3, arrival: {process: lump}}, noise: {count: 5}, root_validators: {detection_delay_days: 0.05}}
replicates: 3
seed: 11
axes:
  - {param: mechanism.preset, values: [launch_2025_02, price_burn_2026_06]}
  - {param: agents.root_validators.policy, values: [passive, intervene]}
`

const (
	version    = "duckdbtest"
	singleSeed = 5
)

// fixture holds the outputs written for the test and what Go knows about them.
type fixture struct {
	db     *sql.DB
	plan   *sweep.Plan
	out    string // the sweep's output folder
	single string // the single run's output folder
	sc     *experiments.Scenario
	row    *record.RunRow // the single run's summary, as returned by RunToDir
	// runs are the sweep's runs/ files read back with arrow-go (not DuckDB), keyed
	// by "cell/rep".
	runs map[string]map[string]any
}

func setup(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	f := &fixture{out: filepath.Join(dir, "sweep"), single: filepath.Join(dir, "single")}

	plan, err := sweep.Parse([]byte(tinyExperiment), ".")
	if err != nil {
		t.Fatal(err)
	}
	f.plan = plan
	if _, err := sweep.Run(ctx, plan, sweep.Options{Out: f.out, Workers: 2, Version: version}); err != nil {
		t.Fatal(err)
	}

	// The single run: the passive, launch-preset cell's scenario (no intervention).
	for _, c := range plan.Cells {
		if c.Scenario.Agents.RootValidators.Policy == "passive" && c.Scenario.Mechanism.Preset == "launch_2025_02" {
			f.sc = c.Scenario
		}
	}
	if f.sc == nil {
		t.Fatal("no passive launch cell in the plan")
	}
	f.row, _, err = experiments.RunToDir(ctx, f.sc, singleSeed, f.single, version)
	if err != nil {
		t.Fatal(err)
	}

	f.runs = map[string]map[string]any{}
	for _, c := range plan.Cells {
		for r := range plan.Exp.Replicates.Max {
			rows := readArrow(t, sweep.RunPath(f.out, "runs", c.Index, r))
			if len(rows) != 1 {
				t.Fatalf("cell %d rep %d: %d rows in runs file, want 1", c.Index, r, len(rows))
			}
			f.runs[fmt.Sprintf("%d/%d", c.Index, r)] = rows[0]
		}
	}

	f.db, err = sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.db.Close() })
	return f
}

// TestDuckDB writes a sweep and a single run, then queries them with DuckDB.
func TestDuckDB(t *testing.T) {
	f := setup(t)
	t.Run("RunsCaptureRate", f.testRuns)
	t.Run("SeriesGlob", f.testSeries)
	t.Run("KVMetadata", f.testMetadata)
	t.Run("SingleRun", f.testSingleRun)
	t.Run("Compression", f.testCompression)
	t.Run("Manifest", f.testManifest)
	t.Run("NotebookSQL", f.testNotebookSQL)
}

// 1. Capture rate per cell from runs/, read as a hive-partitioned glob.
func (f *fixture) testRuns(t *testing.T) {
	glob := sqlStr(filepath.Join(f.out, "runs", "*", "*.parquet"))
	R := f.plan.Exp.Replicates.Max

	// cell comes from the hive partition (and the file's own column): an integer.
	var cellType, capType string
	f.row1(t, `SELECT typeof(cell), typeof(captured) FROM read_parquet(`+glob+`, hive_partitioning = true) LIMIT 1`, &cellType, &capType)
	if !slices.Contains([]string{"INTEGER", "BIGINT"}, cellType) || capType != "BOOLEAN" {
		t.Errorf("types: cell %s, captured %s; want an integer and BOOLEAN", cellType, capType)
	}
	t.Logf("types: cell %s, captured %s", cellType, capType)

	rows := f.query(t, `SELECT cell, avg(captured::INT), count(*) FROM read_parquet(`+glob+`, hive_partitioning = true) GROUP BY cell ORDER BY cell`)
	if len(rows) != len(f.plan.Cells) {
		t.Fatalf("%d cells, want %d", len(rows), len(f.plan.Cells))
	}
	for i, r := range rows {
		cell, rate, n := toInt(r[0]), toFloat(r[1]), toInt(r[2])
		if cell != int64(f.plan.Cells[i].Index) || n != int64(R) {
			t.Errorf("row %d: cell %d with %d runs; want cell %d with %d", i, cell, n, f.plan.Cells[i].Index, R)
			continue
		}
		captured := 0
		for rep := range R {
			if f.runs[fmt.Sprintf("%d/%d", cell, rep)]["captured"].(bool) {
				captured++
			}
		}
		if want := float64(captured) / float64(R); rate != want {
			t.Errorf("cell %d: capture rate %v, arrow-go reads %v", cell, rate, want)
		}
		t.Logf("cell %d (%s): capture rate %.3f over %d replicates", cell, f.plan.Cells[i].Label, rate, n)
	}
	for _, r := range f.query(t, `SELECT cell, sum(intervened::INT) FROM read_parquet(`+glob+`, hive_partitioning = true) GROUP BY cell ORDER BY cell`) {
		t.Logf("cell %v: %v of %d runs intervened", r[0], r[1], R)
	}

	// Every row against the arrow-go reading: key, axes label, mechanism, and the NaN /
	// -1 conventions of the optional columns.
	rows = f.query(t, `SELECT cell, replicate, seed, axes, mechanism, scenario, blocks, captured, capture_block,
			isnan(capture_day), intervened, intervention_block, isnan(intervention_day), isnan(drawdown_24h),
			isnan(root_share_at_interv), peak_meme_share, actions
		FROM read_parquet(`+glob+`, hive_partitioning = true) ORDER BY cell, replicate`)
	if len(rows) != f.plan.Runs() {
		t.Fatalf("%d runs, want %d", len(rows), f.plan.Runs())
	}
	for _, r := range rows {
		cell, rep := toInt(r[0]), toInt(r[1])
		c := f.plan.Cells[cell]
		g := f.runs[fmt.Sprintf("%d/%d", cell, rep)]
		if g == nil {
			t.Errorf("cell %d rep %d: no such run file", cell, rep)
			continue
		}
		check := func(name string, got, want any) {
			t.Helper()
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("cell %d rep %d: %s = %v, want %v", cell, rep, name, got, want)
			}
		}
		check("replicate column", toInt(g["replicate"]), rep)
		check("cell column", toInt(g["cell"]), cell)
		check("seed", toUint(r[2]), f.plan.Exp.Seed)
		check("axes", r[3], c.Label)
		check("mechanism", r[4], c.Scenario.Mechanism.Preset)
		check("scenario", r[5], g["scenario"])
		check("blocks", toInt(r[6]), int64(math.Round(c.Scenario.Days*agents.BlocksPerDay)))
		check("captured", r[7], g["captured"])
		check("capture_block", toInt(r[8]), g["capture_block"])
		check("isnan(capture_day)", r[9], math.IsNaN(g["capture_day"].(float64)))
		check("capture_block = -1 iff isnan(capture_day)", toInt(r[8]) == -1, r[9])
		check("intervened", r[10], g["intervened"])
		check("intervention_block", toInt(r[11]), g["intervention_block"])
		check("isnan(intervention_day)", r[12], !g["intervened"].(bool))
		check("isnan(drawdown_24h)", r[13], math.IsNaN(g["drawdown_24h"].(float64)))
		check("isnan(root_share_at_interv)", r[14], !g["intervened"].(bool))
		check("peak_meme_share", toFloat(r[15]), g["peak_meme_share"])
		check("actions", toInt(r[16]), g["actions"])
		if !r[10].(bool) && !r[13].(bool) {
			t.Errorf("cell %d rep %d: drawdown_24h is a number without an intervention", cell, rep)
		}
		if c.Scenario.Agents.RootValidators.Policy == "passive" && r[10].(bool) {
			t.Errorf("cell %d rep %d: passive cell intervened", cell, rep)
		}
	}
}

// 2. A glob over series/ with hive partitioning: row counts, pruning, kinds, netuids.
func (f *fixture) testSeries(t *testing.T) {
	glob := sqlStr(filepath.Join(f.out, "series", "*", "*.parquet"))
	R := int64(f.plan.Exp.Replicates.Max)
	perRun := func(sc *experiments.Scenario) int64 {
		blocks := int64(math.Round(sc.Days * agents.BlocksPerDay))
		// a row per subnet at every block b with b % record_every == 0, b in [0, blocks)
		return ((blocks + int64(sc.RecordEvery) - 1) / int64(sc.RecordEvery)) * int64(sc.Subnets.Count)
	}

	rows := f.query(t, `SELECT cell, count(*), count(DISTINCT replicate), min(netuid), max(netuid), count(DISTINCT netuid)
		FROM read_parquet(`+glob+`, hive_partitioning = true) GROUP BY cell ORDER BY cell`)
	if len(rows) != len(f.plan.Cells) {
		t.Fatalf("%d cells, want %d", len(rows), len(f.plan.Cells))
	}
	var total int64
	for i, r := range rows {
		c := f.plan.Cells[i]
		want := perRun(c.Scenario) * R
		total += want
		n := int64(c.Scenario.Subnets.Count)
		if toInt(r[0]) != int64(c.Index) || toInt(r[1]) != want || toInt(r[2]) != R ||
			toInt(r[3]) != 1 || toInt(r[4]) != n || toInt(r[5]) != n {
			t.Errorf("cell %d: got (cell, rows, replicates, min netuid, max netuid, netuids) = %v; want (%d, %d, %d, 1, %d, %d)",
				c.Index, r, c.Index, want, R, n, n)
		}
	}
	t.Logf("series: %d rows per run, %d in all", perRun(f.plan.Cells[0].Scenario), total)

	// Filter on the partition column: only cell=2's files are read.
	c2 := f.plan.Cells[2]
	var n, files, cells int64
	f.row1(t, `SELECT count(*), count(DISTINCT filename), count(DISTINCT cell) FROM read_parquet(`+glob+`, hive_partitioning = true, filename = true) WHERE cell = 2`, &n, &files, &cells)
	if n != perRun(c2.Scenario)*R || files != R || cells != 1 {
		t.Errorf("WHERE cell = 2: %d rows from %d files (%d cells); want %d rows from %d files", n, files, cells, perRun(c2.Scenario)*R, R)
	}
	var fname string
	f.row1(t, `SELECT min(filename) FROM read_parquet(`+glob+`, hive_partitioning = true, filename = true) WHERE cell = 2`, &fname)
	if !strings.Contains(filepath.ToSlash(fname), "/series/cell=2/") {
		t.Errorf("WHERE cell = 2 read %s", fname)
	}
	// The plan shows the partition filter applied to the file list (pruning), not only
	// to rows.
	var plan strings.Builder
	for _, r := range f.query(t, `EXPLAIN ANALYZE SELECT count(*) FROM read_parquet(`+glob+`, hive_partitioning = true) WHERE cell = 2`) {
		fmt.Fprintln(&plan, r...)
	}
	if m := regexp.MustCompile(`Total Files Read:\s*(\d+)`).FindStringSubmatch(plan.String()); m != nil {
		if m[1] != strconv.FormatInt(R, 10) {
			t.Errorf("EXPLAIN ANALYZE: %s files read for cell = 2, want %d", m[1], R)
		}
		t.Logf("WHERE cell = 2: %d rows, EXPLAIN ANALYZE reads %s of %d files", n, m[1], R*int64(len(f.plan.Cells)))
	} else {
		t.Logf("EXPLAIN ANALYZE does not report files read:\n%s", plan.String())
	}

	// kind is one of three; meme only on the meme netuid and only from the takeover.
	rows = f.query(t, `SELECT kind, min(netuid), max(netuid), min(day) FROM read_parquet(`+glob+`, hive_partitioning = true) GROUP BY kind ORDER BY kind`)
	meme := c2.Scenario.Subnets.Meme
	for _, r := range rows {
		kind := r[0].(string)
		if !slices.Contains([]string{"utility", "revenue", "meme"}, kind) {
			t.Errorf("kind %q", kind)
		}
		if kind == "meme" && (toInt(r[1]) != int64(meme.Netuids[0]) || toInt(r[2]) != int64(meme.Netuids[0]) || toFloat(r[3]) < meme.TakeoverDay) {
			t.Errorf("meme rows: netuids %v..%v from day %v; want netuid %d from day %v", r[1], r[2], r[3], meme.Netuids[0], meme.TakeoverDay)
		}
	}
	t.Logf("kinds: %v", rows)

	// The single run's series: one file, same count, cell = replicate = 0.
	var sn, cmax, rmax int64
	f.row1(t, `SELECT count(*), max(cell), max(replicate) FROM read_parquet(`+sqlStr(filepath.Join(f.single, "series.parquet"))+`)`, &sn, &cmax, &rmax)
	if sn != perRun(f.sc) || cmax != 0 || rmax != 0 {
		t.Errorf("single run series: %d rows (cell ≤ %d, replicate ≤ %d); want %d rows, 0, 0", sn, cmax, rmax, perRun(f.sc))
	}
}

// 3. Key-value metadata of single-run and sweep files.
func (f *fixture) testMetadata(t *testing.T) {
	kv := func(path string) map[string]string {
		m := map[string]string{}
		for _, r := range f.query(t, `SELECT decode(key), decode(value) FROM parquet_kv_metadata(`+sqlStr(path)+`)`) {
			m[r[0].(string)] = r[1].(string)
		}
		return m
	}
	expect := func(path string, want map[string]string) {
		t.Helper()
		got := kv(path)
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q", filepath.Base(path), k, got[k], v)
			}
		}
	}
	common := func(table string, sc *experiments.Scenario, seed uint64) map[string]string {
		return map[string]string{
			"table": table, "schema_version": record.SchemaVersion, "spec_hash": experiments.SpecHash(sc),
			"master_seed": strconv.FormatUint(seed, 10), "tool_version": version,
		}
	}
	for name, table := range map[string]string{"series": "series", "events": "events", "run": "runs"} {
		want := common(table, f.sc, singleSeed)
		want["scenario"] = f.sc.Name
		expect(filepath.Join(f.single, name+".parquet"), want)
	}
	for _, c := range f.plan.Cells {
		for r := range f.plan.Exp.Replicates.Max {
			for _, kind := range []string{"runs", "series", "events"} {
				want := common(kind, c.Scenario, f.plan.Exp.Seed)
				want["plan_hash"] = f.plan.Hash
				want["experiment"] = f.plan.Exp.Name
				want["cell"] = strconv.Itoa(c.Index)
				want["axes"] = c.Label
				want["replicate"] = strconv.Itoa(r)
				expect(sweep.RunPath(f.out, kind, c.Index, r), want)
			}
		}
	}
	// A whole tree at once: the metadata of every sweep file.
	var files, keys int64
	f.row1(t, `SELECT count(DISTINCT file_name), count(*) FILTER (decode(key) = 'plan_hash') FROM parquet_kv_metadata(`+sqlStr(filepath.Join(f.out, "*", "*", "*.parquet"))+`)`, &files, &keys)
	if want := int64(3 * f.plan.Runs()); files != want || keys != want {
		t.Errorf("sweep tree: %d files, %d with plan_hash; want %d", files, keys, want)
	}
	if s, ok := kv(sweep.RunPath(f.out, "series", 0, 0))["scenario"]; !ok {
		t.Logf("note: sweep files carry no \"scenario\" key (docs/schema.md lists it for every file)")
	} else {
		t.Logf("sweep files: scenario = %q", s)
	}
}

// 4. The single run: summary row and events.
func (f *fixture) testSingleRun(t *testing.T) {
	run := sqlStr(filepath.Join(f.single, "run.parquet"))
	var (
		cell, rep, blocks, captureBlock, interventionBlock, actions int64
		seed                                                        uint64
		scenario, mechanism, axes                                   string
		captured, intervened, ddNaN, idNaN                          bool
		peak, cumTAO                                                float64
	)
	f.row1(t, `SELECT cell, replicate, seed, scenario, mechanism, axes, blocks, captured, capture_block,
			intervened, intervention_block, isnan(drawdown_24h), isnan(intervention_day), peak_meme_share, cum_tao, actions
		FROM read_parquet(`+run+`)`,
		&cell, &rep, &seed, &scenario, &mechanism, &axes, &blocks, &captured, &captureBlock,
		&intervened, &interventionBlock, &ddNaN, &idNaN, &peak, &cumTAO, &actions)
	r := f.row
	got := []any{cell, rep, seed, scenario, mechanism, axes, blocks, captured, captureBlock, intervened, interventionBlock, ddNaN, idNaN, peak, cumTAO, actions}
	want := []any{int64(0), int64(0), uint64(singleSeed), r.Scenario, r.Mechanism, "", r.Blocks, r.Captured, r.CaptureBlock,
		r.Intervened, r.InterventionBlock, math.IsNaN(r.Drawdown24h), math.IsNaN(r.InterventionDay), r.PeakMemeShare, r.CumTAO, r.Actions}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("run.parquet:\n got %v\nwant %v", got, want)
	}
	// No intervention (a passive scenario): drawdown_24h is NaN, intervention_block -1.
	if intervened || !ddNaN || !idNaN || interventionBlock != -1 {
		t.Errorf("passive run: intervened %v, isnan(drawdown_24h) %v, isnan(intervention_day) %v, intervention_block %d",
			intervened, ddNaN, idNaN, interventionBlock)
	}
	// DuckDB's NaN is not NULL: the column is never null.
	var nulls int64
	f.row1(t, `SELECT count(*) FILTER (drawdown_24h IS NULL) FROM read_parquet(`+run+`)`, &nulls)
	if nulls != 0 {
		t.Errorf("drawdown_24h: %d nulls", nulls)
	}

	// Events: every type is documented; chain-wide types carry netuid -1; the takeover is
	// on the meme subnet at its day.
	documented := documentedEventTypes(t)
	events := f.query(t, `SELECT type, netuid, day, cell, replicate FROM read_parquet(`+sqlStr(filepath.Join(f.single, "events.parquet"))+`) ORDER BY block`)
	if len(events) == 0 {
		t.Fatal("no events")
	}
	chainWide := map[string]bool{"intervention_failed": true, "capture_start": true, "capture_end": true, "capture": true, "halving": true, "preset_switch": true}
	var takeover bool
	counts := map[string]int{}
	for _, e := range events {
		typ, netuid, day := e[0].(string), toInt(e[1]), toFloat(e[2])
		counts[typ]++
		if !documented[typ] {
			t.Errorf("event type %q is not documented in docs/schema.md", typ)
		}
		if chainWide[typ] && netuid != -1 {
			t.Errorf("%s event with netuid %d, want -1", typ, netuid)
		}
		if toInt(e[3]) != 0 || toInt(e[4]) != 0 {
			t.Errorf("%s event with cell %v replicate %v", typ, e[3], e[4])
		}
		if typ == "takeover" {
			takeover = true
			meme := f.sc.Subnets.Meme
			if netuid != int64(meme.Netuids[0]) || math.Abs(day-meme.TakeoverDay) > 1.0/agents.BlocksPerDay+1e-12 {
				t.Errorf("takeover on netuid %d at day %v; want %d at %v", netuid, day, meme.Netuids[0], meme.TakeoverDay)
			}
		}
		if strings.HasPrefix(typ, "intervention") {
			t.Errorf("passive run has a %s event", typ)
		}
	}
	if !takeover {
		t.Error("no takeover event")
	}
	t.Logf("single run: %d events %v; captured %v", len(events), counts, captured)

	// Events of the sweep, through the glob: the intervening cells have their events.
	rows := f.query(t, `SELECT DISTINCT type FROM read_parquet(`+sqlStr(filepath.Join(f.out, "events", "*", "*.parquet"))+`, hive_partitioning = true) ORDER BY type`)
	for _, r := range rows {
		if !documented[r[0].(string)] {
			t.Errorf("sweep event type %q is not documented in docs/schema.md", r[0])
		}
	}
	t.Logf("sweep event types: %v", rows)
}

// 5. Every file is ZSTD-compressed.
func (f *fixture) testCompression(t *testing.T) {
	for _, glob := range []string{filepath.Join(f.single, "*.parquet"), filepath.Join(f.out, "*", "*", "*.parquet")} {
		rows := f.query(t, `SELECT DISTINCT compression FROM parquet_metadata(`+sqlStr(glob)+`)`)
		if len(rows) != 1 || rows[0][0] != "ZSTD" {
			t.Errorf("%s: compressions %v, want [ZSTD]", glob, rows)
		}
		var files int64
		f.row1(t, `SELECT count(DISTINCT file_name) FROM parquet_metadata(`+sqlStr(glob)+`)`, &files)
		want := int64(3)
		if strings.HasPrefix(glob, f.out) {
			want = int64(3 * f.plan.Runs())
		}
		if files != want {
			t.Errorf("%s: %d files, want %d", glob, files, want)
		}
	}
}

// The manifest names the cells as the runs files do.
func (f *fixture) testManifest(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(f.out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m sweep.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if m.PlanHash != f.plan.Hash || m.RunsComplete != f.plan.Runs() || len(m.Cells) != len(f.plan.Cells) {
		t.Fatalf("manifest: plan %s, %d runs, %d cells", m.PlanHash, m.RunsComplete, len(m.Cells))
	}
	// DuckDB reads the manifest too: its cells join the runs on the partition column.
	rows := f.query(t, `WITH cells AS (SELECT unnest(cells, recursive := true) FROM read_json(`+sqlStr(filepath.Join(f.out, "manifest.json"))+`))
		SELECT c."index", c.axes, count(*) FILTER (r.axes = c.axes)
		FROM cells c JOIN read_parquet(`+sqlStr(filepath.Join(f.out, "runs", "*", "*.parquet"))+`, hive_partitioning = true) r ON r.cell = c."index"
		GROUP BY ALL ORDER BY 1`)
	if len(rows) != len(f.plan.Cells) {
		t.Fatalf("manifest join: %d cells, want %d", len(rows), len(f.plan.Cells))
	}
	for i, r := range rows {
		if toInt(r[0]) != int64(i) || r[1] != f.plan.Cells[i].Label || toInt(r[2]) != int64(f.plan.Exp.Replicates.Max) {
			t.Errorf("manifest join row %d: %v", i, r)
		}
	}
}

// documentedEventTypes returns the event types listed in the first table of the events
// section of docs/schema.md.
func documentedEventTypes(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "schema.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(data), "## `events.parquet`")
	if !ok {
		t.Fatal("docs/schema.md: no events section")
	}
	types := map[string]bool{}
	name := regexp.MustCompile("`([a-z_0-9]+)`")
	for _, line := range strings.Split(sec, "\n") {
		if strings.HasPrefix(line, "<!--") || strings.HasPrefix(line, "## ") {
			break
		}
		cells := strings.Split(line, "|")
		if len(cells) < 3 || strings.Contains(cells[1], "`type`") {
			continue
		}
		for _, m := range name.FindAllStringSubmatch(cells[1], -1) {
			types[m[1]] = true
		}
	}
	if len(types) < 5 {
		t.Fatalf("docs/schema.md: only %d event types found: %v", len(types), types)
	}
	return types
}

// query runs q and returns its rows as Go values.
func (f *fixture) query(t *testing.T, q string) [][]any {
	t.Helper()
	rows, err := f.db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return out
}

// row1 scans the single row of q into dst.
func (f *fixture) row1(t *testing.T, q string, dst ...any) {
	t.Helper()
	if err := f.db.QueryRow(q).Scan(dst...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// readArrow reads a Parquet file with arrow-go, one map per row.
func readArrow(t *testing.T, path string) []map[string]any {
	t.Helper()
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	rows := make([]map[string]any, tbl.NumRows())
	for i := range rows {
		rows[i] = map[string]any{}
	}
	for c := range int(tbl.NumCols()) {
		name := tbl.Schema().Field(c).Name
		i := 0
		for _, a := range tbl.Column(c).Data().Chunks() {
			for j := range a.Len() {
				var v any
				switch a := a.(type) {
				case *array.Int32:
					v = int64(a.Value(j))
				case *array.Int64:
					v = a.Value(j)
				case *array.Uint64:
					v = a.Value(j)
				case *array.Float64:
					v = a.Value(j)
				case *array.Boolean:
					v = a.Value(j)
				case *array.String:
					v = a.Value(j)
				default:
					t.Fatalf("%s: column %s has type %s", path, name, a.DataType())
				}
				rows[i][name] = v
				i++
			}
		}
	}
	return rows
}

func sqlStr(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func toInt(v any) int64 {
	switch x := v.(type) {
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case int64:
		return x
	case int:
		return int64(x)
	case uint32:
		return int64(x)
	case uint64:
		return int64(x)
	}
	panic(fmt.Sprintf("not an integer: %T %v", v, v))
}

func toUint(v any) uint64 {
	if x, ok := v.(uint64); ok {
		return x
	}
	return uint64(toInt(v))
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case float32:
		return float64(x)
	}
	return float64(toInt(v))
}
