import CloudTrailModel
import Foundation
import TestSupport
import Testing

@testable import EventStore

/// DuckDB, when python3 has it (`scripts/athena-duckdb.py`).
enum DuckDB {
  static var script: String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("scripts/athena-duckdb.py").path
  }

  static let available: Bool = {
    let out = try? Subprocess.run("/usr/bin/env", ["python3", "-c", "import duckdb"])
    return out?.status == 0
  }()
}

/// The Athena condition against an independent SQL engine: DuckDB runs each compiled condition, as sent, over a table
/// shaped like AWS's CloudTrail table for Athena holding the same records the store loaded. For every filter of the
/// table below (each kind of predicate, ORed values, wildcards, JSON paths, time windows, hostile values), DuckDB's
/// rows must hold every row the local filter keeps, and, where every predicate was sent and the values are plain,
/// be exactly those rows.
@Suite(.enabled(if: DuckDB.available, "python3 with duckdb is not installed (pip install duckdb); skipped"))
struct AthenaWhereTests {
  /// Values an attacker controls, for the records and the predicates alike.
  static let hostile: [String] = [
    "O'Brien", "a''b", "back\\slash", "50%_off", "under_score", "-- comment", "/* block */", "'; DROP TABLE x; --",
    "line\nbreak", "tab\there", "esc\u{1B}[31m", "bidi\u{202E}txet", "cafe\u{301}", "caf\u{E9}", "\u{212A}elvin",
    "\u{130}stanbul", "emoji\u{1F469}\u{200D}\u{1F4BB}", "STAR*name", "qu?estion", "percent%", "%", "_", "\\",
  ]
  static let plain = ["GetObject", "PutObject", "ListBuckets", "AssumeRole", "ConsoleLogin", "DeleteTrail"]

  /// A JSON string literal for `text`.
  static func json(_ text: String) -> String {
    String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
  }

  static func records() -> [String] {
    var records: [String] = []
    var n = 0
    func add(name: String, value: String, hour: Int, readOnly: Bool?, extra: String = "") {
      n += 1
      let time = String(format: "2024-05-0%dT%02d:%02d:00Z", 1 + hour / 24, hour % 24, n % 60)
      var record = LogTree.record(
        time: time, name: "X", readOnly: readOnly, errorCode: n % 3 == 0 ? "AccessDenied" : nil, eventID: "e\(n)",
        requestParameters: "{\"bucketName\":\(json(value)),\"maxKeys\":\(n),\"nested\":{\"k\":\"v\"}}", extra: extra)
      record = record.replacingOccurrences(of: "\"eventName\":\"X\"", with: "\"eventName\":\(json(name))")
      record = record.replacingOccurrences(
        of: "\"sourceIPAddress\":\"198.51.100.7\"", with: "\"sourceIPAddress\":\(json(value))")
      records.append(record)
    }
    for (k, value) in (hostile + plain).enumerated() {
      add(name: value, value: value, hour: k, readOnly: k % 4 == 0 ? nil : k % 2 == 0)
      add(name: plain[k % plain.count], value: value.uppercased(), hour: k + 1, readOnly: true)
    }
    // An Insights-style record without a top-level eventName, and one with an offset time.
    records.append(
      #"{"eventVersion":"1.08","eventTime":"2024-05-02T03:00:00Z","eventID":"insight","eventType":"AwsCloudTrailInsight","#
        + #""eventCategory":"Insight","insightDetails":{"eventName":"GetObject","eventSource":"s3.amazonaws.com"}}"#)
    records.append(
      LogTree.record(time: "2024-05-01T23:30:00-02:00", name: "GetObject", eventID: "offset"))
    return records
  }

  /// The filters compared: (filter, whether DuckDB's rows must equal the local ones exactly).
  static func filters() -> [(EventFilter, Bool)] {
    func f(_ predicates: String...) -> EventFilter { EventFilter(predicates.compactMap(Predicate.parse)) }
    var out: [(EventFilter, Bool)] = [
      (f("eventName=Get*"), true), (f("eventName=get*", "eventName=*trail"), true), (f("eventName=?utObject"), true),
      (f("eventName=*\\**"), true), (f("eventName=*%*"), true), (f("eventName=*_*"), true),
      (f("eventName=*\\\\*"), true), (f("errorCode=AccessDenied", "eventName=List*"), true),
      (f("errorCode~denied"), true), (f("requestParameters.bucketName=*o*"), true),
      (f("requestParameters.bucketName~%"), true), (f("requestParameters.maxKeys=1?"), true),
      (f("requestParameters.nested=*"), true), (f("readOnly=true"), false), (f("readOnly=false"), false),
      (f("eventName!=Get*"), false), (f("user=alice"), false), (f("text~DROP"), false), (f("errorCode?"), false),
      (f("sourceIP~'"), true), (f("eventSource=s3.amazonaws.com"), false), (f("eventName=GetObject"), false),
      // One character locally (a grapheme cluster) is two code points in "cafe\u{301}": `?` goes as `_%`, which
      // also lets "?afe*" keep it (its "e" is a code point, not a cluster): wider, never narrower.
      (f("eventName=caf?"), true), (f("eventName=?afe*"), false),
    ]
    for value in hostile {
      out.append((EventFilter([Predicate(.eventName, .equals(Pattern.escape(value)))]), true))
      out.append((EventFilter([Predicate(.sourceIP, .contains(value))]), true))
      out.append((EventFilter([Predicate(.path(JSONPath("requestParameters.bucketName")!), .equals(value))]), true))
    }
    var window = EventFilter([Predicate(.eventName, .equals("*"))])
    window.startTime = EventTime.parse(Array("2024-05-01T06:00:00Z".utf8)[...])
    window.endTime = EventTime.parse(Array("2024-05-01T12:00:00Z".utf8)[...])
    out.append((window, false))
    return out
  }

  @Test func duckDBKeepsEveryRowTheLocalFilterKeeps() throws {
    let records = Self.records()
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    LogTree.write(LogTree.recordsFile(records), to: LogTree.s3Key(stamp: "20240501T1000Z"), under: root)
    let ndjson = root.appendingPathComponent("records.ndjson")
    try Data(records.joined(separator: "\n").utf8).write(to: ndjson)

    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5) { collector.take($0) }
    LogFileSource.load([root.appendingPathComponent("AWSLogs").path], into: store)
    let loaded = try #require(collector.waitFinished())
    #expect(loaded.count == records.count)

    let filters = Self.filters()
    let compiled = filters.map { AthenaWhere.compile($0.0) }
    let conditions = root.appendingPathComponent("conditions.json")
    try JSONEncoder().encode(compiled.map(\.sql)).write(to: conditions)
    let out = try Subprocess.run("/usr/bin/env", ["python3", DuckDB.script, ndjson.path, conditions.path])
    try #require(out.status == 0, "\(out.stderr)")
    let remote = try JSONDecoder().decode([[String]].self, from: Data(out.stdout))
    try #require(remote.count == filters.count)

    var exactSeen = 0
    for (k, (filter, exact)) in filters.enumerated() {
      let snapshot = collector.refilter(store, filter)
      let local = Set(snapshot.visible.map { snapshot.text(.eventID, row: $0) })
      let sent = Set(remote[k])
      let sql = compiled[k].sql
      #expect(local.isSubset(of: sent), "\(filter.predicates) → \(sql): DuckDB lost \(local.subtracting(sent))")
      if exact && compiled[k].local.isEmpty {
        exactSeen += 1
        // The one extra row allowed: the Insights record has no top-level eventName or eventSource (the local
        // filter reads them from insightDetails), so those conditions keep records without them.
        let fallback = filter.predicates.contains { [.field(.eventName), .field(.eventSource)].contains($0.target) }
        let extra = sent.subtracting(local).subtracting(fallback ? ["insight"] : [])
        #expect(extra.isEmpty, "\(filter.predicates) → \(sql): DuckDB also kept \(extra)")
      }
    }
    #expect(exactSeen > 40, "most filters are sent whole")
  }

