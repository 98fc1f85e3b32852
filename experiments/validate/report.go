package validate

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Simulated is how the row's simulated value is written: the mean over seeds and, with
// more than one seed, the range; the number of seeds with a value when some had none.
func (r *Row) Simulated() string {
	switch {
	case r.Kind == NotComputed:
		return "not computed"
	case r.N == 0:
		return "n/a"
	}
	s := r.Unit.Format(r.Mean)
	if len(r.Values) > 1 {
		s += " [" + r.Unit.Format(r.Min) + ", " + r.Unit.Format(r.Max) + "]"
	}
	if r.N < len(r.Values) {
		s += fmt.Sprintf(" (%d of %d seeds)", r.N, len(r.Values))
	}
	return s
}

// Verdict is the row's last column: yes or no for a Scored moment, "info" or "-" else.
func (r *Row) Verdict() string {
	switch r.Kind {
	case Info:
		return "info"
	case NotComputed:
		return "-"
	}
	if r.N == 0 {
		return "NO (no value)"
	}
	if r.In {
		return fmt.Sprintf("yes (%d/%d seeds)", r.SeedsIn, len(r.Values))
	}
	return fmt.Sprintf("NO (%d/%d seeds)", r.SeedsIn, len(r.Values))
}

// WriteText writes the report as a table followed by how each moment is computed, what
// was not computed and why, and, as the last line, "moments within band: K/M".
func (r *Report) WriteText(w io.Writer) error {
	seeds := make([]string, len(r.Seeds))
	for k, s := range r.Seeds {
		seeds[k] = strconv.FormatUint(s, 10)
	}
	var runs []string
	for _, s := range r.Scenarios {
		runs = append(runs, fmt.Sprintf("%s (%g days)", s.Name, s.Days))
	}
	fmt.Fprintf(w, "dtaosim validate: %s; seeds %s\n", strings.Join(runs, ", "), strings.Join(seeds, ", "))
	if len(r.Set) > 0 {
		fmt.Fprintf(w, "every scenario with: %s (not the shipped model)\n", strings.Join(r.Set, ", "))
	}
	fmt.Fprintln(w, "a moment is in band when the mean over seeds is; the seeds column counts the seeds inside on their own")
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tera\tmoment\treal\tband\tsimulated: mean [min, max]\tin band\tscenario")
	for k := range r.Rows {
		row := &r.Rows[k]
		sc := row.Scenario
		if row.Kind == NotComputed || sc == "" {
			sc = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", row.ID, row.Era, row.What, row.Real, row.BandText(), row.Simulated(), row.Verdict(), sc)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "how each moment is computed here (docs/validation.md):")
	for k := range r.Rows {
		row := &r.Rows[k]
		if row.Kind == NotComputed {
			continue
		}
		fmt.Fprintf(w, "  %-4s %s; source %s (%s)\n", row.ID, row.Note, row.Source, row.Reliability)
	}
	var not []string
	for k := range r.Rows {
		if row := &r.Rows[k]; row.Kind == NotComputed {
			not = append(not, row.ID+" ("+row.Note+")")
		}
	}
	if len(not) > 0 {
		fmt.Fprintln(w, "not computed, counted in neither K nor M:")
		for _, s := range not {
			fmt.Fprintln(w, "  "+s)
		}
	}
	var info []string
	for k := range r.Rows {
		if r.Rows[k].Kind == Info {
			info = append(info, r.Rows[k].ID)
		}
	}
	if len(info) > 0 {
		fmt.Fprintf(w, "shown without a band, counted in neither K nor M: %s\n", strings.Join(info, ", "))
	}
	if d := r.Disagree(); len(d) > 0 {
		fmt.Fprintf(w, "where the mean and most seeds disagree (the score follows the mean): %s\n", strings.Join(d, ", "))
	}
	k, m := r.Score()
	_, err := fmt.Fprintf(w, "moments within band: %d/%d\n", k, m)
	return err
}

// Disagree lists the scored moments whose verdict by the mean over seeds is not that of
// most seeds on their own: in band by the mean with fewer than half the seeds inside (a
// mean of outcomes on both sides of the band, for example), or out of band with more
// than half inside. Each entry is the moment's ID with its verdict and seed count. The
// score K follows the mean; this line says where a reader should not.
func (r *Report) Disagree() []string {
	var d []string
	for k := range r.Rows {
		row := &r.Rows[k]
		if row.Kind != Scored || row.N == 0 {
			continue
		}
		n := len(row.Values)
		switch {
		case row.In && 2*row.SeedsIn < n:
			d = append(d, fmt.Sprintf("%s (in by the mean, %d/%d seeds inside)", row.ID, row.SeedsIn, n))
		case !row.In && 2*row.SeedsIn > n:
			d = append(d, fmt.Sprintf("%s (out by the mean, %d/%d seeds inside)", row.ID, row.SeedsIn, n))
		}
	}
	return d
}

// WriteCSV writes one line per moment: the table's columns, the band's ends, the mean,
// range and per-seed values as plain numbers (empty for none), the note, and the
// settings the scenarios ran with (Report.Set; empty for the shipped model).
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "era", "moment", "real", "band", "band_lo", "band_hi", "kind", "scenario",
		"seeds", "n", "mean", "min", "max", "seeds_in_band", "in_band", "values", "source", "reliability", "note", "set"})
	kinds := map[Kind]string{Scored: "scored", Info: "info", NotComputed: "not_computed"}
	seeds := make([]string, len(r.Seeds))
	for k, s := range r.Seeds {
		seeds[k] = strconv.FormatUint(s, 10)
	}
	set := strings.Join(r.Set, ", ") // the settings every scenario ran with (--set); empty: the shipped model
	for k := range r.Rows {
		row := &r.Rows[k]
		lo, hi, in := "", "", ""
		if row.Kind == Scored {
			lo, hi, in = num(row.Band.Lo), num(row.Band.Hi), strconv.FormatBool(row.In)
		}
		vals := make([]string, len(row.Values))
		for s, v := range row.Values {
			vals[s] = num(v)
		}
		cw.Write([]string{row.ID, row.Era, row.What, row.Real, row.BandText(), lo, hi, kinds[row.Kind], row.Scenario,
			strings.Join(seeds, ";"), strconv.Itoa(row.N), num(row.Mean), num(row.Min), num(row.Max),
			strconv.Itoa(row.SeedsIn), in, strings.Join(vals, ";"), row.Source, row.Reliability, row.Note, set})
	}
	cw.Flush()
	return cw.Error()
}

// num writes v for the CSV: empty for NaN, "inf" for +Inf.
func num(v float64) string {
	switch {
	case math.IsNaN(v):
		return ""
	case math.IsInf(v, 1):
		return "inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
