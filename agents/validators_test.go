package agents

import (
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

func TestQualityWeightsProperty(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		q := rapid.SliceOf(rapid.Float64Range(-10, 10)).Draw(t, "quality")
		noise := rapid.Float64Range(0, 5).Draw(t, "noise")
		rng := newRand(rapid.Uint64().Draw(t, "seed"))
		dst := make([]float64, len(q))
		QualityWeights(dst, q, noise, rng)
		for j, w := range dst {
			if !(w >= 0) {
				t.Fatalf("weight %d = %g, want ≥ 0", j, w)
			}
		}
		QualityWeights(dst, q, 0, rng)
		for j, w := range dst {
			if w != max(q[j], 0) {
				t.Fatalf("noise 0: weight %d = %g, want max(q, 0) = %g", j, w, max(q[j], 0))
			}
		}
	})
}

// TestQualityWeightsMoments: w = q·(1 + σε) has mean q and sd qσ; with σ = 0.1 the clip
// at zero is 10 sd away and does not matter. Over n = 100 000 draws the sample mean's
// standard error is qσ/√n; allow 4 of them. The sample sd's relative standard error is
// about 1/√(2n) = 0.2%; allow 1%.
func TestQualityWeightsMoments(t *testing.T) {
	t.Parallel()
	const n, sigma = 100_000, 0.1
	q := []float64{0.5, 2}
	rng := newRand(1)
	dst := make([]float64, len(q))
	sum, sum2 := make([]float64, len(q)), make([]float64, len(q))
	for range n {
		QualityWeights(dst, q, sigma, rng)
		for j, w := range dst {
			sum[j] += w
			sum2[j] += w * w
		}
	}
	for j := range q {
		mean := sum[j] / n
		sd := math.Sqrt(sum2[j]/n - mean*mean)
		if se := q[j] * sigma / math.Sqrt(n); math.Abs(mean-q[j]) > 4*se {
			t.Errorf("q = %g: mean weight %g, want %g ± %g", q[j], mean, q[j], 4*se)
		}
		if math.Abs(sd/(q[j]*sigma)-1) > 0.01 {
			t.Errorf("q = %g: weight sd %g, want %g", q[j], sd, q[j]*sigma)
		}
	}
}

func TestHoldingWeights(t *testing.T) {
	t.Parallel()
	h := []float64{0, 3.5, 1e-9, 42}
	dst := make([]float64, len(h))
	HoldingWeights(dst, h)
	if !slices.Equal(dst, []float64{0, 3.5, 1e-9, 42}) {
		t.Fatalf("HoldingWeights = %v, want %v", dst, h)
	}
	h[1] = 99
	if dst[1] != 3.5 {
		t.Errorf("weights alias the holdings")
	}
}

func TestPumpDetected(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		kind           Kind
		now, then, fac float64
		want           bool
	}{
		{"meme tripled", Meme, 3, 1, 3, true},
		{"meme above", Meme, 10, 1, 3, true},
		{"meme just below", Meme, 2.999, 1, 3, false},
		{"utility tripled", Utility, 1.5, 0.5, 3, true},
		{"utility flat", Utility, 1, 1, 3, false},
		{"revenue tripled", Revenue, 3, 1, 3, false},
		{"revenue tenfold", Revenue, 10, 1, 3, false},
		{"no earlier price", Meme, 3, 0, 3, false},
		{"falling", Meme, 0.1, 1, 3, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := PumpDetected(tc.kind, tc.now, tc.then, tc.fac); got != tc.want {
				t.Errorf("PumpDetected(%v, %g, %g, %g) = %v, want %v", tc.kind, tc.now, tc.then, tc.fac, got, tc.want)
			}
		})
	}
}

func TestKindNames(t *testing.T) {
	t.Parallel()
	for _, name := range KindNames() {
		k, ok := ParseKind(name)
		if !ok || k.String() != name {
			t.Errorf("ParseKind(%q) = %v, %v", name, k, ok)
		}
	}
	if _, ok := ParseKind("bogus"); ok {
		t.Error("ParseKind(bogus) ok")
	}
	if Kind(9).String() != "invalid" {
		t.Errorf("Kind(9) = %q", Kind(9).String())
	}
}

func TestAgentsImplementAgent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a     Agent
		class string
		rate  float64
	}{
		{NewSpeculator(1, DefaultSpeculator()), "speculator", 24},
		{&YieldStaker{ID: 1, P: DefaultYieldStaker()}, "yield_staker", 4},
		{&Arbitrageur{ID: 1, P: DefaultArbitrageur()}, "arbitrageur", 48},
		{&Noise{ID: 1, P: DefaultNoise()}, "noise", 4},
	}
	for _, tc := range tests {
		if tc.a.Class() != tc.class || tc.a.Rate() != tc.rate || tc.a.Account() != 1 {
			t.Errorf("%T: class %q rate %g account %d, want %q %g 1", tc.a, tc.a.Class(), tc.a.Rate(), tc.a.Account(), tc.class, tc.rate)
		}
	}
}

// TestHoldingsCorrelation: hand-built cases of the weights-follow-holdings observation.
// Weights that are the holdings, at any scale, correlate at 1 and are flagged; a
// subnet scored by quality is not flagged, whether its miners' holdings do not vary (its
// cohorts paid into one account, as in the model), are unrelated to quality, or are
// ordered against it; fewer than two miners show nothing.
func TestHoldingsCorrelation(t *testing.T) {
	t.Parallel()
	const threshold = 0.9
	holdings := []float64{5000, 1200, 800, 300, 40, 7}
	scaled := make([]float64, len(holdings))
	HoldingWeights(scaled, holdings)
	for j := range scaled {
		scaled[j] *= 65535 / holdings[0] // the chain stores weights as u16, max-normalized
	}
	quality := []float64{1.8, 0.6, 1.1, 0.9, 2.4, 0.5}
	qw := make([]float64, len(quality))
	QualityWeights(qw, quality, 0.1, newRand(3))
	cases := []struct {
		name              string
		weights, holdings []float64
		want              float64 // NaN: only the flag is checked
		flag              bool
	}{
		{"holdings-weighted", holdings, holdings, 1, true},
		{"holdings-weighted, u16 scale", scaled, holdings, 1, true},
		{"holdings-weighted, one miner noisy", []float64{5000, 1200, 800, 300, 40, 900}, holdings, math.NaN(), true},
		{"quality, one account for all cohorts", qw, []float64{70, 70, 70, 70, 70, 70}, 0, false},
		{"quality, holdings unrelated", qw, []float64{10, 900, 40, 3000, 20, 500}, math.NaN(), false},
		{"quality, holdings against it", quality, []float64{1, 9, 5, 6, 0, 10}, math.NaN(), false},
		{"one miner", []float64{1}, []float64{30}, 0, false},
		{"no holdings", []float64{1, 2, 3}, []float64{0, 0, 0}, 0, false},
	}
	for _, tc := range cases {
		got := HoldingsCorrelation(tc.weights, tc.holdings)
		// Two sums of six products: rounding only.
		if !math.IsNaN(tc.want) && math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s: correlation %v, want %v", tc.name, got, tc.want)
		}
		if f := WeightsFollowHoldings(tc.weights, tc.holdings, threshold); f != tc.flag {
			t.Errorf("%s: flagged %v (correlation %.3f), want %v", tc.name, f, got, tc.flag)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("no panic on lengths that differ")
		}
	}()
	HoldingsCorrelation([]float64{1, 2}, []float64{1})
}
