#!/bin/sh
# Measures release `trailview --print` on hostile trees (numbers for docs/PERFORMANCE.md, never for tests):
#   - 100,000 small files in the S3 layout (4 regions x 25 days x 1,000 files, one record each, every 1,000th empty),
#   - one file holding a record whose userName is 100 MB, beside a normal record.
# Trees are generated once under $HOSTILE_DATA (default /work/bench-data/hostile). Each tree is read once to warm the
# page cache, then timed $RUNS times (default 3) under /usr/bin/time; wall time and peak RSS of every run are printed.
# Usage: scripts/hostile-bench.sh
set -eu
cd "$(dirname "$0")/.."
DATA=${HOSTILE_DATA:-/work/bench-data/hostile}
RUNS=${RUNS:-3}
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install -y time" >&2; exit 1; }
swift build -c release --product trailview
BIN=.build/release/trailview

if [ ! -f "$DATA/files100k.done" ]; then
  rm -rf "$DATA/files100k"
  python3 - "$DATA/files100k" <<'EOF'
import os, sys
root = sys.argv[1]
written = 0
for region in ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"]:
    for day in range(1, 26):
        folder = f"{root}/AWSLogs/123456789012/CloudTrail/{region}/2024/05/{day:02d}"
        os.makedirs(folder, exist_ok=True)
        for i in range(1000):
            stamp = f"202405{day:02d}T{i // 60 % 24:02d}{i % 60:02d}Z"
            written += 1
            body = b""
            if written % 1000 != 0:
                time = f"2024-05-{day:02d}T{i // 60 % 24:02d}:{i % 60:02d}:00Z"
                body = (f'{{"Records":[{{"eventTime":"{time}","eventName":"Call{i % 50}",'
                        f'"eventSource":"s3.amazonaws.com","awsRegion":"{region}","eventID":"{written}"}}]}}').encode()
            with open(f"{folder}/123456789012_CloudTrail_{region}_{stamp}_{i}.json", "wb") as f:
                f.write(body)
EOF
  touch "$DATA/files100k.done"
fi

if [ ! -f "$DATA/bigvalue.done" ]; then
  mkdir -p "$DATA/bigvalue"
  python3 - "$DATA/bigvalue/big.json" <<'EOF'
import sys
def record(name, user):
    return (b'{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE",'
            b'"accountId":"123456789012","userName":"' + user + b'"},"eventTime":"2024-05-01T10:00:00Z",'
            b'"eventSource":"iam.amazonaws.com","eventName":"' + name + b'","awsRegion":"us-east-1",'
            b'"sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2.15.0","eventID":"' + name + b'"}')
with open(sys.argv[1], "wb") as f:
    f.write(b'{"Records":[' + record(b"Normal", b"alice") + b"," + record(b"HugeUser", b"a" * (100 << 20)) + b"]}")
EOF
  touch "$DATA/bigvalue.done"
fi

measure() {
  label=$1
  shift
  "$@" > /dev/null 2>&1 || true
  i=0
  while [ $i -lt "$RUNS" ]; do
    /usr/bin/time -f "%e %M %P" -o "$DATA/time.out" "$@" > "$DATA/print.out" 2> /dev/null || true
    last=$(tail -n 1 "$DATA/time.out")  # GNU time puts "Command exited with non-zero status 2" first
    wall=${last%% *}
    rest=${last#* }
    rss=${rest% *}
    cpu=${rest#* }
    lines=$(wc -l < "$DATA/print.out")
    echo "$label: wall ${wall} s, CPU ${cpu}, peak RSS $((rss / 1024)) MB$([ "$lines" -gt 0 ] && echo ", $lines lines printed")"
    i=$((i + 1))
  done
}

echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, HEAD $(git rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "files: $(find "$DATA/files100k" -name '*.json' | wc -l), $(du -sh --apparent-size "$DATA/files100k" | cut -f1)"
measure "cat every file (baseline)" sh -c "find '$DATA/files100k' -name '*.json' -print0 | xargs -0 cat"
measure "trailview --print, 100,000 files" "$BIN" --print --format ndjson "$DATA/files100k"
measure "trailview --print, 100 MB userName" "$BIN" --print --format table "$DATA/bigvalue"
