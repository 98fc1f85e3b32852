package sweep

import (
	"testing"

	"dtaosim/experiments/record"
)

// TestHeadDiffsTakeovers: HeadDiffs counts the head's runs with a takeover in the pairs
// it compares, and NoTakeover holds exactly when there are none (an experiment that is a
// control arm as a whole).
func TestHeadDiffsTakeovers(t *testing.T) {
	t.Parallel()
	summary := func(takeover ...bool) *Summary {
		s := &Summary{Manifest: Manifest{Axes: []string{MechanismAxis}, CRNAxes: []string{MechanismAxis}, Cells: []CellManifest{
			{Index: 0, Axes: MechanismAxis + "=design_share_cap_10"},
			{Index: 1, Axes: MechanismAxis + "=" + HeadPreset},
		}}}
		s.Runs = make([][]*record.RunRow, 2)
		for _, to := range takeover {
			for c := range s.Runs {
				s.Runs[c] = append(s.Runs[c], &record.RunRow{Takeover: to, Misallocation: 0.5})
			}
		}
		return s
	}
	d := summary(true, false, true).HeadDiffs()
	if len(d) != 1 || d[0].Mechanism != "design_share_cap_10" || d[0].Takeovers != 2 || NoTakeover(d) {
		t.Errorf("two of three pairs with a takeover: %+v, NoTakeover %v", d, NoTakeover(d))
	}
	if d := summary(false, false).HeadDiffs(); len(d) != 1 || d[0].Takeovers != 0 || !NoTakeover(d) {
		t.Errorf("no takeover: %+v, NoTakeover %v", d, NoTakeover(d))
	}
	if NoTakeover(nil) {
		t.Error("NoTakeover(nil) = true: nothing compared is not a control arm")
	}
}
