import CloudTrailModel
import Foundation
import TestSupport
import Testing

/// The dashboard on the live API path: the built `trailview` in tmux against the real `cloudtrail-fake`.
@Suite(
  .serialized,
  .enabled(if: TmuxSession.isTmuxAvailable, "tmux is not installed"),
  .enabled(if: BuiltProducts.path("trailview") != nil, "trailview is not built next to the test bundle"),
  .enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"))
struct LiveDashboardEndToEndTests {
  static let binary = BuiltProducts.path("trailview") ?? "trailview"
  /// The environment of one run: each gets a cache folder of its own, in this test process's temporary folder.
  static var environment: [String: String] {
    [
      "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC",
      "AWS_ACCESS_KEY_ID": "AKIDTRAILVIEWFAKE", "AWS_SECRET_ACCESS_KEY": "trailview-fake-secret",
      "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true",
      "XDG_CACHE_HOME": LogTree.temporaryFolder().path,
    ]
  }

  @Test func firstPageTrailsLoadAllFilterAndQuit() throws {
    let server = try FakeServer(["--demo", "--rate", "1000", "--quiet"])
    defer { server.stop() }
    let tmux = try TmuxSession(
      command: "\(Self.binary) --region us-east-1 --endpoint-url \(server.endpoint)", width: 160, height: 48,
      environment: Self.environment)
    defer { tmux.kill() }
    let first = try tmux.waitUntil(description: "the header and the first page", timeout: .seconds(20)) { screen in
      screen.contains { $0.contains("CloudTrail us-east-1") }
        && screen.contains { $0.contains("50 / 50 events") || $0.contains("Loaded 1 page") }
        // "more" is published with the page's end, a moment after the rows.
        && screen.contains { $0.contains("more") }
    }
    #expect(first.contains { $0.contains(server.endpoint) })
    let trails = try tmux.waitUntil(description: "the trails pane from the API") { screen in
      screen.contains { $0.contains("management-events") && $0.contains("STOPPED") }
    }
    #expect(trails.contains { $0.contains("main-trail") })
    // Lazy: the first page only, more on request.
    #expect(first.contains { $0.contains("more") })

    try tmux.sendKeys("L")
    let all = try tmux.waitUntil(description: "everything loaded", timeout: .seconds(90)) { screen in
      !screen.contains { $0.contains("more") } && screen.contains { $0.contains("Loaded") }
    }
    #expect(!all.contains { $0.contains("50 / 50 events") })

    try tmux.sendKeys("u", "backup-admin")
    try tmux.waitFor(text: "user: backup-admin")
    try tmux.sendKeys(.enter)
    // The header shows the filter at once; the table follows when the store has filtered: wait for both.
    let filtered = try tmux.waitUntil(description: "backup-admin's StopLogging, and only backup-admin") { screen in
      screen.contains { $0.contains("user=backup-admin") }
        && screen.contains { $0.contains("StopLogging") && $0.contains("backup-admin") }
        && screen.filter { $0.tableRow.hasPrefix("20") }.allSatisfy { $0.contains("backup-admin") }
    }
    let rows = filtered.filter { $0.tableRow.hasPrefix("20") }
    #expect(!rows.isEmpty)
    #expect(rows.allSatisfy { $0.contains("backup-admin") })

    try tmux.sendKeys("q")
    #expect(try tmux.waitForExit() == 0)
  }

  @Test func faultsShowInTheStatusLineWhileKeysKeepWorking() throws {
    // 400 events (8 pages); the fake's clock is 15 minutes ahead and every second request fails with a 500.
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let base = Int64(Date().timeIntervalSince1970) - 3600
    let records = (0..<400).map { i in
      LogTree.record(time: EventTime.formatISO(base + Int64(i) * 5), name: "GetObject", eventID: "fault-\(i)")
    }
    LogTree.write(LogTree.recordsFile(records), to: "events.json", under: folder)
    let server = try FakeServer([
      "--logs", folder.path, "--rate", "1000", "--quiet", "--skew", "900", "--fail-every", "2",
    ])
    defer { server.stop() }
    let expected = records.count
    let tmux = try TmuxSession(
      command: "\(Self.binary) --region us-east-1 --endpoint-url \(server.endpoint)", width: 200, height: 48,
      environment: Self.environment)
    defer { tmux.kill() }
    try tmux.waitUntil(description: "the first page and the clock notice", timeout: .seconds(30)) { screen in
      screen.contains { $0.contains("Loaded 1 page") && $0.contains("the local clock is about 15 min behind AWS") }
    }
    // The trails load at startup through the same faults. Let them finish before loading every page: the fake fails
    // every second request it receives, whoever sends it, so a trails retry that keeps following a successful page
    // request keeps drawing a failing number, and after 5 attempts the trail's status is a problem ("GetTrailStatus
    // main-trail: InternalFailure", seen in loaded full runs). One caller at a time alternates failure and success.
    try tmux.waitUntil(description: "both trails' status", timeout: .seconds(30)) { screen in
      screen.contains { $0.contains("STOPPED") && $0.contains("eu-audit") }
        && screen.contains { $0.contains("logging") && $0.contains("us-east-1") }
    }
    try tmux.sendKeys("L")
    try tmux.waitUntil(description: "a retry in the status line", timeout: .seconds(30)) { screen in
      screen.contains { $0.contains("server error (InternalFailure), retrying in") }
    }
    // Keys are answered while pages fail and retry: the help overlay opens and closes.
    try tmux.sendKeys("?")
    // Its first lines (a line far down may be below a 48-row screen as the key table grows).
    try tmux.waitUntil(description: "the help overlay") { screen in screen.contains { $0.contains("this help") } }
    try tmux.sendKeys(.escape)
    try tmux.waitUntil(description: "the help overlay closed") { screen in
      !screen.contains { $0.contains("this help") }
    }
    let done = try tmux.waitUntil(description: "every page loaded", timeout: .seconds(60)) { screen in
      screen.contains { $0.contains("Loaded") && !$0.contains("more") && $0.contains(" events") }
    }
    let status = try #require(done.first { $0.contains("Loaded") })
    #expect(status.contains("\(Self.grouped(expected)) events"), "\(status)")
    #expect(!done.contains { $0.contains("problem") }, "\(done.joined(separator: "\n"))")
    try tmux.sendKeys("q")
    #expect(try tmux.waitForExit() == 0)
  }

  /// `2,926` as the status line writes counts.
  static func grouped(_ n: Int) -> String {
    n >= 1000 ? "\(n / 1000),\(String(format: "%03d", n % 1000))" : "\(n)"
  }
}

/// Every region at once in the dashboard: the regions EC2 DescribeRegions cannot name come from the partition's
/// list, every one loads, the one not enabled is named while the others complete, following brings new events, and
/// the whole session sends only reads.
@Suite(
  .serialized,
  .enabled(if: TmuxSession.isTmuxAvailable, "tmux is not installed"),
  .enabled(if: BuiltProducts.path("trailview") != nil, "trailview is not built next to the test bundle"),
  .enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"))
struct LiveRegionsDashboardEndToEndTests {
  static let reads: Set<String> = [
    "LookupEvents", "ListTrails", "DescribeTrails", "GetTrailStatus", "GetCallerIdentity", "DescribeRegions",
  ]

  @Test func allRegionsLoadOneIsNamedAndFollowingBringsNewEvents() throws {
    let server = try FakeServer([
      "--demo", "--rate", "1000", "--disabled-region", "ap-east-1", "--arrive-every-ms", "700",
    ])
    defer { server.stop() }
    var environment = LiveDashboardEndToEndTests.environment
    environment["AWS_ENDPOINT_URL_EC2"] = "http://127.0.0.1:9"  // DescribeRegions fails: the partition's list
    let tmux = try TmuxSession(
      command:
        "\(LiveDashboardEndToEndTests.binary) --region all --since 2h --follow-every 1 --endpoint-url \(server.endpoint)",
      // Wide enough for the whole status line, whose counts and times vary in length from run to run.
      width: 260, height: 50, environment: environment)
    defer { tmux.kill() }
    let loaded = try tmux.waitUntil(description: "every region's first page", timeout: .seconds(60)) { screen in
      screen.contains { $0.contains("34/34 regions done") } && screen.last?.contains("2 problems (p)") == true
    }
    #expect(loaded[0].contains("CloudTrail in 34 regions"), "\(loaded[0])")
    // The demo's regions are in the one table, newest first, with the region column. How many of each fit on the
    // first screen depends on the hour the demo is run at, so eu-west-1's are looked for with a search.
    let rows = loaded.filter { $0.tableRow.hasPrefix("20") }
    #expect(rows.contains { $0.contains("us-east-1") }, "\(rows)")
    try tmux.sendKeys("/", "eu-west-1", .enter)
    _ = try tmux.waitUntil(description: "eu-west-1's events") { screen in
      screen.contains { $0.contains("search: eu-west-1") }
        && screen.contains { $0.tableRow.hasPrefix("20") && $0.contains("eu-west-1") }
    }
    try tmux.sendKeys("c")
    // ap-east-1 twice (its events and its trails), nothing else: "2 problems".
    try tmux.sendKeys("p")
    let problems = try tmux.waitUntil(description: "the problems list") { screen in
      screen.contains { $0.contains("LookupEvents (CloudTrail ap-east-1)") }
    }
    #expect(problems.contains { $0.contains("not enabled") }, "\(problems)")
    #expect(problems.contains { $0.contains("ListTrails (ap-east-1)") }, "\(problems)")
    #expect(!problems.contains { $0.contains("CloudTrail eu-west-1)") })
    try tmux.sendKeys(.escape, "A")
    let followed = try tmux.waitUntil(description: "events that arrived", timeout: .seconds(30)) { screen in
      screen.last.map { $0.contains("following every 1 s") && !$0.contains(", 0 new") } ?? false
    }
    #expect(
      followed.last?.contains("events reach Event History ~5 min after the call") == true, "\(followed.last ?? "")")
    try tmux.sendKeys("q")
    #expect(try tmux.waitForExit() == 0)
    server.stop()
    // The fake's log: `TIME OPERATION STATUS CODE KEY [WINDOW]` per request.
    let requests = server.log.split(separator: "\n").filter { $0.first?.isNumber == true }
    let operations = Set(requests.compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) })
    #expect(operations.isSubset(of: Self.reads) && operations.contains("LookupEvents"), "\(operations)")
  }
}
