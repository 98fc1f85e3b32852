package record

// ReadRuns reads the RunRows of a runs file (one or many rows); see ReadSeries.
func ReadRuns(path string) ([]RunRow, error) { return readRows(path, runsTable) }
