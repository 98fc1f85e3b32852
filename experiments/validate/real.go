package validate

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"strconv"
	"time"
)

// launchCohortCSV holds the real spot prices of the 64 subnets of the dTAO launch
// (netuids 1-64), read from the chain at the block nearest 16:00 UTC of every day from
// 2025-02-14 to 2025-07-13; data/alpha-prices-2025-launch-cohort.source.md says where it
// comes from and how it was copied.
//
//go:embed data/alpha-prices-2025-launch-cohort.csv
var launchCohortCSV []byte

// LaunchBlock is the block at which dTAO started, LaunchTime its time.
const LaunchBlock = 4_920_351

// LaunchTime is when dTAO started (block LaunchBlock).
var LaunchTime = time.Date(2025, 2, 13, 21, 41, 0, 0, time.UTC)

// readHour is the hour of day (UTC) of the reads: the block nearest 16:00.
const readHour = 16

// LaunchCohort returns the shipped real prices of the launch cohort as a Panel with
// spot prices only (the other fields of its snapshots are empty), a snapshot per day,
// its Day the wall-clock days from LaunchTime to the read (16:00 UTC of its date; the
// chain's blocks came a little slower than 12 s, so counted in blocks the reads would
// drift a day behind by July and a 24-hour fall would no longer be one day to the next). The same measures that read a run read
// it, so the real values of the launch-era price moments are computed here as the
// simulated ones are (TestLaunchCohortMoments holds the moments' real values to it).
func LaunchCohort() (*Panel, error) {
	const name = "data/alpha-prices-2025-launch-cohort.csv"
	r := csv.NewReader(bytes.NewReader(launchCohortCSV))
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(rows) < 2 || len(rows[0]) < 3 || rows[0][0] != "date" || rows[0][1] != "block" {
		return nil, fmt.Errorf("%s: want a header date,block,sn1,... and rows", name)
	}
	p := &Panel{index: map[int32]int{}}
	for j, h := range rows[0][2:] {
		u, err := strconv.Atoi(h[2:])
		if len(h) < 3 || h[:2] != "sn" || err != nil {
			return nil, fmt.Errorf("%s: column %d: want snN, got %q", name, j+3, h)
		}
		p.index[int32(u)] = j
		p.Netuids = append(p.Netuids, int32(u))
	}
	for i, row := range rows[1:] {
		line := i + 2
		block, err := strconv.ParseInt(row[1], 10, 64)
		if err != nil || block <= LaunchBlock {
			return nil, fmt.Errorf("%s:%d: block %q: want a block after the launch block %d", name, line, row[1], LaunchBlock)
		}
		if n := len(p.Snaps); n > 0 && block <= p.Snaps[n-1].Block {
			return nil, fmt.Errorf("%s:%d: block %d not after the row before", name, line, block)
		}
		date, err := time.Parse(time.DateOnly, row[0])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: date %q: want YYYY-MM-DD", name, line, row[0])
		}
		at := date.Add(readHour * time.Hour)
		s := Snapshot{Block: block, Day: at.Sub(LaunchTime).Hours() / 24, Price: make([]float64, len(p.Netuids))}
		for j, v := range row[2:] {
			if s.Price[j], err = strconv.ParseFloat(v, 64); err != nil || !(s.Price[j] > 0) {
				return nil, fmt.Errorf("%s:%d: %s = %q: want a positive price", name, line, rows[0][j+2], v)
			}
		}
		p.Snaps = append(p.Snaps, s)
	}
	return p, nil
}
