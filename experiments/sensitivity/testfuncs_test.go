package sensitivity

import "math"

// Test functions with known Sobol' indices (Saltelli et al. 2008, Global Sensitivity
// Analysis: The Primer, §1.2 and §4.2; Sobol' 1993).

// ishigami is the Ishigami–Homma (1990) function on [−π, π]^3,
// f(x) = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁.
func ishigami(x []float64, a, b float64) float64 {
	return math.Sin(x[0]) + a*math.Sin(x[1])*math.Sin(x[1]) + b*math.Pow(x[2], 4)*math.Sin(x[0])
}

// ishigamiIndices returns the analytic first-order and total indices of the Ishigami
// function with uniform inputs on [−π, π]: with V₁ = ½(1 + bπ⁴/5)², V₂ = a²/8,
// V₁₃ = b²π⁸(1/18 − 1/50) and V = V₁ + V₂ + V₁₃, S1 = (V₁, V₂, 0)/V and
// ST = (V₁ + V₁₃, V₂, V₁₃)/V.
func ishigamiIndices(a, b float64) (s1, st [3]float64) {
	pi4 := math.Pow(math.Pi, 4)
	v1 := 0.5 * (1 + b*pi4/5) * (1 + b*pi4/5)
	v2 := a * a / 8
	v13 := b * b * pi4 * pi4 * (1.0/18 - 1.0/50)
	v := v1 + v2 + v13
	return [3]float64{v1 / v, v2 / v, 0}, [3]float64{(v1 + v13) / v, v2 / v, v13 / v}
}

// gFunc is Sobol's G function on [0, 1]^k, f(x) = Π_i (|4x_i − 2| + a_i)/(1 + a_i): the
// smaller a_i, the more important x_i.
func gFunc(x, a []float64) float64 {
	f := 1.0
	for i, ai := range a {
		f *= (math.Abs(4*x[i]-2) + ai) / (1 + ai)
	}
	return f
}

// gIndices returns the analytic indices of the G function: with V_i = 1/(3(1 + a_i)²) and
// V = Π(1 + V_i) − 1, S1_i = V_i/V and ST_i = V_i Π_{j≠i}(1 + V_j)/V.
func gIndices(a []float64) (s1, st []float64) {
	vi := make([]float64, len(a))
	prod := 1.0
	for i, ai := range a {
		vi[i] = 1 / (3 * (1 + ai) * (1 + ai))
		prod *= 1 + vi[i]
	}
	v := prod - 1
	s1 = make([]float64, len(a))
	st = make([]float64, len(a))
	for i := range a {
		s1[i] = vi[i] / v
		st[i] = vi[i] * prod / (1 + vi[i]) / v
	}
	return s1, st
}

// evaluate returns one output per design point, f applied to the factor values (the unit
// point mapped through factors), wrapped as single replicates.
func evaluate(factors []Factor, unit [][]float64, f func([]float64) float64) [][]float64 {
	x, err := Values(factors, unit)
	if err != nil {
		panic(err)
	}
	y := make([][]float64, len(x))
	for n, p := range x {
		y[n] = []float64{f(p)}
	}
	return y
}

// unitFactors returns k factors on [0, 1].
func unitFactors(k int) []Factor {
	fs := make([]Factor, k)
	for i := range fs {
		fs[i] = Factor{Lo: 0, Hi: 1}
	}
	return fs
}

// ishigamiFactors are the three Ishigami inputs on [−π, π].
var ishigamiFactors = []Factor{
	{Name: "x1", Lo: -math.Pi, Hi: math.Pi},
	{Name: "x2", Lo: -math.Pi, Hi: math.Pi},
	{Name: "x3", Lo: -math.Pi, Hi: math.Pi},
}
