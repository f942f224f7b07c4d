#!/usr/bin/env python3
"""Key latency of the dashboard while cloudtrail-fake injects network faults.

For each fault scenario: start the release cloudtrail-fake serving the demo account, open the release trailview
dashboard on it in tmux (160x48), wait for the first page, press L (load everything, so faults keep happening),
then press `t` (UTC / local time) again and again and time how long the events pane title takes to change, from
`tmux send-keys` returning to the change appearing in `tmux capture-pane`. The numbers include tmux's own delivery
and capture time, so they are an upper bound of trailview's. Prints a Markdown table for docs/PERFORMANCE.md.

Usage: swift build -c release && scripts/key-latency.py [--presses 40]
"""
import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release")
SCENARIOS = [
    ("no faults", []),
    ("500 on every 2nd request", ["--fail-every", "2"]),
    ("throttle bursts (3 of every 13)", ["--throttle-burst", "3"]),
    ("connection reset every 3rd", ["--reset-every", "3"]),
    ("truncated body every 3rd", ["--truncate-every", "3"]),
    ("invalid JSON every 3rd", ["--garbage-every", "3"]),
    ("text/html answer every 3rd", ["--wrong-content-type-every", "3"]),
    ("NextToken refused every 3rd", ["--bad-token-every", "3"]),
    ("server clock +15 min", ["--skew", "900"]),
    ("2 s per answer", ["--delay-ms", "2000"]),
]


def tmux(*args):
    return subprocess.run(["tmux", "-L", "trailview-keylat", *args], capture_output=True, text=True, check=False)


def screen():
    return tmux("capture-pane", "-p", "-t", "keylat").stdout


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = screen()
        if predicate(text):
            return text
        time.sleep(0.005)
    raise TimeoutError(screen())


def run(name, fault, presses):
    fake = subprocess.Popen(
        [os.path.join(BIN, "cloudtrail-fake"), "--demo", "--rate", "1000", "--quiet", *fault],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    endpoint = fake.stdout.readline().split()[-1]
    home = tempfile.mkdtemp()
    env = (f"env -i HOME={home} TERM=xterm-256color LANG=C.UTF-8 TZ=UTC AWS_ACCESS_KEY_ID=AKIDTRAILVIEWFAKE "
           f"AWS_SECRET_ACCESS_KEY=trailview-fake-secret AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null "
           f"AWS_EC2_METADATA_DISABLED=true")
    command = f"{env} {os.path.join(BIN, 'trailview')} --no-cache --region us-east-1 --endpoint-url {endpoint}"
    tmux("kill-session", "-t", "keylat")
    tmux("new-session", "-d", "-s", "keylat", "-x", "160", "-y", "48", command)
    try:
        wait_for(lambda s: "Loaded 1 page" in s or "Loaded 2 pages" in s, 60)
        tmux("send-keys", "-t", "keylat", "L")
        samples = []
        for i in range(presses):
            want = "(local time)" if i % 2 == 0 else "(UTC)"
            start = time.monotonic()
            tmux("send-keys", "-t", "keylat", "t")
            wait_for(lambda s: f"Events {want}" in s, 10)
            samples.append((time.monotonic() - start) * 1000)
            time.sleep(random.uniform(0.05, 0.25))
        status = [line for line in screen().splitlines() if "events" in line and ("Load" in line)]
    finally:
        tmux("kill-session", "-t", "keylat")
        fake.terminate()
        fake.wait()
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return name, statistics.median(samples), p95, samples[-1], (status[-1].strip()[:70] if status else "")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--presses", type=int, default=40)
    args = parser.parse_args()
    for tool in ("trailview", "cloudtrail-fake"):
        if not os.path.exists(os.path.join(BIN, tool)):
            sys.exit(f"{tool} is not built: run `swift build -c release` first")
    print(f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}, "
          f"{args.presses} presses of `t` per scenario")
    print()
    print("| scenario | median ms | p95 ms | max ms | status line at the end |")
    print("|---|---|---|---|---|")
    for name, fault in SCENARIOS:
        name, median, p95, worst, status = run(name, fault, args.presses)
        print(f"| {name} | {median:.1f} | {p95:.1f} | {worst:.1f} | {status} |", flush=True)


if __name__ == "__main__":
    main()
