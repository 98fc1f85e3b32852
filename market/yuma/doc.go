// Package yuma implements Bittensor's Yuma consensus, the per-subnet epoch that
// turns validators' weights into miner incentive and validator dividends, in the
// dense form of spec §12 (section 12 of docs/mechanism.md; subtensor
// `epoch/run_epoch.rs::epoch_dense_mechanism` and `epoch/math.rs` at 14bc6f9f9).
// All arithmetic is float64; the chain's fixed point and rao truncation are
// ignored (spec §14.1).
//
// A [State] holds one subnet's bonds between epochs. Each call to
// [State.Epoch] takes the raw stake per uid, the n×n weight matrix (row = the
// validator uid that set it, column = the uid it rates) and an optional
// activity mask, and fills a [Result]. The steps are:
//
//  1. Stake (§12.1). Uids with raw stake below StakeThreshold get 0;
//     S = S_raw/ΣS_raw.
//  2. Permits and active stake (§12.2). A permit goes to the top
//     MaxAllowedValidators uids by S among those with S > 0. The active stake
//     s_i = S_i·active_i·permit_i is renormalised to sum to 1.
//  3. Weights (§12.3). Rows of uids without a permit and the diagonal
//     (self-weight) are zeroed, then each row is normalised to sum to 1.
//  4. Consensus and clipping (§12.4). C_j is the largest c such that validators
//     holding at least κ of the active stake set W[i][j] ≥ c (a stake-weighted
//     quantile; the median for κ ≈ 1/2). The clipped weights are
//     W̄ = min(W, C) and the validator trust is VT_i = Σ_j W̄[i][j]. A validator
//     holding more than κ of the active stake can therefore clip any miner's
//     consensus to zero by giving it zero weight, while one holding less than κ
//     cannot (the crux of the root-validator intervention, docs/agents.md).
//  5. Incentive (§12.5). R_j = Σ_i s_i·W̄[i][j] and I = R/ΣR.
//  6. Bonds and dividends (§12.6), from the bond weights
//     W^b = (1−β)·W + β·W̄. Classic: B and ΔB = s⊙W^b are column-normalised,
//     B ← a·ΔB + (1−a)·B is column-normalised again and D = B·I, normalised.
//     Yuma3: B ← a⊙W^b + (1−a)⊙B clipped to [0, 1], with a constant or, with
//     liquid alpha, a per-entry sigmoid; D_i ∝ s_i·Σ_j B̂[i][j]·I_j with B̂
//     the column-normalised B.
//  7. Emission fractions (§12.7). σ = ΣI + ΣD; uid j's miner share is I_j/σ and
//     uid i's validator share D_i/σ. If σ = 0 validators share by s (or by S
//     when no stake is active) and miners get nothing.
//
// [Result.Distribute] multiplies the fractions by the epoch's pending total
// (§12.8). What happens to those amounts afterwards (owner-hotkey burn, child
// keys, the root/alpha split of dividends, delegate take) is spec §8.2 and
// belongs to the caller.
//
// # Omissions and simplifications
//
// Per spec §14, a simulator may take these shortcuts; each is listed with why it
// does not matter here:
//
//   - Commit-reveal masks and weight rate limits (§14.3): weights are taken as
//     known at the epoch.
//   - Registration-time masks (§14.2): the chain zeroes W[i][j] when validator i
//     last set weights before uid j registered, and masks bond columns of uids
//     registered since the last epoch. Callers that re-register a uid pass
//     weights that already ignore it and call [State.ResetUID], which clears
//     the uid's bond row and column. Immunity and pruning are not modelled.
//   - Child keys and take splits (§14.4): the caller passes the already
//     combined stake, alpha stake + tao_weight × root stake, per uid.
//   - Owner-uid exemptions (self-weight, permit, stake threshold; 2025-03-19 and
//     2026-04-22): not modelled; the owner is an ordinary uid.
//   - Permit lag: the chain masks weights and stake with the permits computed at
//     the previous epoch and stores new permits for the next one. This package
//     computes permits from this epoch's stake and uses them at once, which
//     removes a one-epoch lag and the chain's "no permits yet" first epoch. To
//     keep the chain's invariant that only permit holders hold bonds, bond rows
//     of uids without a permit are cleared before the bond update rather than
//     after it.
//   - Activity is an input mask (active_i = last_update_i + activity_cutoff ≥
//     block, §12.2) that the caller computes; nil means all active.
//   - Sub-mechanisms (§14.6): one mechanism per subnet; run one State per
//     mechanism and split the emission outside if needed.
//   - The classic-path liquid alpha (removed 2025-05-28) is not implemented;
//     [Params].LiquidAlpha acts only on the Yuma3 path, as on chain today.
//   - Pruning scores and the combined-emission storage item are not produced.
//
// Fidelity notes: classic bonds are stored column-max-upscaled and Yuma3 bonds
// as fractions, as in the chain's `Bonds` storage, so switching Yuma3 on or off
// through [State.SetParams] reads the old bonds as the chain would. The
// liquid-alpha sigmoid takes the bond weights W^b, not W, because the chain's
// `compute_bonds` is called with `weights_for_bonds`; with the default β = 1
// these are the clipped weights.
//
// The package is pure and deterministic: no randomness, goroutines or I/O.
package yuma
