import Foundation
import TestSupport
import Testing

/// `trailview athena://DATABASE.TABLE` against an endpoint that runs the SQL it is sent in DuckDB, an independent SQL
/// engine, over a table shaped like AWS's CloudTrail table for Athena holding the records (scripts/query-endpoint.py).
/// For every filter stack below (each kind of predicate, ORed values, exclusions, JSON paths, wildcards, windows and
/// the hostile values) print mode lists exactly the events, in the same order, that it lists for the same records
/// read from a file; the records come back whole; only catalog and query reads are sent; a scan nobody approved is
/// not run; failures are explained.
@Suite(
  .enabled(if: QueryEndpoint.isAvailable, "\(QueryEndpoint.missingMessage)"),
  .enabled(if: BuiltProducts.path("trailview") != nil, "the trailview binary is not built"))
struct AthenaEndpointTests {
  static let table = "athena://cloudtrail.cloudtrail_logs"
  static let hostile = [
    "O'Brien", "back\\slash", "50%_off", "-- comment", "/* block */", "'; DROP TABLE x; --", "line\nbreak",
    "esc\u{1B}[31m", "caf\u{E9}", "STAR*name", "qu?estion", "%", "_",
  ]
  static let window = ["--start-time", "2024-05-01T00:00:00Z", "--end-time", "2024-05-03T23:59:59Z"]

  /// A JSON string literal.
  static func json(_ text: String) -> String { String(decoding: try! JSONEncoder().encode(text), as: UTF8.self) }

  /// Records over three days in May 2024 (and two outside the window), with nested identities, resources and the
  /// hostile values in names, addresses, user agents and request parameters.
  static let records: [String] = {
    var out: [String] = []
    let names = ["GetObject", "PutObject", "ListBuckets", "AssumeRole", "ConsoleLogin"] + hostile
    for i in 0..<72 {
      let day = 1 + i / 24
      let time = String(format: "2024-05-%02dT%02d:%02d:%02dZ", day, i % 24, i % 60, i % 59)
      let value = hostile[i % hostile.count]
      var record = LogTree.record(
        time: time, name: "NAME", user: i % 3 == 0 ? "alice" : "bob",
        identityType: i % 4 == 0 ? "AssumedRole" : "IAMUser", readOnly: i % 5 == 0 ? nil : i % 2 == 0,
        errorCode: i % 6 == 0 ? "AccessDenied" : nil, eventID: "ev-\(i)",
        requestParameters: "{\"bucketName\":\(json(value)),\"maxKeys\":\(i),\"nested\":{\"k\":[1,2]}}",
        extra:
          "\"resources\":[{\"ARN\":\"arn:aws:s3:::b\(i)\",\"accountId\":\"123456789012\",\"type\":\"AWS::S3::Bucket\"}]"
      )
      record = record.replacingOccurrences(
        of: "\"eventName\":\"NAME\"", with: "\"eventName\":\(json(names[i % names.count]))")
      record = record.replacingOccurrences(of: "\"userAgent\":\"aws-cli/2.15.0\"", with: "\"userAgent\":\(json(value))")
      out.append(record)
    }
    out.append(LogTree.record(time: "2024-04-20T10:00:00Z", name: "GetObject", eventID: "ev-before"))
    out.append(LogTree.record(time: "2024-05-09T10:00:00Z", name: "GetObject", eventID: "ev-after"))
    return out
  }()

  /// The same records as one file, for the local run.
  static func file() throws -> URL {
    let folder = LogTree.temporaryFolder()
    let url = folder.appendingPathComponent("records.ndjson")
    try Data((records.joined(separator: "\n") + "\n").utf8).write(to: url)
    return url
  }

  static let lake = "lake://\(QueryEndpoint.store)"

  static func run(_ arguments: [String], endpoint: String? = nil) throws -> Subprocess.Output {
    var environment = [
      "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "us-east-1",
      "XDG_CONFIG_HOME": LogTree.root.appendingPathComponent("no-config").path,
    ]
    if let endpoint {
      environment["AWS_ENDPOINT_URL_ATHENA"] = endpoint
      environment["AWS_ENDPOINT_URL_CLOUDTRAIL"] = endpoint
    }
    return try Subprocess.run(BuiltProducts.path("trailview")!, arguments, environment: environment)
  }

