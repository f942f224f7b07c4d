import Foundation
import TestSupport
import Testing

/// `--print --where` against the live API (the real `cloudtrail-fake` binary): the most selective exact predicate
/// goes to the server as LookupEvents' one attribute, the others are applied to what comes back.
@Suite(
  .enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"),
  .enabled(if: LiveTrailview.binary != nil, "\(LiveTrailview.missingMessage)"))
struct LiveWhereTests {
  @Test func whereFiltersOnTheServerAndTheRestLocally() async throws {
    // 300 events: alice on the even ones, DescribeInstances on every third, read-only on those.
    let (folder, all) = try LiveTrailview.logs(count: 300)
    defer { try? FileManager.default.removeItem(at: folder) }
    let server = try FakeServer(["--logs", folder.path, "--rate", "1000"])
    defer { server.stop() }
    let output = try await LiveTrailview.run(
      ["--print", "--where", "user=alice", "--where", "eventName=describe*", "--where", "userAgent~AWS-CLI"],
      endpoint: server.endpoint)
    #expect(output.status == 0, "\(output.stderr)")
    let expected = Set(stride(from: 0, to: 300, by: 6).map { String(format: "live-%05d", $0) })
    #expect(all.count == 300)
    #expect(Set(output.eventIDs) == expected)
    #expect(output.eventIDs.count == expected.count)
    // Username=alice went to the server (150 events: 3 pages of 50, not 6); the pattern and the path did not.
    let lookups = LiveTrailview.requests(server.log).filter { $0.operation == "LookupEvents" }
    #expect(lookups.count == 3, "\(server.log)")
  }
}
