package experiments

import (
	"math"
	"math/rand/v2"

	"dtaosim/agents"
	"dtaosim/experiments/arrival"
)

// population is the first phase of a block (docs/agents.md, "The block loop" step 1): the
// agents, their Poisson clocks (a calendar queue) and the block's orders. Agents decide
// on the read-only View; world.execute carries their orders out.
type population struct {
	agents  []agents.Agent // agent k trades from account k
	cal     *agents.Calendar
	due     []int32        // scratch: agents whose clocks fire
	orders  []agents.Order // scratch: the block's orders
	clock   *rand.Rand     // stream "clock": waiting times
	order   *rand.Rand     // stream "order": the order in which orders execute
	streams Streams
	byClass map[string]*rand.Rand // stream "agent:<class>" per class
	actions int64                 // agent actions so far
	groups  []group               // each class's agents and how they arrive (arrivals.go)
	fracs   []float64             // scratch: arrival times within a step
}

// agentClass is one class of the population as the scenario gives it: its P&L class,
// how many, their capital, how they arrive (nil: all there from the first block), their
// price protection (orders.go), and how to make one from its account and capital.
type agentClass struct {
	class    string
	count    int
	capital  CapitalSpec
	arrival  *arrival.Config
	protect  PriceProtection
	newAgent func(id agents.AccountID, capital float64) agents.Agent
}

// classes lists the scenario's agent classes in account order (speculators first);
// value gives a subnet's value per day (valuation.go) to the classes that see it.
func classes(ag AgentsSpec, w *world, value func(i int) float64) []agentClass {
	return []agentClass{
		{"speculator", ag.Speculators.Count, ag.Speculators.Capital, &ag.Speculators.Arrival, ag.Speculators.PriceProtection, func(id agents.AccountID, _ float64) agents.Agent {
			return agents.NewSpeculator(id, ag.Speculators.SpeculatorParams)
		}},
		{"yield_staker", ag.YieldStakers.Count, ag.YieldStakers.Capital, &ag.YieldStakers.Arrival, ag.YieldStakers.PriceProtection, func(id agents.AccountID, _ float64) agents.Agent {
			return &agents.YieldStaker{ID: id, P: ag.YieldStakers.YieldStakerParams}
		}},
		{"arbitrageur", ag.Arbitrageurs.Count, ag.Arbitrageurs.Capital, nil, ag.Arbitrageurs.PriceProtection, func(id agents.AccountID, c float64) agents.Agent {
			return &agents.Arbitrageur{ID: id, P: ag.Arbitrageurs.ArbitrageurParams, Capital: c, Reserves: func(i int) (float64, float64) {
				return w.C.S.TaoReserve[i], w.C.S.AlphaReserve[i]
			}}
		}},
		{"noise", ag.Noise.Count, ag.Noise.Capital, nil, ag.Noise.PriceProtection, func(id agents.AccountID, _ float64) agents.Agent {
			return &agents.Noise{ID: id, P: ag.Noise.NoiseParams}
		}},
		{"value_investor", ag.ValueInvestors.Count, ag.ValueInvestors.Capital, nil, ag.ValueInvestors.PriceProtection, func(id agents.AccountID, c float64) agents.Agent {
			return &agents.ValueInvestor{ID: id, P: ag.ValueInvestors.ValueInvestorParams, Capital: c, Value: value, Reserves: func(i int) (float64, float64) {
				return w.C.S.TaoReserve[i], w.C.S.AlphaReserve[i]
			}}
		}},
	}
}

// newPopulation opens an account for every agent of the scenario (the first accounts of
// w), draws each one's capital from stream "capital", and returns the population with
// each agent's initial TAO. population.start (arrivals.go) sets the clocks and arrivals.
func newPopulation(ag AgentsSpec, w *world, value func(i int) float64, st Streams) (population, []float64) {
	p := population{cal: agents.NewCalendar(8192), clock: st.Stream("clock"), order: st.Stream("order"),
		streams: st, byClass: map[string]*rand.Rand{}}
	capital := st.Stream("capital")
	var tao []float64
	cls := classes(ag, w, value)
	w.limits = newPriceLimits(cls)
	for _, c := range cls {
		p.groups = append(p.groups, group{class: c.class, first: len(p.agents), n: c.count, arrival: c.arrival})
		for range c.count {
			id := w.acct.add(c.class)
			x := c.capital.Min
			if c.capital.Dist == "pareto" {
				x = c.capital.Min * math.Pow(1-capital.Float64(), -1/c.capital.Alpha)
			}
			tao = append(tao, x)
			p.agents = append(p.agents, c.newAgent(id, x))
		}
	}
	w.acct.agents = len(p.agents)
	w.acct.speculators = ag.Speculators.Count
	if s := ag.Speculators.ThresholdSpread; s > 0 {
		spreadThresholds(p.agents[:ag.Speculators.Count], s, st.Stream("thresholds"))
	}
	if hi := ag.Speculators.LookbackMaxDays; hi > ag.Speculators.LookbackDays {
		spreadLookbacks(p.agents[:ag.Speculators.Count], hi, st.Stream("lookbacks"))
	}
	return p, tao
}

