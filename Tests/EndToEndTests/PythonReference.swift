import Foundation
import TestSupport
import Testing

/// An evaluation of print mode's filters and summaries written apart from trailview, in Python, over the same
/// files: records read with Python's own JSON (and gzip), identical records counted once, and the predicate rules
/// as the README states them (whole-value glob with `*` and `?` ignoring case, `=` on one path ORed, the rest ANDed,
/// `!=` passing a missing value, `~` containing, `?` present and not empty; a path's values are strings as they
/// are, anything else as compact JSON, `[]` taking every element of an array).
enum PythonReference {
  /// `python3`, when installed.
  static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// One condition: a JSON path, `=`, `!=`, `~` or `?`, and the value.
  struct Condition: Encodable {
    var path: String
    var op: String
    var value: String = ""
  }

  /// The matching events' `eventID|eventTime|eventName`, sorted (empty parts for missing fields).
  static func events(_ files: [String], _ conditions: [Condition]) throws -> [String] {
    let out = try run(files, conditions, summary: nil)
    return try #require(out["events"] as? [String]).sorted()
  }

  /// How many events match, and per value of `path` how many of them have it ("" for none).
  static func summary(_ files: [String], _ conditions: [Condition], of path: String) throws -> (
    events: Int, counts: [String: Int]
  ) {
    let out = try run(files, conditions, summary: path)
    return (try #require(out["matched"] as? Int), try #require(out["counts"] as? [String: Int]))
  }

  private static func run(_ files: [String], _ conditions: [Condition], summary: String?) throws -> [String: Any] {
    struct Spec: Encodable {
      var files: [String]
      var conditions: [Condition]
      var summary: String?
    }
    let spec = String(
      decoding: try JSONEncoder().encode(Spec(files: files, conditions: conditions, summary: summary)), as: UTF8.self)
    let out = try Subprocess.run(try #require(python), ["-c", script, spec])
    guard out.status == 0 else { throw ReferenceError(message: out.stderr) }
    return try #require(JSONSerialization.jsonObject(with: Data(out.stdout)) as? [String: Any])
  }

  struct ReferenceError: Error, CustomStringConvertible {
    var message: String
    var description: String { "the Python reference failed: \(message)" }
  }

  static let script = #"""
    import gzip, json, re, sys

    spec = json.loads(sys.argv[1])

    def records(path):
        data = open(path, 'rb').read()
        if path.endswith('.gz'):
            data = gzip.decompress(data)
        doc = json.loads(data.decode('utf-8-sig'))
        if isinstance(doc, dict) and 'Records' in doc:
            return doc['Records']
        if isinstance(doc, dict) and 'Events' in doc:  # aws cloudtrail lookup-events
            return [json.loads(e['CloudTrailEvent']) for e in doc['Events']]
        return doc if isinstance(doc, list) else [doc]

    def values(record, path):
        steps = []
        for part in path.split('.'):
            arrays = 0
            while part.endswith('[]'):
                part, arrays = part[:-2], arrays + 1
            steps += [part] + [None] * arrays
        found = []
        def walk(value, rest):
            if not rest:
                found.append(value if isinstance(value, str) else json.dumps(value, separators=(',', ':')))
            elif rest[0] is None:
                for item in value if isinstance(value, list) else []:
                    walk(item, rest[1:])
            elif isinstance(value, dict) and rest[0] in value:
                walk(value[rest[0]], rest[1:])
        walk(record, steps)
        return found

    def glob(pattern):
        regex, escaped = '', False
        for c in pattern.lower():
            if escaped:
                regex, escaped = regex + re.escape(c), False
            elif c == '\\':
                escaped = True
            else:
                regex += '.*' if c == '*' else '.' if c == '?' else re.escape(c)
        if escaped:
            regex += re.escape('\\')
        return re.compile(regex, re.DOTALL)

    def matches(value, pattern):
        return value != '' and glob(pattern).fullmatch(value.lower()) is not None

    def passes(record):
        by_path = {}
        for c in spec['conditions']:
            by_path.setdefault(c['path'], []).append(c)
        for path, conditions in by_path.items():
            found = values(record, path)
            patterns = [c['value'] for c in conditions if c['op'] == '=']
            if patterns and not any(matches(v, p) for v in found for p in patterns):
                return False
            for c in conditions:
                if c['op'] == '!=' and any(matches(v, c['value']) for v in found):
                    return False
                if c['op'] == '~' and not any(c['value'].lower() in v.lower() for v in found):
                    return False
                if c['op'] == '?' and not any(v != '' for v in found):
                    return False
        return True

    seen, events, counts = set(), [], {}
    for path in spec['files']:
        for record in records(path):
            key = json.dumps(record, separators=(',', ':'))
            if key in seen or not passes(record):
                seen.add(key)
                continue
            seen.add(key)
            events.append('|'.join(str(record.get(k, '')) for k in ('eventID', 'eventTime', 'eventName')))
            if spec.get('summary'):
                for value in set(values(record, spec['summary'])) or {''}:
                    counts[value] = counts.get(value, 0) + 1
    print(json.dumps({'events': events, 'matched': len(events), 'counts': counts}))
    """#
}
