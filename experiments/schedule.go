package experiments

import (
	"fmt"
	"math"

	"dtaosim/agents"
	"dtaosim/market"
	"dtaosim/market/yuma"
)

// schedule is the mechanism's switches (mechanism.schedule): at its block each
// replaces the chain's parameters by another preset's, with its overrides.
type schedule struct {
	next    []scheduled // switches still to come, in block order
	current string      // name of the preset in force
}

type scheduled struct {
	block  int64
	preset string
	params market.Params
	rules  StakeRules  // the validation-level designs under preset
	yuma   yuma.Params // every subnet's Yuma from the switch on
}

func newSchedule(sc *Scenario) (schedule, error) {
	s := schedule{current: sc.Mechanism.Preset}
	for k, sw := range sc.Mechanism.Schedule {
		p, err := sc.Params(sw.Preset, sw.Params, fmt.Sprintf("mechanism.schedule[%d]", k))
		if err != nil {
			return s, err
		}
		yp, err := sc.Yuma(sw.Preset, sw.Yuma, fmt.Sprintf("mechanism.schedule[%d]", k))
		if err != nil {
			return s, err
		}
		s.next = append(s.next, scheduled{block: 1 + int64(math.Round(sw.Day*agents.BlocksPerDay)), preset: sw.Preset, params: p, rules: sc.stakeRules(sw.Preset), yuma: yp})
	}
	return s, nil
}

// switches applies what the scenario schedules for block b, before agents act: the
// preset switches due, then the meme takeover.
func (s *Sim) switches(b int64) error {
	for len(s.sched.next) > 0 && s.sched.next[0].block == b {
		sw := s.sched.next[0]
		s.sched.next = s.sched.next[1:]
		wasFlow := flowRule(s.C.P.ShareRule)
		if err := s.C.SetParams(sw.params); err != nil {
			return err
		}
		startFlowRule(s.sc, s.C, wasFlow)
		// The chain sets a subnet's Yuma version when it registers; the model gives every
		// subnet the new preset's (docs/mechanism.md §12), which a switch's yuma overrides.
		for _, st := range s.val.yumas {
			if err := st.SetParams(sw.yuma); err != nil {
				return err
			}
		}
		s.sched.current = sw.preset
		s.val.rules = sw.rules
		if err := s.obs.ev.emit(b, "preset_switch", -1, 0, sw.preset); err != nil {
			return err
		}
	}
	return s.takeover(b)
}
