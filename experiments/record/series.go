package record

// seriesTable is the descriptor of the "series" table: one row per subnet per recorded
// block. Column order follows SeriesRow's fields.
var seriesTable = newTable("series",
	keyColumns(func(r *SeriesRow) *RunKey { return &r.RunKey }),
	[]column[SeriesRow]{
		int64Col("block", "absolute block number", func(r *SeriesRow) int64 { return r.Block }),
		float64Col("day", "days since the run started (7200 blocks a day)", func(r *SeriesRow) float64 { return r.Day }),
		int32Col("netuid", "subnet id", func(r *SeriesRow) int32 { return r.Netuid }),
	},
	withoutStats([]column[SeriesRow]{
		stringCol("kind", `subnet kind: "utility", "revenue", "meme"`, func(r *SeriesRow) string { return r.Kind }),
		stringCol("mechanism", "mechanism preset in force", func(r *SeriesRow) string { return r.Mechanism }),
		float64Col("price", "spot price, TAO per alpha", func(r *SeriesRow) float64 { return r.Price }),
		float64Col("moving_price", "EMA price, TAO per alpha", func(r *SeriesRow) float64 { return r.MovingPrice }),
		float64Col("tao_reserve", "pool TAO reserve, TAO", func(r *SeriesRow) float64 { return r.TaoReserve }),
		float64Col("alpha_reserve", "pool alpha reserve, alpha", func(r *SeriesRow) float64 { return r.AlphaReserve }),
		float64Col("alpha_outstanding", "alpha outstanding, alpha", func(r *SeriesRow) float64 { return r.AlphaOutstanding }),
		float64Col("alpha_issuance", "alpha issuance, alpha", func(r *SeriesRow) float64 { return r.AlphaIssuance }),
		float64Col("emission_share", "share of this block's TAO emission, in [0, 1]", func(r *SeriesRow) float64 { return r.EmissionShare }),
		float64Col("tao_emission", "TAO allocated this block", func(r *SeriesRow) float64 { return r.TaoEmission }),
		float64Col("root_prop", "root proportion w·R/(w·R + issuance)", func(r *SeriesRow) float64 { return r.RootProp }),
		float64Col("root_stake_share", "root validators' share of Yuma stake at the subnet's last epoch", func(r *SeriesRow) float64 { return r.RootStakeShare }),
		float64Col("holder_alpha", "alpha held by agents (not pools, not pending)", func(r *SeriesRow) float64 { return r.HolderAlpha }),
		float64Col("speculator_alpha", "of holder_alpha, held by speculators", func(r *SeriesRow) float64 { return r.SpeculatorAlpha }),
		float64Col("yield_staker_alpha", "of holder_alpha, held by yield stakers", func(r *SeriesRow) float64 { return r.YieldStakerAlpha }),
		int32Col("speculators", "speculators holding the subnet's alpha", func(r *SeriesRow) int32 { return r.Speculators }),
		int32Col("yield_stakers", "yield stakers holding the subnet's alpha", func(r *SeriesRow) int32 { return r.YieldStakers }),
		float64Col("flow_ema", "EMA of user TAO flow, TAO per block", func(r *SeriesRow) float64 { return r.FlowEMA }),
		float64Col("tao_issuance", "chain-wide TAO issuance, TAO", func(r *SeriesRow) float64 { return r.TaoIssuance }),
		float64Col("root_tao", "chain-wide TAO staked on root, TAO", func(r *SeriesRow) float64 { return r.RootTAO }),
	}),
)

// SeriesColumns returns the columns of the "series" table, in file order (* marks the
// columns with min/max statistics; Column gives the Parquet types):
//
//	cell int32*, replicate int32*, seed uint64*, block int64*, day float64*, netuid int32*,
//	kind utf8, mechanism utf8, price float64, moving_price float64, tao_reserve float64,
//	alpha_reserve float64, alpha_outstanding float64, alpha_issuance float64,
//	emission_share float64, tao_emission float64, root_prop float64,
//	root_stake_share float64, holder_alpha float64, flow_ema float64,
//	tao_issuance float64, root_tao float64
//
// The slice is a copy; changing it changes nothing.
func SeriesColumns() []Column { return seriesTable.columns() }

// SeriesWriter writes SeriesRows to a Parquet file whose "table" metadata is "series";
// see SeriesColumns for the columns.
//
// The file appears at its path only when Close succeeds; until then the rows go to a
// temporary file ".<name>.tmp-*" in the same directory, which any failure or Abort
// removes. Errors are sticky: after the first, every call returns it. A SeriesWriter is
// not safe for concurrent use.
type SeriesWriter struct{ w *writer[SeriesRow] }

// NewSeriesWriter creates the temporary file for a series table that Close will rename to
// path. meta is written into the file's footer, along with "table" and "schema_version".
func NewSeriesWriter(path string, meta Meta, opts ...Option) (*SeriesWriter, error) {
	w, err := newWriter(seriesTable, path, meta, opts)
	if err != nil {
		return nil, err
	}
	return &SeriesWriter{w}, nil
}

// Append adds one row. It does not retain r. Every WithRowGroupRows rows it writes a row
// group, so memory use stays bounded however many rows are appended.
func (w *SeriesWriter) Append(r *SeriesRow) error { return w.w.add(r) }

// Close writes the remaining rows and the footer, fsyncs the file and renames it to its
// path, replacing any file there. If anything fails, the temporary file is removed, the
// path is left as it was and the error is returned. Close after a successful Close
// returns nil.
func (w *SeriesWriter) Close() error { return w.w.close() }

// Abort discards the file: the temporary file is removed and the path is not created.
// It does nothing after a successful Close or after a failure, so it can be deferred.
func (w *SeriesWriter) Abort() { w.w.abort() }
