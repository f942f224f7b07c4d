#!/usr/bin/env python3
"""An independent Sigma evaluator for trailview's conformance tests: pySigma with its SQLite backend.

Usage: sigma-oracle.py RECORDS.ndjson RULE.yml...
       sigma-oracle.py --correlations RECORDS.ndjson RULE.yml...

Each rule is converted to SQL by pySigma's sqlite backend and run over a table `logs` holding the records, one row
each, with a column per dotted field name the rules use (`userIdentity.type`): strings as text, numbers as numbers,
true/false as the text 'true'/'false' (their JSON text, as trailview compares them), null and absent fields as NULL,
and an array as its JSON text (the flattened table cannot look into arrays). REGEXP is Python's re.search.

Prints one JSON object: {"matches": {RULE: [record indices]}, "errors": {RULE: reason}}.

With --correlations, the files are one collection (correlation rules refer to rules in other files) and each
correlation rule runs with the backend's own window semantics, `eventTime` as the timestamp and the record's index as
the event id. Prints {"alerts": {RULE ID: [[window end (seconds), [record indices]], ...]}, "errors": {...}}.
"""
import json, re, sqlite3, sys

from sigma.backends.sqlite import sqliteBackend
from sigma.collection import SigmaCollection
from sigma.correlations import SigmaCorrelationRule
from sigma.rule import SigmaDetection, SigmaDetectionItem


def fields(detection):
    """The field names a detection (or a nested one) tests."""
    found = set()
    for item in getattr(detection, "detection_items", []):
        if isinstance(item, SigmaDetection):
            found |= fields(item)
        elif isinstance(item, SigmaDetectionItem) and item.field:
            found.add(item.field)
            for value in item.value:  # fieldref values name a field too
                name = getattr(value, "field", None)
                if isinstance(name, str):
                    found.add(name)
    return found


def value_at(record, path):
    """The value at a dotted path, as the flattened table holds it."""
    node = record
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    if isinstance(node, bool):
        return "true" if node else "false"
    if isinstance(node, (list, dict)):
        return json.dumps(node, separators=(",", ":"))
    return node


def correlation_fields(rule):
    """The fields a correlation groups and counts by (aliases give each rule's own)."""
    found = set(rule.group_by or [])
    field = getattr(rule.condition, "fieldref", None)
    if isinstance(field, str):
        found.add(field)
    for alias in rule.aliases:
        found.add(alias.alias)
        found |= set(alias.mapping.values())
    return found


def table(records, columns):
    ordered = sorted(columns | {"eventTime"})
    db = sqlite3.connect(":memory:")
    db.create_function("REGEXP", 2, lambda pattern, value: value is not None and re.search(pattern, str(value)) is not None)
    db.execute("CREATE TABLE logs (row_index INTEGER, " + ", ".join(f'"{c}"' for c in ordered) + ")")
    db.executemany(
        "INSERT INTO logs VALUES (" + ", ".join("?" * (len(ordered) + 1)) + ")",
        [[i] + [value_at(r, c) for c in ordered] for i, r in enumerate(records)])
    return db


def correlations(records, paths):
    collection = SigmaCollection.merge(
        [SigmaCollection.from_yaml(open(p, encoding="utf-8").read(), resolve_references=False) for p in paths],
        resolve_references=False)
    collection.resolve_rule_references()
    backend = sqliteBackend(timestamp_field="eventTime", event_id_field="row_index")
    columns, queries, errors = set(), {}, {}
    for rule in collection.rules:
        if isinstance(rule, SigmaCorrelationRule):
            columns |= correlation_fields(rule)
        else:
            for detection in rule.detection.detections.values():
                columns |= fields(detection)
            backend.convert_rule(rule)
    for rule in collection.rules:
        if isinstance(rule, SigmaCorrelationRule):
            try:
                queries[str(rule.id)] = backend.convert_correlation_rule(rule)[0]
            except Exception as error:
                errors[str(rule.id)] = f"{type(error).__name__}: {error}"
    db = table(records, columns)
    alerts = {}
    for rule, query in queries.items():
        rows = db.execute(query).fetchall()
        alerts[rule] = [[row[2], sorted(int(e.split(":", 1)[1]) for e in json.loads(row[8]))] for row in rows]
    json.dump({"alerts": alerts, "errors": errors}, sys.stdout)


def main():
    if sys.argv[1] == "--correlations":
        records = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
        return correlations(records, sys.argv[3:])
    records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    backend = sqliteBackend()
    rules, errors, columns = {}, {}, set()
    for path in sys.argv[2:]:
        try:
            collection = SigmaCollection.from_yaml(open(path, encoding="utf-8").read())
            rule = collection.rules[0]
            for detection in rule.detection.detections.values():
                columns |= fields(detection)
            rules[path] = backend.convert(collection)[0]
        except Exception as error:  # the oracle cannot take this rule: say so, the test decides
            errors[path] = f"{type(error).__name__}: {error}"
    db = table(records, columns)
    matches = {}
    for path, query in rules.items():
        try:
            sql = query.replace("SELECT * FROM logs", "SELECT row_index FROM logs", 1)
            matches[path] = sorted(row[0] for row in db.execute(sql))
        except Exception as error:
            errors[path] = f"{type(error).__name__}: {error}"
    json.dump({"matches": matches, "errors": errors}, sys.stdout)


if __name__ == "__main__":
    main()
