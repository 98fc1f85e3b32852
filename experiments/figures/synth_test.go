package figures

import (
	"fmt"
	"math"
	"math/rand/v2"

	"dtaosim/experiments/record"
	"dtaosim/experiments/stats"
)

// synthetic returns a small fixed experiment, built by hand rather than simulated, with
// the shape of experiments/meme-capture.yaml: 2 mechanisms × 2 capitals × 3 ages × 2
// policies, reps runs per cell, series of 21 daily points. Every number comes from closed
// formulas and a PCG seeded with (1, 1), so the figures drawn from it never change unless
// the drawing code does.
func synthetic(reps int) *Experiment {
	rng := rand.New(rand.NewPCG(1, 1))
	e := &Experiment{
		Name:   "synthetic",
		Design: "grid",
		Axes: []Axis{
			{Param: MechanismAxis, Values: []string{"launch_2025_02", "price_burn_2026_06"}},
			{Param: "agents.speculators.capital.min", Values: []string{"100", "300"}},
			{Param: AgeAxis, Values: []string{"7", "90", "365"}},
			{Param: PolicyAxis, Values: []string{"passive", "intervene"}},
		},
		CRN: []string{MechanismAxis, PolicyAxis},
	}
	const (
		w, R  = 0.18, 5e6 // tao weight, root TAO
		grow  = 1.8       // alpha per block at the start, as the formula assumes
		late  = 1.95      // alpha per block during the runs, a little faster
		days  = 20
		perDy = 7200
	)
	for _, c := range combinations(e, []int{0, 1, 2, 3}) {
		mech, capital, age, policy := c[0], c[1], c[2], c[3]
		ageDays, _ := number(age)
		capNum, _ := number(capital)
		cell := Cell{Index: len(e.Cells), Values: c, Mechanism: mech}
		// Capture is likelier with more capital, later in the chain's life, under the
		// launch mechanism and without intervention.
		pCap := 0.15 + 0.25*(capNum-100)/200 + 0.3*ageDays/365
		if mech == "price_burn_2026_06" {
			pCap *= 0.5
		}
		if policy == "intervene" {
			pCap *= 1 - 0.8*math.Exp(-ageDays/60)
		}
		for r := range reps {
			run := Run{Cell: cell.Index, Replicate: r, KindShare: map[string][]Point{}}
			captured := rng.Float64() < pCap
			cell.Runs++
			if captured {
				cell.Captured++
			}
			if policy == "intervene" {
				cell.Intervened++
				rootShare := 0.97 * math.Exp(-ageDays/120)
				cell.RootShareAtInterv = append(cell.RootShareAtInterv, rootShare*(0.95+0.1*rng.Float64()))
				if rng.Float64() < rootShare {
					cell.Succeeded++
				}
			}
			peak := 0.04 + 0.12*pCap + 0.03*rng.Float64()
			i0 := 1 + grow*perDy*ageDays
			for d := 0; d <= days; d++ {
				t := float64(d)
				meme := 0.02 + peak*(1-math.Exp(-t/3))
				if policy == "intervene" && t >= 4 {
					meme *= 0.3 + 0.7*(1-math.Exp(-ageDays/90))
				}
				revenue := 0.25 + 0.02*math.Sin(t/3+float64(r))
				run.KindShare["meme"] = append(run.KindShare["meme"], Point{t, meme})
				run.KindShare["revenue"] = append(run.KindShare["revenue"], Point{t, revenue})
				run.KindShare["utility"] = append(run.KindShare["utility"], Point{t, 1 - meme - revenue})
				iss := i0 + late*perDy*t
				run.RootProp = append(run.RootProp, Point{t, w * R / (w*R + iss) * (0.99 + 0.02*rng.Float64())})
			}
			run.Start = Start{Day: 0, Issuance: i0, RootTAO: R, RootProp: w * R / (w*R + i0), Recorded: true, AgeOffset: ageDays}
			e.Runs = append(e.Runs, run)
		}
		cell.CaptureLo, cell.CaptureHi = stats.Wilson(cell.Captured, cell.Runs, 0.95)
		e.Cells = append(e.Cells, cell)
	}
	// Paired comparisons between the two mechanisms, per context and policy.
	for i := range e.Cells {
		a := &e.Cells[i]
		for j := i + 1; j < len(e.Cells); j++ {
			b := &e.Cells[j]
			if a.Values[1] != b.Values[1] || a.Values[2] != b.Values[2] {
				continue
			}
			n11 := min(a.Captured, b.Captured)
			n10, n01 := a.Captured-n11, b.Captured-n11
			n00 := a.Runs - n11 - n10 - n01
			d, lo, hi := stats.PairedDiffNewcombe(n11, n10, n01, n00, 0.95)
			e.Comparisons = append(e.Comparisons, record.ComparisonRow{
				Context: fmt.Sprintf("agents.speculators.capital.min=%s;chain.age_days=%s", a.Values[1], a.Values[2]),
				ArmA:    fmt.Sprintf("%s=%s;%s=%s", MechanismAxis, a.Values[0], PolicyAxis, a.Values[3]),
				ArmB:    fmt.Sprintf("%s=%s;%s=%s", MechanismAxis, b.Values[0], PolicyAxis, b.Values[3]),
				CellA:   int32(a.Index), CellB: int32(b.Index), Pairs: int32(a.Runs),
				N11: int32(n11), N10: int32(n10), N01: int32(n01), N00: int32(n00),
				Diff: d, DiffLo: lo, DiffHi: hi, McNemarP: stats.McNemarExact(n10, n01),
			})
		}
	}
	// One SN28 episode per mechanism: price collapse after the intervention on day 4.
	for m, mech := range e.Axes[0].Values {
		ep := Episode{Mechanism: mech, Context: "capital.min=100, age_days=7", Replicate: 0, Netuid: 28, InterventionDay: 4}
		for d := 0; d <= 4*days; d++ {
			t := float64(d) / 4
			pump := 0.1 * math.Exp(2.5*math.Min(t, 1.5)-0.8*float64(m))
			share := 0.02 + 0.06*(1-math.Exp(-t))
			root := 0.97 - 0.03*t/days
			ep.Without = append(ep.Without, EpisodePoint{t, pump * math.Exp(-0.05*math.Max(0, t-1.5)), share, root})
			with := EpisodePoint{t, pump * math.Exp(-0.05*math.Max(0, t-1.5)), share, root}
			if t >= 4 {
				with.Price *= math.Exp(-2.5 * math.Min(t-4, 1))
				with.EmissionShare *= 0.4
			}
			ep.With = append(ep.With, with)
		}
		e.Episodes = append(e.Episodes, ep)
	}
	return e
}

