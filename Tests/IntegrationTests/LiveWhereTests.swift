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

/// Every lookup attribute goes to the server: for a value of each, trailview finds what the AWS CLI finds with that
/// attribute, in as many LookupEvents requests as the matching events fill (not the account's whole history).
@Suite(
  .serialized, .enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"),
  .enabled(if: LiveTrailview.binary != nil, "\(LiveTrailview.missingMessage)"),
  .enabled(if: FakeAWSCLI.path != nil, "\(FakeAWSCLI.missingMessage)"))
struct LiveServerAttributeTests {
  @Test func eachAttributeIsAServerQuery() async throws {
    let server = try FakeServer(["--demo", "--now", "1795700000", "--rate", "1000", "--region", "us-east-1"])
    defer { server.stop() }
    // Values taken from a real-shaped event the CLI reads: its key, ID, source and first resource.
    let page = try await FakeAWSCLI.cloudtrail(["lookup-events", "--max-items", "400"], endpoint: server.endpoint)
    let events = page.json["Events"] as? [[String: Any]] ?? []
    let sample = try #require(
      events.first { ($0["Resources"] as? [Any])?.isEmpty == false && $0["AccessKeyId"] != nil }, "\(page.stderr)")
    let resource = try #require((sample["Resources"] as? [[String: Any]])?.first)
    let cases: [(attribute: String, field: String, value: String)] = [
      ("AccessKeyId", "accessKeyId", try #require(sample["AccessKeyId"] as? String)),
      ("EventId", "eventID", try #require(sample["EventId"] as? String)),
      ("EventSource", "eventSource", try #require(sample["EventSource"] as? String)),
      ("ResourceName", "resources", try #require(resource["ResourceName"] as? String)),
      ("ResourceType", "resourceType", try #require(resource["ResourceType"] as? String)),
    ]
    for (attribute, field, value) in cases {
      let cli = try await FakeAWSCLI.cloudtrail(
        ["lookup-events", "--lookup-attributes", "AttributeKey=\(attribute),AttributeValue=\(value)"],
        endpoint: server.endpoint)
      let expected = Set((cli.json["Events"] as? [[String: Any]] ?? []).compactMap { $0["EventId"] as? String })
      #expect(!expected.isEmpty, "\(attribute)")
      let before = LiveTrailview.requests(server.log).count
      let out = try await LiveTrailview.run(["--print", "--where", "\(field)=\(value)"], endpoint: server.endpoint)
      #expect(out.status == 0, "\(attribute): \(out.stderr)")
      #expect(Set(out.eventIDs) == expected && out.eventIDs.count == expected.count, "\(attribute)")
      let lookups = LiveTrailview.requests(server.log).dropFirst(before).filter { $0.operation == "LookupEvents" }
      #expect(lookups.count == max(1, (expected.count + 49) / 50), "\(attribute): \(lookups.count) requests")
    }
  }
}
