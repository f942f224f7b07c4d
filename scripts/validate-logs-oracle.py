#!/usr/bin/env python3
"""`aws cloudtrail validate-logs` as the oracle for `trailview --print --validate`, over moto's S3.

  validate-logs-oracle.py prepare S3_ENDPOINT FOLDER
      signs seven trails' digest chains with one new RSA key (the AWS CLI's own string to sign, scripts/digest-oracle.py),
      uploads each scenario into its own bucket(s) with boto3 (digests carry their signature in object metadata, as
      CloudTrail delivers them), then alters it; writes FOLDER/keys.json (list-public-keys shape, for cloudtrail-fake's
      ListPublicKeys) and prints [{"name", "buckets" (newest first), "start", "end", "arn"}].
  validate-logs-oracle.py verdicts S3_ENDPOINT CLOUDTRAIL_ENDPOINT SCENARIOS.json
      runs `aws cloudtrail validate-logs --verbose` for each scenario and prints what it said:
      [{"name", "status", "digests": {"bucket/key": "valid"|"INVALID..."}, "logs": {...}, "gaps": [[from, to]]}].

Scenarios (six hourly digests, each listing one log file, on 2026-11-30): intact, a log file changed by one byte, a
log file deleted, a digest deleted, a digest changed, logging stopped for two hours (the chain restarts), the trail
moved to another bucket halfway (the newer digests name the older bucket's digest as their previous one), and two
hours covered by backfill digests (their own chain, with backfill-generation-timestamp metadata), one of their log
files changed.
"""
import base64, gzip, importlib.util, json, os, re, subprocess, sys

import boto3
import rsa

ACCOUNT, REGION, TRAIL = "123456789012", "us-east-1", "audit"
ARN = f"arn:aws:cloudtrail:{REGION}:{ACCOUNT}:trail/{TRAIL}"
DAY = "2026-11-30"
FINGERPRINT = "4f1d2c3b5a69788796a5b4c3d2e1f001"
BACKFILL_MADE = "2026-11-30T10:00:00Z"


