// Package value gives subnets a latent value and measures how far emission strays from it
// (docs/agents.md "Subnet kinds", docs/schema.md; issue 12 item 7): the "objective" the
// seed article says the price rule does not follow.
//
// # Value per subnet
//
// Values per day, in TAO, by kind (Values):
//   - utility: a latent value from Process;
//   - revenue: its revenue (proposed: the mining package's net revenue, State().NetTAO,
//     the value its hashrate adds after costs; a revenue subnet's value is its revenue);
//   - meme: none (0).
//
// A subnet that a takeover turns into a meme subnet has value 0 from then on; its latent
// value keeps evolving, unused.
//
// Process: each utility subnet's log value follows an Ornstein–Uhlenbeck process,
//
//	dx = θ(ln Median − x)dt + Sigma·√(2θ) dW,   θ = ln 2 / HalfLifeDays,
//
// stepped exactly, so that at any time the values are lognormal across subnets,
// ln v ~ N(ln Median, Sigma²) (the stationary law, which is also where they start), and a
// subnet's deviation from the median halves every HalfLifeDays on average.
//
//	field           default  source or "assumption"
//	median          12.5     assumption, a normalisation: the lognormal's mean,
//	                         Median·e^(Sigma²/2) ≈ 28 TAO/day, equals the block emission
//	                         per subnet after the December 2025 halving (3,600 TAO/day,
//	                         calibration.md, over 128 subnets), so that "emission follows
//	                         value" pays each subnet about its value. Only its ratio to the
//	                         revenue subnets' revenue matters to the value shares: a
//	                         sensitivity axis
//	sigma           1.27     assumption: value as concentrated as pool TAO across the 128
//	                         subnets of August 2026, Gini 0.63 (validation.md, moment 10);
//	                         a lognormal's Gini is erf(σ/2) (Aitchison & Brown 1957, The
//	                         Lognormal Distribution), so σ = 2·erfinv(0.63) ≈ 1.27
//	half_life_days  180      assumption: a subnet's usefulness changes over months; 0
//	                         freezes every value at its first draw; a sensitivity axis
//	init            independent
//	                         assumption: the first draws are unrelated to the prices;
//	                         "market_rank" reorders the same draws so that values rank as
//	                         the subnets' market caps at the start (Process.AlignWith): a
//	                         market that already prices what it knows. Equal caps (the
//	                         launch) leave the draws as they are. Every subnet is ranked,
//	                         meme and revenue subnets too (a meme subnet's latent value
//	                         goes unused, a revenue subnet's is replaced by its revenue)
//
// Each Advance draws one normal per subnet whatever the parameters, so runs that differ
// only in them share their shocks.
//
// # Misallocation
//
// Misallocation(emission, value) = ½ Σ_i |e_i/Σe − v_i/Σv|, the total-variation distance
// between the emission shares and the value shares: 0 when emission follows value, 1
// when all emission goes where there is no value. Undefined (NaN) when no subnet has
// value or none has emission. An Accumulator gives its time-weighted mean over a run and
// its final value.
//
// # How a scenario sets it (proposed fields)
//
//	subnets:
//	  utility:
//	    value: {median: 12.5, sigma: 1.27, half_life_days: 180}   # Config, by YAML name
//
// Proposed use in a run: one Process over all subnets on its own stream ("value"),
// advanced once a day; at each recorded block the emission weights are the blocks' TAO
// emission shares s_i (market.Chain.Last.Share) and the values are Values(kinds, Latent,
// net revenue); runs report `misallocation` = Accumulator.Mean() (weights: blocks
// between records) and `final_misallocation` = Accumulator.Final().
package value
