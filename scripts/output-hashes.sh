#!/bin/sh
# output-hashes.sh: the byte-identity check for refactors. It builds the binary, runs every
# shipped scenario at its own seed and shard 1/16 of the headline grid
# at demonstration size (experiments/meme-capture-demo.yaml), prints the SHA-256 of every Parquet file they write,
# and compares the list with scripts/output-hashes.baseline. Exit status 0: identical;
# 1: some file differs, is missing or is new (the diff is printed); 2: a run failed.
#
#   sh scripts/output-hashes.sh            # check against the baseline (about 2 min on 2 cores)
#   sh scripts/output-hashes.sh --record   # write a new baseline
#
# A refactor must pass this unchanged. Re-record the baseline (--record, and commit it with
# the change that explains why) only when outputs are meant to change: a change of model
# behaviour, of the output schema or of the Parquet writer, of a shipped scenario or of the
# headline grid, a new shipped scenario, or a new Go toolchain (its version is written into
# every file's footer). The binary is built with -buildvcs=false so that the footer's
# tool_version does not name the commit: otherwise every commit would change every hash.
#
# Environment: WORKERS (default 2) concurrent runs of the sweep; KEEP=1 keeps the output
# directory and prints its path.
set -eu
cd "$(dirname "$0")/.."
baseline=scripts/output-hashes.baseline
record=0
case "${1:-}" in
--record) record=1 ;;
"") ;;
*)
	echo "usage: $0 [--record]" >&2
	exit 2
	;;
esac

out=$(mktemp -d "${TMPDIR:-/tmp}/output-hashes.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
	echo "outputs kept in $out" >&2
else
	trap 'rm -rf "$out"' EXIT
fi
bin="$out/dtaosim"
CGO_ENABLED=0 go build -buildvcs=false -o "$bin" ./cmd/dtaosim

# Every shipped scenario, at the seed its file names.
for s in $("$bin" presets | awk '/^Scenario presets/ {on = 1; next} on && NF {print $1}'); do
	"$bin" run "$s" --out "$out/runs/$s" >/dev/null || { echo "run $s failed" >&2; exit 2; }
done
# One shard of the headline design at demonstration size (9 of its 144 runs).
"$bin" sweep experiments/meme-capture-demo.yaml --shard 1/16 --workers "${WORKERS:-2}" --out "$out/sweep" >/dev/null 2>&1 ||
	{ echo "sweep failed" >&2; exit 2; }

(cd "$out" && find runs sweep -name '*.parquet' | LC_ALL=C sort | xargs sha256sum) >"$out/hashes"
cat "$out/hashes"
if [ "$record" = 1 ]; then
	cp "$out/hashes" "$baseline"
	echo "recorded $(wc -l <"$baseline") hashes in $baseline" >&2
	exit 0
fi
if diff -u "$baseline" "$out/hashes" >&2; then
	echo "identical: $(wc -l <"$baseline") Parquet files match $baseline" >&2
else
	echo "DIFFERENT: outputs do not match $baseline (see the diff above)" >&2
	exit 1
fi
