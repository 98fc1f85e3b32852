package validate

import (
	"bytes"
	"encoding/csv"
	"math"
	"strings"
	"testing"
)

// handReport is a report built by hand: a scored moment in band on average (one seed
// out), a scored moment out of band, a day never reached, an info row and a moment not
// computed.
func handReport() *Report {
	rows := []Row{
		{Moment: Moment{ID: "2", Era: "day 60", What: "Σ prices", Real: "2.34", Band: Band{Lo: 1.2, Hi: 4}, Unit: Number, Scenario: "calib-launch", Note: "day 60"},
			Values: []float64{1.0, 2.0, 3.5}},
		{Moment: Moment{ID: "4", Era: "launch", What: "SD", Real: "10.9%", Band: Band{Lo: 0.05, Hi: 0.2}, Unit: Percent, Scenario: "calib-launch", Note: "daily"},
			Values: []float64{0.5, 0.6, math.NaN()}},
		{Moment: Moment{ID: "6", Era: "launch", What: "ρ = 50%", Real: "day ~124", Band: Band{Lo: 100, Hi: 150}, Unit: Day, Scenario: "calib-launch", Note: "mean ρ"},
			Values: []float64{120, math.Inf(1), 130}},
		{Moment: Moment{ID: "14b", Era: "Oct 2026", What: "top-32", Real: "97.2%", Unit: Percent, Kind: Info, Scenario: "calib-head", Note: "no band"},
			Values: []float64{0.8, 0.9, 0.85}},
		{Moment: Moment{ID: "15", Era: "2026", What: "deregistrations", Real: "52", Kind: NotComputed, Note: "no deregistration in the model"}},
	}
	for k := range rows {
		rows[k].summarize()
	}
	return &Report{Seeds: []uint64{1, 2, 3}, Scenarios: []ScenarioRun{{Name: "calib-launch", Days: 150}}, Rows: rows}
}

func TestSummarize(t *testing.T) {
	t.Parallel()
	r := handReport()
	in := r.Rows[0]
	near(t, "mean", in.Mean, 6.5/3)
	if in.Min != 1 || in.Max != 3.5 || in.N != 3 || in.SeedsIn != 2 || !in.In {
		t.Errorf("in-band row: %+v", in)
	}
	out := r.Rows[1]
	near(t, "mean over the seeds with a value", out.Mean, 0.55)
	if out.N != 2 || out.In || out.SeedsIn != 0 {
		t.Errorf("out-of-band row: %+v", out)
	}
	never := r.Rows[2]
	if !math.IsInf(never.Mean, 1) || never.In || never.SeedsIn != 2 {
		t.Errorf("a day never reached in one seed makes the mean +Inf, out of band: %+v", never)
	}
	if info := r.Rows[3]; info.In || info.SeedsIn != 0 {
		t.Errorf("info row scored: %+v", info)
	}
	if k, m := r.Score(); k != 1 || m != 3 {
		t.Errorf("Score = %d/%d, want 1/3 (info and not-computed rows count in neither)", k, m)
	}
}

func TestWriteText(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := handReport().WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if last := lines[len(lines)-1]; last != "moments within band: 1/3" {
		t.Errorf("last line %q", last)
	}
	for _, want := range []string{
		"calib-launch (150 days); seeds 1, 2, 3",
		"2.167 [1.000, 3.500]", "yes (2/3 seeds)", // moment 2
		"55.0% [50.0%, 60.0%] (2 of 3 seeds)", "NO (0/3 seeds)", "5.0% to 20.0%", // moment 4
		"never [day 120.0, never]",     // moment 6
		"85.0% [80.0%, 90.0%]", "info", // 14b
		"not computed", "15 (no deregistration in the model)",
		"shown without a band, counted in neither K nor M: 14b",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Moment 6 is out of band by its mean (+Inf: one seed never reached the day) with two
	// of its three seeds inside.
	if want := "where the mean and most seeds disagree (the score follows the mean): 6 (out by the mean, 2/3 seeds inside)"; lines[len(lines)-2] != want {
		t.Errorf("second-to-last line %q, want %q", lines[len(lines)-2], want)
	}
	// The table is aligned: every row's "in band" column starts where the header's does.
	header := lines[3]
	col := strings.Index(header, "in band")
	for _, l := range lines[4:9] {
		if len(l) < col || l[col-2:col] != "  " {
			t.Errorf("row not aligned with the header at column %d: %q", col, l)
		}
	}
}

func TestWriteCSV(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := handReport().WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 6 {
		t.Fatalf("%d records, want a header and 5 rows", len(recs))
	}
	col := map[string]int{}
	for k, h := range recs[0] {
		col[h] = k
	}
	row6 := recs[3]
	if row6[col["id"]] != "6" || row6[col["mean"]] != "inf" || row6[col["values"]] != "120;inf;130" || row6[col["in_band"]] != "false" {
		t.Errorf("moment 6 row: %v", row6)
	}
	row4 := recs[2]
	if row4[col["values"]] != "0.5;0.6;" || row4[col["band_lo"]] != "0.05" || row4[col["n"]] != "2" {
		t.Errorf("moment 4 row: %v", row4)
	}
	if r := recs[5]; r[col["kind"]] != "not_computed" || r[col["mean"]] != "" || r[col["in_band"]] != "" {
		t.Errorf("not-computed row: %v", r)
	}
}

func TestUnitFormat(t *testing.T) {
	t.Parallel()
	cases := []struct {
		u    Unit
		v    float64
		want string
	}{
		{Number, 2.3456, "2.346"}, {Percent, 0.109, "10.9%"}, {TAO, 612345, "612k TAO"},
		{Day, 124.04, "day 124.0"}, {Rank, 7, "#7"}, {Count, 54.3, "54.3"}, {Percent, math.NaN(), "n/a"}, {Day, math.Inf(1), "never"},
	}
	for _, c := range cases {
		if got := c.u.Format(c.v); got != c.want {
			t.Errorf("Format(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

// TestReportDisagree: a moment in band by the mean with fewer than half of its seeds
// inside is named on the line before the score beside one out of band with more than half
// inside (moment 6 of the hand report); exactly half is not "most"; the score still
// follows the mean.
func TestReportDisagree(t *testing.T) {
	r := handReport()
	k0, m0 := r.Score()
	r.Rows[0].SeedsIn = 0 // moment 2: in by the mean, no seed inside (as a bimodal mean can be)
	r.Rows[1].SeedsIn = 1 // moment 4: out by the mean, 1 of 3 inside - not most
	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	want := "where the mean and most seeds disagree (the score follows the mean): 2 (in by the mean, 0/3 seeds inside), 6 (out by the mean, 2/3 seeds inside)"
	if got := lines[len(lines)-2]; got != want {
		t.Errorf("second-to-last line\n got %q\nwant %q", got, want)
	}
	if k, m := r.Score(); k != k0 || m != m0 {
		t.Errorf("score %d/%d after changing the seed counts, want %d/%d", k, m, k0, m0)
	}
}
