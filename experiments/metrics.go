package experiments

import (
	"math"

	"dtaosim/agents"
	"dtaosim/experiments/record"
)

// metrics follows a run's capture and intervention metrics block by block (DESIGN.md §6).
//
// The meme share is the combined emission share of the subnets named meme in the scenario
// (subnets.meme.netuids), before and after the takeover and in a control arm without one,
// so that it can be compared across arms and with its value at the takeover. Capture is
// decided in observe: only from the takeover on, and only from below θ.
type metrics struct {
	theta    float64
	minRun   int64 // blocks above θ that make a capture
	topK     int
	window   int64 // intervention success window, blocks
	blocks   int64
	shareSum float64

	peak, cumMeme, cumTAO float64
	lastShare             float64
	hhiSum, lastHHI       float64

	// At the takeover (or the control arm's would-be takeover).
	takeoverBlock int64
	takeoverSeen  bool
	shareAtTO     float64
	rankAtTO      int
	atTheta       bool // share ≥ θ at the takeover: never a capture
	memeIdx       int  // the first meme subnet, −1 if none
	priceAtTO     float64
	peakPrice     float64 // highest price of memeIdx from the takeover on
	inTopK        bool    // a meme subnet in the top k at the takeover: never a rank capture

	runStart     int64 // first block of the current run above θ since the takeover, −1 if below
	captured     bool
	captureBlock int64
	rankRun      []int64 // per subnet: first block of the current top-k run, −1 if out
	rankCaptured bool
	rankBlock    int64

	// The root validators' decision, under either policy.
	decBlock    int64 // −1 if none
	decSubnet   int
	decShare    float64
	decPrice    float64
	afterSum    float64 // Σ meme share over the window after the decision
	afterBlocks int64
	priceChange float64
	memeAfter   float64 // TAO to meme subnets since the decision

	intervBlock  int64 // first intervention on a meme subnet, −1 if none
	intervSubnet int
	intervPrice  float64
	intervRoot   float64
	intervShare  float64
	drawdown     float64
	drawdownDone bool
	// success: 1 while the share has stayed below θ in the window, 0 once it was not;
	// NaN if the share was below θ at the intervention (nothing to stop).
	success float64
	clip    []float64
	events  int64
}

func (m *metrics) init(s *Sim) {
	sc := s.sc.Metrics
	m.theta = sc.Theta
	m.minRun = int64(math.Round(sc.MinDays * agents.BlocksPerDay))
	m.topK = sc.TopK
	m.window = int64(math.Round(sc.SuccessWindowDays * agents.BlocksPerDay))
	m.takeoverBlock = s.takeover
	m.shareAtTO, m.priceAtTO, m.peakPrice = math.NaN(), math.NaN(), math.NaN()
	m.memeIdx = -1
	if u := s.sc.Subnets.Meme.Netuids; len(u) > 0 {
		m.memeIdx = u[0] - 1
	}
	m.runStart, m.captureBlock, m.rankBlock, m.intervBlock, m.decBlock = -1, -1, -1, -1, -1
	m.rankRun = make([]int64, s.n)
	for i := range m.rankRun {
		m.rankRun[i] = -1
	}
	m.drawdown, m.priceChange, m.success = math.NaN(), math.NaN(), math.NaN()
	m.intervRoot, m.intervShare, m.decShare = math.NaN(), math.NaN(), math.NaN()
	m.clip = make([]float64, s.n)
	for i := range m.clip {
		m.clip[i] = math.NaN()
	}
}

// decide records the root validators' decision on subnet i at block b, under either
// policy: the outcomes measured from it pair the intervene and passive arms.
func (m *metrics) decide(s *Sim, i int, b int64) {
	if m.decBlock >= 0 || !s.memeAt[i] {
		return
	}
	m.decBlock, m.decSubnet = b, i
	m.decShare = m.lastShare
	m.decPrice = s.C.Price(i)
}

func (m *metrics) startIntervention(s *Sim, i int, b int64) {
	if m.intervBlock >= 0 || !s.memeAt[i] {
		return
	}
	m.intervBlock, m.intervSubnet = b, i
	m.intervPrice = s.C.Price(i)
	m.intervRoot = s.rootShare[i]
	m.intervShare = m.lastShare
	if m.intervShare >= m.theta {
		m.success = 1
	}
}

// clipped records the holders' share of subnet i's miner incentive at its first epoch
// after the intervention.
func (m *metrics) clipped(i int, holderShare float64) {
	if math.IsNaN(m.clip[i]) {
		m.clip[i] = holderShare
	}
}

