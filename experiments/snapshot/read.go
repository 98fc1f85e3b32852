package snapshot

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"dtaosim/market"
)

// Columns are the header of a snapshot file, in order.
var Columns = []string{
	"block", "netuid", "registered_block", "tao_in", "alpha_in", "price_tao",
	"miner_burned", "emission_enabled", "tao_in_emission", "reg_cost_tao", "paid_uids",
	"owner_incentive_share",
}

// PriceTolerance is the largest relative difference allowed between a row's price_tao
// and tao_in/alpha_in. The provider computed the price from the reserves (relative error
// 2e-16); a file whose prices are not the reserve ratio (e.g. on-chain prices of
// weighted pools) does not fit the derivation rules, which assume w_T = 0.5.
const PriceTolerance = 1e-9

// Subnet is one row of a snapshot file: what the chain stored for one subnet.
type Subnet struct {
	Netuid              int     // subnet id, > 0
	RegisteredBlock     int64   // block the current owner registered the subnet
	TaoIn               float64 // SubnetTAO, TAO (> 0)
	AlphaIn             float64 // SubnetAlphaIn, alpha (> 0)
	Price               float64 // price_tao = TaoIn/AlphaIn, TAO per alpha
	MinerBurned         float64 // MinerBurned, fraction in [0, 1]
	EmissionEnabled     bool    // SubnetEmissionEnabled
	TaoInEmission       float64 // SubnetTaoInEmission, TAO injected per block (chain buys excluded)
	RegCost             float64 // registration cost, TAO
	PaidUIDs            int     // paid UIDs
	OwnerIncentiveShare float64 // share of incentive to the owner's hotkeys, fraction in [0, 1]
}

// Snapshot is a whole snapshot file: every subnet at one block, in file order.
type Snapshot struct {
	Name    string   // the file's name, used in error messages
	Block   int64    // the block every row was read at
	Subnets []Subnet // one per row, in file order
}

// ReadFile reads and checks the snapshot file at path (see Read).
func ReadFile(path string) (*Snapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	defer f.Close()
	return Read(f, filepath.Base(path))
}

// Read parses a snapshot CSV from r strictly. name (usually the file's base name)
// prefixes every error, with the line and the column at fault, e.g.
//
//	chain.csv:14: alpha_in: expected a number in (0, 21e6], got "x"
//
// The header must be exactly Columns. Every row must have every field, of its type and
// in its range: block, netuid, registered_block and paid_uids integers; emission_enabled
// 0 or 1; the reserves and the price in (0, 21e6]; the other numbers finite and ≥ 0,
// the two shares ≤ 1. All rows must share one block, netuids must be unique, no subnet
// may be registered after the block, and price_tao must equal tao_in/alpha_in within
// PriceTolerance. A file without rows is an error.
func Read(r io.Reader, name string) (*Snapshot, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // field counts are checked below, with a clearer message
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file, expected the header %s", name, strings.Join(Columns, ","))
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	if err := checkHeader(header); err != nil {
		return nil, fmt.Errorf("%s:1: header: %w", name, err)
	}
	s := &Snapshot{Name: name}
	firstLine := map[int]int{} // netuid → line of its row
	blockLine := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		row, block, err := parseRow(rec)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if blockLine == 0 {
			s.Block, blockLine = block, line
		} else if block != s.Block {
			return nil, fmt.Errorf("%s:%d: block: expected %d as on line %d (a snapshot is one block), got %d", name, line, s.Block, blockLine, block)
		}
		if row.RegisteredBlock > block {
			return nil, fmt.Errorf("%s:%d: registered_block: expected a block <= %d (the snapshot's), got %d", name, line, block, row.RegisteredBlock)
		}
		if prev, dup := firstLine[row.Netuid]; dup {
			return nil, fmt.Errorf("%s:%d: netuid: %d appears twice (first on line %d)", name, line, row.Netuid, prev)
		}
		firstLine[row.Netuid] = line
		s.Subnets = append(s.Subnets, row)
	}
	if len(s.Subnets) == 0 {
		return nil, fmt.Errorf("%s: no subnets: expected at least one row after the header", name)
	}
	return s, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %v", name, pe.Line, pe.Column, pe.Err) // line:byte, as compilers do
	}
	return fmt.Errorf("%s: %w", name, err)
}

