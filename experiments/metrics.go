package experiments

import (
	"math"

	"dtaosim/agents"
	"dtaosim/experiments/record"
)

// metrics follows a run's capture and intervention metrics block by block (DESIGN.md §6).
type metrics struct {
	theta    float64
	minRun   int64 // blocks above θ that make a capture
	topK     int
	window   int64 // intervention success window, blocks
	blocks   int64
	shareSum float64

	peak, cumMeme, cumTAO float64
	runStart              int64 // first block of the current run above θ, −1 if below
	captured              bool
	captureBlock          int64
	rankRun               []int64 // per subnet: first block of the current top-k run, −1 if out
	rankCaptured          bool
	rankBlock             int64
	lastShare             float64
	hhiSum, lastHHI       float64

	intervBlock  int64 // first intervention on a meme subnet, −1 if none
	intervSubnet int
	intervPrice  float64
	intervRoot   float64
	intervShare  float64
	drawdown     float64
	drawdownDone bool
	success      bool
	successDone  bool
	clip         []float64
	clipSeen     []bool
	events       int64
}

func (m *metrics) init(s *Sim) {
	sc := s.sc.Metrics
	m.theta = sc.Theta
	m.minRun = int64(math.Round(sc.MinDays * agents.BlocksPerDay))
	m.topK = sc.TopK
	m.window = int64(math.Round(sc.SuccessWindowDays * agents.BlocksPerDay))
	m.runStart, m.captureBlock, m.rankBlock, m.intervBlock = -1, -1, -1, -1
	m.rankRun = make([]int64, s.n)
	for i := range m.rankRun {
		m.rankRun[i] = -1
	}
	m.drawdown = math.NaN()
	m.intervRoot = math.NaN()
	m.intervShare = math.NaN()
	m.clip = make([]float64, s.n)
	m.clipSeen = make([]bool, s.n)
}

func (m *metrics) startIntervention(s *Sim, i int, b int64) {
	if m.intervBlock >= 0 || !s.memeAt[i] {
		return
	}
	m.intervBlock, m.intervSubnet = b, i
	m.intervPrice = s.C.Price(i)
	m.intervRoot = s.rootShare[i]
	m.intervShare = m.lastShare
}

// observe updates the metrics after block b's coinbase and epochs.
func (m *metrics) observe(s *Sim, b int64) error {
	c := s.C
	share, hhi := 0.0, 0.0
	for i, si := range c.Last.Share {
		hhi += si * si
		if s.Kinds[i] == agents.Meme {
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
	// Share capture: meme subnets together at or above θ for MinDays.
	if share >= m.theta && share > 0 {
		if m.runStart < 0 {
			m.runStart = b
			if err := s.event(b, "capture_start", -1, share, "meme share reached theta"); err != nil {
				return err
			}
		}
		if !m.captured && b-m.runStart+1 >= m.minRun {
			m.captured, m.captureBlock = true, m.runStart
			if err := s.event(b, "capture", -1, float64(m.runStart), "meme share at or above theta for min_days; value = first block of the run"); err != nil {
				return err
			}
		}
	} else if m.runStart >= 0 {
		m.runStart = -1
		if err := s.event(b, "capture_end", -1, share, "meme share fell below theta"); err != nil {
			return err
		}
	}
	// Rank capture: a meme subnet in the top k by emission share for MinDays.
	for i := range s.n {
		if s.Kinds[i] != agents.Meme {
			continue
		}
		si := c.Last.Share[i]
		rank := 1
		for j := range s.n {
			if c.Last.Share[j] > si {
				rank++
			}
		}
		if si > 0 && rank <= m.topK {
			if m.rankRun[i] < 0 {
				m.rankRun[i] = b
			}
			if !m.rankCaptured && b-m.rankRun[i]+1 >= m.minRun {
				m.rankCaptured, m.rankBlock = true, m.rankRun[i]
				if err := s.event(b, "rank_capture", i, float64(rank), "meme subnet in the top k for min_days; value = rank now"); err != nil {
					return err
				}
			}
		} else {
			m.rankRun[i] = -1
		}
	}
	// Intervention outcome: drawdown after 24 h, success within W days.
	if m.intervBlock >= 0 {
		if !m.drawdownDone && b >= m.intervBlock+agents.BlocksPerDay {
			m.drawdownDone = true
			if m.intervPrice > 0 {
				m.drawdown = 1 - c.Price(m.intervSubnet)/m.intervPrice
			}
			if err := s.event(b, "intervention_24h", m.intervSubnet, m.drawdown, "price drawdown 24 h after the intervention"); err != nil {
				return err
			}
		}
		if !m.successDone && b <= m.intervBlock+m.window && share < m.theta {
			m.successDone, m.success = true, true
			if err := s.event(b, "intervention_success", -1, share, "meme share below theta within the success window"); err != nil {
				return err
			}
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
	row := &record.RunRow{
		RunKey: s.opt.Key, Scenario: s.sc.Name, Mechanism: s.sc.Mechanism.Preset,
		Blocks:   m.blocks,
		Captured: m.captured, CaptureBlock: m.captureBlock, CaptureDay: day(m.captureBlock),
		RankCaptured: m.rankCaptured, RankCaptureBlock: m.rankBlock,
		PeakMemeShare: m.peak, MeanMemeShare: m.shareSum / math.Max(float64(m.blocks), 1),
		CumMemeTAO: m.cumMeme, CumTAO: m.cumTAO,
		Intervened: m.intervBlock >= 0, InterventionBlock: m.intervBlock, InterventionDay: day(m.intervBlock),
		RootShareAtInterv: m.intervRoot, MemeShareAtInterv: m.intervShare, HolderIncentive: math.NaN(),
		Drawdown24h: m.drawdown, InterventionSuccess: boolFloat(m.success),
		FinalMemeShare: m.lastShare, Actions: s.actions,
		MeanHHI: m.hhiSum / math.Max(float64(m.blocks), 1), FinalHHI: m.lastHHI,
	}
	if m.intervBlock >= 0 && m.clipSeen[m.intervSubnet] {
		row.HolderIncentive = m.clip[m.intervSubnet]
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

func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
