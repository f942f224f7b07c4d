#!/usr/bin/env python3
"""A trail's S3 bucket read and validated in place by trailview, against the AWS CLI way, over moto's S3 on loopback.

  scripts/s3-bench.py [--events 50000] [--runs 5] [--bin .build/release]
  scripts/s3-bench.py --local TREE     only signs a generated tree's digests into it (keys.json beside it)

Prints a Markdown table for docs/PERFORMANCE.md (wall-clock medians of --runs runs, with min–max). Needs python3 with
boto3, rsa, awscli and moto, and a release build of trailview, cloudtrail-fake and trailview-bench in --bin.

Setup (not timed): `trailview-bench generate --events N --seed 1` writes a CloudTrail tree (.json.gz, S3 layout) that
`aws s3 cp --recursive` uploads to a bucket in `moto_server` (unauthenticated: any key works). Each region's log files
get one digest per hour that has log files (the AWS CLI's key layout; SHA-256 of each log's uncompressed bytes;
chained; signed with a new RSA key by scripts/digest-oracle.py's `sign` and uploaded with their `signature` metadata
by scripts/validate-logs-oracle.py's `upload`), as a multi-region trail with its home in us-east-1 delivers them.
CloudTrail also delivers a digest for each hour without log files; they are left out here, where the generated tree
is sparse (a few log files a day), since pure-Python RSA signing costs ~25 ms a digest. cloudtrail-fake serves the
public key (ListPublicKeys).

Timed:
  1. reading every event: A `trailview --print s3://BUCKET/` against B `aws s3 sync` to an empty folder, then
     `trailview --print FOLDER` (each part and the sum); the event count is checked once, outside the timing.
  2. validating: A `trailview --print --validate s3://BUCKET/` against B `aws cloudtrail validate-logs`, which checks
     one region a run: one run per region, the times summed. Both must call every digest and log file valid (checked
     once).
The AWS CLI and moto_server are taken from the python running this script (not through a pyenv shim) when found there.
"""
import argparse, base64, contextlib, gzip, importlib.util, json, os, re, shutil, signal, socket, statistics, subprocess
import sys, tempfile, time, urllib.request
from collections import defaultdict
from datetime import datetime, timedelta, timezone

import boto3
import rsa

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BUCKET, TRAIL, HOME = "trailview-bench", "bench", "us-east-1"
FINGERPRINT = "5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"
LOG_KEY = re.compile(r"^AWSLogs/(\d{12})/CloudTrail/([a-z0-9-]+)/\d{4}/\d\d/\d\d/\d{12}_CloudTrail_[a-z0-9-]+_"
                     r"(\d{8}T\d{2})\d{2}Z_[^/]+\.json\.gz$")
HOUR = "%Y-%m-%dT%H:%M:%SZ"


def tool(name):
    """A console script of this python's environment (no shim in between), else the one on PATH."""
    beside = os.path.join(os.path.dirname(sys.executable), name)
    found = beside if os.access(beside, os.X_OK) else shutil.which(name)
    if not found:
        sys.exit(f"s3-bench: {name} not found (pip install awscli moto[server])")
    return found


