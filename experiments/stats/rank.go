package stats

// Rank is x[i]'s rank in x, 1 = the largest: 1 + the number of entries strictly larger,
// so ties share the better rank. The capture metrics rank subnets by emission share with
// it, the validation by price (moment 17a's rule).
func Rank(x []float64, i int) int {
	rank := 1
	for _, v := range x {
		if v > x[i] {
			rank++
		}
	}
	return rank
}
