// Package duckdbtest is an independent reader test of dtaosim's Parquet outputs: it
// writes a single run (experiments.RunToDir) and a small sweep (sweep.Run) into a
// temporary folder and reads them back with DuckDB (github.com/duckdb/duckdb-go/v2,
// through database/sql), running the queries a user would (hive-partitioned globs over
// runs/ and series/, key-value metadata, events, NaN columns, compression) and checking
// the answers against what Go knows.
//
// DuckDB needs cgo, so every test file carries the build tag "duckdb": plain
// `go test ./...` (CGO_ENABLED=0) skips this package and the dtaosim binary stays pure
// Go. Run it with:
//
//	CGO_ENABLED=1 go test -count=1 -tags duckdb ./experiments/duckdbtest/
package duckdbtest