  static func ids(_ output: Subprocess.Output) -> [String] {
    String(decoding: output.stdout, as: UTF8.self).split(separator: "\n").compactMap { line in
      (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["eventID"] as? String
    }
  }

  /// Athena's table and a Lake store hold the same records; Lake's JSON fields are maps of strings, so a path into a
  /// nested object (`requestParameters.nested.k`) is not asked of it.
  @Test(arguments: [table, lake])
  func everyFilterStackListsExactlyWhatTheLocalFilterLists(_ target: String) throws {
    let endpoint = try QueryEndpoint(records: Self.records)
    defer { endpoint.stop() }
    let file = try Self.file()
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    var stacks: [[String]] = [
      [], ["eventName=GetObject"], ["eventName=get*", "eventName=PUT*"], ["eventName!=GetObject"], ["errorCode?"],
      ["errorCode=AccessDenied", "readOnly=true"], ["readOnly=false"], ["user=alice"], ["eventName=qu?estion"],
      ["requestParameters.bucketName=o'brien"], ["requestParameters.maxKeys=7"], ["userIdentity.type=AssumedRole"],
      ["sourceIPAddress=198.51.*"], ["userAgent~DROP TABLE"], ["eventName=*", "eventName!=ConsoleLogin"],
      target == Self.lake ? [] : ["requestParameters.nested.k=1"], ["eventName=back\\\\slash"],
      ["userAgent~back\\slash"],
    ]
    for value in Self.hostile {
      stacks += [["eventName=\(value)"], ["userAgent~\(value)"], ["requestParameters.bucketName=\(value)"]]
    }
    var nonEmpty = 0
    for stack in stacks {
      let wheres = stack.flatMap { ["--where", $0] }
      let remote = try Self.run(["--print", "--yes"] + Self.window + wheres + [target], endpoint: endpoint.endpoint)
      let local = try Self.run(["--print"] + Self.window + wheres + [file.path])
      #expect(remote.status == 0 && local.status == 0, "\(stack): \(remote.stderr) \(local.stderr)")
      #expect(Self.ids(remote) == Self.ids(local), "\(stack)")
      if !Self.ids(local).isEmpty { nonEmpty += 1 }
    }
    #expect(nonEmpty >= 40, "only \(nonEmpty) of \(stacks.count) stacks kept any event")
    let unfiltered = try Self.run(["--print"] + Self.window + [file.path])
    #expect(Self.ids(unfiltered).count == 72)
    let operations = Set(endpoint.requests.map { "\($0.service) \($0.operation)" })
    let allowed: Set =
      target == Self.table
      ? ["athena GetTableMetadata", "athena StartQueryExecution", "athena GetQueryExecution", "athena GetQueryResults"]
      : [
        "cloudtrail ListEventDataStores", "cloudtrail StartQuery", "cloudtrail DescribeQuery",
        "cloudtrail GetQueryResults",
      ]
    #expect(operations.isSubset(of: allowed), "\(operations)")
    // Every Athena statement limits the partitions to the window's days, one either side.
    for query in endpoint.requests.compactMap(\.query) where target == Self.table {
      #expect(query.contains("\"timestamp\" BETWEEN '2024/04/30' AND '2024/05/04'"), "\(query)")
    }
  }

  /// A record with every null left out, as the table holds it (an empty struct is no struct).
  static func normalized(_ value: Any) -> Any? {
    if let object = value as? [String: Any] {
      let kept = object.compactMapValues(normalized)
      return kept.isEmpty ? nil : kept
    }
    if let array = value as? [Any] { return array.map { normalized($0) ?? NSNull() } }
    return value is NSNull ? nil : value
  }

  @Test func recordsComeBackWholeAcrossPages() throws {
    let endpoint = try QueryEndpoint(records: Self.records)
    defer { endpoint.stop() }
    let out = try Self.run(["--print", "--yes"] + Self.window + [Self.table], endpoint: endpoint.endpoint)
    #expect(out.status == 0, "\(out.stderr)")
    let lines = String(decoding: out.stdout, as: UTF8.self).split(separator: "\n")
    #expect(lines.count == 72)
    let sent = Dictionary(
      uniqueKeysWithValues: Self.records.compactMap { text -> (String, NSDictionary)? in
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
          let id = object["eventID"] as? String, let kept = Self.normalized(object) as? [String: Any]
        else { return nil }
        return (id, kept as NSDictionary)
      })
    for line in lines {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let id = try #require(object["eventID"] as? String)
      let back = try #require(Self.normalized(object) as? [String: Any])
      #expect(sent[id] == back as NSDictionary, "\(id): \(line)")
    }
    #expect(endpoint.requests.filter { $0.operation == "GetQueryResults" }.count >= 1)
  }

  @Test func aScanNobodyApprovedIsNotRun() throws {
    let endpoint = try QueryEndpoint(records: Self.records)
    defer { endpoint.stop() }
    let out = try Self.run(["--print"] + Self.window + [Self.table], endpoint: endpoint.endpoint)
    #expect(out.status != 0)
    #expect(out.stdout.isEmpty)
    #expect(out.stderr.contains("pass --yes"), "\(out.stderr)")
    #expect(out.stderr.contains("cloudtrail.cloudtrail_logs") && out.stderr.contains("per TB"), "\(out.stderr)")
    #expect(endpoint.requests.map(\.operation) == ["GetTableMetadata"])
    let lake = try Self.run(["--print"] + Self.window + [Self.lake], endpoint: endpoint.endpoint)
    #expect(lake.status != 0 && lake.stderr.contains("pass --yes") && lake.stderr.contains("per GB"))
    #expect(endpoint.requests.map(\.operation) == ["GetTableMetadata", "ListEventDataStores"])
  }

  @Test func failuresAreNamedWithTheirReasons() throws {
    let endpoint = try QueryEndpoint(records: Self.records, options: ["--require-output"])
    defer { endpoint.stop() }
    let missing = try Self.run(
      ["--print", "--yes", "--athena-output", "s3://results/x/"] + Self.window + ["athena://cloudtrail.nope"],
      endpoint: endpoint.endpoint)
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("GetTableMetadata failed") && missing.stderr.contains("not found"))
    #expect(missing.stderr.contains("athena://cloudtrail.nope") && missing.stderr.contains("query failed"))
    let noOutput = try Self.run(["--print", "--yes"] + Self.window + [Self.table], endpoint: endpoint.endpoint)
    #expect(noOutput.status != 0)
    #expect(noOutput.stderr.contains("did not start") && noOutput.stderr.contains("No output location"))
    let withOutput = try Self.run(
      ["--print", "--yes", "--athena-output", "s3://results/x/", "--athena-workgroup", "primary"] + Self.window
        + [Self.table], endpoint: endpoint.endpoint)
    #expect(withOutput.status == 0, "\(withOutput.stderr)")
    #expect(Self.ids(withOutput).count == 72)
  }

  @Test func yearMonthDayPartitionsAreConstrainedDayByDay() throws {
    let endpoint = try QueryEndpoint(records: Self.records, options: ["--partitions", "ymd"])
    defer { endpoint.stop() }
    let file = try Self.file()
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    let day = ["--start-time", "2024-05-02T00:00:00Z", "--end-time", "2024-05-02T23:59:59Z"]
    let remote = try Self.run(["--print", "--yes"] + day + [Self.table], endpoint: endpoint.endpoint)
    let local = try Self.run(["--print"] + day + [file.path])
    #expect(remote.status == 0, "\(remote.stderr)")
    #expect(Self.ids(remote) == Self.ids(local) && Self.ids(local).count == 24)
    let query = try #require(endpoint.requests.compactMap(\.query).first)
    #expect(query.contains("(\"year\" = '2024' AND \"month\" = '05' AND \"day\" IN ('01', '02', '03'))"), "\(query)")
    // The endpoint scanned three days of the table's four (and the two outliers'), so less than all of it.
    #expect(remote.stderr.contains("scanned"), "\(remote.stderr)")
  }
}
