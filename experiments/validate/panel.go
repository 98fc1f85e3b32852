package validate

import (
	"fmt"
	"math"

	"dtaosim/experiments"
	"dtaosim/experiments/record"
)

// Outputs are what one run of a calibration scenario produced, as the moment functions
// read them: the scenario (with the horizon actually run), the chain state before the
// first block, the series gathered into a Panel, the events and the summary row.
type Outputs struct {
	Scenario *experiments.Scenario
	Initial  Initial
	Series   Panel
	Events   []record.EventRow
	Run      *record.RunRow
}

// Days is the horizon of the run in days.
func (o *Outputs) Days() float64 { return o.Scenario.Days }

// Initial is every subnet's pool and moving price before the run's first block.
type Initial struct {
	Netuids      []int
	TaoReserve   []float64 // TAO
	AlphaReserve []float64 // alpha
	MovingPrice  []float64 // TAO per alpha
}

// InitialOf returns the state sim starts from (before its first Step).
func InitialOf(sim *experiments.Sim) Initial {
	st := &sim.C.S
	return Initial{
		Netuids:      append([]int(nil), st.Netuid...),
		TaoReserve:   append([]float64(nil), st.TaoReserve...),
		AlphaReserve: append([]float64(nil), st.AlphaReserve...),
		MovingPrice:  append([]float64(nil), st.MovingPrice...),
	}
}

// Snapshot is every subnet's state at one recorded block; slices are indexed like
// Panel.Netuids.
type Snapshot struct {
	Block            int64
	Day              float64 // days since the run started
	Price            []float64
	MovingPrice      []float64
	TaoReserve       []float64
	AlphaOutstanding []float64
	EmissionShare    []float64
	RootProp         []float64
	FlowEMA          []float64 // EMA of user TAO flow, TAO per block (0 under price rules)
}

// Panel is a run's series as a sequence of snapshots, one per recorded block, in block
// order. The zero Panel is empty and ready for Add.
type Panel struct {
	Netuids []int32 // the subnets, in the order of the first recorded block
	Snaps   []Snapshot
	index   map[int32]int
	filled  int // rows added to the last snapshot
}

// Add appends one series row. Rows must come as the run writes them: block by block in
// increasing order, every subnet once per block, the same subnets at every block.
func (p *Panel) Add(r *record.SeriesRow) error {
	if len(p.Snaps) == 0 || r.Block != p.Snaps[len(p.Snaps)-1].Block {
		if err := p.closeLast(); err != nil {
			return err
		}
		if n := len(p.Snaps); n > 0 && r.Block < p.Snaps[n-1].Block {
			return fmt.Errorf("validate: series row at block %d after block %d", r.Block, p.Snaps[n-1].Block)
		}
		k := len(p.Netuids)
		p.Snaps = append(p.Snaps, Snapshot{
			Block: r.Block, Day: r.Day,
			Price: make([]float64, 0, k), MovingPrice: make([]float64, 0, k), TaoReserve: make([]float64, 0, k),
			AlphaOutstanding: make([]float64, 0, k), EmissionShare: make([]float64, 0, k), RootProp: make([]float64, 0, k),
			FlowEMA: make([]float64, 0, k),
		})
		p.filled = 0
	}
	s := &p.Snaps[len(p.Snaps)-1]
	if len(p.Snaps) == 1 {
		if p.index == nil {
			p.index = map[int32]int{}
		}
		if _, dup := p.index[r.Netuid]; dup {
			return fmt.Errorf("validate: subnet %d twice at block %d", r.Netuid, r.Block)
		}
		p.index[r.Netuid] = len(p.Netuids)
		p.Netuids = append(p.Netuids, r.Netuid)
	} else if k, ok := p.index[r.Netuid]; !ok || k != p.filled {
		return fmt.Errorf("validate: subnet %d out of order at block %d (the first block set the order)", r.Netuid, r.Block)
	}
	s.Price = append(s.Price, r.Price)
	s.MovingPrice = append(s.MovingPrice, r.MovingPrice)
	s.TaoReserve = append(s.TaoReserve, r.TaoReserve)
	s.AlphaOutstanding = append(s.AlphaOutstanding, r.AlphaOutstanding)
	s.EmissionShare = append(s.EmissionShare, r.EmissionShare)
	s.RootProp = append(s.RootProp, r.RootProp)
	s.FlowEMA = append(s.FlowEMA, r.FlowEMA)
	p.filled++
	return nil
}

// Close checks that the last block got a row for every subnet.
func (p *Panel) Close() error { return p.closeLast() }

func (p *Panel) closeLast() error {
	if n := len(p.Snaps); n > 1 && p.filled != len(p.Netuids) {
		return fmt.Errorf("validate: block %d has %d of %d subnets", p.Snaps[n-1].Block, p.filled, len(p.Netuids))
	}
	return nil
}

// At returns the snapshot recorded nearest to day, or nil if none lies within half a
// day of it (the run ended before, or records too sparsely).
func (p *Panel) At(day float64) *Snapshot {
	var best *Snapshot
	bd := math.Inf(1)
	for k := range p.Snaps {
		if d := math.Abs(p.Snaps[k].Day - day); d < bd {
			best, bd = &p.Snaps[k], d
		}
	}
	if bd > 0.5 {
		return nil
	}
	return best
}

// Window returns the snapshots recorded from day from to day to, both included.
func (p *Panel) Window(from, to float64) []Snapshot {
	var lo, hi int
	for lo = 0; lo < len(p.Snaps) && p.Snaps[lo].Day < from; lo++ {
	}
	for hi = lo; hi < len(p.Snaps) && p.Snaps[hi].Day <= to; hi++ {
	}
	return p.Snaps[lo:hi]
}

// Subnet returns the index of netuid in the panel's slices, or −1.
func (p *Panel) Subnet(netuid int32) int {
	if k, ok := p.index[netuid]; ok {
		return k
	}
	return -1
}
