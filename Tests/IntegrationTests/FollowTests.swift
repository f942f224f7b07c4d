import EventStore
import Foundation
import TestSupport
import Testing

/// Follow mode, end to end: `--print --follow` against the fake while events arrive (the AWS CLI is the independent
/// reader of the same endpoint), and against a log folder while files land.
@Suite(
  .serialized, .enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"),
  .enabled(if: LiveTrailview.binary != nil, "\(LiveTrailview.missingMessage)"))
struct FollowTests {
  /// An environment with the fake's keys and nothing of the user's AWS configuration.
  static func environment(home: URL) -> [String: String] {
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
    env["HOME"] = home.path
    env["AWS_ACCESS_KEY_ID"] = LiveTrailview.key
    env["AWS_SECRET_ACCESS_KEY"] = LiveTrailview.secret
    env["AWS_CONFIG_FILE"] = "/dev/null"
    env["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    return env
  }

  static func json(_ line: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
  }

  static func iso(_ seconds: Int64) -> String {
    Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
  }

  @Test(.enabled(if: FakeAWSCLI.path != nil, "\(FakeAWSCLI.missingMessage)"))
  func newEventsInEveryRegionArePrintedOnceAsTheyArrive() async throws {
    let server = try FakeServer(["--demo", "--rate", "1000", "--arrive-every-ms", "300"])
    defer { server.stop() }
    let home = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: home) }
    let started = Int64(Date().timeIntervalSince1970)
    let run = try StreamingProcess(
      LiveTrailview.binary!,
      [
        "--print", "--follow", "--follow-every", "1", "--since", "10m", "--region", "us-east-1,eu-west-1",
        "--endpoint-url", server.endpoint,
      ], environment: Self.environment(home: home))
    defer { run.stop() }
    // Events stamped after the start can only have come by following.
    func arrived(_ lines: [String]) -> [[String: Any]] {
      lines.map(Self.json).filter { ($0["eventTime"] as? String ?? "") >= Self.iso(started + 1) }
    }
    let enough = run.wait(seconds: 60) { lines in
      let regions = Set(arrived(lines).compactMap { $0["awsRegion"] as? String })
      return arrived(lines).count >= 12 && regions.isSuperset(of: ["us-east-1", "eu-west-1"])
    }
    run.stop()
    #expect(enough, "lines: \(run.lines.count), stderr: \(run.stderr)")
    let records = run.lines.map(Self.json)
    #expect(records.allSatisfy { $0["eventID"] is String }, "every line is one record")
    let ids = records.compactMap { $0["eventID"] as? String }
    #expect(Set(ids).count == ids.count, "no event twice although the polls overlap")
    // The AWS CLI finds every arrived event printed, and each one it finds before the newest printed was printed.
    let fresh = arrived(run.lines)
    let newest = try #require(fresh.compactMap { $0["eventTime"] as? String }.max())
    var cli: [String: String] = [:]
    for region in ["us-east-1", "eu-west-1"] {
      let out = try await FakeAWSCLI.cloudtrail(
        ["lookup-events", "--start-time", Self.iso(started + 1)], endpoint: server.endpoint, region: region)
      for event in out.json["Events"] as? [[String: Any]] ?? [] {
        let record = Self.json(event["CloudTrailEvent"] as? String ?? "")
        if let id = record["eventID"] as? String { cli[id] = record["eventTime"] as? String ?? "" }
      }
    }
    let printed = Set(fresh.compactMap { $0["eventID"] as? String })
    #expect(printed.isSubset(of: Set(cli.keys)))
    let due = Set(cli.filter { $0.value < newest }.keys)
    #expect(due.isSubset(of: printed), "missing: \(due.subtracting(printed))")
    // Following asks only LookupEvents (and STS who the caller is, for the cache), reads both.
    let operations = Set(LiveTrailview.requests(server.log).map(\.operation))
    #expect(operations == ["LookupEvents", "GetCallerIdentity"], "\(operations)")
  }

  @Test func filesThatLandInAFolderArePrintedOnceAndAHalfWrittenOneWhenComplete() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let first = (0..<3).map { LogTree.record(time: "2026-11-30T10:00:0\($0)Z", name: "First\($0)") }
    LogTree.write(LogTree.recordsFile(first), to: "a/one.json.gz", under: root, gzip: true)
    let run = try StreamingProcess(
      LiveTrailview.binary!, ["--print", "--follow", "--follow-every", "1", root.path],
      environment: Self.environment(home: root))
    defer { run.stop() }
    #expect(run.wait(seconds: 30) { $0.count == 3 }, "\(run.stderr)")
    // A file that lands whole.
    let second = (0..<2).map { LogTree.record(time: "2026-11-30T09:00:0\($0)Z", name: "Second\($0)") }
    LogTree.write(LogTree.recordsFile(second), to: "b/two.json.gz", under: root, gzip: true)
    #expect(run.wait(seconds: 30) { $0.count == 5 }, "\(run.stderr)")
    // A file cut short: named once it stops changing, then read when it is complete.
    let third = (0..<4).map { LogTree.record(time: "2026-11-30T11:00:0\($0)Z", name: "Third\($0)") }
    let whole = Gzip.compress(Array(LogTree.recordsFile(third).utf8))
    let path = root.appendingPathComponent("b/three.json.gz").path
    _ = FileManager.default.createFile(atPath: path, contents: Data(whole.prefix(whole.count / 2)))
    let named = run.wait(seconds: 30) { _ in run.stderr.contains("three.json.gz") }
    #expect(named, "the cut file is named: \(run.stderr)")
    #expect(run.lines.count == 5)
    _ = FileManager.default.createFile(atPath: path, contents: Data(whole))
    #expect(run.wait(seconds: 30) { $0.count == 9 }, "\(run.stderr)")
    run.stop()
    let names = run.lines.map { Self.json($0)["eventName"] as? String ?? "" }
    #expect(names.prefix(3) == ["First2", "First1", "First0"], "the first load newest first")
    #expect(Array(names[3..<5]) == ["Second0", "Second1"], "a look's events oldest first")
    #expect(Array(names[5...]) == ["Third0", "Third1", "Third2", "Third3"])
  }
}