// observe updates the metrics after block b's coinbase and epochs.
func (m *metrics) observe(s *Sim, b int64) error {
	c := s.C
	share, hhi := 0.0, 0.0
	for i, si := range c.Last.Share {
		hhi += si * si
		if s.memeAt[i] {
			share += si
		}
	}
	m.hhiSum += hhi
	m.lastHHI = hhi
	m.blocks++
	m.shareSum += share
	m.lastShare = share
	m.peak = max(m.peak, share)
	m.cumMeme += share * c.E
	m.cumTAO += c.E
	if b == m.takeoverBlock {
		m.atTakeover(s, share)
	}
	if m.takeoverSeen {
		if p := c.Price(m.memeIdx); !(p <= m.peakPrice) {
			m.peakPrice = p
		}
		if err := m.capture(s, b, share); err != nil {
			return err
		}
		if err := m.rankCapture(s, b); err != nil {
			return err
		}
	}
	if m.decBlock >= 0 {
		if b > m.decBlock && b <= m.decBlock+m.window {
			m.afterSum += share
			m.afterBlocks++
		}
		if b == m.decBlock+agents.BlocksPerDay && m.decPrice > 0 {
			m.priceChange = c.Price(m.decSubnet)/m.decPrice - 1
		}
		if b > m.decBlock {
			m.memeAfter += share * c.E
		}
	}
	return m.intervention(s, b, share)
}

// atTakeover records the meme subnets' position at the takeover block.
func (m *metrics) atTakeover(s *Sim, share float64) {
	if m.memeIdx < 0 {
		return
	}
	m.takeoverSeen = true
	m.shareAtTO = share
	m.priceAtTO = s.C.Price(m.memeIdx)
	m.atTheta = share >= m.theta && share > 0
	for i := range s.n {
		if s.memeAt[i] {
			r := m.rank(s, i)
			if m.rankAtTO == 0 || r < m.rankAtTO {
				m.rankAtTO = r
			}
		}
	}
	m.inTopK = m.rankAtTO > 0 && m.rankAtTO <= m.topK
}

// rank is subnet i's rank by emission share at the last block (1 = largest).
func (m *metrics) rank(s *Sim, i int) int {
	si := s.C.Last.Share[i]
	r := 1
	for j := range s.n {
		if s.C.Last.Share[j] > si {
			r++
		}
	}
	return r
}

// capture: from below θ at the takeover, meme subnets together at or above θ for MinDays.
func (m *metrics) capture(s *Sim, b int64, share float64) error {
	if share >= m.theta && share > 0 {
		if m.runStart < 0 {
			m.runStart = b
			if err := s.event(b, "capture_start", -1, share, "meme share reached theta"); err != nil {
				return err
			}
		}
		if !m.captured && !m.atTheta && b-m.runStart+1 >= m.minRun {
			m.captured, m.captureBlock = true, m.runStart
			if err := s.event(b, "capture", -1, float64(m.runStart), "meme share at or above theta for min_days, from below theta at the takeover; value = first block of the run"); err != nil {
				return err
			}
		}
	} else if m.runStart >= 0 {
		m.runStart = -1
		if err := s.event(b, "capture_end", -1, share, "meme share fell below theta"); err != nil {
			return err
		}
	}
	return nil
}

// rankCapture: from outside the top k at the takeover, a meme subnet in the top k by
// emission share for MinDays.
func (m *metrics) rankCapture(s *Sim, b int64) error {
	for i := range s.n {
		if !s.memeAt[i] {
			continue
		}
		if s.C.Last.Share[i] > 0 && m.rank(s, i) <= m.topK {
			if m.rankRun[i] < 0 {
				m.rankRun[i] = b
			}
			if !m.rankCaptured && !m.inTopK && b-m.rankRun[i]+1 >= m.minRun {
				m.rankCaptured, m.rankBlock = true, m.rankRun[i]
				if err := s.event(b, "rank_capture", i, float64(m.rank(s, i)), "meme subnet in the top k for min_days, from outside it at the takeover; value = rank now"); err != nil {
					return err
				}
			}
		} else {
			m.rankRun[i] = -1
		}
	}
	return nil
}

