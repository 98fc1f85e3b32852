package experiments

import (
	"fmt"
	"math"
	"testing"

	"dtaosim/agents"
)

// assessedScenario is a small aged chain with a meme subnet taken over on day 1 and a
// revenue subnet, under the head preset with the given overrides and assessment.
func assessedScenario(t *testing.T, mechanism string) *Scenario {
	t.Helper()
	sc, err := ParseScenario([]byte(`days: 4
chain: {age_days: 60}
mechanism: ` + mechanism + `
subnets: {count: 6, init: aged, meme: {netuids: [2], takeover_day: 1}, revenue: {netuids: [5], buyback_fraction: 0.5}}
agents: {speculators: {count: 10, arrival: {process: lump}}, yield_stakers: {count: 3, arrival: {process: lump}}, noise: {count: 5}}
`))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// kindValues recomputes, independently of valuation.go, each subnet's value by its
// current kind: utility its latent value, revenue its revenue, meme 0.
func kindValues(s *Sim) []float64 {
	v := make([]float64, s.n)
	for i := range s.n {
		switch s.Kinds[i] {
		case agents.Utility:
			v[i] = s.worth.latent[i]
		case agents.Revenue:
			v[i] = s.rev.perDay[i]
		}
	}
	return v
}

// TestValueWeightedEmissionFollowsAssessment: with value_weight 1 every block's emission
// shares are the assessed values' shares, recomputed here from the values by kind at each
// day's end (and at the start), lagged L days, times exp(σ·Z) with Z drawn from a copy
// of stream "assessment". The meme subnet's share falls to 0 only L days after its
// takeover.
func TestValueWeightedEmissionFollowsAssessment(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		sigma float64
		lag   int
	}{{"exact", 0, 0}, {"noisy and late", 0.4, 1}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			sc := assessedScenario(t, `{preset: price_burn_2026_06, params: {value_weight: 1}}`)
			sc.Mechanism.Assessment = AssessmentSpec{NoiseSigma: c.sigma, LagDays: c.lag}
			st := Streams{Master: 9}
			z := st.Stream("assessment")
			var days [][]float64 // values at the start and at each day's end
			want := func() []float64 {
				lagged := days[max(0, len(days)-1-c.lag)]
				a := make([]float64, len(lagged))
				sum := 0.0
				for i, v := range lagged {
					a[i] = v * math.Exp(c.sigma*z.NormFloat64())
					sum += a[i]
				}
				for i := range a {
					a[i] /= sum
				}
				return a
			}
			var shares []float64
			blocks, memeZeroFrom := 0, -1
			check := func(s *Sim) error {
				for i, x := range s.C.Last.Share {
					if math.Abs(x-shares[i]) > 1e-12 {
						t.Fatalf("block %d subnet %d: emission share %v, assessed-value share %v", s.C.Block-1, i+1, x, shares[i])
					}
				}
				if memeZeroFrom < 0 && s.C.Last.Share[1] == 0 {
					memeZeroFrom = blocks
				}
				blocks++
				if blocks%agents.BlocksPerDay == 0 { // the day ended in this block
					days = append(days, kindValues(s))
					shares = want()
				}
				return nil
			}
			s, err := NewSim(sc, Options{Streams: st, Check: check})
			if err != nil {
				t.Fatal(err)
			}
			days = append(days, kindValues(s))
			shares = want()
			for range 4 * agents.BlocksPerDay {
				if err := s.Step(); err != nil {
					t.Fatal(err)
				}
			}
			// Taken over at the start of day 1, it is assessed at 0 from the end of day
			// 1 + L (block (2+L)·7200).
			if wantFrom := (2 + c.lag) * agents.BlocksPerDay; memeZeroFrom != wantFrom {
				t.Errorf("the meme subnet's share fell to 0 at block %d, want %d", memeZeroFrom, wantFrom)
			}
		})
	}
}

// TestAssessmentInertWithoutValueWeight: under a mechanism with value_weight 0 the
// assessment changes nothing — a noisy, late assessor gives the same run, row for row,
// as the default one.
func TestAssessmentInertWithoutValueWeight(t *testing.T) {
	t.Parallel()
	var rows [2]string // formatted: the rows hold NaN, which DeepEqual never equates
	for k, a := range []AssessmentSpec{{}, {NoiseSigma: 0.5, LagDays: 2}} {
		sc := assessedScenario(t, `{preset: price_burn_2026_06}`)
		sc.Days = 2
		sc.Mechanism.Assessment = a
		s, err := NewSim(sc, Options{Streams: Streams{Master: 3}})
		if err != nil {
			t.Fatal(err)
		}
		for range 2 * agents.BlocksPerDay {
			if err := s.Step(); err != nil {
				t.Fatal(err)
			}
		}
		rows[k] = fmt.Sprintf("%+v", *s.Finish())
	}
	if rows[0] != rows[1] {
		t.Errorf("the assessment changed a run without value_weight:\n%+v\n%+v", rows[0], rows[1])
	}
}
