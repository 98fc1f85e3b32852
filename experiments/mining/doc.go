// Package mining is the exogenous revenue of a Bitcoin-mining subnet (docs/agents.md
// "Subnet kinds", the "revenue" kind; SN14 TAOHash is the example): the TAO a subnet's
// hashrate earns per day,
//
//	gross = share × block reward × blocks per day × BTC price (USD) / TAO price (USD)
//	net   = gross − costs,  costs = cost_share × gross,
//
// with share = subnet hashrate / Bitcoin's hashrate. A Process holds the state and
// advances by any number of days (Advance) with draws from an injected *rand.Rand; State
// gives the revenue rates. What the subnet does with the revenue (buyback fraction,
// burn or hold) is the scenario's policy, not this package's.
//
// # Dynamics
//
//   - BTC price: geometric Brownian motion, stepped exactly (log-normal increments),
//     annualised over 365 daily steps (Bitcoin trades every day).
//   - TAO price: a GBM too, with its own drift and volatility and a correlation with
//     BTC's shocks; with zero volatility and drift (the default) it is fixed.
//   - Hashrates: deterministic growth, h(t) = h₀·(1 + g)^(t/365), for Bitcoin's network
//     (the difficulty growth) and for the subnet; share = min(subnet/network, 1).
//   - Block reward: halves on NextHalving and every HalvingIntervalDays after it.
//   - Costs: a fixed share of gross revenue, so net revenue is never negative; a miner
//     whose costs exceed its revenue is not modelled (it would switch off).
//
// Every Advance draws two standard normals, whatever the parameters, so runs that differ
// only in a parameter of this package see the same shocks (common random numbers).
//
// # Parameters, defaults and sources (Defaults: SN14 TAOHash, May 2025)
//
//	field                    default      source or "assumption"
//	start                    2025-05-15   the date of the SN14 hashrate fact below
//	btc_price                105,000 USD  assumption from news of May 2025: BTC rose from under
//	                                      $76k (2025-04-07) to an all-time high near $111.9k
//	                                      (2025-05-22) (e.g. blockchainmagazine.net, "Bitcoin hits
//	                                      record highs in 2025"); news, secondary
//	btc_drift                0 /year      assumption: no view on BTC's direction (E[price] flat)
//	btc_volatility           0.5 /√year   the annualised SD of BTC's daily log returns: 46% on
//	                                      average over 2014–2024 (analysis of daily returns,
//	                                      Binance Square post 19768722099609, Aug 2024); 40–55% in
//	                                      2023–24 against 120–150% at the 2017 peak (Glassnode-style
//	                                      report, same site, post 10877896131137); 0.40–0.80 called
//	                                      "normal" (docs.blocklens.co, realized-vol-1y). Commentary,
//	                                      secondary; a sensitivity axis over 0.35–0.8
//	tao_price                415 USD      validation.md, moment 5 (April 2025, ~$415)
//	tao_drift, tao_volatility 0, 0        assumption: TAO is the simulation's numeraire and its
//	                                      USD price is outside the model; no sourced values
//	correlation              0            assumption (used only when tao_volatility > 0)
//	subnet_hashrate          6 EH/s       calibration.md, SN14 TAOHash, May 2025
//	network_hashrate         857 EH/s     6 EH/s is ~0.7% of the network (calibration.md):
//	                                      6/0.007; news put the 7-day average at 787 EH/s in early
//	                                      2025 (CoinDesk's J. Van Straten, via bitcoinworld.co.in)
//	network_hashrate_growth  0.4 /year    assumption informed by +90% in 2023 (CoinShares, 2024
//	                                      Mining Report), +56% in the year to early 2025 (CoinDesk,
//	                                      as above), whose "conservative" projection used +20%;
//	                                      a sensitivity axis over 0.2–0.6
//	subnet_hashrate_growth   0 /year      assumption: the subnet keeps its hashrate, its share falls
//	block_reward             3.125 BTC    the subsidy since the fourth halving (block 840,000,
//	                                      2024-04-20); it halves every 210,000 blocks
//	                                      (consensus.nSubsidyHalvingInterval in Bitcoin Core's
//	                                      chain parameters)
//	next_halving             2028-04-17   block 1,050,000: 210,000 blocks of 10 minutes after
//	                                      2024-04-20. Assumption: blocks come a little faster while
//	                                      the hashrate grows, so it may come some weeks earlier
//	halving_interval_days    1458.33      210,000 × 10 min
//	blocks_per_day           144          one block per 10 minutes (Bitcoin's target)
//	cost_share               0.5          assumption informed by CoinShares' 2024 Mining Report:
//	                                      an average post-halving cost of production of US$37,856 per
//	                                      BTC, about 0.6 of the BTC price at the April 2024 halving;
//	                                      higher prices and more efficient machines since lower it
//
// Left out: transaction fees (the formula of issue 12 counts the subsidy only; fees add a
// few per cent to miners' revenue, not sourced here), the variance of block discovery,
// and the lag of difficulty adjustments.
//
// With the defaults a subnet earns about 797 TAO a day gross and 399 net
// (0.007 × 3.125 × 144 × 105,000/415). After the August 2025 redesign, TAOHash pays its
// miners in BTC and only a 2% pool fee reaches alpha holders (calibration.md): to model
// that, pass f/(1 − cost_share) as the buyback fraction of net revenue, with f = 0.02.
//
// # How a scenario sets it (proposed fields)
//
//	subnets:
//	  revenue:
//	    netuids: [14]
//	    buyback_fraction: 0.5   # the subnet's policy (as today)
//	    burn: false
//	    mining:                 # Config, by YAML name; every field optional (Defaults)
//	      start: 2026-08-02
//	      btc_price: 105000
//	      btc_volatility: 0.5
//	      network_hashrate_growth: 0.4
//	      cost_share: 0.5
//
// replacing tao_per_day, drift and volatility. Several mining subnets share one BTC
// price: drive them from one Process on one stream and scale NetTAO by each subnet's
// hashrate over SubnetHashrate. Per day: Advance(1, rng) at each day boundary, and
// accrue State().NetTAO × blocks/7200 TAO over each stretch of blocks.
package mining
