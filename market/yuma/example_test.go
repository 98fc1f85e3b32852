package yuma_test

import (
	"fmt"
	"log"

	"gonum.org/v1/gonum/mat"

	"dtaosim/market/yuma"
)

// A validator holding more than κ ≈ 1/2 of the stake gives miner 2 zero weight
// and clips it to zero, although the other validator puts 90% of its weight on
// it. With the stakes swapped, the zeroing validator is a minority and cannot.
func ExampleState_Epoch() {
	// Uids 0 and 1 validate; uids 2 and 3 mine. Row i is what uid i set.
	w := mat.NewDense(4, 4, []float64{
		0, 0, 0, 1, // uid 0: all on miner 3, nothing on miner 2
		0, 0, 0.9, 0.1, // uid 1: 90% on miner 2
		0, 0, 0, 0,
		0, 0, 0, 0,
	})
	for _, stake := range [][]float64{{600, 400, 0, 0}, {400, 600, 0, 0}} {
		st, err := yuma.New(4, yuma.DefaultParams())
		if err != nil {
			log.Fatal(err)
		}
		var res yuma.Result
		if err := st.Epoch(&res, stake, w, nil); err != nil {
			log.Fatal(err)
		}
		miner, validator := make([]float64, 4), make([]float64, 4)
		res.Distribute(1000, miner, validator) // 1000 alpha pending this epoch
		fmt.Printf("stake %v\n", stake[:2])
		fmt.Printf("  consensus %.3f  incentive %.3f\n", res.Consensus[2:], res.Incentive[2:])
		fmt.Printf("  dividends %.4f\n", res.Dividends[:2])
		fmt.Printf("  alpha to miners %.2f, to validators %.2f\n", miner[2:], validator[:2])
	}
	// Output:
	// stake [600 400]
	//   consensus [0.000 1.000]  incentive [0.000 1.000]
	//   dividends [0.9375 0.0625]
	//   alpha to miners [0.00 500.00], to validators [468.75 31.25]
	// stake [400 600]
	//   consensus [0.900 0.100]  incentive [0.844 0.156]
	//   dividends [0.0625 0.9375]
	//   alpha to miners [421.88 78.12], to validators [31.25 468.75]
}
