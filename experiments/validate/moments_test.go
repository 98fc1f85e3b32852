package validate

import (
	"context"
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"dtaosim/experiments"
)

// TestMomentsTable: every moment is described (era, fact, real value, source and
// reliability), IDs are unique, scored moments have a band, every computed moment
// names a shipped scenario (the snapshot scenario excepted: it is shipped separately)
// and at least ten are scored.
func TestMomentsTable(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	scored := 0
	for _, m := range Moments() {
		if seen[m.ID] {
			t.Errorf("moment %s twice", m.ID)
		}
		seen[m.ID] = true
		if m.Era == "" || m.What == "" || m.Real == "" || m.Source == "" || m.Reliability == "" || m.Note == "" {
			t.Errorf("moment %s is not fully described: %+v", m.ID, m)
		}
		switch m.Kind {
		case Scored:
			scored++
			if !(m.Band.Lo <= m.Band.Hi) {
				t.Errorf("moment %s: band %v", m.ID, m.Band)
			}
			fallthrough
		case Info:
			if m.Value == nil || m.Scenario == "" {
				t.Errorf("moment %s is computed but has no value function or scenario", m.ID)
			}
			if _, err := experiments.LoadPreset(m.Scenario); err != nil {
				t.Errorf("moment %s: %v", m.ID, err)
			}
		case NotComputed:
			if m.Value != nil {
				t.Errorf("moment %s is not computed but has a value function", m.ID)
			}
		}
	}
	if scored < 10 {
		t.Errorf("%d scored moments, want at least 10", scored)
	}
}

// TestMomentsDocumented: every moment has its row in docs/validation.md's table, the
// row of its own ID or, for a moment scored or shown as two rows (14b, 17a, 17b), the
// row of its number, which must then name the lettered IDs.
func TestMomentsDocumented(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../docs/validation.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, m := range Moments() {
		if strings.Contains(doc, "\n| "+m.ID+" | ") {
			continue
		}
		num := strings.TrimRight(m.ID, "abcdefghijklmnopqrstuvwxyz")
		_, row, ok := strings.Cut(doc, "\n| "+num+" | ")
		if row, _, _ = strings.Cut(row, "\n"); !ok || num == m.ID || !strings.Contains(row, m.ID) {
			t.Errorf("moment %s has no row in docs/validation.md (nor a row %s that names it)", m.ID, num)
		}
	}
}

// TestRunDeterministic: the same seeds give the same values with one worker or two, and
// a moment whose scenario is not shipped is reported as not computed.
func TestRunDeterministic(t *testing.T) {
	t.Parallel()
	var ms []Moment
	for _, m := range Moments() {
		if m.Scenario == LaunchScenario || m.Scenario == SN28Scenario {
			ms = append(ms, m)
		}
	}
	ms = append(ms, Moment{ID: "x", Era: "-", What: "needs a scenario that does not exist", Real: "1", Band: Band{Lo: 0, Hi: 2},
		Scenario: "no-such-scenario", Value: func(*Outputs) float64 { return 1 }})
	// Two days: enough for daily returns and, in sn28 (takeover day 7), nothing later.
	run := func(workers int) *Report {
		rep, err := Run(context.Background(), ms, Options{Seeds: []uint64{1, 2}, Workers: workers, MaxDays: 2})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	a, b := run(1), run(2)
	for j := range a.Rows {
		ra, rb := a.Rows[j], b.Rows[j]
		if len(ra.Values) != len(rb.Values) {
			t.Fatalf("moment %s: %d and %d values", ra.ID, len(ra.Values), len(rb.Values))
		}
		for s := range ra.Values {
			if math.Float64bits(ra.Values[s]) != math.Float64bits(rb.Values[s]) {
				t.Errorf("moment %s seed %d: %v with 1 worker, %v with 2", ra.ID, s+1, ra.Values[s], rb.Values[s])
			}
		}
	}
	row := func(id string) Row {
		for _, r := range a.Rows {
			if r.ID == id {
				return r
			}
		}
		t.Fatalf("no row %s", id)
		return Row{}
	}
	if r := row("x"); r.Kind != NotComputed || r.Note == "" {
		t.Errorf("a moment of a missing scenario: %+v", r)
	}
	if r := row("1"); !r.In || r.N != 2 {
		t.Errorf("moment 1 (the launch state) not in band: %+v", r)
	}
	if r := row("4"); r.N != 2 || !(r.Mean > 0) {
		t.Errorf("moment 4 over two days: %+v", r)
	}
	if r := row("2"); r.N != 0 {
		t.Errorf("moment 2 (day 60) has values from a 2-day run: %+v", r)
	}
	if _, err := Run(context.Background(), ms, Options{}); err != ErrNoSeeds {
		t.Errorf("no seeds: %v", err)
	}
}

// TestRunSet: a setting reaches every scenario's runs (a run of the launch-era days with
// the speculators' orders limited differs from the shipped model's on the same seed), the
// report names it, and a setting that does not apply is ErrSet.
func TestRunSet(t *testing.T) {
	t.Parallel()
	var ms []Moment
	for _, m := range Moments() {
		if m.ID == "4" {
			ms = append(ms, m)
		}
	}
	run := func(set ...string) *Report {
		rep, err := Run(context.Background(), ms, Options{Seeds: []uint64{1}, Workers: 1, MaxDays: 4, Set: set})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	shipped, limited := run(), run("agents.speculators.price_protection.mode=partial", "agents.yield_stakers.price_protection.mode=partial")
	if shipped.Rows[0].Mean == limited.Rows[0].Mean {
		t.Errorf("moment 4 the same with and without the setting: %v", shipped.Rows[0].Mean)
	}
	var b strings.Builder
	if err := limited.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "every scenario with: agents.speculators.price_protection.mode=partial, agents.yield_stakers") {
		t.Errorf("the report does not name the settings:\n%s", b.String())
	}
	b.Reset()
	if err := limited.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if !strings.HasSuffix(lines[0], ",set") || !strings.HasSuffix(lines[1], `,"agents.speculators.price_protection.mode=partial, agents.yield_stakers.price_protection.mode=partial"`) {
		t.Errorf("the CSV does not name the settings:\n%s", b.String())
	}
	_, err := Run(context.Background(), ms, Options{Seeds: []uint64{1}, Set: []string{"agents.speculators.speed=2"}})
	if !errors.Is(err, ErrSet) || !strings.Contains(err.Error(), "agents.speculators.speed") {
		t.Errorf("a setting that does not apply: %v", err)
	}
	_, err = Run(context.Background(), ms, Options{Seeds: []uint64{1}, Set: []string{"burn_in_days=30"}})
	if !errors.Is(err, ErrSet) || !strings.Contains(err.Error(), "burn_in_days: expected 0") {
		t.Errorf("a burn-in, which would move the moments' dates: %v", err)
	}
}
