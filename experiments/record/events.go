package record

// eventsTable is the descriptor of the "events" table: one row per event. Column order
// follows EventRow's fields.
var eventsTable = newTable("events",
	keyColumns(func(r *EventRow) *RunKey { return &r.RunKey }),
	[]column[EventRow]{
		int64Col("block", "absolute block number", func(r *EventRow) int64 { return r.Block }),
		float64Col("day", "days since the run started (7200 blocks a day)", func(r *EventRow) float64 { return r.Day }),
		stringCol("type", `event type: "takeover", "capture_start", "capture", "capture_end", "intervention", …`, func(r *EventRow) string { return r.Type }),
		int32Col("netuid", "subnet id; -1 when the event is chain-wide", func(r *EventRow) int32 { return r.Netuid }),
		float64Col("value", "event-specific number (see docs/schema.md)", func(r *EventRow) float64 { return r.Value }),
		stringCol("detail", "event-specific text", func(r *EventRow) string { return r.Detail }),
	},
)

// EventColumns returns the columns of the "events" table, in file order, all with min/max
// statistics (Column gives the Parquet types):
//
//	cell int32, replicate int32, seed uint64, block int64, day float64, type utf8,
//	netuid int32, value float64, detail utf8
//
// The slice is a copy; changing it changes nothing.
func EventColumns() []Column { return eventsTable.columns() }

// EventWriter writes EventRows to a Parquet file whose "table" metadata is "events"; see
// EventColumns for the columns. It behaves like SeriesWriter: atomic rename on Close,
// sticky errors, not safe for concurrent use.
type EventWriter struct{ w *writer[EventRow] }

// NewEventWriter creates the temporary file for an events table that Close will rename to
// path. meta is written into the file's footer, along with "table" and "schema_version".
func NewEventWriter(path string, meta Meta, opts ...Option) (*EventWriter, error) {
	w, err := newWriter(eventsTable, path, meta, opts)
	if err != nil {
		return nil, err
	}
	return &EventWriter{w}, nil
}

// Append adds one row. It does not retain r.
func (w *EventWriter) Append(r *EventRow) error { return w.w.add(r) }

// Close writes the remaining rows and the footer, fsyncs the file and renames it to its
// path, replacing any file there. If anything fails, the temporary file is removed, the
// path is left as it was and the error is returned. Close after a successful Close
// returns nil.
func (w *EventWriter) Close() error { return w.w.close() }

// Abort discards the file: the temporary file is removed and the path is not created.
// It does nothing after a successful Close or after a failure, so it can be deferred.
func (w *EventWriter) Abort() { w.w.abort() }
