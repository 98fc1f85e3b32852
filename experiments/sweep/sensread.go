package sweep

import (
	"dtaosim/experiments/record"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
)

// readCellRuns reads, per cell, the columns every output needs from every run the
// stopping rule reaches, counting the runs and the missing ones in res; it returns the
// column names, the runs per cell, and the columns no runs file has.
func readCellRuns(dir string, m *Manifest, res *SensitivityResult) ([]string, [][]cellRun, map[string]bool, error) {
	var names []string
	for _, o := range SensitivityOutputs {
		for _, c := range o.Columns {
			if !slices.Contains(names, c) {
				names = append(names, c)
			}
		}
	}
	for _, c := range []string{"captured", "at_theta_at_takeover"} { // the stopping rule's
		if !slices.Contains(names, c) {
			names = append(names, c)
		}
	}
	absent := map[string]bool{}
	rule := m.Rule()
	perCell := make([][]cellRun, len(m.Cells))
	for c := range m.Cells {
		var readErr error
		read := func(r int) []float64 {
			path := RunPath(dir, "runs", c, r)
			cols, miss, err := record.ReadColumns(path, names)
			if errors.Is(err, os.ErrNotExist) {
				return nil
			}
			if err != nil {
				if readErr == nil {
					readErr = err
				}
				return nil
			}
			for _, a := range miss {
				absent[a] = true
			}
			row := make([]float64, len(names))
			for i := range names {
				row[i] = math.NaN()
				if cols[i] != nil {
					if len(cols[i]) != 1 {
						if readErr == nil {
							readErr = fmt.Errorf("%s: %d rows, want 1", path, len(cols[i]))
						}
						return nil
					}
					row[i] = cols[i][0]
				}
			}
			return row
		}
		idx := func(name string) int { return slices.Index(names, name) }
		var runs [][]float64
		stop := rule.Walk(func(r int) Outcome {
			row := read(r)
			runs = append(runs, row)
			if row == nil {
				return Outcome{}
			}
			return Outcome{Present: true, Eligible: row[idx("at_theta_at_takeover")] == 0, Captured: row[idx("captured")] == 1}
		})
		for r := len(runs); r < stop.At; r++ {
			runs = append(runs, read(r))
		}
		if readErr != nil {
			return nil, nil, nil, readErr
		}
		for r, row := range runs {
			if row == nil {
				res.Missing++
				continue
			}
			perCell[c] = append(perCell[c], cellRun{r, row})
			res.Runs++
		}
	}
	return names, perCell, absent, nil
}

// cellRun is one run's columns and its replicate index.
type cellRun struct {
	rep  int
	cols []float64
}
