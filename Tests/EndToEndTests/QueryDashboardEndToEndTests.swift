import Foundation
import TestSupport
import Testing

/// An Athena table and a CloudTrail Lake store in the dashboard, in tmux, against scripts/query-endpoint.py (DuckDB running the SQL as sent):
/// the scan is asked about first, with the table, the window and the price; rows arrive with the bytes scanned in
/// the status line; a pivot the loaded rows may not cover is a new query, one they cover is not; Esc stops a running
/// query (StopQueryExecution, CancelQuery) and the rows stay; q stops one too before leaving.
@Suite(
  .enabled(if: TmuxSession.isTmuxAvailable, "tmux is not installed; terminal tests skipped"),
  .enabled(if: BuiltProducts.path("trailview") != nil, "trailview is not built next to the test bundle"),
  .enabled(if: QueryEndpoint.isAvailable, "\(QueryEndpoint.missingMessage)"))
struct QueryDashboardEndToEndTests {
  /// Twelve records from the last hours: ConsoleLogin by alice, GetObject by bob, alternately.
  static func records() -> [String] {
    let now = Int64(Date().timeIntervalSince1970)
    return (0..<12).map { i in
      let time = ISO8601DateFormatter().string(
        from: Date(timeIntervalSince1970: TimeInterval(now - 600 - 60 * Int64(i))))
      return LogTree.record(
        time: time, name: i % 2 == 0 ? "ConsoleLogin" : "GetObject", user: i % 2 == 0 ? "alice" : "bob",
        eventID: "athena-\(i)")
    }
  }

  /// A source to open and the operations that start and stop its queries.
  struct Target: Sendable, CustomStringConvertible {
    var url: String
    var start: String
    var stop: String
    var description: String { url }
  }

  static let targets = [
    Target(url: "athena://cloudtrail.cloudtrail_logs", start: "StartQueryExecution", stop: "StopQueryExecution"),
    Target(url: "lake://\(QueryEndpoint.store)", start: "StartQuery", stop: "CancelQuery"),
  ]

  static func start(_ endpoint: QueryEndpoint, _ target: Target) throws -> TmuxSession {
    try start(endpoint, url: target.url)
  }

  static func start(_ endpoint: QueryEndpoint, url: String) throws -> TmuxSession {
    let environment = [
      "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC", "AWS_ACCESS_KEY_ID": "testing",
      "AWS_SECRET_ACCESS_KEY": "testing", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
      "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_ATHENA": endpoint.endpoint,
      "AWS_ENDPOINT_URL_CLOUDTRAIL": endpoint.endpoint,
      "XDG_CONFIG_HOME": LogTree.root.appendingPathComponent("no-config").path,
    ]
    let command = "\(BuiltProducts.path("trailview")!) --since 1d \(url)"
    return try TmuxSession(command: command, width: 160, height: 36, environment: environment)
  }

  static func starts(_ endpoint: QueryEndpoint, _ target: Target) -> [String] {
    endpoint.requests.filter { $0.operation == target.start }.compactMap(\.query)
  }

  @Test(arguments: targets)
  func askedFirstThenRowsArriveAndAPivotIsANewQuery(_ target: Target) throws {
    let endpoint = try QueryEndpoint(records: Self.records(), options: ["--polls", "2"])
    defer { endpoint.stop() }
    let session = try Self.start(endpoint, target)
    defer { session.kill() }
    let question = try session.waitFor(text: "y runs the query").joined(separator: "\n")
    #expect(
      question.contains("Scan in AWS?")
        && question.contains(target.url.hasPrefix("lake") ? "management-events" : "cloudtrail.cloudtrail_logs"))
    #expect(question.contains("per TB"))
    #expect(Self.starts(endpoint, target).isEmpty)
    try session.sendKeys("y")
    let loaded = try session.waitFor(text: "12 rows")
    #expect(loaded.last?.contains("scanned") == true, "\(loaded.last ?? "")")
    #expect(
      loaded.filter { $0.tableRow.hasPrefix("20") && $0.contains("ConsoleLogin") && $0.contains("alice") }.count == 6)
    // A user pivot stays local (the table has no `user` column): no new query.
    try session.sendKeys("u")
    try session.sendKeys("bob", .enter)
    _ = try session.waitFor(text: "user=bob")
    #expect(Self.starts(endpoint, target).count == 1)
    // An event-name filter goes to Athena: a new query whose WHERE names it; the table shows its rows.
    try session.sendKeys("c", "e")
    try session.sendKeys("GetObject", .enter)
    _ = try session.waitUntil(description: "a second query") { _ in Self.starts(endpoint, target).count == 2 }
    #expect(Self.starts(endpoint, target).last?.contains("lower(eventname) LIKE 'getobject'") == true)
    let screen = try session.waitFor(text: "6 rows")
    #expect(screen.filter { $0.tableRow.hasPrefix("20") && $0.contains("GetObject") && $0.contains("bob") }.count == 6)
    // The second query's rows are the same events: none is shown twice.
    #expect(screen.first?.contains("6 / 12 events") == true, "\(screen.first ?? "")")
    try session.sendKeys("q")
    #expect(try session.waitForExit() == 0)
    #expect(!endpoint.requests.contains { $0.operation == target.stop })
  }

  @Test(arguments: targets)
  func escapeStopsARunningQueryAndQuitStopsOneToo(_ target: Target) throws {
    let endpoint = try QueryEndpoint(records: Self.records(), options: ["--hold"])
    defer { endpoint.stop() }
    let session = try Self.start(endpoint, target)
    defer { session.kill() }
    _ = try session.waitFor(text: "y runs the query")
    try session.sendKeys("y")
    _ = try session.waitFor(text: " running: ")
    try session.sendKeys(.escape)
    _ = try session.waitFor(text: "1 problem")
    _ = try session.waitUntil(description: target.stop) { _ in
      endpoint.requests.contains { $0.operation == target.stop }
    }
    try session.sendKeys("p")
    _ = try session.waitFor(text: "the query was cancelled")
    try session.sendKeys(.escape, "e")
    try session.sendKeys("ConsoleLogin", .enter)
    _ = try session.waitFor(text: " running: ")
    try session.sendKeys("q")
    #expect(try session.waitForExit() == 0)
    #expect(endpoint.requests.filter { $0.operation == target.stop }.count == 2)
  }

  @Test func lakeListsTheStoresAndOpensTheOneChosen() throws {
    let endpoint = try QueryEndpoint(records: Self.records())
    defer { endpoint.stop() }
    let session = try Self.start(endpoint, url: "lake://")
    defer { session.kill() }
    let list = try session.waitFor(text: "Enter opens")
    #expect(list.contains { $0.contains("management-events") && $0.contains(QueryEndpoint.store) })
    #expect(list.contains { $0.contains("2557 days") && $0.contains("multi-region") })
    #expect(!endpoint.requests.contains { $0.operation == "StartQuery" })
    try session.sendKeys(.enter)
    _ = try session.waitFor(text: "y runs the query")
    try session.sendKeys("y")
    _ = try session.waitFor(text: "12 rows")
    try session.sendKeys("q")
    #expect(try session.waitForExit() == 0)
    #expect(endpoint.requests.filter { $0.operation == "StartQuery" }.count == 1)
  }
}
