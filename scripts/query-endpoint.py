#!/usr/bin/env python3
"""A test endpoint for Athena's and CloudTrail Lake's query APIs that runs the SQL it is sent, as sent, in DuckDB (an
independent SQL engine) over tables of CloudTrail records shaped like AWS's documented CloudTrail table for Athena
and like a Lake event data store.

    query-endpoint.py RECORDS.ndjson [--port N] [--database DB] [--table T] [--partitions timestamp|ymd]
                      [--polls N] [--hold] [--require-output] [--log FILE] [--store ID] [--store-name NAME]
                      [--lake-drop COLUMN ...]

It prints `port N` on stdout once it listens. Athena operations (awsJson1.1, `X-Amz-Target: AmazonAthena.*`):
GetTableMetadata, StartQueryExecution, GetQueryExecution, GetQueryResults, StopQueryExecution. CloudTrail Lake
operations (`X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.*`): ListEventDataStores,
StartQuery, DescribeQuery, GetQueryResults, CancelQuery, over one store, `--store` (its table has Lake's documented
types: `eventtime` a timestamp, `readonly` a boolean, the JSON fields maps of strings). Lake's FROM names the store
by its bare ID, which DuckDB would read as arithmetic (it has dashes): that one word is quoted before running; the
rest of the statement runs as sent. Every request must
carry a SigV4 Authorization header (the signature is not checked). `--log FILE` gets one JSON line per request:
the operation and, for StartQueryExecution, the statement.

The table: the documented DDL's columns (structs, the `resources` array and maps as DuckDB STRUCT/LIST/MAP), every
scalar a string as the Hive JSON SerDe gives it, JSON text columns as compact JSON, and the partition key(s) from
each record's eventTime: `timestamp` 'yyyy/MM/dd' (the documented projection) or `year`, `month`, `day` ('2026',
'12', '02'). A query stays QUEUED, then RUNNING for `--polls` GetQueryExecution calls before it SUCCEEDS; `--hold`
keeps it RUNNING until StopQueryExecution. `DataScannedInBytes` is the size of the records in the partitions whose
rows the query's WHERE could reach (the endpoint runs the statement's WHERE over the partition values alone when it
can split it off; otherwise the whole table).

Trino functions DuckDB lacks are macros with Trino's meaning: json_extract_scalar (NULL for objects and arrays).
"""
import argparse
import json
import re
import sys
import tempfile
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import duckdb

IDENTITY = (
    "struct<type:string,principalid:string,arn:string,accountid:string,invokedby:string,accesskeyid:string,"
    "username:string,onbehalfof:struct<userid:string,identitystorearn:string>,sessioncontext:struct<"
    "attributes:struct<mfaauthenticated:string,creationdate:string>,sessionissuer:struct<type:string,"
    "principalid:string,arn:string,accountid:string,username:string>,ec2roledelivery:string,"
    "webidfederationdata:struct<federatedprovider:string,attributes:map<string,string>>>>")
# AWS's documented CloudTrail table for Athena (partition projection variant), column by column.
COLUMNS = [
    ("eventversion", "string"), ("useridentity", IDENTITY), ("eventtime", "string"), ("eventsource", "string"),
    ("eventname", "string"), ("awsregion", "string"), ("sourceipaddress", "string"), ("useragent", "string"),
    ("errorcode", "string"), ("errormessage", "string"), ("requestparameters", "string"),
    ("responseelements", "string"), ("additionaleventdata", "string"), ("requestid", "string"),
    ("eventid", "string"), ("readonly", "string"),
    ("resources", "array<struct<arn:string,accountid:string,type:string>>"), ("eventtype", "string"),
    ("apiversion", "string"), ("recipientaccountid", "string"), ("serviceeventdetails", "string"),
    ("sharedeventid", "string"), ("vpcendpointid", "string"), ("vpcendpointaccountid", "string"),
    ("eventcategory", "string"),
    ("addendum", "struct<reason:string,updatedfields:string,originalrequestid:string,originaleventid:string>"),
    ("sessioncredentialfromconsole", "string"), ("edgedevicedetails", "string"),
    ("tlsdetails", "struct<tlsversion:string,ciphersuite:string,clientprovidedhostheader:string>"),
]
LAKE_IDENTITY = (
    "struct<type:string,principalid:string,arn:string,accountid:string,accesskeyid:string,username:string,"
    "sessioncontext:struct<attributes:struct<creationdate:timestamp,mfaauthenticated:string>,"
    "sessionissuer:struct<type:string,principalid:string,arn:string,accountid:string,username:string>,"
    "webidfederationdata:struct<federatedprovider:string,attributes:map<string,string>>,"
    "sourceidentity:string,ec2roledelivery:string,ec2issuedinvpc:string>,invokedby:string,"
    "identityprovider:string>")
