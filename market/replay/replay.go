// Package replay reads the scenario format of docs/replay.md, runs the chain mechanics of
// package market on its scripted trade tape, and writes one CSV row per block and subnet.
//
// Reading is strict: unknown keys, duplicate keys, wrong types, negative or non-finite
// amounts, unknown netuids on the tape and tape blocks outside the run are errors that
// name the line and the field or tape entry. A sell of more alpha than is outstanding
// is found while running and is an error too; Run then writes nothing.
package replay

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"dtaosim/market"
)

// Scenario is a parsed replay scenario.
type Scenario struct {
	Blocks     int64  // number of blocks to simulate
	StartBlock int64  // absolute number of the first block
	Mechanism  string // preset name
	Params     market.Params
	Subnets    []market.SubnetInit
	RootTAO    float64
	Tape       []Trade // in file order
}

// Trade is one tape entry.
type Trade struct {
	Index  int // position in the tape, from 0
	Line   int // line in the file
	Block  int64
	Netuid int
	Sell   bool
	Amount float64 // TAO for a buy, alpha for a sell
}

func (t Trade) action() string {
	if t.Sell {
		return "sell"
	}
	return "buy"
}

// maxBlocks bounds a scenario's length (about 380 years of blocks).
const maxBlocks = 1e11

// Parse reads a scenario from data. Errors name the line and field.
func Parse(data []byte) (*Scenario, error) {
	root, err := parseTree(data)
	if err != nil {
		return nil, err
	}
	top, err := root.object("", []string{"blocks", "start_block", "mechanism", "params", "subnets", "root", "tape"},
		[]string{"blocks", "mechanism", "subnets"})
	if err != nil {
		return nil, err
	}
	sc := &Scenario{StartBlock: 1}
	if sc.Blocks, err = top["blocks"].integer("blocks", 1, maxBlocks); err != nil {
		return nil, err
	}
	if v, ok := top["start_block"]; ok {
		if sc.StartBlock, err = v.integer("start_block", 0, maxBlocks); err != nil {
			return nil, err
		}
	}
	if sc.Mechanism, err = top["mechanism"].text("mechanism"); err != nil {
		return nil, err
	}
	if sc.Params, err = market.PresetParams(sc.Mechanism); err != nil {
		return nil, fieldErr(top["mechanism"].line, "mechanism", "%v", err)
	}
	if v, ok := top["params"]; ok {
		if v.kind != 'o' {
			return nil, fieldErr(v.line, "params", "expected an object, got %s", v.what())
		}
		for i, k := range v.keys {
			kid := v.kids[i]
			if kid.kind == 'n' {
				if _, err := kid.float("params."+k, math.Inf(-1)); err != nil {
					return nil, err
				}
			}
			if err := sc.Params.SetParam(k, kid.generic()); err != nil {
				if errors.Is(err, market.ErrUnknownParam) {
					return nil, fieldErr(v.klines[i], "params."+k, "unknown parameter (known: %s)", joinNames(market.ParamNames()))
				}
				return nil, fieldErr(kid.line, "params."+k, "%v", err)
			}
		}
	}
	if err := parseSubnets(top["subnets"], sc); err != nil {
		return nil, err
	}
	if v, ok := top["root"]; ok {
		m, err := v.object("root", []string{"tao_stake"}, []string{"tao_stake"})
		if err != nil {
			return nil, err
		}
		if sc.RootTAO, err = m["tao_stake"].float("root.tao_stake", 0); err != nil {
			return nil, err
		}
	}
	if v, ok := top["tape"]; ok {
		if err := parseTape(v, sc); err != nil {
			return nil, err
		}
	}
	return sc, nil
}

func joinNames(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += n
	}
	return out
}

