#!/usr/bin/env bash
# Makes the PNGs in screenshots/ from real runs of the release binary in tmux.
#
#   scripts/screenshots.sh              all scenarios below
#   scripts/screenshots.sh dashboard    only the named scenarios
#   scripts/screenshots.sh --selftest   render `ls --color` to screenshots/selftest.png (checks the renderer)
#
# Each scenario starts trailview in a private tmux server at WIDTHxHEIGHT, runs its steps, captures the pane
# with colours (capture-pane -e) and renders it with scripts/screenshot.py (Pillow, installed if missing).
set -euo pipefail

# ---- edit here: sizes, texts to wait for, key sequences ----------------------------------------------------
WIDTH=160
HEIGHT=48
BIN=${BIN:-.build/release/trailview}
READY=${READY:-Loaded}                         # text on screen once the demo has loaded
TIMEOUT=${TIMEOUT:-40}                         # seconds to wait for each text

# A scenario is: name | trailview arguments | steps. Steps are separated by spaces:
#   wait:TEXT   poll the screen until TEXT appears (use _ for a space)
#   key:NAME    a tmux key name (Enter, Escape, Down, NPage, C-c, ...)
#   text:WORD   literal text (use _ for a space)
#   pause:SEC   let an animation settle (only for looks; synchronisation is wait:)
SCENARIOS=(
  "dashboard|--demo|wait:$READY key:H wait:per_mark pause:0.3"
  "filtered|--demo|wait:$READY key:/ text:203.0.113.66 key:Enter wait:search:_203.0.113.66 key:H wait:per_mark pause:0.3"
  "detail|--demo|wait:$READY key:e text:StopLogging key:Enter wait:eventName=StopLogging pause:0.3 key:Enter wait:requestParameters"
  "summary|--demo|wait:$READY key:/ text:203.0.113.66 key:Enter wait:search:_203.0.113.66 pause:0.3 key:s wait:Summary_of"
  "compare|--demo|wait:$READY key:/ text:203.0.113.66 key:Enter wait:search:_203.0.113.66 pause:0.3 key:m key:j key:= wait:Compare:"
  "trace|--demo|wait:$READY key:e text:StopLogging key:Enter wait:eventName=StopLogging pause:0.3 key:K wait:Credential_chain"
  # The live API path against cloudtrail-fake (the demo account, throttling bursts): ENDPOINT is filled in below.
  "live|--no-cache --region us-east-1 --endpoint-url ENDPOINT|wait:Loaded_1_page wait:STOPPED key:L wait:retrying_in"
  # Four regions at once, following: new events arrive above a view scrolled down a page.
  "regions|--no-cache --region us-east-1,eu-west-1,us-west-2,ap-southeast-2 --since 6h --follow --follow-every 2 --endpoint-url ENDPOINT|wait:ap-southeast-2_✓ key:NPage wait:new_↑ pause:0.3"
  "insights|--demo --insights|wait:$READY wait:ApiErrorRateInsight pause:0.3"
  "findings|--demo|wait:$READY key:! wait:Findings: pause:0.3"
  # A local copy of a trail's bucket with signed digests, its newest log file altered after delivery: VALIDTREE below.
  "validate|--validate VALIDTREE/tree --public-keys VALIDTREE/keys.json|wait:validation: pause:0.3"
  # Athena and Lake against scripts/query-endpoint.py (DuckDB over the demo's records): QUERYENDPOINT below.
  "athena|--since 7d athena://cloudtrail.cloudtrail_logs QUERYENDPOINT|wait:y_runs_the_query pause:0.3"
  "lake|--since 7d lake:// QUERYENDPOINT|wait:Enter_opens key:Enter wait:y_runs_the_query key:y wait:rows,_ key:e text:ConsoleLogin key:Enter wait:eventName=ConsoleLogin pause:1"
)
FAKE_FLAGS=${FAKE_FLAGS:---demo --quiet --throttle-burst 3 --arrive-every-ms 1500}
# -------------------------------------------------------------------------------------------------------------

cd "$(dirname "$0")/.."
OUT=screenshots
SOCKET="trailview-shots-$$"
TMUX_CMD=(tmux -L "$SOCKET" -f /dev/null)
mkdir -p "$OUT"
trap '"${TMUX_CMD[@]}" kill-server 2>/dev/null || true' EXIT

python3 -c "import PIL" 2>/dev/null || python3 -m pip install --quiet pillow

# wait_for TEXT: poll the pane until TEXT is on screen, or fail after $TIMEOUT seconds.
wait_for() {
  local text=$1 deadline=$((SECONDS + TIMEOUT))
  until "${TMUX_CMD[@]}" capture-pane -p -t shot | grep -qF -- "$text"; do
    if ((SECONDS >= deadline)); then
      echo "timed out waiting for '$text'; screen:" >&2
      "${TMUX_CMD[@]}" capture-pane -p -t shot >&2
      return 1
    fi
    sleep 0.1
  done
}

