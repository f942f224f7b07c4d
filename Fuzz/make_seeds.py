#!/usr/bin/env python3
"""Writes the seed corpus for the CloudTrailModel fuzzer into Fuzz/seeds (default) or the given folder.

Covers every shape RecordScanner knows: {"Records":[...]}, bare array, NDJSON (records and batches), single record,
`aws cloudtrail lookup-events` output, digest, empty, plus BOM, escapes, hostile text, deep nesting and truncation.
Also copies *.json / *.jsonl / *.ndjson files (and decompressed *.json.gz) up to 64 KiB from ../shared/samples (next to the repository) when that
folder exists; those copies are not committed.
"""
import gzip, json, os, shutil, sys

here = os.path.dirname(os.path.abspath(__file__))
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "seeds")
os.makedirs(out, exist_ok=True)

def rec(name="ListUsers", source="iam.amazonaws.com", time="2024-05-01T12:34:56Z", identity=None, **extra):
    r = {
        "eventVersion": "1.08",
        "userIdentity": identity or {"type": "IAMUser", "principalId": "AIDAEXAMPLE", "arn": "arn:aws:iam::123456789012:user/alice",
                                     "accountId": "123456789012", "accessKeyId": "AKIAEXAMPLE", "userName": "alice"},
        "eventTime": time, "eventSource": source, "eventName": name, "awsRegion": "us-east-1",
        "sourceIPAddress": "203.0.113.7", "userAgent": "aws-cli/2.15.0", "requestParameters": None,
        "responseElements": None, "requestID": "req-1", "eventID": "11111111-2222-3333-4444-555555555555",
        "readOnly": True, "eventType": "AwsApiCall", "managementEvent": True, "recipientAccountId": "123456789012",
    }
    r.update(extra)
    return r

identities = [
    {"type": "AssumedRole", "principalId": "AROA:session", "arn": "arn:aws:sts::123456789012:assumed-role/Admin/bob",
     "accountId": "123456789012", "sessionContext": {"sessionIssuer": {"type": "Role", "userName": "Admin",
     "arn": "arn:aws:iam::123456789012:role/Admin"}, "attributes": {"mfaAuthenticated": "false"}}},
    {"type": "Role", "arn": "arn:aws:iam::123456789012:role/path/Deploy"},
    {"type": "Root", "principalId": "123456789012", "arn": "arn:aws:iam::123456789012:root"},
    {"type": "FederatedUser", "arn": "arn:aws:sts::123456789012:federated-user/carol", "principalId": "1:carol"},
    {"type": "AWSService", "invokedBy": "cloudtrail.amazonaws.com"},
    {"type": "AWSAccount", "accountId": "999999999999"},
    {"type": "IdentityCenterUser", "onBehalfOf": {"userId": "u-1", "identityStoreArn": "arn:x"}, "principalId": "p"},
    {"type": "SAMLUser", "principalId": "saml:dave"},
    {"type": "Unknown"},
]
records = [rec()] + [rec(name="Op%d" % k, identity=i) for k, i in enumerate(identities)]
records.append(rec(name="CreateTrail", requestParameters={"name": "arn:aws:cloudtrail:us-east-1:1:trail/t"},
                   errorCode="AccessDenied", errorMessage="User: x is not authorized", readOnly="false"))
records.append({"eventTime": "2025-01-21 17:49:47.000000000", "eventName": "x"})
records.append({"eventVersion": "1.07", "eventTime": "2024-02-29T23:59:59+05:30", "eventSource": "insights",
                "eventName": "InsightEvent", "eventType": "AwsCloudTrailInsight"})

seeds = {}
def add(name, data):
    seeds[name] = data if isinstance(data, bytes) else data.encode("utf-8")

dumps = lambda v: json.dumps(v, ensure_ascii=False)
add("records.json", dumps({"Records": records}))
add("records-pretty.json", json.dumps({"Records": records[:3]}, indent=2))
add("records-extra-keys.json", dumps({"x": [1, {"Records": 2}], "Records": records[:2], "y": None}))
add("records-empty.json", '{"Records":[]}')
add("array.json", dumps(records[:4]))
add("array-mixed.json", dumps([1, "a", None, records[0], {"not": "record"}, [records[1]]]))
add("ndjson.jsonl", "\n".join(dumps(r) for r in records) + "\n")
add("ndjson-batches.jsonl", dumps({"Records": records[:2]}) + "\n" + dumps({"Records": records[2:4]}) + "\n")
add("records-broken-middle.json", '{"Records":[' + dumps(records[0]) + ',{"eventTime":"2024' + "," +
    ",\x00".join(dumps(r) for r in records[1:3]) + ',{"a":[{"b":1},{"eventName":"x"}],"y":tru},' + dumps(records[3]) + "]}")
