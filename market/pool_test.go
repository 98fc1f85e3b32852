package market

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

func TestSwapKernels(t *testing.T) {
	t.Parallel()
	// Constant product by hand: T=100, A=400 (p=0.25). Buying with 25 TAO:
	// out = 400·25/125 = 80, leaving 320 alpha against 125 TAO.
	if got := buyOut(100, 400, 0.5, 25); !scalar.EqualWithinAbsOrRel(got, 80, 1e-12, 1e-12) {
		t.Errorf("buyOut = %v, want 80", got)
	}
	// Selling 100 alpha into T=125, A=320: out = 125·100/420 = 29.761904...
	if got := sellOut(125, 320, 0.5, 100); !scalar.EqualWithinAbsOrRel(got, 125.0*100/420, 1e-12, 1e-12) {
		t.Errorf("sellOut = %v", got)
	}
	// Balancer at wT = 0.2 (wA/wT = 4): buy out = A·(1 − (T/(T+ΔT))^(0.25)).
	// T=100, A=1600, ΔT=1500: (100/1600)^0.25 = 0.5, so out = 800.
	if got := buyOut(100, 1600, 0.2, 1500); !scalar.EqualWithinAbsOrRel(got, 800, 1e-12, 1e-12) {
		t.Errorf("balancer buyOut = %v, want 800", got)
	}
	// Sell at wT = 0.8 (wA/wT = 0.25): T=100, A=100, ΔA=1500: (100/1600)^0.25 = 0.5 → 50.
	if got := sellOut(100, 100, 0.8, 1500); !scalar.EqualWithinAbsOrRel(got, 50, 1e-12, 1e-12) {
		t.Errorf("balancer sellOut = %v, want 50", got)
	}
	// Price (wA/wT)·T/A: wT=0.2 → 4·100/1600 = 0.25.
	if got := spotPrice(100, 1600, 0.2); got != 0.25 {
		t.Errorf("spotPrice = %v, want 0.25", got)
	}
}

// TestInjectWeightKeepsPrice checks the re-solved balancer weight of spec §10.4 on an
// off-price injection: the price after equals the price before.
func TestInjectWeightKeepsPrice(t *testing.T) {
	t.Parallel()
	t0, a0, w0 := 1000.0, 5000.0, 0.5
	p0 := spotPrice(t0, a0, w0)
	w1, ok := injectWeight(t0, a0, w0, 10, 1) // 10 TAO with 1 alpha: far above the price
	if !ok {
		t.Fatal("injection refused")
	}
	if p1 := spotPrice(t0+10, a0+1, w1); !scalar.EqualWithinAbsOrRel(p1, p0, 0, 1e-14) {
		t.Errorf("price moved from %v to %v", p0, p1)
	}
	if _, ok := injectWeight(1, 1e6, 0.5, 1e6, 0); ok {
		t.Error("an injection pushing the weight past 0.99 was accepted")
	}
	if w, _ := injectWeight(t0, a0, w0, 1, 5); math.Abs(w-0.5) > 1e-15 {
		t.Errorf("on-price injection changed the weight to %v", w)
	}
}