# shoot NAME COMMAND STEPS...: run COMMAND in a fresh pane, perform STEPS, save screenshots/NAME.png.
shoot() {
  local name=$1 command=$2
  shift 2
  "${TMUX_CMD[@]}" kill-server 2>/dev/null || true
  "${TMUX_CMD[@]}" new-session -d -s shot -x "$WIDTH" -y "$HEIGHT" -e LANG=C.UTF-8 \
    "$command; sleep 86400"
  local step value
  for step in "$@"; do
    value=${step#*:}
    value=${value//_/ }
    case $step in
      wait:*) wait_for "$value" ;;
      key:*) "${TMUX_CMD[@]}" send-keys -t shot "$value" ;;
      text:*) "${TMUX_CMD[@]}" send-keys -t shot -l "$value" ;;
      pause:*) sleep "$value" ;;
      *) echo "unknown step '$step'" >&2 && return 1 ;;
    esac
  done
  "${TMUX_CMD[@]}" capture-pane -e -p -t shot >"$OUT/$name.ans"
  python3 scripts/screenshot.py "$OUT/$name.ans" "$OUT/$name.png" --cols "$WIDTH" --rows "$HEIGHT"
  rm -f "$OUT/$name.ans"
  echo "wrote $OUT/$name.png"
}

if [[ ${1:-} == --selftest ]]; then
  shoot selftest "ls --color=always -l / && printf '\\e[1mbold\\e[0m \\e[7mreverse\\e[0m \\e[38;5;208m256\\e[0m\\n'" \
    "wait:reverse"
  exit 0
fi

[[ -x $BIN ]] || swift build -c release --product trailview
FAKE_BIN=$(dirname "$BIN")/cloudtrail-fake
[[ -x $FAKE_BIN ]] || swift build -c release --product cloudtrail-fake
[[ -x $(dirname "$BIN")/trailview-bench ]] || swift build -c release --product trailview-bench

# The fake for the live scenario: started on a free port, stopped on exit.
ENDPOINT=
start_fake() {
  local out
  out=$(mktemp)
  # shellcheck disable=SC2086  # FAKE_FLAGS is a word list on purpose
  "$FAKE_BIN" $FAKE_FLAGS >"$out" &
  FAKE_PID=$!
  trap '"${TMUX_CMD[@]}" kill-server 2>/dev/null || true; kill $FAKE_PID 2>/dev/null || true' EXIT
  until grep -q listening "$out"; do sleep 0.1; done
  ENDPOINT=$(awk '{print $3}' "$out")
  rm -f "$out"
}
LIVE_ENV="AWS_ACCESS_KEY_ID=AKIDTRAILVIEWFAKE AWS_SECRET_ACCESS_KEY=trailview-fake-secret AWS_CONFIG_FILE=/dev/null"
LIVE_ENV+=" AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true"

# The tree for the validate scenario: generated, signed (scripts/s3-bench.py --local), then its newest log file has a
# user renamed, as an intruder covering tracks would.
VALIDTREE=
make_valid_tree() {
  VALIDTREE=$(mktemp -d)
  trap '"${TMUX_CMD[@]}" kill-server 2>/dev/null || true; rm -rf "$VALIDTREE"' EXIT
  "$(dirname "$BIN")/trailview-bench" generate --events 3000 --seed 2 --out "$VALIDTREE/tree" >/dev/null
  python3 scripts/s3-bench.py --local "$VALIDTREE/tree" >/dev/null
  python3 - "$VALIDTREE/tree" <<'PY'
import glob, gzip, re, sys
newest = max(glob.glob(sys.argv[1] + "/AWSLogs/*/CloudTrail/*/*/*/*/*.json.gz"), key=lambda p: p.split("_")[-2])
text = gzip.open(newest).read().decode()
user = re.search(r'"userName":"([^"]+)"', text)[1]
open(newest, "wb").write(gzip.compress(text.replace(user, "nobody").encode()))
PY
}

# The query endpoint for the athena and lake scenarios: the demo's records in DuckDB, on a free port.
QUERYENDPOINT=
start_query_endpoint() {
  QUERYDIR=$(mktemp -d)
  trap '"${TMUX_CMD[@]}" kill-server 2>/dev/null || true; kill $QUERY_PID 2>/dev/null || true; rm -rf "$QUERYDIR"' EXIT
  "$BIN" --demo --print >"$QUERYDIR/records.ndjson"
  python3 scripts/query-endpoint.py "$QUERYDIR/records.ndjson" --polls 2 >"$QUERYDIR/port" 2>&1 &
  QUERY_PID=$!
  until grep -q '^port ' "$QUERYDIR/port"; do sleep 0.1; done
  QUERYENDPOINT=http://127.0.0.1:$(awk '/^port /{print $2}' "$QUERYDIR/port")
}

for scenario in "${SCENARIOS[@]}"; do
  IFS='|' read -r name args steps <<<"$scenario"
  if (($# > 0)) && [[ " $* " != *" $name "* ]]; then continue; fi
  command="$BIN $args"
  if [[ $args == *VALIDTREE* ]]; then
    [[ -n $VALIDTREE ]] || make_valid_tree
    command="$BIN ${args//VALIDTREE/$VALIDTREE}"
  fi
  if [[ $args == *QUERYENDPOINT* ]]; then
    [[ -n $QUERYENDPOINT ]] || start_query_endpoint
    command="env $LIVE_ENV AWS_REGION=us-east-1 AWS_ENDPOINT_URL_ATHENA=$QUERYENDPOINT"
    command+=" AWS_ENDPOINT_URL_CLOUDTRAIL=$QUERYENDPOINT $BIN ${args// QUERYENDPOINT/}"
  elif [[ $args == *ENDPOINT* ]]; then
    [[ -n $ENDPOINT ]] || start_fake
    command="env $LIVE_ENV $BIN ${args//ENDPOINT/$ENDPOINT}"
  fi
  # shellcheck disable=SC2086  # steps are a word list on purpose
  shoot "$name" "$command" $steps
done
