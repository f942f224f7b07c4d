#!/usr/bin/env python3
"""botocore's S3 SigV4 signer as an independent peer for trailview's tests.

Usage: s3-sigv4-oracle.py '[{"url": "..."}]'
Signs a GET of each URL (with an x-amz-content-sha256 of the empty body) for s3 in us-east-1 with the AWS test
suite's example key at 2026-12-01T12:00:00Z and prints the Authorization headers as a JSON list.
"""
import sys, json
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
import datetime
from unittest import mock
cases = json.loads(sys.argv[1])
out = []
for c in cases:
    req = AWSRequest(method="GET", url=c["url"], headers={"x-amz-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"})
    auth = S3SigV4Auth(Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), "s3", "us-east-1")
    with mock.patch("botocore.auth.get_current_datetime", return_value=datetime.datetime(2026, 12, 1, 12, 0, 0)):
        auth.add_auth(req)
    out.append(req.headers["Authorization"])
print(json.dumps(out))