add("array-broken-middle.json", "[" + dumps(records[0]) + ',{"eventName":"\x01",' + dumps(records[1]) + "]")
add("ndjson-broken-line.jsonl", dumps(records[0]) + "\n{\"eventName\":\"a\",\n" + dumps(records[1]) + "\n")
add("single.json", json.dumps(records[1], indent=4))
lookup = {"Events": [{"EventId": "e%d" % k, "EventName": r.get("eventName"), "CloudTrailEvent": dumps(r)}
                     for k, r in enumerate(records[:3])], "NextToken": "tok"}
add("lookup-events.json", json.dumps(lookup, indent=4))
add("lookup-events-bad.json", '{"Events":[{"CloudTrailEvent":"{\\"eventName\\":"},{"CloudTrailEvent":5}]}')
add("digest.json", dumps({"awsAccountId": "123456789012", "digestStartTime": "2024-05-01T00:00:00Z",
                          "digestEndTime": "2024-05-01T01:00:00Z", "digestS3Bucket": "b", "digestS3Object": "o",
                          "logFiles": [{"s3Bucket": "b", "s3Object": "k", "hashValue": "ab", "hashAlgorithm": "SHA-256"}]}))
add("empty.json", "")
add("whitespace.json", " \n\t\r\n ")
add("bom-records.json", b"\xef\xbb\xbf" + dumps({"Records": records[:1]}).encode())
add("bom-only.json", b"\xef\xbb\xbf")
add("escapes.json", '{"Records":[{"eventTime":"2024\\u002d05-01T12:34:56Z","eventName":"\\u0041\\ud83d\\ude00\\n\\t\\"q\\"",'
    '"eventSource":"a\\/b","userIdentity":{"type":"IAM\\u0055ser","userName":"\\u001b[31mred\\u202e\\ud800x"},'
    '"e\\u0076entName":"escaped-key","errorMessage":"\\x\\u12\\uZZZZ\\\\"}]}')
add("hostile.json", dumps({"Records": [rec(name="\x1b]0;title\x07\u202eevil\u2066\u0085\u200b",
    identity={"type": "IAMUser", "userName": "a" + "\u0301" * 30})]}))
add("invalid-utf8.json", b'{"eventTime":"2024-05-01T12:34:56Z","eventName":"\xff\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80","eventSource":"s"}')
add("deep.json", '{"Records":[{"eventTime":"2024-05-01T12:34:56Z","requestParameters":' + "[" * 2000 + "]" * 2000 + "}]}")
add("deep-unclosed.json", "[" * 5000)
add("deep-objects.json", '{"eventName":"a","eventSource":"b","x":' + '{"a":' * 1000 + "1" + "}" * 1000 + "}")
add("types.json", '{"Records":[{"eventTime":1714566896,"eventName":null,"eventSource":["x"],"readOnly":"true",'
    '"userIdentity":"str","awsRegion":{"a":1}},{"eventTime":"2024-13-01T00:00:00Z","readOnly":false},'
    '{"eventTime":"0001-01-01T00:00:00Z"},{"eventTime":"9999-12-31T23:59:59.999-23:59"}]}')
add("numbers.json", '[-0, 1e308, -1.5E-3, 123456789012345678901234567890, {"eventTime":"2024-05-01T12:34:56Z","n":-1e+2}]')
add("duplicate-keys.json", '{"eventName":"a","eventName":"b","eventSource":"s","userIdentity":{"type":"Root"},'
    '"userIdentity":{"type":"IAMUser","userName":"u"}}')
add("not-cloudtrail.json", dumps({"foo": [1, 2, {"bar": "baz"}]}))
add("scalars.jsonl", '1\n"x"\ntrue\nnull\n' + dumps(records[0]) + "\n")
full = dumps({"Records": records[:2]})
for cut in (1, 11, len(full) // 3, len(full) // 2, len(full) - 40, len(full) - 1):
    add("truncated-%d.json" % cut, full[:cut])
add("truncated-string.json", '{"Records":[' + dumps(records[0]) + ',{"eventName":"Trunc')
add("garbage.json", b"\x00\x01{\"Records\":[\x7f]}\x80 ] } , : tru nul fals")

for name, data in seeds.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(data[:65536])

copied = 0
samples = os.path.normpath(os.path.join(here, "..", "..", "shared", "samples"))
if os.path.isdir(samples):
    for root, _, files in os.walk(samples):
        for fn in sorted(files):
            src = os.path.join(root, fn)
            rel = os.path.relpath(src, samples).replace(os.sep, "__")
            if fn.endswith((".json", ".jsonl", ".ndjson")) and os.path.getsize(src) <= 65536:
                shutil.copyfile(src, os.path.join(out, "sample__" + rel))
                copied += 1
            elif fn.endswith(".json.gz") and os.path.getsize(src) <= 65536:
                try:
                    data = gzip.open(src).read()
                except OSError:
                    continue
                if len(data) <= 65536:
                    with open(os.path.join(out, "sample__" + rel[:-3]), "wb") as f:
                        f.write(data)
                    copied += 1
print("wrote %d generated seeds and %d sample files to %s" % (len(seeds), copied, out))