// syntheticSensitivity returns an experiment holding the indices of a made-up Morris or
// Sobol' screening of five parameters on three outputs, from closed formulas: parameter i
// has influence 1/(i+1) on every output, scaled per output, with interactions growing
// with i, and one output constant (left out of the figure).
func syntheticSensitivity(design string) *Experiment {
	params := []string{"agents.speculators.capital.min", "agents.speculators.herding", "agents.root_validators.intervene_share",
		"agents.root_validators.detection_delay_days", "chain.age_days"}
	outputs := []struct {
		name  string
		scale float64
	}{{"capture_probability", 0.6}, {"peak_meme_share", 0.2}, {"at_theta_probability", 0}}
	nan := math.NaN()
	e := &Experiment{Name: "synthetic-" + design, Design: design}
	for _, o := range outputs {
		for i, p := range params {
			w := 1 / float64(i+1)
			r := record.SensitivityRow{Design: design, Output: o.name, Param: p, Rank: int32(i + 1), Points: 120, Runs: 1200,
				MuStar: nan, MuStarLo: nan, MuStarHi: nan, Mu: nan, Sigma: nan, S1: nan, S1Lo: nan, S1Hi: nan, ST: nan, STLo: nan, STHi: nan}
			if design == "morris" {
				r.MuStar = o.scale * w
				r.MuStarLo, r.MuStarHi = r.MuStar*0.8, r.MuStar*1.15
				r.Mu = -r.MuStar * (1 - 0.3*float64(i))
				r.Sigma = r.MuStar * (0.2 + 0.3*float64(i))
			} else if o.scale > 0 {
				r.S1 = 0.45 * w
				r.ST = r.S1 + 0.05*float64(i)
				r.S1Lo, r.S1Hi = r.S1-0.06, r.S1+0.05
				r.STLo, r.STHi = r.ST-0.04, r.ST+0.07
			}
			e.Sensitivity = append(e.Sensitivity, r)
		}
	}
	return e
}