func parseSubnets(v *node, sc *Scenario) error {
	items, err := v.list("subnets")
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return fieldErr(v.line, "subnets", "expected at least one subnet")
	}
	seen := map[int]int{}
	for k, it := range items {
		path := fmt.Sprintf("subnets[%d]", k)
		m, err := it.object(path,
			[]string{"netuid", "tao_reserve", "alpha_reserve", "alpha_issuance", "moving_price",
				"blocks_since_start", "flow_ema", "protocol_flow_ema", "miner_burned", "emission_enabled", "quote_weight"},
			[]string{"netuid", "tao_reserve", "alpha_reserve", "alpha_issuance", "moving_price"})
		if err != nil {
			return err
		}
		in := market.SubnetInit{BlocksSinceStart: market.DefaultBlocksSinceStart}
		u, err := m["netuid"].integer(path+".netuid", 1, 1<<16-1)
		if err != nil {
			return err
		}
		in.Netuid = int(u)
		if first, dup := seen[in.Netuid]; dup {
			return fieldErr(m["netuid"].line, path+".netuid", "netuid %d already used by subnets[%d]", in.Netuid, first)
		}
		seen[in.Netuid] = k
		floats := []struct {
			key string
			dst *float64
			lo  float64
			pos bool
		}{
			{"tao_reserve", &in.TaoReserve, 0, true},
			{"alpha_reserve", &in.AlphaReserve, 0, true},
			{"alpha_issuance", &in.AlphaIssuance, 0, false},
			{"moving_price", &in.MovingPrice, 0, false},
			{"blocks_since_start", &in.BlocksSinceStart, 0, false},
			{"miner_burned", &in.MinerBurned, 0, false},
		}
		for _, f := range floats {
			n, ok := m[f.key]
			if !ok {
				continue
			}
			if *f.dst, err = n.float(path+"."+f.key, f.lo); err != nil {
				return err
			}
			if f.pos && *f.dst == 0 {
				return fieldErr(n.line, path+"."+f.key, "expected a number > 0, got 0")
			}
		}
		for key, dst := range map[string]*float64{"flow_ema": &in.FlowEMA, "protocol_flow_ema": &in.ProtocolFlowEMA} {
			if n, ok := m[key]; ok {
				if *dst, err = n.signed(path + "." + key); err != nil {
					return err
				}
			}
		}
		if n, ok := m["emission_enabled"]; ok {
			en, err := n.boolean(path + ".emission_enabled")
			if err != nil {
				return err
			}
			in.EmissionDisabled = !en
		}
		if n, ok := m["quote_weight"]; ok {
			if in.QuoteWeight, err = n.float(path+".quote_weight", 0); err != nil {
				return err
			}
			if in.QuoteWeight < 0.01 || in.QuoteWeight > 0.99 {
				return fieldErr(n.line, path+".quote_weight", "expected a number in [0.01, 0.99], got %v", in.QuoteWeight)
			}
			if sc.Params.PoolModel == market.PoolCPMM && in.QuoteWeight != 0.5 {
				return fieldErr(n.line, path+".quote_weight", "expected 0.5 with pool_model \"cpmm\", got %v", in.QuoteWeight)
			}
		}
		if in.AlphaIssuance < in.AlphaReserve {
			return fieldErr(m["alpha_issuance"].line, path+".alpha_issuance", "expected >= alpha_reserve (%v), got %v", in.AlphaReserve, in.AlphaIssuance)
		}
		if in.AlphaIssuance > market.TotalSupply {
			return fieldErr(m["alpha_issuance"].line, path+".alpha_issuance", "expected <= 21e6, got %v", in.AlphaIssuance)
		}
		sc.Subnets = append(sc.Subnets, in)
	}
	return nil
}

func parseTape(v *node, sc *Scenario) error {
	items, err := v.list("tape")
	if err != nil {
		return err
	}
	netuids := map[int]bool{}
	for _, s := range sc.Subnets {
		netuids[s.Netuid] = true
	}
	last := sc.StartBlock + sc.Blocks - 1
	for k, it := range items {
		path := fmt.Sprintf("tape[%d]", k)
		m, err := it.object(path, []string{"block", "netuid", "action", "amount"}, []string{"block", "netuid", "action", "amount"})
		if err != nil {
			return err
		}
		t := Trade{Index: k, Line: it.line}
		if t.Block, err = m["block"].integer(path+".block", math.MinInt32, maxBlocks*2); err != nil {
			return err
		}
		if t.Block < sc.StartBlock || t.Block > last {
			return fieldErr(m["block"].line, path+".block", "expected a block in [%d, %d] (start_block to start_block+blocks-1), got %d", sc.StartBlock, last, t.Block)
		}
		u, err := m["netuid"].integer(path+".netuid", math.MinInt32, math.MaxInt32)
		if err != nil {
			return err
		}
		if !netuids[int(u)] {
			return fieldErr(m["netuid"].line, path+".netuid", "no subnet with netuid %d in subnets", u)
		}
		t.Netuid = int(u)
		action, err := m["action"].text(path + ".action")
		if err != nil {
			return err
		}
		switch action {
		case "buy":
		case "sell":
			t.Sell = true
		default:
			return fieldErr(m["action"].line, path+".action", "expected \"buy\" or \"sell\", got %q", action)
		}
		if t.Amount, err = m["amount"].float(path+".amount", 0); err != nil {
			return err
		}
		if t.Amount == 0 {
			return fieldErr(m["amount"].line, path+".amount", "expected an amount > 0, got 0")
		}
		sc.Tape = append(sc.Tape, t)
	}
	// Stable sort by block keeps file order within a block (replay.md step 1).
	for i := 1; i < len(sc.Tape); i++ {
		for j := i; j > 0 && sc.Tape[j].Block < sc.Tape[j-1].Block; j-- {
			sc.Tape[j], sc.Tape[j-1] = sc.Tape[j-1], sc.Tape[j]
		}
	}
	return nil
}

