#!/usr/bin/env python3
"""Runs WHERE conditions trailview compiled for Athena (Trino) in DuckDB, an independent SQL engine, over a table
shaped like AWS's CloudTrail table for Athena (the documented DDL: lower-case columns, `useridentity` a struct,
`requestparameters`, `responseelements` and `additionaleventdata` JSON text, every scalar a string as the Hive JSON
SerDe gives it).

    athena-duckdb.py RECORDS.ndjson CONDITIONS.json   # prints a JSON list: for each condition, the eventIDs it keeps

The conditions are run as sent. The one Trino function DuckDB lacks is defined as a macro with Trino's meaning:
json_extract_scalar (NULL for objects and arrays). Records Python's json cannot read are left out (and counted on
stderr): the table holds what Athena's SerDe would have read.
"""
import json
import sys

import duckdb

IDENTITY = ["type", "principalid", "arn", "accountid", "invokedby", "accesskeyid", "username"]
SCALARS = [
    "eventversion", "eventtime", "eventsource", "eventname", "awsregion", "sourceipaddress", "useragent", "errorcode",
    "errormessage", "requestid", "eventid", "readonly", "eventtype", "apiversion", "recipientaccountid",
    "sharedeventid", "vpcendpointid", "eventcategory",
]
JSON_TEXT = ["requestparameters", "responseelements", "additionaleventdata"]


def text(value):
    """A JSON value as the SerDe gives a string column: strings as they are, other scalars as JSON text."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def row(record):
    lower = {k.lower(): v for k, v in record.items()}
    identity = lower.get("useridentity")
    identity = {k.lower(): v for k, v in identity.items()} if isinstance(identity, dict) else None
    values = [text(lower.get(name)) for name in SCALARS]
    values.append(None if identity is None else {name: text(identity.get(name)) for name in IDENTITY})
    values += [None if lower.get(name) is None else json.dumps(lower[name], separators=(",", ":"), ensure_ascii=False)
               for name in JSON_TEXT]
    return values


def main():
    records, conditions = sys.argv[1], sys.argv[2]
    db = duckdb.connect()
    columns = ", ".join(f"{name} VARCHAR" for name in SCALARS)
    identity = ", ".join(f"{name} VARCHAR" for name in IDENTITY)
    json_columns = ", ".join(f"{name} VARCHAR" for name in JSON_TEXT)
    db.execute(f"CREATE TABLE cloudtrail_logs ({columns}, useridentity STRUCT({identity}), {json_columns})")
    db.execute(
        "CREATE MACRO json_extract_scalar(j, p) AS "
        "CASE WHEN json_type(j, p) IN ('OBJECT', 'ARRAY') THEN NULL ELSE json_extract_string(j, p) END")
    rows, skipped = [], 0
    with open(records, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            try:
                rows.append(row(json.loads(line)))
            except (ValueError, AttributeError):
                skipped += 1
    marks = ", ".join("?" for _ in range(len(SCALARS) + 1 + len(JSON_TEXT)))
    if rows:
        db.executemany(f"INSERT INTO cloudtrail_logs VALUES ({marks})", rows)
    if skipped:
        print(f"athena-duckdb: {skipped} records Python's json could not read were left out", file=sys.stderr)
    out = []
    for condition in json.load(open(conditions, encoding="utf-8")):
        found = db.execute(f"SELECT eventid FROM cloudtrail_logs WHERE {condition}").fetchall()
        out.append(sorted(r[0] for r in found if r[0] is not None))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
