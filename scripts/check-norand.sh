#!/bin/sh
# Fails if non-test Go code calls the global random source of math/rand or math/rand/v2
# (rand.Float64(), rand.IntN(), …). Randomness must come from an injected *rand.Rand
# built from the run's seeded streams (DEVELOPERS.md: no global random source anywhere).
hits=$(grep -rnE '\brand\.(Float32|Float64|Int|IntN|Int32|Int32N|Int64|Int64N|Uint32|Uint32N|Uint64|Uint64N|UintN|N|NormFloat64|ExpFloat64|Perm|Shuffle|Seed|Read)\(' \
	--include='*.go' --exclude='*_test.go' . 2>/dev/null | grep -v '^./vendor/')
if [ -n "$hits" ]; then
	echo "global random source used (inject a *rand.Rand instead):"
	echo "$hits"
	exit 1
fi
