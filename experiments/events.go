package experiments

import (
	"dtaosim/agents"
	"dtaosim/experiments/record"
	"dtaosim/market"
)

// eventLog writes the run's events (docs/schema.md, table "events") as the parts of the
// run report them: preset switches, the takeover, halvings, flags and interventions,
// capture and its end. Every part that reports an event is handed the log; none keeps
// its own list.
type eventLog struct {
	out func(*record.EventRow) error // nil discards the events
	key record.RunKey
	c   *market.Chain // for netuids and the day of a block
}

// emit reports an event of type typ at block b about subnet index i (−1: the whole
// chain), with a value and a sentence saying what the value is. An error from the
// output stops the run.
func (e *eventLog) emit(b int64, typ string, i int, value float64, detail string) error {
	if e.out == nil {
		return nil
	}
	netuid := int32(-1)
	if i >= 0 {
		netuid = int32(e.c.S.Netuid[i])
	}
	return e.out(&record.EventRow{RunKey: e.key, Block: b, Day: float64(b-e.c.StartBlock) / agents.BlocksPerDay,
		Type: typ, Netuid: netuid, Value: value, Detail: detail})
}