// TradeError is a tape entry that cannot be executed (a sell of more alpha than is
// outstanding).
type TradeError struct {
	Trade Trade
	Err   error
}

func (e *TradeError) Error() string {
	return fmt.Sprintf("line %d: tape[%d] (block %d, netuid %d, %s %v): %v",
		e.Trade.Line, e.Trade.Index, e.Trade.Block, e.Trade.Netuid, e.Trade.action(), e.Trade.Amount, e.Err)
}

func (e *TradeError) Unwrap() error { return e.Err }

// Observer receives the chain after every block. It must not modify it.
type Observer func(c *market.Chain) error

// Run simulates the scenario, calling obs after each block (obs may be nil). Trades
// refused by min_reserve are reported to warn (if not nil) and skipped; a sell of more
// alpha than is outstanding stops the run with a *TradeError.
func Run(sc *Scenario, warn io.Writer, obs Observer) (*market.Chain, error) {
	c, err := market.New(sc.Params, sc.Subnets, sc.RootTAO, sc.StartBlock)
	if err != nil {
		return nil, err
	}
	tape := sc.Tape
	for b := sc.StartBlock; b < sc.StartBlock+sc.Blocks; b++ {
		for len(tape) > 0 && tape[0].Block == b {
			t := tape[0]
			tape = tape[1:]
			i := c.Index(t.Netuid)
			if t.Sell {
				_, err = c.Sell(i, t.Amount)
			} else {
				_, err = c.Buy(i, t.Amount)
			}
			switch {
			case err == nil:
			case errors.Is(err, market.ErrMinReserve) || errors.Is(err, market.ErrAmount):
				if warn != nil {
					fmt.Fprintf(warn, "warning: %v\n", &TradeError{Trade: t, Err: err})
				}
			default:
				return nil, &TradeError{Trade: t, Err: err}
			}
		}
		c.Step()
		if obs != nil {
			if err := obs(c); err != nil {
				return nil, err
			}
		}
	}
	return c, nil
}

// Columns are the CSV columns of replay.md, in order.
var Columns = []string{
	"block", "netuid", "tao_reserve", "alpha_reserve", "price", "moving_price", "emission_share",
	"tao_emission", "tao_in", "alpha_in", "excess_tao", "chain_bought_alpha", "alpha_out",
	"alpha_issuance", "alpha_outstanding", "root_prop", "root_alpha", "root_sold_tao", "flow_ema",
	"epoch", "dist_miner", "dist_validator", "dist_owner", "dist_root_alpha", "root_tao_paid",
	"tao_block_emission", "tao_issuance", "root_tao",
}

// CSVWriter returns an Observer that writes the replay CSV rows of every block to w
// (the header first), buffering through bw; the caller flushes bw.
func CSVWriter(bw *bufio.Writer) Observer {
	for i, col := range Columns {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString(col)
	}
	bw.WriteByte('\n')
	var buf []byte
	return func(c *market.Chain) error {
		s, r := &c.S, &c.Last
		flowRule := c.P.ShareRule == market.ShareTaoFlow || c.P.ShareRule == market.ShareNetTaoFlow
		block := c.Block - 1
		for i := range s.Netuid {
			buf = buf[:0]
			buf = strconv.AppendInt(buf, block, 10)
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(s.Netuid[i]), 10)
			flow := 0.0
			if flowRule {
				flow = s.FlowEMA[i]
			}
			epoch := 0.0
			if r.Epoch[i] {
				epoch = 1
			}
			for _, x := range [...]float64{
				s.TaoReserve[i], s.AlphaReserve[i], c.Price(i), s.MovingPrice[i], r.Share[i],
				r.TaoEmission[i], r.TaoIn[i], r.AlphaIn[i], r.ExcessTAO[i], r.BoughtAlpha[i], r.AlphaEmission[i],
				c.AlphaIssuance(i), s.AlphaOut[i], r.RootProp[i], r.RootAlpha[i], r.RootSoldTAO[i], flow,
			} {
				buf = append(buf, ',')
				buf = appendFloat(buf, x)
			}
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(epoch), 10)
			for _, x := range [...]float64{
				r.DistMiner[i], r.DistValidator[i], r.DistOwner[i], r.DistRootAlpha[i], r.RootTAOPaid[i],
				c.E, c.TaoIssuance, c.RootTAO,
			} {
				buf = append(buf, ',')
				buf = appendFloat(buf, x)
			}
			buf = append(buf, '\n')
			if _, err := bw.Write(buf); err != nil {
				return err
			}
		}
		return nil
	}
}

// appendFloat writes x in shortest round-trip form, strconv.FormatFloat(x, 'g', -1, 64),
// as replay.md specifies.
func appendFloat(buf []byte, x float64) []byte {
	return strconv.AppendFloat(buf, x, 'g', -1, 64)
}