// spreadThresholds gives each speculator (the first accounts) its own exit thresholds:
// stop_loss, take_profit and quit_drawdown times independent factors uniform on
// [1 − s, 1 + s], drawn in account order from r (scenario field
// agents.speculators.threshold_spread). Traders with one common threshold sell together
// once a price crosses it; heterogeneous thresholds are how agent-based markets keep
// such synchronised cascades from being an artefact of identical agents (Ghoulmie, Cont
// & Nadal 2005, "Heterogeneity and feedback in an agent-based market model", J. Phys.:
// Condens. Matter 17(14); Cont 2007, "Volatility clustering in financial markets:
// empirical facts and agent-based models"). The spread's size is an assumption, not
// data: no source gives the distribution of subnet traders' stop-losses.
func spreadThresholds(as []agents.Agent, s float64, r *rand.Rand) {
	f := func(x float64) float64 { return x * (1 + s*(2*r.Float64()-1)) }
	for _, a := range as {
		sp := a.(*agents.Speculator)
		sp.P.StopLoss = f(sp.P.StopLoss)
		sp.P.TakeProfit = f(sp.P.TakeProfit)
		sp.P.QuitDrawdown = f(sp.P.QuitDrawdown)
	}
}

// spreadLookbacks gives each speculator (the first accounts) its own momentum window: a
// whole number of days uniform on [its lookback_days, hi], drawn in account order from r
// (scenario field agents.speculators.lookback_max_days). Traders who all read returns
// over one window rank subnets alike and crowd into the same ones (docs/calibration.md
// §8: the aged launch market's halvings are stop-loss cascades through such crowds);
// momentum in cryptocurrencies is measured over one to four weeks (Liu & Tsyvinski
// 2021; Liu, Tsyvinski & Wu 2022), so traders' windows differ. How they are distributed
// is an assumption, not data.
func spreadLookbacks(as []agents.Agent, hi int, r *rand.Rand) {
	for _, a := range as {
		sp := a.(*agents.Speculator)
		sp.P.LookbackDays += r.IntN(hi - sp.P.LookbackDays + 1)
	}
}

// decide lets every agent whose clock fires at block b act on v, sets its next
// wake-up, and returns the block's orders in a seeded random order.
func (p *population) decide(b int64, v agents.View) []agents.Order {
	p.due = p.cal.Due(b, p.due[:0])
	p.orders = p.orders[:0]
	for _, k := range p.due {
		a := p.agents[k]
		p.orders = a.Act(v, p.classRNG(a.Class()), p.orders)
		p.cal.Push(b+agents.NextDelay(a.Rate(), p.clock), k)
		p.actions++
	}
	p.order.Shuffle(len(p.orders), func(i, j int) { p.orders[i], p.orders[j] = p.orders[j], p.orders[i] })
	return p.orders
}

// classRNG returns the stream of an agent class, "agent:<class>".
func (p *population) classRNG(class string) *rand.Rand {
	r, ok := p.byClass[class]
	if !ok {
		r = p.streams.Stream("agent:" + class)
		p.byClass[class] = r
	}
	return r
}

// act is the first phase of block b: agents whose clocks fire decide, and their orders
// execute against the pools and the ledger (at the prices the agents saw, for price
// limits).
func (s *Sim) act(b int64) {
	for _, o := range s.decideOrders(b) {
		s.execute(o)
	}
}

// decideOrders is act without the execution: arrivals due at block b, the decisions of
// the agents whose clocks fire, and the prices they saw marked for the price limits. The
// orders are left to execute in order (the diagnoses book each one's effect).
func (s *Sim) decideOrders(b int64) []agents.Order {
	if (b-s.C.StartBlock)%arrivalStep == 0 {
		s.pop.arrive(b, s.attention)
	}
	orders := s.pop.decide(b, s)
	s.markOrders(orders)
	return orders
}
