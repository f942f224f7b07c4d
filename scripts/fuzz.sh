#!/usr/bin/env bash
# Builds and runs the libFuzzer target for CloudTrailModel (record scanner, shape detector, field decoding,
# identity names, sanitizer, pretty printer, compactor). See Fuzz/README.md.
#
#   scripts/fuzz.sh [seconds]        fuzz for `seconds` (default 600) with 2 parallel workers
#   scripts/fuzz.sh --build          only build Fuzz/.build-fuzz/fuzz-scanner
#   scripts/fuzz.sh --repro FILE...  run the target once on each FILE (for a crash in Fuzz/artifacts)
#
# Environment: FUZZ_JOBS (default 2), FUZZ_OPT (default -O; use "-Onone" for easier debugging),
# FUZZ_ARGS (extra libFuzzer flags).
set -euo pipefail
# The Swift runtime backtracer reads the stack in a way ASan reports as an underflow; let ASan report instead.
export SWIFT_BACKTRACE=enable=no
cd "$(dirname "$0")/.."

BUILD=Fuzz/.build-fuzz
BIN=$BUILD/fuzz-scanner
CORPUS=Fuzz/corpus
SEEDS=Fuzz/seeds
ARTIFACTS=Fuzz/artifacts
JOBS=${FUZZ_JOBS:-2}
OPT=${FUZZ_OPT:--O}

build() {
  mkdir -p "$BUILD"
  local linker=()
  if command -v ld.lld >/dev/null 2>&1 || [ -x "$(dirname "$(command -v swiftc)")/ld.lld" ]; then linker=(-use-ld=lld); fi
  echo "building $BIN ($OPT, fuzzer+address sanitizers)" >&2
  swiftc -sanitize=fuzzer,address -parse-as-library "$OPT" -g "${linker[@]}" \
    -module-name CloudTrailFuzz -module-cache-path "$BUILD/module-cache" \
    Sources/CloudTrailModel/*.swift Fuzz/FuzzScanner.swift -o "$BIN"
}

case "${1:-}" in
  --build) build; exit 0 ;;
  --repro)
    shift
    build
    exec "$BIN" "$@"
    ;;
esac

SECONDS_TO_RUN=${1:-600}
build
python3 Fuzz/make_seeds.py "$SEEDS" >&2
mkdir -p "$CORPUS" "$ARTIFACTS"
LOG=$BUILD/last-run.log
echo "fuzzing for ${SECONDS_TO_RUN}s with $JOBS workers; log in $LOG" >&2
# -fork: parallel children that share one corpus; -ignore_crashes keeps going after a crash (each saved in
# $ARTIFACTS). -timeout flags inputs that take over 10 s (hangs, quadratic paths).
set +e
# shellcheck disable=SC2086
"$BIN" -fork="$JOBS" -ignore_crashes=1 -ignore_timeouts=0 -max_total_time="$SECONDS_TO_RUN" -max_len=65536 \
  -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$ARTIFACTS/" ${FUZZ_ARGS:-} \
  "$CORPUS" "$SEEDS" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
set -e
echo "--- summary ---" >&2
grep -E '^#[0-9]+: cov' "$LOG" | tail -1 >&2 || true
crashes=$(find "$ARTIFACTS" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
echo "corpus: $(find "$CORPUS" -type f | wc -l) files; artifacts: $crashes (in $ARTIFACTS)" >&2
exit "$status"