# CloudTrail Lake's documented schema for CloudTrail events (the columns trailview reads, and one more).
LAKE_COLUMNS = [
    ("eventversion", "string"), ("useridentity", LAKE_IDENTITY), ("eventtime", "timestamp"),
    ("eventsource", "string"), ("eventname", "string"), ("awsregion", "string"), ("sourceipaddress", "string"),
    ("useragent", "string"), ("errorcode", "string"), ("errormessage", "string"),
    ("requestparameters", "map<string,string>"), ("responseelements", "map<string,string>"),
    ("additionaleventdata", "map<string,string>"), ("requestid", "string"), ("eventid", "string"),
    ("readonly", "boolean"), ("resources", "array<struct<accountid:string,type:string,arn:string,arnprefix:string>>"),
    ("eventtype", "string"), ("apiversion", "string"), ("managementevent", "boolean"),
    ("recipientaccountid", "string"), ("sharedeventid", "string"), ("vpcendpointid", "string"),
    ("eventcategory", "string"), ("vpcendpointaccountid", "string"), ("serviceeventdetails", "map<string,string>"),
    ("addendum", "struct<reason:string,updatedfields:string,originalrequestid:string,originaleventid:string>"),
    ("sessioncredentialfromconsole", "string"),
    ("tlsdetails", "struct<tlsversion:string,ciphersuite:string,clientprovidedhostheader:string>"),
]
LAKE_PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."
JSON_TEXT = {"requestparameters", "responseelements", "additionaleventdata", "serviceeventdetails",
             "edgedevicedetails"}


def conjuncts(condition):
    """`condition` split at its top-level ANDs (outside parentheses and quotes)."""
    parts, depth, quote, start, i = [], 0, None, 0, 0
    while i < len(condition):
        c = condition[i]
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0 and re.match(r"\sAND\s", condition[i:i + 5], re.IGNORECASE):
            if not re.search(r"\bBETWEEN\s+\S+$", condition[start:i], re.IGNORECASE):
                parts.append(condition[start:i].strip())
                start = i + 5
            i += 4
        i += 1
    parts.append(condition[start:].strip())
    return parts


def parse_type(text):
    """A Hive type string as ('scalar',) / ('struct', [(name, type)]) / ('array', t) / ('map', t)."""
    pos = 0

    def word():
        nonlocal pos
        m = re.compile(r"[a-z0-9_]+").match(text, pos)
        pos = m.end()
        return m.group(0)

    def expect(ch):
        nonlocal pos
        assert text[pos] == ch, (text, pos)
        pos += 1

    def typ():
        nonlocal pos
        name = word()
        if name == "struct":
            expect("<")
            fields = []
            while True:
                field = word()
                expect(":")
                fields.append((field, typ()))
                if text[pos] == ",":
                    pos += 1
                    continue
                expect(">")
                return ("struct", fields)
        if name == "array":
            expect("<")
            element = typ()
            expect(">")
            return ("array", element)
        if name == "map":
            expect("<")
            typ()
            expect(",")
            value = typ()
            expect(">")
            return ("map", value)
        return ("scalar", name)

    return typ()


def duck_type(t):
    if t[0] == "struct":
        return "STRUCT(" + ", ".join(f'"{n}" {duck_type(f)}' for n, f in t[1]) + ")"
    if t[0] == "array":
        return duck_type(t[1]) + "[]"
    if t[0] == "map":
        return "MAP(VARCHAR, " + duck_type(t[1]) + ")"
    return {"timestamp": "TIMESTAMP", "boolean": "BOOLEAN"}.get(t[1] if len(t) > 1 else "", "VARCHAR")


