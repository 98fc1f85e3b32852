package sensitivity_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"dtaosim/experiments/sensitivity"
)

// Sobol' indices of the Ishigami function, f = sin x₁ + 7 sin² x₂ + 0.1 x₃⁴ sin x₁ on
// [−π, π]³, whose exact indices are S1 = (0.314, 0.442, 0) and ST = (0.558, 0.442, 0.244).
func ExampleSaltelli_Analyze() {
	factors := []sensitivity.Factor{
		{Name: "x1", Lo: -math.Pi, Hi: math.Pi},
		{Name: "x2", Lo: -math.Pi, Hi: math.Pi},
		{Name: "x3", Lo: -math.Pi, Hi: math.Pi},
	}
	design, err := sensitivity.NewSaltelli(len(factors), 4096, sensitivity.ScrambledSobol, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		panic(err)
	}
	x, err := sensitivity.Values(factors, design.Points)
	if err != nil {
		panic(err)
	}
	y := make([][]float64, len(x)) // one replicate per point: the function is deterministic
	for n, p := range x {
		y[n] = []float64{math.Sin(p[0]) + 7*math.Pow(math.Sin(p[1]), 2) + 0.1*math.Pow(p[2], 4)*math.Sin(p[0])}
	}
	res, err := design.Analyze(y, sensitivity.Bootstrap{}, rand.New(rand.NewPCG(2, 2)))
	if err != nil {
		panic(err)
	}
	for i, f := range res.Factors {
		fmt.Printf("%s  S1 %5.2f [%5.2f, %5.2f]  ST %5.2f [%5.2f, %5.2f]\n",
			factors[i].Name, f.S1, f.S1Lo, f.S1Hi, f.ST, f.STLo, f.STHi)
	}
	// Output:
	// x1  S1  0.31 [ 0.28,  0.34]  ST  0.56 [ 0.51,  0.60]
	// x2  S1  0.44 [ 0.41,  0.47]  ST  0.44 [ 0.42,  0.46]
	// x3  S1  0.00 [-0.03,  0.03]  ST  0.24 [ 0.23,  0.26]
}

// Morris screening of f = 2x₁ − 3x₂ + x₃x₄ with an inert x₅, with 4 noisy replicates per
// point: x₂ and x₁ act linearly (σ near 0, only replicate noise), x₃ and x₄ interact (σ
// comparable to μ*), x₅ does nothing.
func ExampleMorris_Analyze() {
	design, err := sensitivity.NewMorris(5, 20, 4, rand.New(rand.NewPCG(3, 3)))
	if err != nil {
		panic(err)
	}
	noise := rand.New(rand.NewPCG(4, 4))
	y := make([][]float64, len(design.Points))
	for n, p := range design.Points {
		for range 4 {
			y[n] = append(y[n], 2*p[0]-3*p[1]+p[2]*p[3]+0.05*noise.NormFloat64())
		}
	}
	res, err := design.Analyze(y, sensitivity.Bootstrap{}, rand.New(rand.NewPCG(5, 5)))
	if err != nil {
		panic(err)
	}
	for i, m := range res.Factors {
		fmt.Printf("x%d  mu* %5.2f [%5.2f, %5.2f]  mu %5.2f  sigma %5.2f\n", i+1, m.MuStar, m.MuStarLo, m.MuStarHi, m.Mu, m.Sigma)
	}
	fmt.Printf("replicate noise: %.4f of one run's variance, %.4f of the point means'\n", res.Noise.Share, res.Noise.MeansShare)
	// Output:
	// x1  mu*  2.02 [ 2.00,  2.04]  mu  2.02  sigma  0.05
	// x2  mu*  2.99 [ 2.97,  3.00]  mu -2.99  sigma  0.04
	// x3  mu*  0.49 [ 0.35,  0.63]  mu  0.49  sigma  0.35
	// x4  mu*  0.32 [ 0.18,  0.47]  mu  0.32  sigma  0.34
	// x5  mu*  0.03 [ 0.02,  0.04]  mu  0.01  sigma  0.04
	// replicate noise: 0.0014 of one run's variance, 0.0003 of the point means'
}