def load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, file))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto(stack, env):
    port = free_port()
    process = subprocess.Popen([tool("moto_server"), "-H", "127.0.0.1", "-p", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stack.callback(stop, process)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url + "/moto-api/", timeout=1).close()
            return url
        time.sleep(0.05)
    sys.exit("s3-bench: moto_server did not start")


def start_fake(stack, binaries, keys_file):
    command = [os.path.join(binaries, "cloudtrail-fake"), "--port", "0", "--no-auth", "--quiet",
               "--public-keys", keys_file]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    stack.callback(stop, process)
    line = process.stdout.readline().strip()
    if not line.startswith("listening on "):
        sys.exit(f"s3-bench: cloudtrail-fake said {line!r}")
    return line.split()[-1]


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def run(command, env, quiet=False):
    """Runs `command` (stdout to /dev/null when quiet) and returns (seconds, the finished process); fails on error."""
    began = time.monotonic()
    done = subprocess.run(command, env=env, text=True, stderr=subprocess.PIPE,
                          stdout=subprocess.DEVNULL if quiet else subprocess.PIPE)
    seconds = time.monotonic() - began
    if done.returncode != 0:
        sys.exit(f"s3-bench: {' '.join(command)} exited {done.returncode}\n{done.stdout or ''}{done.stderr[-3000:]}")
    return seconds, done


def digest_key(account, region, end):
    """CloudTrail's key for `region`'s digest that ends at `end` (the layout validate-logs-oracle.py uses)."""
    return (f"AWSLogs/{account}/CloudTrail-Digest/{region}/{end:%Y/%m/%d}/"
            f"{account}_CloudTrail-Digest_{region}_{TRAIL}_{HOME}_{end:%Y%m%dT%H%M%SZ}.json.gz")


def sign_tree(tree, folder):
    """Signs the hourly digest chains of each account and region of `tree` (a chain per region, a digest per hour
    that has log files); writes the public key to FOLDER/keys.json. Returns ({(account, region): [(entry, signed)]},
    the first digest's start, the last one's end)."""
    oracle = load("validate_logs_oracle", "validate-logs-oracle.py")
    signer = oracle.load_signer()
    public, private = rsa.newkeys(2048)
    hours = defaultdict(lambda: defaultdict(list))
    for directory, _, files in os.walk(os.path.join(tree, "AWSLogs")):
        for name in files:
            key = os.path.relpath(os.path.join(directory, name), tree).replace(os.sep, "/")
            if match := LOG_KEY.match(key):
                hours[match[1], match[2]][datetime.strptime(match[3], "%Y%m%dT%H").replace(tzinfo=timezone.utc)
                                          ].append(key)
    chains, first, last = {}, None, None
    for (account, region), by_hour in sorted(hours.items()):
        entries = []
        for start in sorted(by_hour):
            end = start + timedelta(hours=1)
            key = digest_key(account, region, end)
            logs = {}
            for log in sorted(by_hour[start]):
                with gzip.open(os.path.join(tree, log), "rb") as f:
                    logs[log] = base64.b64encode(f.read()).decode()
            entries.append({"bucket": BUCKET, "key": key, "link": True, "logs": logs, "fields": {
                "awsAccountId": account, "digestStartTime": start.strftime(HOUR), "digestEndTime": end.strftime(HOUR),
                "digestS3Bucket": BUCKET, "digestS3Object": key, "digestPublicKeyFingerprint": FINGERPRINT,
                "digestSignatureAlgorithm": "SHA256withRSA"}})
            first = min(first or start, start)
            last = max(last or end, end)
        chains[account, region] = list(zip(entries, signer.sign(entries, keys=(public, private))["digests"]))
    with open(os.path.join(folder, "keys.json"), "w") as out:
        key = base64.b64encode(public.save_pkcs1(format="DER")).decode()
        json.dump({"PublicKeyList": [{"Value": key, "Fingerprint": FINGERPRINT}]}, out)
    return chains, first, last


def make_digests(tree, s3, folder):
    """Signs and uploads the digests of `tree` (``sign_tree``). Returns ({(account, region): (digests, log files)},
    the first digest's start, the last one's end)."""
    oracle = load("validate_logs_oracle", "validate-logs-oracle.py")
    chains, first, last = sign_tree(tree, folder)
    counts = {}
    for (account, region), signed in chains.items():
        # The log files are in the bucket already (uploaded by the AWS CLI): only the digests go up here.
        oracle.upload(s3, [(dict(entry, logs={}), digest) for entry, digest in signed])
        counts[account, region] = (len(signed), sum(len(entry["logs"]) for entry, _ in signed))
    return counts, first, last


def local_copy(tree):
    """`--local TREE`: writes the digests of a generated tree into it, as `aws s3 sync` would have copied them (no
    object metadata), and keys.json beside TREE; for screenshots and trying `--validate` without a bucket."""
    beside = os.path.dirname(os.path.abspath(tree))
    chains, _, _ = sign_tree(tree, beside)
    for signed in chains.values():
        for entry, digest in signed:
            path = os.path.join(tree, entry["key"])
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with gzip.open(path, "wb") as out:
                out.write(digest["text"].encode())
    print(f"wrote {sum(len(s) for s in chains.values())} digests and {os.path.join(beside, 'keys.json')}")


def spread(times):
    return f"{statistics.median(times):.2f} s", f"{min(times):.2f}–{max(times):.2f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=50000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release"))
    parser.add_argument("--local", metavar="TREE", help="only write signed digests into a generated tree, then stop")
    args = parser.parse_args()
    if args.local:
        return local_copy(args.local)
    if args.events < 1 or args.runs < 1:
        parser.error("--events and --runs take a whole number of at least 1")
    binaries = os.path.abspath(args.bin)
    trailview = os.path.join(binaries, "trailview")
    aws = tool("aws")
    load_before = os.getloadavg()[0]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("s3-bench: terminated"))  # so that the cleanup below runs
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_CONFIG_FILE="/dev/null",
               AWS_SHARED_CREDENTIALS_FILE="/dev/null", AWS_EC2_METADATA_DISABLED="true",
               INITIAL_NO_AUTH_ACTION_COUNT="1000000000")
    with contextlib.ExitStack() as stack:
        work = tempfile.mkdtemp(prefix="s3-bench-")
        stack.callback(shutil.rmtree, work, ignore_errors=True)
        tree = os.path.join(work, "tree")
        run([os.path.join(binaries, "trailview-bench"), "generate", "--events", str(args.events), "--seed", "1",
             "--out", tree], env)
        moto = start_moto(stack, env)
        env["AWS_ENDPOINT_URL_S3"] = moto
        s3 = boto3.client("s3", endpoint_url=moto, region_name=HOME, aws_access_key_id="testing",
                          aws_secret_access_key="testing")
        s3.create_bucket(Bucket=BUCKET)
        endpoint = ["--endpoint-url", moto, "--region", HOME]
        run([aws, "s3", "cp", "--recursive", "--quiet", "--exclude", "bench-manifest.txt", tree, f"s3://{BUCKET}/"]
            + endpoint, env)
        objects = sum(page.get("KeyCount", 0) for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET))
        gzip_bytes = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(tree) for f in fs
                         if f.endswith(".json.gz"))

        # 1. Reading every event: in place against sync-then-read. The count is checked once.
        read = [trailview, "--print", "--region", HOME]
        _, printed = run(read + ["--format", "ndjson", f"s3://{BUCKET}/"], env)
        if (count := printed.stdout.count("\n")) != args.events:
            sys.exit(f"s3-bench: trailview printed {count} events from the bucket, not {args.events}")
        times = defaultdict(list)
        for i in range(args.runs):
            times["A"].append(run(read + [f"s3://{BUCKET}/"], env, quiet=True)[0])
            copy = os.path.join(work, f"sync{i}")
            times["sync"].append(run([aws, "s3", "sync", "--quiet", f"s3://{BUCKET}/", copy] + endpoint, env)[0])
            times["load"].append(run(read + [copy], env, quiet=True)[0])
            if i == 0:
                _, printed = run(read + ["--format", "ndjson", copy], env)
                if (count := printed.stdout.count("\n")) != args.events:
                    sys.exit(f"s3-bench: trailview printed {count} events from the synced copy, not {args.events}")
            times["B"].append(times["sync"][-1] + times["load"][-1])
            shutil.rmtree(copy)

        # 2. Validating: digests signed and uploaded, the public key served by cloudtrail-fake.
        counts, first, last = make_digests(tree, s3, work)
        env["AWS_ENDPOINT_URL_CLOUDTRAIL"] = start_fake(stack, binaries, os.path.join(work, "keys.json"))
        digests, logs = sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())
        validate = [trailview, "--print", "--validate", f"s3://{BUCKET}/", "--region", HOME]

        def cli(account, region):
            return [aws, "cloudtrail", "validate-logs", "--trail-arn", f"arn:aws:cloudtrail:{HOME}:{account}:trail/"
                    f"{TRAIL}", "--start-time", first.strftime(HOUR), "--end-time", last.strftime(HOUR), "--s3-bucket",
                    BUCKET, "--region", region]
        _, said = run(validate, env)
        expected = f"Results: digest files {digests}/{digests} valid; log files {logs}/{logs} valid"
        if said.stdout.splitlines()[-1] != expected:
            sys.exit(f"s3-bench: trailview --validate said {said.stdout.splitlines()[-1]!r}, not {expected!r}")
        if gaps := [line for line in said.stdout.splitlines() if line.startswith("Gap\t")]:
            print(f"s3-bench: note: trailview --validate reported {len(gaps)} chain gap(s), such as {gaps[0]!r}; "
                  "each region's chain is unbroken", file=sys.stderr)
        for (account, region), (d, n) in counts.items():
            _, said = run(cli(account, region), env)
            for valid in (f"\n{d}/{d} digest files valid", f"\n{n}/{n} log files valid"):
                if valid not in said.stdout or "INVALID" in said.stdout + said.stderr or "No log files" in said.stderr:
                    sys.exit(f"s3-bench: validate-logs in {region} did not say {valid!r}:\n{said.stdout}")
        for _ in range(args.runs):
            times["validate A"].append(run(validate, env, quiet=True)[0])
            times["validate B"].append(sum(run(cli(*place), env, quiet=True)[0] for place in counts))

    moto_version = subprocess.run([sys.executable, "-c", "import moto; print(moto.__version__)"],
                                  capture_output=True, text=True).stdout.strip()
    cli_version = subprocess.run([aws, "--version"], capture_output=True, text=True).stdout.split()[0]
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    median = {name: statistics.median(values) for name, values in times.items()}
    regions = ", ".join(sorted({region for _, region in counts}))
    print(f"{args.events:,} events in {logs} log files ({gzip_bytes / 1e6:.1f} MB gzip; {objects} objects in the "
          f"bucket; regions {regions}) and {digests} digest files, in moto {moto_version}'s S3 on loopback; "
          f"{cli_version}; "
          f"{os.cpu_count()} cores ({cpu}); load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after. "
          f"Wall clock, median (min–max) of {args.runs} runs.\n")
    print("| what | median | min–max |\n| --- | ---: | ---: |")
    rows = [("A: `trailview --print s3://BUCKET/`", "A"), ("B: `aws s3 sync s3://BUCKET/ DIR`", "sync"),
            ("B: `trailview --print DIR`", "load"), ("B: sync + read", "B")]
    for label, name in rows:
        print(f"| {label} | {' | '.join(spread(times[name]))} |")
    print(f"| B / A | {median['B'] / median['A']:.1f}× | |")
    print(f"| A: `trailview --print --validate s3://BUCKET/` | {' | '.join(spread(times['validate A']))} |")
    print(f"| B: `aws cloudtrail validate-logs`, one run per region ({len(counts)}), summed | "
          f"{' | '.join(spread(times['validate B']))} |")
    print(f"| B / A | {median['validate B'] / median['validate A']:.1f}× | |")


if __name__ == "__main__":
    main()
