// Package stats holds the small set of estimators used to summarise
// simulation experiments, following the methodology norms of
// spec/calibration.md §2: score or exact intervals for probabilities rather
// than Wald, paired analyses for common-random-number designs, and
// survival curves for time-to-event outcomes that may be censored at the
// simulation horizon.
//
// Single proportions:
//   - [Wilson]: Wilson (1927) score interval, recommended by Brown, Cai &
//     DasGupta (2001, Stat. Sci. 16:101) and Newcombe (1998, Stat. Med.
//     17:857, method 3).
//   - [ClopperPearson]: the "exact" interval of Clopper & Pearson (1934,
//     Biometrika 26:404) via beta quantiles; conservative coverage
//     (Newcombe 1998, method 5).
//
// Time to event:
//   - [KaplanMeier] returns a [Curve]: the product-limit estimator of
//     Kaplan & Meier (1958, JASA 53:457) with Greenwood's (1926) variance,
//     the median survival time and the Brookmeyer & Crowley (1982,
//     Biometrics 38:29) confidence interval for the median.
//
// Paired binary outcomes (two arms run on common random numbers):
//   - [McNemar] and [McNemarUncorrected]: McNemar's (1947, Psychometrika
//     12:153) chi-squared test with and without the Edwards (1948)
//     continuity correction; [McNemarExact]: the conditional exact
//     (binomial) version (Agresti 2002, Categorical Data Analysis, §10.1).
//   - [PairedDiff]: Wald interval for the difference of paired proportions
//     (Agresti 2002, §10.1); [PairedDiffNewcombe]: Newcombe's (1998, Stat.
//     Med. 17:2635, method 10) hybrid score interval, which behaves far
//     better for small counts and is the one to report.
//
// Summaries:
//   - [Quantile]: the sample quantile of Hyndman & Fan (1996, Am. Stat.
//     50:361) type 7, the default of R and NumPy.
//   - [Rank]: an entry's rank among others, 1 = the largest, ties sharing the
//     better rank (subnets by emission share or price).
//
// Misuse (negative counts, a confidence level outside (0, 1), slices of
// different lengths) panics with a message starting "stats: ". No function
// here draws random numbers or keeps state.
package stats
