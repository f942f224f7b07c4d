#!/bin/sh
# Builds release, generates the benchmark trees (once) under $BENCH_DATA, and runs trailview-bench, which updates
# docs/PERFORMANCE.md. Usage: scripts/bench.sh [extra trailview-bench run options, e.g. --note "..."]
set -eu
cd "$(dirname "$0")/.."
DATA=${BENCH_DATA:-/work/bench-data}
swift build -c release
BENCH=.build/release/trailview-bench
[ -f "$DATA/t200k/bench-manifest.txt" ] || $BENCH generate --events 200000 --seed 1 --out "$DATA/t200k"
[ -f "$DATA/t1m/bench-manifest.txt" ] || $BENCH generate --events 1000000 --seed 1 --out "$DATA/t1m"
command -v jq > /dev/null || { echo "jq missing: apt-get install -y jq" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install -y time" >&2; exit 1; }
exec $BENCH run --tree "$DATA/t200k" --tree "$DATA/t1m" --in-process "$DATA/t1m" --repeat 3 "$@"
