#!/usr/bin/env python3
"""Live reach timings against cloudtrail-fake (release build): several regions at once, --region all, and the cache.

Prints a Markdown table for docs/PERFORMANCE.md. Needs tmux and a release build (`swift build -c release`).
  1. events per second over a 7-day window, one region vs four (2,000 events in each region, the fake's default
     2 LookupEvents requests per second per region);
  2. first rows on screen with --region all (tmux, launch to the first event row);
  3. a warm cache: --print wall time and LookupEvents requests, and the dashboard's first rows.
"""
import gzip, json, os, shutil, subprocess, sys, tempfile, time, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release")
REGIONS = ["us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"]
ENV = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDTRAILVIEWFAKE", AWS_SECRET_ACCESS_KEY="trailview-fake-secret",
           AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null", AWS_EC2_METADATA_DISABLED="true",
           TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", TZ="UTC")


def tree(folder, per_region, now):
    """A log tree with `per_region` events in each region, spread over the 7 days before `now`."""
    for region in REGIONS:
        records = []
        for i in range(per_region):
            t = now - 60 - int(i * (7 * 86400 - 600) / per_region)
            records.append({
                "eventVersion": "1.09", "eventTime": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t)),
                "eventSource": "ec2.amazonaws.com", "eventName": "DescribeInstances", "awsRegion": region,
                "sourceIPAddress": "198.51.100.7", "userAgent": "bench", "eventID": str(uuid.uuid4()),
                "eventType": "AwsApiCall", "readOnly": True, "managementEvent": True, "recipientAccountId": "123456789012",
                "userIdentity": {"type": "IAMUser", "userName": "bench", "arn": "arn:aws:iam::123456789012:user/bench"},
                "requestParameters": None, "responseElements": None,
            })
        with gzip.open(os.path.join(folder, f"{region}.json.gz"), "wt") as f:
            json.dump({"Records": records}, f)


def fake(args):
    """Starts the fake; returns (process, endpoint)."""
    p = subprocess.Popen([os.path.join(BIN, "cloudtrail-fake"), "--port", "0", "--quiet"] + args,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = p.stdout.readline().strip()
    return p, line.split()[-1]


def timed(args):
    start = time.monotonic()
    out = subprocess.run([os.path.join(BIN, "trailview")] + args, env=ENV, capture_output=True, text=True)
    return time.monotonic() - start, out


def first_rows(command, done="20"):
    """Seconds from launching `command` in tmux to the first event row on screen."""
    name = "bench-" + uuid.uuid4().hex[:8]
    env = " ".join(f"{k}={v}" for k, v in ENV.items() if k.startswith(("AWS_", "TERM", "LANG", "LC_", "TZ", "XDG")))
    start = time.monotonic()
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "200", "-y", "50", f"env {env} {command}"])
    try:
        while time.monotonic() - start < 60:
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout
            if any(line.startswith(done) for line in screen.splitlines()):
                return time.monotonic() - start
            time.sleep(0.01)
        return float("nan")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name])


def main():
    work = tempfile.mkdtemp(prefix="live-reach-")
    rows = []
    try:
        now = int(time.time())
        os.makedirs(work + "/tree")
        tree(work + "/tree", 2000, now)
        server, endpoint = fake(["--logs", work + "/tree"])
        try:
            common = ["--print", "--no-cache", "--since", "7d", "--endpoint-url", endpoint]
            one, out1 = timed(common + ["--region", "us-east-1"])
            n1 = len(out1.stdout.splitlines())
            four, out4 = timed(common + ["--region", ",".join(REGIONS)])
            n4 = len(out4.stdout.splitlines())
            rows.append(("7-day window, 1 region (us-east-1)", f"{n1:,} events in {one:.1f} s = {n1 / one:.0f} events/s"))
            rows.append((f"7-day window, {len(REGIONS)} regions in parallel",
                         f"{n4:,} events in {four:.1f} s = {n4 / four:.0f} events/s ({n4 / four / (n1 / one):.1f}x)"))
        finally:
            server.kill()
        server, endpoint = fake(["--demo"])
        try:
            t = first_rows(f"{BIN}/trailview --no-cache --region all --endpoint-url {endpoint}")
            rows.append(("first rows on screen, `--region all` (34 regions, DescribeRegions from the fake)", f"{t * 1000:.0f} ms"))
            cache = ["--cache-dir", work + "/cache", "--since", "7d", "--region", "us-east-1", "--endpoint-url", endpoint]
            cold, out_cold = timed(["--print"] + cache)
            warm, out_warm = timed(["--print", "-vv"] + cache)
            requests = [l for l in out_warm.stderr.splitlines() if " LookupEvents " in l]
            rows.append(("`--print` 7 days of us-east-1, cold cache",
                         f"{len(out_cold.stdout.splitlines()):,} events in {cold:.2f} s"))
            rows.append(("same, warm cache", f"{len(out_warm.stdout.splitlines()):,} events in {warm:.2f} s, "
                         f"{len(requests)} LookupEvents requests (pages of the last 10 minutes only)"))
            t = first_rows(f"{BIN}/trailview --cache-dir {work}/cache --since 7d --region us-east-1 --endpoint-url {endpoint}")
            rows.append(("first rows on screen, warm cache (dashboard)", f"{t * 1000:.0f} ms"))
        finally:
            server.kill()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("| measure | result |\n|---|---|")
    for measure, result in rows:
        print(f"| {measure} | {result} |")


if __name__ == "__main__":
    sys.exit(main())