// intervention: the drawdown 24 h after it and, where the share was at or above θ at it,
// whether the share stayed below θ for the whole window after it.
func (m *metrics) intervention(s *Sim, b int64, share float64) error {
	if m.intervBlock < 0 {
		return nil
	}
	if !m.drawdownDone && b >= m.intervBlock+agents.BlocksPerDay {
		m.drawdownDone = true
		if m.intervPrice > 0 {
			m.drawdown = 1 - s.C.Price(m.intervSubnet)/m.intervPrice
		}
		if err := s.event(b, "intervention_24h", m.intervSubnet, m.drawdown, "price drawdown 24 h after the intervention"); err != nil {
			return err
		}
	}
	if m.success == 1 && b > m.intervBlock && b <= m.intervBlock+m.window && share >= m.theta {
		m.success = 0
		if err := s.event(b, "intervention_failed", -1, share, "meme share at or above theta within the success window"); err != nil {
			return err
		}
	}
	return nil
}

func (m *metrics) finish(s *Sim) *record.RunRow {
	day := func(b int64) float64 {
		if b < 0 {
			return math.NaN()
		}
		return float64(b-s.C.StartBlock) / agents.BlocksPerDay
	}
	last := s.C.StartBlock + m.blocks - 1 // last block observed
	row := &record.RunRow{
		RunKey: s.opt.Key, Scenario: s.sc.Name, Mechanism: s.sc.Mechanism.Preset,
		Blocks:        m.blocks,
		Takeover:      s.sc.Subnets.Meme.Takeover && len(s.sc.Subnets.Meme.Netuids) > 0 && m.takeoverSeen,
		TakeoverBlock: -1, MemeShareAtTakeover: m.shareAtTO, MemeRankAtTakeover: int32(m.rankAtTO),
		InTopKAtTakeover: m.inTopK, AtThetaAtTakeover: m.atTheta, CaptureMinDays: s.sc.Metrics.MinDays,
		MemePriceAtTakeover: m.priceAtTO, PeakMemePrice: m.peakPrice, FinalMemePrice: math.NaN(),
		Captured: m.captured, CaptureBlock: m.captureBlock, CaptureDay: day(m.captureBlock),
		RankCaptured: m.rankCaptured, RankCaptureBlock: m.rankBlock,
		PeakMemeShare: m.peak, MeanMemeShare: m.shareSum / math.Max(float64(m.blocks), 1),
		CumMemeTAO: m.cumMeme, CumTAO: m.cumTAO,
		DecisionBlock: m.decBlock, DecisionDay: day(m.decBlock), MemeShareAtDecision: m.decShare,
		MemeShareAfter: math.NaN(), PriceChange24h: m.priceChange, MemeTAOAfter: math.NaN(),
		Intervened: m.intervBlock >= 0, InterventionBlock: m.intervBlock, InterventionDay: day(m.intervBlock),
		RootShareAtInterv: m.intervRoot, MemeShareAtInterv: m.intervShare, HolderIncentive: math.NaN(),
		Drawdown24h: m.drawdown, InterventionSuccess: m.success,
		FinalMemeShare: m.lastShare, Actions: s.actions,
		MeanHHI: m.hhiSum / math.Max(float64(m.blocks), 1), FinalHHI: m.lastHHI,
	}
	if m.takeoverSeen {
		row.TakeoverBlock = m.takeoverBlock
	}
	if m.memeIdx >= 0 {
		row.FinalMemePrice = s.C.Price(m.memeIdx)
	}
	for i := range s.n {
		if s.memeAt[i] && (row.MemeStartRank == 0 || int32(s.startRank[i]) < row.MemeStartRank) {
			row.MemeStartRank = int32(s.startRank[i])
		}
	}
	if m.decBlock >= 0 {
		row.MemeTAOAfter = m.memeAfter
		if m.afterBlocks > 0 {
			row.MemeShareAfter = m.afterSum / float64(m.afterBlocks)
		}
	}
	if m.intervBlock >= 0 {
		row.HolderIncentive = m.clip[m.intervSubnet]
		// Success needs the whole window observed.
		if m.success == 1 && m.intervBlock+m.window > last {
			row.InterventionSuccess = math.NaN()
		}
	}
	rp := 0.0
	for i := range s.n {
		rp += s.C.RootProp(i)
	}
	row.FinalRootPropMean = rp / float64(s.n)
	pnl := map[string]float64{}
	for a := range s.L.Accounts() {
		pnl[s.classOf[a]] += s.wealth(agentsID(a)) - s.initW[a]
	}
	row.PnLSpeculators = pnl["speculator"]
	row.PnLYieldStakers = pnl["yield_staker"]
	row.PnLArbitrageurs = pnl["arbitrageur"]
	row.PnLNoise = pnl["noise"]
	row.PnLRootValidators = pnl["root_validator"]
	row.PnLSubnetCohorts = pnl["subnet_cohorts"] - s.external
	return row
}

func agentsID(a int) agents.AccountID { return agents.AccountID(a) }
