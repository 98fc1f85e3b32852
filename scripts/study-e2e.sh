#!/usr/bin/env bash
# study-e2e.sh — end-to-end test of scripts/study.sh: runs a copy of the script in a temp
# directory, with tiny experiment files in place of the shipped ones, through each kind
# of part (a sweep, a sensitivity design, a paired comparison, a comparison with the
# previous defaults that must be refused, an unknown part) and checks the files it
# leaves in docs/study/, not its exit code alone.
#
#   scripts/study-e2e.sh          # KEEP=1 keeps the temp dir
#
# make test runs it. The parts' names are the shipped ones (the script knows no others);
# only the experiment files behind them are replaced.
set -uo pipefail

NAME=study-e2e
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GO=${GO:-go}
T=$(mktemp -d)
cleanup() { if [ -n "${KEEP:-}" ]; then echo "$NAME: kept $T"; else rm -rf "$T"; fi; }
trap cleanup EXIT
fail() { echo "$NAME: FAIL: $*" >&2; exit 1; }
need() { [ -s "$T/$1" ] || fail "$1 missing or empty"; }

mkdir -p "$T/scripts" "$T/experiments" "$T/bin"
cp "$ROOT/scripts/study.sh" "$T/scripts/study.sh"
(cd "$ROOT" && CGO_ENABLED=0 "$GO" build -o "$T/bin/dtaosim" ./cmd/dtaosim) || fail "go build failed"

# A tiny grid: 2 cells × 3 replicates of 8 days on 8 subnets.
grid() { # grid NAME SEED
	cat <<EOF
name: $1
description: scripts/study-e2e.sh (tiny grid)
base: sn28
scenario:
  days: 8
  subnets: {count: 8, meme: {netuids: [3], takeover_day: 0.1}}
  agents: {speculators: {count: 20, arrival: {process: lump}}, yield_stakers: {arrival: {process: lump}}, noise: {count: 5}}
replicates: 3
seed: $2
axes:
  - {param: mechanism.preset, values: [launch_2025_02, price_burn_2026_06]}
EOF
}
grid e2e-a 7 >"$T/experiments/study-capture-launch.yaml"
grid e2e-b 7 >"$T/experiments/study-capture-launch-300.yaml"
grid e2e-c 9 >"$T/experiments/study-capture-from-launch.yaml"
cat >"$T/experiments/screening-sobol.yaml" <<'EOF'
name: e2e-sobol
description: scripts/study-e2e.sh (tiny Sobol' design)
base: sn28
scenario:
  days: 6
  subnets: {count: 8, meme: {netuids: [3], takeover_day: 0.1}}
  agents: {speculators: {count: 20, arrival: {process: lump}}, yield_stakers: {arrival: {process: lump}}, noise: {count: 5}}
replicates: 1
seed: 11
design: sobol
samples: 4
axes:
  - {param: agents.speculators.capital.min, range: {from: 100, to: 1000, log: true}}
  - {param: agents.speculators.count, range: {from: 10, to: 40, round: true}}
EOF

study() { (cd "$T" && DTAOSIM=bin/dtaosim WORKERS=2 bash scripts/study.sh "$@"); }

# A sweep part, a sensitivity part and a comparison of the two sweep parts.
study capture-launch capture-launch-300 screening-sobol capital-launch >"$T/out1.log" 2>&1 ||
	fail "study.sh capture-launch capture-launch-300 screening-sobol capital-launch: rc $? ($(tail -3 "$T/out1.log"))"
for f in manifest.json summary.parquet summary.txt; do
	need "docs/study/capture-launch/$f"
	need "docs/study/capture-launch-300/$f"
done
ls "$T"/docs/study/capture-launch/figures/*.png >/dev/null 2>&1 || fail "capture-launch: no figures copied"
need docs/study/screening-sobol/sensitivity.txt
need docs/study/screening-sobol/sensitivity.parquet
[ -e "$T/docs/study/screening-sobol/summary.txt" ] && fail "screening-sobol: a sensitivity part must not copy its per-cell table"
ls "$T"/docs/study/screening-sobol/figures/sensitivity-*.png >/dev/null 2>&1 || fail "screening-sobol: no sensitivity figure"
need docs/study/capital-launch/compare.txt
need docs/study/capital-launch/comparisons.parquet
grep -q "4 cells\|2 cells" "$T/results/study/capture-launch.sweep.log" || fail "capture-launch: the sweep's log does not name its cells"

# Run again: every part is finished, so it is only summarised again, with the same table.
cp "$T/docs/study/capture-launch/summary.txt" "$T/summary.before"
study capture-launch >"$T/out2.log" 2>&1 || fail "study.sh capture-launch (again): rc $?"
cmp -s "$T/summary.before" "$T/docs/study/capture-launch/summary.txt" || fail "capture-launch: summary.txt changed on a second run"

# A compare-previous part whose second folder is of today's defaults is refused (exit 2).
study cal-capture-from-launch capture-from-launch >"$T/out3.log" 2>&1 || fail "study.sh cal-capture-from-launch capture-from-launch: rc $?"
study cal-vs-previous-from-launch >"$T/out4.log" 2>&1
rc=$?
[ "$rc" -eq 2 ] || fail "cal-vs-previous-from-launch on two folders of today's defaults: rc $rc, want 2"
grep -q "must be run by a tool of before 2026-12-03" "$T/out4.log" || fail "cal-vs-previous-from-launch: no reason given ($(cat "$T/out4.log"))"
[ -e "$T/docs/study/cal-vs-previous-from-launch" ] && fail "cal-vs-previous-from-launch: refused, but left outputs"

# An unknown part is refused (exit 2), naming it.
study no-such-part >"$T/out5.log" 2>&1
rc=$?
[ "$rc" -eq 2 ] && grep -q "no-such-part: not a part of the study" "$T/out5.log" || fail "unknown part: rc $rc ($(cat "$T/out5.log"))"

echo "$NAME: PASSED (sweep, sensitivity, compare, rerun of a finished part, refused compare-previous, unknown part)"