func checkHeader(h []string) error {
	for i, want := range Columns {
		if i >= len(h) {
			return fmt.Errorf("expected %d columns %s, got %d (missing %q)", len(Columns), strings.Join(Columns, ","), len(h), want)
		}
		if h[i] != want {
			return fmt.Errorf("column %d: expected %q, got %q", i+1, want, h[i])
		}
	}
	if len(h) > len(Columns) {
		return fmt.Errorf("expected %d columns, got %d (unexpected %q)", len(Columns), len(h), h[len(Columns)])
	}
	return nil
}

// rowParser reads one record's fields by column, keeping the first error.
type rowParser struct {
	rec []string
	err error
}

func (p *rowParser) fail(col int, format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf("%s: "+format, append([]any{Columns[col]}, args...)...)
	}
}

// integer reads column col as a whole number in [lo, hi].
func (p *rowParser) integer(col int, lo, hi int64) int64 {
	s := p.rec[col]
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < lo || v > hi {
		if hi == math.MaxInt64 {
			p.fail(col, "expected an integer >= %d, got %q", lo, s)
		} else {
			p.fail(col, "expected an integer in [%d, %d], got %q", lo, hi, s)
		}
		return 0
	}
	return v
}

// number reads column col as a finite float64: in (0, 21e6] (the supply cap of TAO and
// of each alpha) when positive, else ≥ 0, and ≤ 1 when fraction.
func (p *rowParser) number(col int, positive, fraction bool) float64 {
	s := p.rec[col]
	v, err := strconv.ParseFloat(s, 64)
	ok := err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
	switch {
	case positive:
		if !ok || v <= 0 || v > market.TotalSupply {
			p.fail(col, "expected a number in (0, 21e6], got %q", s)
		}
	case fraction:
		if !ok || v < 0 || v > 1 {
			p.fail(col, "expected a number in [0, 1], got %q", s)
		}
	default:
		if !ok || v < 0 {
			p.fail(col, "expected a number >= 0, got %q", s)
		}
	}
	return v
}

func parseRow(rec []string) (Subnet, int64, error) {
	if len(rec) != len(Columns) {
		return Subnet{}, 0, fmt.Errorf("expected %d fields, got %d", len(Columns), len(rec))
	}
	p := rowParser{rec: rec}
	const netuidMax = 65535 // netuids are u16 on chain
	var s Subnet
	block := p.integer(0, 0, math.MaxInt64)
	s.Netuid = int(p.integer(1, 1, netuidMax))
	s.RegisteredBlock = p.integer(2, 0, math.MaxInt64)
	s.TaoIn = p.number(3, true, false)
	s.AlphaIn = p.number(4, true, false)
	s.Price = p.number(5, true, false)
	s.MinerBurned = p.number(6, false, true)
	switch rec[7] {
	case "0":
	case "1":
		s.EmissionEnabled = true
	default:
		p.fail(7, "expected 0 or 1, got %q", rec[7])
	}
	s.TaoInEmission = p.number(8, false, false)
	s.RegCost = p.number(9, false, false)
	s.PaidUIDs = int(p.integer(10, 0, math.MaxInt32))
	s.OwnerIncentiveShare = p.number(11, false, true)
	if p.err == nil {
		if ratio := s.TaoIn / s.AlphaIn; math.Abs(s.Price-ratio) > PriceTolerance*ratio {
			p.fail(5, "expected tao_in/alpha_in = %v (within a relative %g), got %q", ratio, PriceTolerance, rec[5])
		}
	}
	return s, block, p.err
}
