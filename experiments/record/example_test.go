package record_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/parquet/file"

	"dtaosim/experiments/record"
)

// A run writes its time series: open a writer, append rows in the block loop, Close.
// Abort, deferred, removes the half-written file if anything fails on the way.
func ExampleSeriesWriter() {
	dir, err := os.MkdirTemp("", "record-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "series.parquet")

	w, err := record.NewSeriesWriter(path, record.Meta{"master_seed": "42", "tool_version": "v0.1.0"})
	if err != nil {
		log.Fatal(err)
	}
	defer w.Abort()
	key := record.RunKey{Seed: 42}
	for block := int64(0); block < 3; block++ {
		for netuid := int32(1); netuid <= 2; netuid++ {
			r := record.SeriesRow{
				RunKey: key, Block: block, Day: float64(block) / 7200, Netuid: netuid,
				Kind: "utility", Mechanism: "flow", Price: 0.01 * float64(netuid),
			}
			if err := w.Append(&r); err != nil {
				log.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}

	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		log.Fatal(err)
	}
	defer rdr.Close()
	md := rdr.MetaData()
	fmt.Println("rows:", md.NumRows, "columns:", md.Schema.NumColumns())
	for _, k := range []string{"table", "schema_version", "master_seed"} {
		fmt.Printf("%s=%s\n", k, *md.KeyValueMetadata().FindValue(k))
	}
	// Output:
	// rows: 6 columns: 26
	// table=series
	// schema_version=7
	// master_seed=42
}
