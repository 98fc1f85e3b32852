package experiments

import (
	"context"
	"testing"

	"dtaosim/agents"
)

// TestValueInvestorsTrade: with value investors in an aged market they trade and the run
// reports their volume, trades and P&L; they never end holding the meme subnet's alpha
// past the takeover long enough to keep it (a meme subnet has no value: F = 0, so a held
// position is the first sold). Without them (the default) the columns are zero.
func TestValueInvestorsTrade(t *testing.T) {
	t.Parallel()
	sc := Defaults()
	sc.Days = 4
	sc.Subnets.Count, sc.Subnets.Init, sc.Chain.AgeDays = 16, "aged", 90
	sc.Subnets.Meme = MemeSpec{Netuids: []int{3}, TakeoverDay: 1, HolderMiners: 8, Takeover: true}
	sc.Agents.Speculators.Count = 40
	off, err := Run(context.Background(), &sc, Options{Streams: Streams{Master: 7}})
	if err != nil {
		t.Fatal(err)
	}
	if off.TradesValueInvestors != 0 || off.VolumeValueInvestors != 0 || off.PnLValueInvestors != 0 {
		t.Errorf("without value investors: trades %d, volume %v, P&L %v, want zeros", off.TradesValueInvestors, off.VolumeValueInvestors, off.PnLValueInvestors)
	}
	sc.Agents.ValueInvestors.Count = 4
	sc.Agents.ValueInvestors.RatePerDay = 24
	var meme []float64 // the investors' meme alpha at the end of each day after the takeover
	s, err := NewSim(&sc, Options{Streams: Streams{Master: 7}})
	if err != nil {
		t.Fatal(err)
	}
	first := agents.AccountID(sc.Agents.Speculators.Count + sc.Agents.YieldStakers.Count + sc.Agents.Arbitrageurs.Count + sc.Agents.Noise.Count)
	for b := int64(0); b < int64(sc.Days*agents.BlocksPerDay); b++ {
		if err := s.Step(); err != nil {
			t.Fatal(err)
		}
		if (b+1)%int64(agents.BlocksPerDay) == 0 && b > int64(2*agents.BlocksPerDay) {
			x := 0.0
			for k := range sc.Agents.ValueInvestors.Count {
				if c := s.acct.class[first+agents.AccountID(k)]; c != "value_investor" {
					t.Fatalf("account %d is a %q, want a value investor", first+agents.AccountID(k), c)
				}
				x += s.L.Alpha(first+agents.AccountID(k), 2)
			}
			meme = append(meme, x)
		}
	}
	on := s.Finish()
	if on.TradesValueInvestors == 0 || !(on.VolumeValueInvestors > 0) || on.PnLValueInvestors == 0 {
		t.Errorf("with 4 value investors: trades %d, volume %v, P&L %v, want trades", on.TradesValueInvestors, on.VolumeValueInvestors, on.PnLValueInvestors)
	}
	for d, x := range meme {
		if x != 0 {
			t.Errorf("day %d after the takeover's next day: value investors hold %v alpha of the meme subnet, want 0", d+3, x)
		}
	}
}
