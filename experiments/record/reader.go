package record

// ReadRuns reads the RunRows of a runs file (one or many rows); see ReadSeries. Its typed
// axis columns, if any, fill each row's AxisValues.
func ReadRuns(path string) ([]RunRow, error) {
	return readRows(path, runsTable, func(r *RunRow, v []AxisValue) { r.AxisValues = v })
}
