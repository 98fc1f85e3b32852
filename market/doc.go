// Package market is the chain side of dtaosim: Bittensor's dynamic TAO (dTAO) economics
// as docs/mechanism.md describes them, in the order of operations of docs/replay.md. It
// holds subnet pools, emission shares, alpha issuance and injection, the root network,
// pending emission and epochs. Yuma consensus, which splits an epoch's alpha between a
// subnet's miners and validators, is package market/yuma. "spec §N" in the comments of
// this module is section N of docs/mechanism.md; "replay.md" is docs/replay.md.
//
// The package is pure and deterministic: no randomness, no goroutines, no I/O. A Chain
// keeps per-subnet state as a structure of arrays (Subnets) and Step runs one block's
// coinbase without allocating. User trades (Buy, Sell) happen between Steps.
//
// # Presets
//
// Every mechanism version since launch is a named, complete Params (Presets), with
// every field overridable (Params.SetParam by replay.md key):
//
//	preset              period (merge dates)        spec sections
//	launch_2025_02      2025-02-13 (v2.0.0/2.0.1)   §2.2, §4.1, §5 without warm-up, §7.3a, §9.3 sell per block, §10.1
//	subsidy_2025_07     2025-07-29 .. 2025-11-04    §4.2, §5, §7.3b, §9.3, §10.3
//	taoflow_2025_11     2025-12-12 .. 2026-05-27    §4.3, §7.3c cap min(a_i, E), §9.3 claims, §9.4, §10.3
//	netflow_2026_05     2026-05-27 .. 2026-06-22    §4.4, §7.3c, bought alpha held, fees to author
//	price_burn_2026_06  head 14bc6f9f9, 2026-06-30  §2.1, §4.6, §7.3c cap ρ·a_i, §8.4 interval, §10.4 balancer
//
// The moving-price coefficient moving_alpha is 0.000003 (MovingAlphaLaunch) in
// launch_2025_02 and 1288490/2^32 ≈ 0.0003 (MovingAlphaRaised) in every later preset: the
// sudo key raised SubnetMovingAlpha after subtensor PR #1335 (2025-02-24), at a block
// that is not known (spec §5). Intermediate versions are overrides, e.g. launch_2025_02
// with ema_halving_blocks 201600 for 2025-03-19 .. 2025-06-30 (docs/mechanism.md §16,
// which also tabulates every preset's parameters).
//
// # Rules and where they are implemented
//
//	rule                                  Params field / value               spec     code
//	TAO block emission, halving           BlockEmission                      §6       emission.go
//	alpha emission, halving, 21M cap      BlockEmission on A_i+O_i           §7.1     step.go
//	price-EMA shares                      ShareRule = SharePriceEMA          §4.1     Chain.shares
//	price EMA × (1 − miner burned) [×ρ]   SharePriceEMABurn, ShareRootPropWeight §4.5, §4.6
//	TAO-flow shares                       ShareTaoFlow, FlowAlpha/Exponent/Cutoff §4.3
//	net TAO flow                          ShareNetTaoFlow                    §4.4
//	emission-disabled subnets             SubnetInit.EmissionDisabled        §2.1
//	launch injection                      InjectLaunch                       §7.3a    Chain.Step
//	subsidy injection                     InjectSubsidy, SubsidyAlphaIn      §7.3b
//	cap injection (three caps)            InjectCap, InjectionCap            §7.3c
//	chain buys with excess TAO            ChainBuyOrder, BoughtAlpha         §7.3
//	owner cut, miner/validator split      OwnerCut                           §8.1
//	root proportion                       TaoWeight, RootTAO                 §9.2     rootProp
//	root dividends                        RootMode (three modes)             §9.3
//	root-sell flag                        RootSellFlag                       §9.4
//	root compounding                      RootCompound                       §3 (2025-06-30)
//	moving price: clamp, warm-up          EMAPriceCap, EMAHalvingBlocks      §5
//	pools: constant product, balancer     PoolModel, Subnets.QuoteWeight     §10.1, §10.4  pool.go
//	fees: flat, proportional; pool/author FeeFlat, FeeRate, FeeDestination   §10      trade.go
//	min-reserve refusals                  MinReserve                         §10      trade.go
//	epochs: legacy, interval              EpochRule, Tempo                   §8.4     Chain.epochs
//
// # Choices where the spec is silent
//
// (docs/mechanism.md §17 lists these with the rest of the project's choices.)
//
//   - A root sell (per block or at the epoch) refused by min_reserve: per block, the alpha
//     is paid to root as alpha at the epoch instead; at the epoch, the claim waits for the
//     next epoch.
//   - The root-sell flag recycles root alpha in every root mode when it is off.
//   - User flow (F_i) and protocol flow (Q_i) accumulate only under the flow rules that
//     use them, and are cleared every block otherwise, so a preset switch into a flow
//     rule starts from a clean accumulator. flow_ema is reported as 0 under price rules.
//   - Chain buys are not subject to min_reserve (the spec gives them no limit).
//   - The subsidy rule's injected alpha (E, or e_i/p_i when not subsidised) is cut to
//     what remains below the subnet's 21M alpha cap; the launch and cap rules never reach it.
//   - The swap input limit of 1000× the input reserve (2026-06-26) is not modelled;
//     replay.md does not list it.
//   - Sell of more alpha than is outstanding is an error (ErrOutstanding); outstanding
//     alpha includes pending emission, as SubnetAlphaOut does on chain.
package market
