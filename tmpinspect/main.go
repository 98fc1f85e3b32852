package main

import (
	"fmt"
	"os"

	"dtaosim/experiments/record"
)

func main() {
	for _, dir := range os.Args[1:] {
		rows, err := record.ReadSeries(dir + "/series.parquet")
		if err != nil {
			panic(err)
		}
		fmt.Println("==", dir)
		last := -1.0
		for _, r := range rows {
			if r.Netuid != 28 || r.Day < 6.5 || r.Day > 13 {
				continue
			}
			if r.Day-last < 0.25 {
				continue
			}
			last = r.Day
			fmt.Printf("d %.2f p %.4f tao %.0f share %.3f holder %.0f\n", r.Day, r.Price, r.TaoReserve, r.EmissionShare, r.HolderAlpha)
		}
	}
}