  /// What is sent and what stays local, and that values are data in the SQL text.
  @Test func valuesAreDataAndTheRestStaysLocal() {
    func compile(_ predicates: String...) -> RemoteCondition {
      AthenaWhere.compile(EventFilter(predicates.compactMap(Predicate.parse)))
    }
    #expect(compile("eventName=Get*").sql == #"(lower(eventname) LIKE 'get%' ESCAPE '\' OR eventname IS NULL)"#)
    #expect(compile("errorCode=a'b%c_d\\*e?").sql == #"lower(errorcode) LIKE 'a''b\%c\_d*e_%' ESCAPE '\'"#)
    #expect(compile("sourceIP~x'--").sql == "strpos(lower(sourceipaddress), 'x''--') > 0")
    #expect(
      compile("requestParameters.bucketName=b")
        .sql == #"lower(json_extract_scalar(requestparameters, '$.bucketName')) LIKE 'b' ESCAPE '\'"#)
    let mixed = compile("user=alice", "eventName!=Get*", "errorCode=caf\u{E9}", "text~x", "region=eu-*")
    #expect(mixed.sql == #"lower(awsregion) LIKE 'eu-%' ESCAPE '\'"#)
    #expect(mixed.local.count == 4 && mixed.pushed.count == 1)
    // A path that is not a plain key of a JSON text column stays local (no way to put a quote in the path).
    #expect(compile("requestParameters.a'b=x").local.count == 1)
    #expect(compile("requestParameters.tags[].key=x").local.count == 1)
    // On a path, only patterns that can match strings alone are sent (numbers, null, objects and arrays are spelt
    // differently by the engine's JSON functions), and no contains.
    for kept in [
      "requestParameters.bucketName=*b", "requestParameters.maxKeys=1", "requestParameters.b=n*",
      "requestParameters.b=-1", "requestParameters.b={*", "requestParameters.bucketName~x",
    ] {
      #expect(compile(kept).local.count == 1, "\(kept)")
    }
    #expect(compile("userIdentity.sessionContext.sessionIssuer.userName=x").sql == "TRUE")
  }
}
