#!/usr/bin/env python3
"""The AWS CLI's digest signature check (awscli.customizations.cloudtrail.validation) as an oracle for trailview.

  digest-oracle.py sign DIGESTS.json     signs each digest with a new 2048-bit RSA key, chaining previousDigestSignature
  digest-oracle.py check CASES.json      the AWS CLI's verdict for each case: "valid" or the error it raises

sign reads [{"bucket","key","fields"}...] (the digest JSON's fields without previousDigestSignature, oldest first;
with "link": true it fills in the previous digest's place and hash, and "logs": {key: base64 bytes} as logFiles with
their SHA-256; "restart": true starts a new chain) and prints {"publicKey": base64 DER (PKCS #1, as ListPublicKeys gives it), "digests": [{"text", "signature"}...]}.
check reads [{"bucket","key","publicKey","text","signature"}...].
"""
import base64, binascii, hashlib, json, sys

import rsa
from awscli.customizations.cloudtrail.validation import Sha256RSADigestValidator


def sign(entries, keys=None):
    public, private = keys or rsa.newkeys(2048)
    validator = Sha256RSADigestValidator()
    previous = None
    previous_entry = None
    out = []
    for entry in entries:
        if entry.get("restart"):
            previous = None
        fields = dict(entry["fields"], previousDigestSignature=previous)
        if entry.get("link"):
            # Fill in the chain (the previous digest's place and hash) and the log files' hashes.
            chained = previous is not None and previous_entry is not None
            fields["previousDigestS3Bucket"] = previous_entry["bucket"] if chained else None
            fields["previousDigestS3Object"] = previous_entry["key"] if chained else None
            fields["previousDigestHashValue"] = (
                hashlib.sha256(out[-1]["text"].encode()).hexdigest() if chained else None)
            fields["previousDigestHashAlgorithm"] = "SHA-256" if chained else None
            fields["logFiles"] = [
                {"s3Bucket": entry["bucket"], "s3Object": key, "hashAlgorithm": "SHA-256",
                 "hashValue": hashlib.sha256(base64.b64decode(content)).hexdigest()}
                for key, content in entry.get("logs", {}).items()]
        text = json.dumps(fields)
        to_sign = validator._create_string_to_sign(fields, text.encode())
        signature = binascii.hexlify(rsa.sign(to_sign, private, "SHA-256")).decode()
        out.append({"text": text, "signature": signature})
        previous = signature
        previous_entry = entry
    key = base64.b64encode(public.save_pkcs1(format="DER")).decode()
    return {"publicKey": key, "digests": out}


def check(cases):
    verdicts = []
    for case in cases:
        try:
            data = json.loads(case["text"])
            data["_signature"] = case["signature"]
            Sha256RSADigestValidator().validate(
                case["bucket"], case["key"], case["publicKey"], data, case["text"].encode())
            verdicts.append("valid")
        except Exception as error:
            verdicts.append(f"{type(error).__name__}")
    return verdicts


if __name__ == "__main__":
    payload = json.load(open(sys.argv[2], encoding="utf-8"))
    json.dump(sign(payload) if sys.argv[1] == "sign" else check(payload), sys.stdout)
