// Package snapshot starts a simulation from a real chain: it reads a snapshot of every
// subnet's pool at one block (Read, ReadFile, Shipped) and derives, by the rules below,
// what the file does not hold, giving a Start whose Subnets are market.SubnetInit values
// (Start.NewChain builds the market.Chain).
//
// # Shipped data
//
// data/chain-2026-08-02-block8753086.csv (Aug2026): all 128 subnets at block 8,753,086,
// 2026-08-02 01:19 UTC, runtime spec 440, read from a public archive node by the public
// repository pkoellinger/bittensor-subnet-price-correlates; provenance and columns in
// data/chain-2026-08-02-block8753086.source.md. It is primary chain data.
//
// # The file format
//
// A CSV with the header Columns; Read states every check. Errors name the file, the line
// and the column, e.g. `chain.csv:14: alpha_in: expected a number in (0, 21e6], got "x"`.
//
// # Derivation rules (Derive) and their sources
//
// Taken from the file as they are:
//   - pool reserves tao_in and alpha_in (SubnetTAO, SubnetAlphaIn), miner_burned
//     (values above 1 would be clamped by the share rule, spec §4.6; the file has none),
//     emission_enabled (false → SubnetInit.EmissionDisabled), registered_block.
//
// Derived:
//   - Balancer weight: 0.5 (SubnetInit.QuoteWeight 0), so the spot price is
//     tao_in/alpha_in, which is how the file's price_tao was computed. Assumption: on
//     chain, pools migrated to the balancer on 2026-06-25 got w_T = T/(p·A + T)
//     (spec §10.4), which is 0.5 when the V3 price equalled the reserve ratio; the file
//     does not say.
//   - Moving price = min(spot, 1). Rule: the EMA input is clamped at 1 (spec §5), and at
//     α ≈ 0.0003 per block (on chain since 2025; calibration.md) its half-life is
//     ln 2/0.0003 ≈ 2,310 blocks ≈ 7.7 h for a mature subnet, so it trails spot by
//     hours. A subnet whose age b is young has α·b/(b + 201,600), a longer half-life:
//     about 1.4 days for the youngest subnet of the shipped file (59,802 blocks). The
//     error is the price move over that half-life; it is not known.
//   - Emission age = block − (max(registered_block, LaunchBlock) + StartCallDelay).
//     Rule: alpha issuance started at the dTAO launch (block 4,920,351, 2025-02-13,
//     validation.md) for older subnets, and at registration for later ones. The
//     start_call block (first emission) is not in the file; StartCallDelay = 0 is an
//     assumption that overstates the age of a new subnet by its start-call delay. The
//     same age is the EMA warm-up age (SubnetInit.BlocksSinceStart), spec §5.
//   - Outstanding alpha = OutstandingScale × MintedAlpha(alpha_in, age): every block a
//     subnet mints a_i = BlockEmission(A_i + O_i) of alpha_out (spec §7.1–7.2: 1 alpha
//     until its issuance reaches 10.5M, then halvings, none at 21M), here integrated
//     over the emission age with the current reserve standing in for the past one.
//     Issuance = alpha_in + outstanding. Assumption, OutstandingScale = 1: alpha that
//     users bought out of the pool (which raises O) and alpha recycled (chain buys
//     until 2026-06-01, root alpha while the root-sell flag was off, owner recycling;
//     spec §7.1) cancel. In the shipped file no subnet comes near 10.5M (largest
//     reserve + age ≈ 7.2M), so the outstanding alpha is the age in blocks. Evidence
//     for the rule: with it, the 41 subnets the injection cap binds on give root-stake
//     estimates (below) whose middle half lies within ±9% of their median (q75/q25 =
//     1.19; the test requires < 1.3), across emission ages from 1.0M to 3.8M blocks;
//     a wrong issuance rule would spread them by age.
//   - TAO issuance = 10.5M at HalvingBlock (7,103,975, 2025-12-15; validation.md and
//     calibration.md's "halving at 10.5M"), plus the block emission since (0.5 TAO a
//     block), TaoIssuanceAt: 11,324,555.5 TAO at the shipped block. Recycling
//     (registration burns, unspent credit; spec §6) is not subtracted, so it is an upper
//     bound; only the next halving at 15.75M, years away, depends on it.
//   - Root TAO (SubnetTAO[0]) is estimated from tao_in_emission (EstimateRootTAO).
//     Since 2026-06-22 (spec §7.3c, calibration.md) a subnet's alpha injection is
//     capped at ρ_i·a_i, so a capped subnet injects ρ_i·a_i·p_i TAO per block with
//     ρ_i = w·R/(w·R + I_i) (spec §9.2); solving for R gives one estimate per subnet.
//     Uncapped subnets inject less, so their estimates are low: those under half the
//     90th percentile are dropped and the median of the rest is taken. On the shipped
//     file: 77 subnets inject, 41 are kept, R ≈ 5.85M TAO, inside the 4–6M that
//     mechanism.md §9.5 assumes. Ten subnets that burn no miner emission inject far
//     less than the cap at any single R; the rule does not explain them (a moving price
//     well below spot would; so would a rule change after the spec's head). With the
//     derived state, the head preset's first block injects 0.19 TAO against the file's
//     0.164 (tested within ±25%).
//   - Flow EMAs: 0 (the file has no flows; only the flow share rules of 2025-11 to
//     2026-06 use them).
//   - Holders of the outstanding alpha are not derived here: Start.AlphaOut says how
//     much there is, and the scenario's population decides who holds it.
//
// # How a scenario sets it (proposed fields)
//
//	subnets:
//	  init: snapshot
//	  snapshot: chain-2026-08-02-block8753086.csv  # a shipped name (ShippedNames) or a file path
//	  snapshot_rules:          # Rules, by their YAML names; every field optional
//	    launch_block: 4920351
//	    start_call_delay: 0    # blocks
//	    outstanding_scale: 1   # a sensitivity axis, e.g. 0.7–1.3
//	    halving_block: 7103975
//	    tao_issuance: 0        # 0 = derive; or chain.tao_issuance
//	    root_tao: 0            # 0 = estimate; or chain.root_stake
//	    tao_weight: 0.18
//	    cap_rule_block: 8486594
//
// With init snapshot, subnets.count is the file's row count and netuids in the
// scenario (meme, revenue) are the file's netuids.
package snapshot