def load_signer():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "digest-oracle.py")
    spec = importlib.util.spec_from_file_location("digest_oracle", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def digest_key(hour, backfill=False):
    """The key CloudTrail gives the digest that ends at `hour` (the AWS CLI finds digests by this name)."""
    stamp = f"20261130T{hour:02d}0000Z" + ("_backfill" if backfill else "")
    return (f"AWSLogs/{ACCOUNT}/CloudTrail-Digest/{REGION}/2026/11/30/"
            f"{ACCOUNT}_CloudTrail-Digest_{REGION}_{TRAIL}_{REGION}_{stamp}.json.gz")


def log_key(hour):
    return f"AWSLogs/{ACCOUNT}/CloudTrail/{REGION}/2026/11/30/{ACCOUNT}_CloudTrail_{REGION}_20261130T{hour:02d}30Z_log{hour}.json.gz"


def log_content(hour):
    record = {"eventVersion": "1.08", "eventTime": f"{DAY}T{hour:02d}:30:00Z", "eventSource": "s3.amazonaws.com",
              "eventName": "ListBuckets", "awsRegion": REGION, "sourceIPAddress": "198.51.100.7",
              "userIdentity": {"type": "IAMUser", "userName": f"user{hour}"}, "eventID": f"event-{hour}",
              "readOnly": True, "eventType": "AwsApiCall", "recipientAccountId": ACCOUNT}
    return json.dumps({"Records": [record]}).encode()


def chain(signer, private, public, hours, bucket_of, restart_at=(), backfill=()):
    """Signed digests for `hours` (each digest covers the hour before its key's time) and their log files; the
    `backfill` hours' digests are backfill digests, made later."""
    entries = []
    for hour in hours:
        entries.append({
            "bucket": bucket_of(hour), "key": digest_key(hour + 1, hour in backfill), "link": True,
            "restart": hour in restart_at, "backfill": hour in backfill,
            "logs": {log_key(hour): base64.b64encode(log_content(hour)).decode()},
            "fields": {
                "awsAccountId": ACCOUNT, "digestStartTime": f"{DAY}T{hour:02d}:00:00Z",
                "digestEndTime": f"{DAY}T{hour + 1:02d}:00:00Z", "digestS3Bucket": bucket_of(hour),
                "digestS3Object": digest_key(hour + 1, hour in backfill), "digestPublicKeyFingerprint": FINGERPRINT,
                "digestSignatureAlgorithm": "SHA256withRSA", "newestEventTime": f"{DAY}T{hour:02d}:30:00Z",
                "oldestEventTime": f"{DAY}T{hour:02d}:30:00Z"}})
    signed = signer.sign(entries, keys=(public, private))["digests"]
    return [(entry, digest) for entry, digest in zip(entries, signed)]


def upload(s3, signed):
    for entry, digest in signed:
        buckets = {b["Name"] for b in s3.list_buckets()["Buckets"]}
        if entry["bucket"] not in buckets:
            s3.create_bucket(Bucket=entry["bucket"])
        metadata = {"signature": digest["signature"], "signature-algorithm": "SHA256withRSA"}
        if entry.get("backfill"):
            metadata["backfill-generation-timestamp"] = BACKFILL_MADE
        s3.put_object(Bucket=entry["bucket"], Key=entry["key"], Body=gzip.compress(digest["text"].encode()),
                      Metadata=metadata)
        for key, content in entry["logs"].items():
            s3.put_object(Bucket=entry["bucket"], Key=key, Body=gzip.compress(base64.b64decode(content)))


def prepare(endpoint, folder):
    signer = load_signer()
    public, private = rsa.newkeys(2048)
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name=REGION, aws_access_key_id="testing",
                      aws_secret_access_key="testing")
    scenarios = []

    def scenario(name, hours=range(6), restart_at=(), moved_at=None, backfill=()):
        new = f"oracle-{name}"
        bucket_of = (lambda h: new) if moved_at is None else (lambda h: new if h >= moved_at else new + "-old")
        signed = chain(signer, private, public, list(hours), bucket_of, restart_at, backfill)
        upload(s3, signed)
        buckets = [new] + ([new + "-old"] if moved_at is not None else [])
        scenarios.append({"name": name, "buckets": buckets, "start": f"{DAY}T00:00:00Z", "end": f"{DAY}T06:00:00Z",
                          "arn": ARN})
        return new, signed

    scenario("intact")
    bucket, _ = scenario("log-changed")
    changed = bytearray(log_content(1))
    changed[40] ^= 1
    s3.put_object(Bucket=bucket, Key=log_key(1), Body=gzip.compress(bytes(changed)))
    bucket, _ = scenario("log-deleted")
    s3.delete_object(Bucket=bucket, Key=log_key(2))
    bucket, _ = scenario("digest-deleted")
    s3.delete_object(Bucket=bucket, Key=digest_key(4))
    bucket, signed = scenario("digest-changed")
    _, digest = signed[4]
    text = digest["text"].replace(f'"awsAccountId": "{ACCOUNT}"', '"awsAccountId": "210987654321"')
    s3.put_object(Bucket=bucket, Key=digest_key(5), Body=gzip.compress(text.encode()),
                  Metadata={"signature": digest["signature"], "signature-algorithm": "SHA256withRSA"})
    scenario("gap", hours=[0, 1, 4, 5], restart_at=(4,))
    scenario("bucket-change", moved_at=3)
    # Hours 3 and 4 had no digests (a gap in the chain) and were backfilled later, a chain of their own; then hour
    # 4's log file is changed.
    bucket, _ = scenario("backfill", restart_at=(3, 5), backfill=(3, 4))
    changed = bytearray(log_content(4))
    changed[40] ^= 1
    s3.put_object(Bucket=bucket, Key=log_key(4), Body=gzip.compress(bytes(changed)))
    key = base64.b64encode(public.save_pkcs1(format="DER")).decode()
    with open(os.path.join(folder, "keys.json"), "w") as out:
        json.dump({"PublicKeyList": [{"Value": key, "Fingerprint": FINGERPRINT}]}, out)
    return scenarios


LINE = re.compile(r"^(?:\(backfill\) )?(Digest file|Log file)\ts3://([^\t]+)\t(.*)$")
GAP = re.compile(r"^(?:\(backfill\) )?No log files were delivered by CloudTrail between (\S+) and (\S+)$")


def verdicts(s3_endpoint, cloudtrail_endpoint, scenarios):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environment.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_CONFIG_FILE="/dev/null",
                       AWS_SHARED_CREDENTIALS_FILE="/dev/null", AWS_EC2_METADATA_DISABLED="true",
                       AWS_ENDPOINT_URL_S3=s3_endpoint, AWS_ENDPOINT_URL_CLOUDTRAIL=cloudtrail_endpoint)
    results = []
    for scenario in scenarios:
        run = subprocess.run(
            ["aws", "cloudtrail", "validate-logs", "--trail-arn", scenario["arn"], "--start-time", scenario["start"],
             "--end-time", scenario["end"], "--s3-bucket", scenario["buckets"][0], "--verbose", "--region", REGION],
            capture_output=True, text=True, env=environment)
        said = {"name": scenario["name"], "status": run.returncode, "digests": {}, "logs": {}, "gaps": [],
                "output": run.stdout + run.stderr}
        for line in (run.stdout + run.stderr).splitlines():
            if match := LINE.match(line):
                said["digests" if match[1] == "Digest file" else "logs"][match[2]] = match[3]
            elif match := GAP.match(line):
                said["gaps"].append([match[1], match[2]])
        results.append(said)
    return results


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        json.dump(prepare(sys.argv[2], sys.argv[3]), sys.stdout)
    else:
        json.dump(verdicts(sys.argv[2], sys.argv[3], json.load(open(sys.argv[4], encoding="utf-8"))), sys.stdout)