def lake_value(value, t):
    """A record's value as a Lake store holds it in type t: maps of strings, timestamps and booleans as such."""
    if value is None:
        return None
    if t[0] == "struct":
        if not isinstance(value, dict):
            return None
        lower = {k.lower(): v for k, v in value.items()}
        return {n: lake_value(lower.get(n), f) for n, f in t[1]}
    if t[0] == "array":
        return [lake_value(v, t[1]) for v in value] if isinstance(value, list) else None
    if t[0] == "map":
        if not isinstance(value, dict):
            return None
        return {str(k): v if isinstance(v, str) or v is None else json.dumps(v, separators=(",", ":"))
                for k, v in value.items()}
    if len(t) > 1 and t[1] == "boolean":
        return value if isinstance(value, bool) else {"true": True, "false": False}.get(str(value).lower())
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def serde(value, t):
    """A record's value as the Hive JSON SerDe reads it into type t: keys matched without case, scalars as text."""
    if value is None:
        return None
    if t[0] == "struct":
        if not isinstance(value, dict):
            return None
        lower = {k.lower(): v for k, v in value.items()}
        return {n: serde(lower.get(n), f) for n, f in t[1]}
    if t[0] == "array":
        return [serde(v, t[1]) for v in value] if isinstance(value, list) else None
    if t[0] == "map":
        return {str(k): serde(v, t[1]) for k, v in value.items()} if isinstance(value, dict) else None
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class Endpoint:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.queries = {}
        self.db = duckdb.connect()
        self.db.execute(
            "CREATE MACRO json_extract_scalar(j, p) AS "
            "CASE WHEN json_type(j, p) IN ('OBJECT', 'ARRAY') THEN NULL ELSE json_extract_string(j, p) END")
        types = [(name, parse_type(t)) for name, t in COLUMNS]
        self.keys = ["timestamp"] if args.partitions == "timestamp" else ["year", "month", "day"]
        columns = ", ".join(f'"{n}" {duck_type(t)}' for n, t in types)
        keys = ", ".join(f'"{k}" VARCHAR' for k in self.keys)
        self.db.execute(f'CREATE SCHEMA "{args.database}"')
        self.db.execute(f'CREATE TABLE "{args.database}"."{args.table}" ({columns}, {keys}, _bytes BIGINT)')
        rows = []
        with open(args.records, encoding="utf-8", errors="surrogateescape") as f:
            for line in f:
                if not line.strip():
                    continue
                record = json.loads(line)
                lower = {k.lower(): v for k, v in record.items()}
                row = []
                for name, t in types:
                    value = lower.get(name)
                    if name in JSON_TEXT and value is not None:
                        row.append(json.dumps(value, separators=(",", ":"), ensure_ascii=False))
                    else:
                        row.append(serde(value, t))
                day = str(lower.get("eventtime", ""))[:10]
                y, m, d = (day.split("-") + ["", "", ""])[:3]
                row += [f"{y}/{m}/{d}"] if args.partitions == "timestamp" else [y, m, d]
                row.append(len(line.encode("utf-8", "surrogateescape")))
                rows.append(row)
        # DuckDB reads JSON lines much faster than it inserts nested rows one by one.
        names = [n for n, _ in types] + self.keys + ["_bytes"]
        with tempfile.NamedTemporaryFile("w", suffix=".ndjson", encoding="utf-8", errors="surrogateescape") as staged:
            for row in rows:
                staged.write(json.dumps(dict(zip(names, row)), ensure_ascii=True) + "\n")
            staged.flush()
            spec = ", ".join(f"'{n}': '{duck_type(t)}'" for n, t in types)
            spec += ", " + ", ".join(f"'{k}': 'VARCHAR'" for k in self.keys) + ", '_bytes': 'BIGINT'"
            if rows:
                self.db.execute(
                    f'INSERT INTO "{args.database}"."{args.table}" SELECT * FROM '
                    f"read_json('{staged.name}', format = 'newline_delimited', columns = {{{spec}}})")
        self.build_lake(args)
        self.log = open(args.log, "a", encoding="utf-8") if args.log else None

    def build_lake(self, args):
        types = [(name, parse_type(t)) for name, t in LAKE_COLUMNS if name not in args.lake_drop]
        columns = ", ".join(f'"{n}" {duck_type(t)}' for n, t in types)
        self.db.execute(f'CREATE TABLE "{args.store}" ({columns}, _bytes BIGINT)')
        names = [n for n, _ in types] + ["_bytes"]
        with open(args.records, encoding="utf-8", errors="surrogateescape") as f, tempfile.NamedTemporaryFile(
                "w", suffix=".ndjson", encoding="utf-8", errors="surrogateescape") as staged:
            count = 0
            for line in f:
                if not line.strip():
                    continue
                lower = {k.lower(): v for k, v in json.loads(line).items()}
                row = [lake_value(lower.get(n), t) for n, t in types]
                row.append(len(line.encode("utf-8", "surrogateescape")))
                staged.write(json.dumps(dict(zip(names, row)), ensure_ascii=True) + "\n")
                count += 1
            staged.flush()
            self.events = count
            spec = ", ".join(f"'{n}': '{duck_type(t)}'" for n, t in types) + ", '_bytes': 'BIGINT'"
            if count:
                self.db.execute(
                    f'INSERT INTO "{args.store}" SELECT * FROM '
                    f"read_json('{staged.name}', format = 'newline_delimited', columns = {{{spec}}})")

    def record(self, entry):
        if self.log:
            with self.lock:
                self.log.write(json.dumps(entry) + "\n")
                self.log.flush()

    def handle(self, target, body):
        operation = target.split(".")[-1]
        lake = target.startswith(LAKE_PREFIX)
        entry = {"operation": operation, "service": "cloudtrail" if lake else "athena"}
        if operation in ("StartQueryExecution", "StartQuery"):
            entry["query"] = body.get("QueryString") or body.get("QueryStatement")
        self.record(entry)
        method = getattr(self, ("lake_" if lake else "op_") + operation, None)
        if method is None:
            return 400, {"__type": "UnknownOperationException", "Message": f"{operation} is not implemented here"}
        return method(body)

    def op_GetTableMetadata(self, body):
        if body.get("DatabaseName") != self.args.database or body.get("TableName") != self.args.table:
            return 400, {"__type": "MetadataException",
                         "Message": f"Table {body.get('TableName')} not found in database {body.get('DatabaseName')}"}
        params = {"projection.enabled": "true"}
        if self.args.partitions == "timestamp":
            params.update({"projection.timestamp.type": "date", "projection.timestamp.format": "yyyy/MM/dd",
                           "projection.timestamp.range": "2020/01/01,NOW"})
        return 200, {"TableMetadata": {
            "Name": self.args.table, "TableType": "EXTERNAL_TABLE",
            "Columns": [{"Name": n, "Type": t} for n, t in COLUMNS],
            "PartitionKeys": [{"Name": k, "Type": "string"} for k in self.keys],
            "Parameters": params}}

    def lake_ListEventDataStores(self, body):
        arn = f"arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/{self.args.store}"
        return 200, {"EventDataStores": [{
            "EventDataStoreArn": arn, "Name": self.args.store_name, "TerminationProtectionEnabled": True,
            "Status": "ENABLED", "MultiRegionEnabled": True, "OrganizationEnabled": False, "RetentionPeriod": 2557,
            "CreatedTimestamp": 1700000000, "UpdatedTimestamp": 1700000000}]}

    def lake_StartQuery(self, body):
        statement = body.get("QueryStatement") or ""
        # Lake names the store by its bare ID; DuckDB needs it quoted.
        sql = re.sub(r"(?i)\bFROM\s+" + re.escape(self.args.store) + r"\b", f'FROM "{self.args.store}"', statement)
        qid = str(uuid.uuid4())
        with self.lock:
            self.queries[qid] = {"state": "QUEUED", "polls": 0, "sql": sql, "rows": None, "columns": None,
                                 "reason": None, "scanned": 0, "database": None, "lake": True,
                                 "statement": statement}
        threading.Thread(target=self.execute, args=(qid,), daemon=True).start()
        return 200, {"QueryId": qid}

    def lake_status(self, query):
        return {"SUCCEEDED": "FINISHED"}.get(query["state"], query["state"])

    def lake_DescribeQuery(self, body):
        qid = body.get("QueryId")
        query = self.execution(qid)
        if query is None:
            return 400, {"__type": "QueryIdNotFoundException", "Message": f"Query {qid} not found"}
        status = self.lake_status(query)
        done = status == "FINISHED"
        answer = {"QueryId": qid, "QueryString": query["statement"], "QueryStatus": status, "QueryStatistics": {
            "EventsMatched": len(query["rows"]) if done else 0, "EventsScanned": self.events if done else 0,
            "BytesScanned": query["scanned"] if done else 0, "ExecutionTimeInMillis": 12,
            "CreationTime": 1700000000}}
        if status == "FAILED":
            answer["ErrorMessage"] = query["reason"]
        return 200, answer

    def lake_GetQueryResults(self, body):
        qid = body.get("QueryId")
        with self.lock:
            query = self.queries.get(qid)
            query = dict(query) if query else None
        if query is None:
            return 400, {"__type": "QueryIdNotFoundException", "Message": f"Query {qid} not found"}
        status = self.lake_status(query)
        size = int(body.get("MaxQueryResults") or 1000)
        if not 1 <= size <= 1000:
            return 400, {"__type": "InvalidMaxResultsException", "Message": "MaxQueryResults must be 1 to 1000"}
        if status != "FINISHED":
            return 200, {"QueryStatus": status, "QueryResultRows": []}
        start = int(body.get("NextToken") or 0)

        def text(v):
            if isinstance(v, bool):
                return "true" if v else "false"
            if hasattr(v, "strftime"):
                return v.strftime("%Y-%m-%d %H:%M:%S.000")
            return v if isinstance(v, str) else json.dumps(v)

        rows = [[{c: text(v)} for c, v in zip(query["columns"], row) if v is not None]
                for row in query["rows"][start:start + size]]
        answer = {"QueryStatus": status, "QueryStatistics": {
            "ResultsCount": len(rows), "TotalResultsCount": len(query["rows"]), "BytesScanned": query["scanned"]},
            "QueryResultRows": rows}
        if start + size < len(query["rows"]):
            answer["NextToken"] = str(start + size)
        return 200, answer

    def lake_CancelQuery(self, body):
        qid = body.get("QueryId")
        with self.lock:
            query = self.queries.get(qid)
            if query is None:
                return 400, {"__type": "QueryIdNotFoundException", "Message": f"Query {qid} not found"}
            if query["state"] not in ("QUEUED", "RUNNING"):
                return 400, {"__type": "InactiveQueryException", "Message": "The query is not running"}
            query["state"] = "CANCELLED"
        return 200, {"QueryId": qid, "QueryStatus": "CANCELLED"}

    def op_StartQueryExecution(self, body):
        output = (body.get("ResultConfiguration") or {}).get("OutputLocation")
        if self.args.require_output and not output:
            return 400, {"__type": "InvalidRequestException",
                         "Message": "No output location provided. An output location is required either through the "
                                    "Workgroup result configuration setting or as an API input."}
        qid = str(uuid.uuid4())
        query = {"state": "QUEUED", "polls": 0, "sql": body.get("QueryString", ""), "rows": None, "columns": None,
                 "reason": None, "scanned": 0,
                 "database": (body.get("QueryExecutionContext") or {}).get("Database")}
        with self.lock:
            self.queries[qid] = query
        threading.Thread(target=self.execute, args=(qid,), daemon=True).start()
        return 200, {"QueryExecutionId": qid}

    def execute(self, qid):
        query = self.queries[qid]
        cursor = self.db.cursor()
        try:
            result = cursor.execute(query["sql"])
            columns = [d[0] for d in result.description]
            rows = result.fetchall()
            scanned = (cursor.execute(f'SELECT coalesce(sum(_bytes), 0) FROM "{self.args.store}"').fetchone()[0]
                       if query.get("lake") else self.scanned(cursor, query["sql"]))
            with self.lock:
                query.update(columns=columns, rows=rows, scanned=scanned)
        except duckdb.Error as error:
            with self.lock:
                query.update(rows=[], columns=[], reason=f"{type(error).__name__}: {error}")

    def scanned(self, cursor, sql):
        """The size of the records in the partitions that the WHERE's conditions on partition keys alone keep."""
        table = f'"{self.args.database}"."{self.args.table}"'
        where = re.split(r"\bWHERE\b", sql, maxsplit=1, flags=re.IGNORECASE)
        parts = [p for p in conjuncts(where[1]) if self.only_partitions(p)] if len(where) == 2 else []
        condition = " AND ".join(f"({p})" for p in parts) or "TRUE"
        return cursor.execute(f"SELECT coalesce(sum(_bytes), 0) FROM {table} WHERE {condition}").fetchone()[0]

    def only_partitions(self, condition):
        """True when every identifier in `condition` is a partition key (string literals aside)."""
        text = re.sub(r"'(?:[^']|'')*'", "''", condition)
        quoted = re.findall(r'"((?:[^"]|"")*)"', text)
        bare = re.findall(r"\b[A-Za-z_][A-Za-z0-9_]*\b", re.sub(r'"(?:[^"]|"")*"', "", text))
        words = {"and", "or", "not", "between", "in", "true", "false", "null", "is"}
        return bool(quoted) and all(q in self.keys for q in quoted) and all(
            w.lower() in words or w in self.keys for w in bare)

    def execution(self, qid):
        with self.lock:
            query = self.queries.get(qid)
            if query is None:
                return None
            if query["state"] in ("QUEUED", "RUNNING"):
                query["polls"] += 1
                done = query["rows"] is not None
                if query["polls"] > 1:
                    query["state"] = "RUNNING"
                if done and query["polls"] > self.args.polls and not self.args.hold:
                    query["state"] = "FAILED" if query["reason"] else "SUCCEEDED"
            return dict(query)

    def op_GetQueryExecution(self, body):
        qid = body.get("QueryExecutionId")
        query = self.execution(qid)
        if query is None:
            return 400, {"__type": "InvalidRequestException", "Message": f"QueryExecution {qid} was not found"}
        status = {"State": query["state"]}
        if query["state"] == "FAILED":
            status["StateChangeReason"] = query["reason"]
            status["AthenaError"] = {"ErrorCategory": 2, "ErrorType": 1006, "Retryable": False,
                                     "ErrorMessage": query["reason"]}
        if query["state"] == "CANCELLED":
            status["StateChangeReason"] = "Query cancelled by user"
        scanned = query["scanned"] if query["state"] == "SUCCEEDED" else 0
        return 200, {"QueryExecution": {
            "QueryExecutionId": qid, "Query": query["sql"], "StatementType": "DML",
            "QueryExecutionContext": {"Database": query["database"]}, "Status": status,
            "Statistics": {"DataScannedInBytes": scanned, "EngineExecutionTimeInMillis": 12,
                           "TotalExecutionTimeInMillis": 15}}}

    def op_GetQueryResults(self, body):
        qid = body.get("QueryExecutionId")
        with self.lock:
            query = self.queries.get(qid)
            query = dict(query) if query else None
        if query is None:
            return 400, {"__type": "InvalidRequestException", "Message": f"QueryExecution {qid} was not found"}
        if query["state"] != "SUCCEEDED":
            return 400, {"__type": "InvalidRequestException",
                         "Message": f"Query has not yet finished. Current state: {query['state']}"}
        size = int(body.get("MaxResults") or 1000)
        if not 1 <= size <= 1000:
            return 400, {"__type": "InvalidRequestException", "Message": "MaxResults must be between 1 and 1000"}
        start = int(body.get("NextToken") or 0)
        # The first page starts with the column names, as Athena's does for a SELECT.
        header = [{"Data": [{"VarCharValue": c} for c in query["columns"]]}] if start == 0 else []
        take = size - len(header)
        rows = [{"Data": [{} if v is None else {"VarCharValue": v if isinstance(v, str) else json.dumps(v)}
                          for v in row]} for row in query["rows"][start:start + take]]
        answer = {"UpdateCount": 0, "ResultSet": {
            "Rows": header + rows,
            "ResultSetMetadata": {"ColumnInfo": [
                {"CatalogName": "hive", "SchemaName": "", "TableName": "", "Name": c, "Label": c, "Type": "varchar",
                 "Precision": 2147483647, "Scale": 0, "Nullable": "UNKNOWN", "CaseSensitive": True}
                for c in query["columns"]]}}}
        if start + take < len(query["rows"]):
            answer["NextToken"] = str(start + take)
        return 200, answer

    def op_StopQueryExecution(self, body):
        with self.lock:
            query = self.queries.get(body.get("QueryExecutionId"))
            if query and query["state"] in ("QUEUED", "RUNNING"):
                query["state"] = "CANCELLED"
        return 200, {}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("records")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--database", default="cloudtrail")
    parser.add_argument("--table", default="cloudtrail_logs")
    parser.add_argument("--partitions", choices=["timestamp", "ymd"], default="timestamp")
    parser.add_argument("--polls", type=int, default=1)
    parser.add_argument("--hold", action="store_true")
    parser.add_argument("--require-output", action="store_true")
    parser.add_argument("--log")
    parser.add_argument("--store", default="0fe4ea3c-a85a-4d8b-8d16-31c6f1e3a7d2")
    parser.add_argument("--store-name", default="management-events")
    parser.add_argument("--lake-drop", action="append", default=[],
                        help="a column the store lacks (a store made before the schema had it)")
    args = parser.parse_args()
    endpoint = Endpoint(args)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if not (self.headers.get("Authorization") or "").startswith("AWS4-HMAC-SHA256 "):
                status, answer = 403, {"__type": "MissingAuthenticationTokenException",
                                       "Message": "Missing Authentication Token"}
            else:
                try:
                    body = json.loads(raw or b"{}")
                    status, answer = endpoint.handle(self.headers.get("X-Amz-Target") or "", body)
                except (ValueError, KeyError) as error:
                    status, answer = 400, {"__type": "SerializationException", "Message": str(error)}
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"port {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
