package stats

import (
	"math"
	"slices"
	"sort"
)

// Curve is a Kaplan–Meier product-limit survival curve (Kaplan & Meier 1958,
// JASA 53:457). It is a right-continuous step function: S(t) = 1 for
// t < Times[0] and S(t) = Surv[j] for Times[j] ≤ t < Times[j+1].
//
// The slices Times, AtRisk, Events, Surv and StdErr have one entry per
// distinct event time, in increasing order of time. Build a Curve with
// [KaplanMeier]; the zero Curve is the curve of an empty sample (S ≡ 1).
type Curve struct {
	// Times are the distinct times at which at least one event occurred,
	// strictly increasing, in the units of the input times.
	Times []float64
	// AtRisk[j] is the number of subjects still under observation just
	// before Times[j]: those whose time is ≥ Times[j].
	AtRisk []int
	// Events[j] ≥ 1 is the number of events at Times[j].
	Events []int
	// Surv[j] = ∏_{i ≤ j} (1 − Events[i]/AtRisk[i]) is the estimated
	// survival probability just after Times[j]; non-increasing, in [0, 1].
	Surv []float64
	// StdErr[j] is Greenwood's (1926) standard error of Surv[j]:
	// Surv[j]·sqrt(Σ_{i ≤ j} Events[i]/(AtRisk[i]·(AtRisk[i]−Events[i])))
	// (Klein & Moeschberger 2003, Survival Analysis, §4.2). Once the
	// curve reaches zero (AtRisk = Events) the sum is undefined; StdErr is
	// then set to 0, since S = 0 is certain given the data.
	StdErr []float64
	// N is the number of subjects (events plus censored).
	N int
	// Horizon is the largest observed time, event or censored; the curve
	// carries no information beyond it.
	Horizon float64
}

// KaplanMeier returns the Kaplan–Meier estimate of the survival function
// from right-censored data: times[i] is the time subject i was observed
// until, and events[i] reports whether the event happened then (true) or
// the subject was right-censored then (false), for instance because the
// simulation reached its horizon. At a tied time, events are taken to
// precede censorings, the usual convention (Kaplan & Meier 1958), so a
// subject censored at t counts as at risk at t.
//
// It panics if the slices differ in length or a time is NaN.
func KaplanMeier(times []float64, events []bool) Curve {
	if len(times) != len(events) {
		panic("stats: times and events lengths differ")
	}
	idx := make([]int, len(times))
	for i, t := range times {
		if math.IsNaN(t) {
			panic("stats: NaN time")
		}
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return times[idx[a]] < times[idx[b]] })

	c := Curve{N: len(times)}
	if len(times) > 0 {
		c.Horizon = times[idx[len(idx)-1]]
	}
	s, greenwood := 1.0, 0.0
	atRisk := len(times)
	for k := 0; k < len(idx); {
		t := times[idx[k]]
		d, m := 0, 0 // events and all subjects at time t
		for ; k < len(idx) && times[idx[k]] == t; k++ {
			m++
			if events[idx[k]] {
				d++
			}
		}
		if d > 0 {
			s *= 1 - float64(d)/float64(atRisk)
			se := 0.0
			if d < atRisk {
				greenwood += float64(d) / (float64(atRisk) * float64(atRisk-d))
				se = s * math.Sqrt(greenwood)
			}
			c.Times = append(c.Times, t)
			c.AtRisk = append(c.AtRisk, atRisk)
			c.Events = append(c.Events, d)
			c.Surv = append(c.Surv, s)
			c.StdErr = append(c.StdErr, se)
		}
		atRisk -= m
	}
	return c
}

// Survival returns the estimated probability of surviving past time t,
// Ŝ(t), a value in [0, 1] that is non-increasing in t. It is 1 before the
// first event time; beyond c.Horizon it returns the last estimate, which
// the data do not support if the largest time was censored.
func (c Curve) Survival(t float64) float64 {
	j := c.step(t)
	if j < 0 {
		return 1
	}
	return c.Surv[j]
}

// step returns the index of the last event time ≤ t, or −1.
func (c Curve) step(t float64) int {
	j, found := slices.BinarySearch(c.Times, t)
	if found {
		return j
	}
	return j - 1
}

// Median returns the estimated median survival time, the smallest event
// time at which Ŝ(t) ≤ 0.5 (Klein & Moeschberger 2003, §4.5). ok is false
// when the curve never falls to 0.5, e.g. when most subjects are censored
// at the horizon; m is then NaN and the median is only known to exceed
// c.Horizon.
//
// Note that R's survfit takes the midpoint of a flat segment on which Ŝ
// equals 0.5 exactly; this function does not.
func (c Curve) Median() (m float64, ok bool) {
	return c.firstBelow(func(j int) float64 { return c.Surv[j] })
}

// MedianCI returns the Brookmeyer & Crowley (1982, Biometrics 38:29)
// confidence interval for the median survival time at two-sided level conf,
// with Greenwood's variance on the untransformed scale. It inverts the test
// of S(t) = 0.5: with z = Φ⁻¹(1 − (1−conf)/2), the interval is the set of
// times where |Ŝ(t) − 0.5| ≤ z·SE(t), reported as
//
//	lo = smallest event time with Ŝ(t) − z·SE(t) ≤ 0.5
//	hi = smallest event time with Ŝ(t) + z·SE(t) ≤ 0.5
//
// (Klein & Moeschberger 2003, §4.5). Either limit is +Inf if the
// curve never crosses it within follow-up: the data then bound the median
// only from below.
//
// It panics if conf is outside (0, 1).
func (c Curve) MedianCI(conf float64) (lo, hi float64) {
	z := zCrit(conf)
	lo, ok := c.firstBelow(func(j int) float64 { return c.Surv[j] - z*c.StdErr[j] })
	if !ok {
		lo = math.Inf(1)
	}
	hi, ok = c.firstBelow(func(j int) float64 { return c.Surv[j] + z*c.StdErr[j] })
	if !ok {
		hi = math.Inf(1)
	}
	return lo, hi
}

// firstBelow returns the first event time whose value f(j) is ≤ 0.5.
func (c Curve) firstBelow(f func(j int) float64) (float64, bool) {
	for j := range c.Times {
		if f(j) <= 0.5 {
			return c.Times[j], true
		}
	}
	return math.NaN(), false
}
