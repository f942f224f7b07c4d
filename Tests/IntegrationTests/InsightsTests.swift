import EventStore
import Foundation
import TestSupport
import Testing

/// `--insights`: the live API asked for EventCategory insight (the AWS CLI reads the same events from the fake), only
/// the attributes Insights lookups take sent to the server, and the events of `CloudTrail-Insight/` files in a tree.
@Suite(
  .serialized, .enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"),
  .enabled(if: LiveTrailview.binary != nil, "\(LiveTrailview.missingMessage)"))
struct InsightsTests {
  @Test(.enabled(if: FakeAWSCLI.path != nil, "\(FakeAWSCLI.missingMessage)"))
  func liveInsightsAreTheEventCategoryInsightQuery() async throws {
    let server = try FakeServer(["--demo", "--now", "1795700000", "--rate", "1000"])
    defer { server.stop() }
    let cli = try await FakeAWSCLI.cloudtrail(
      ["lookup-events", "--event-category", "insight"], endpoint: server.endpoint)
    let expected = Set((cli.json["Events"] as? [[String: Any]] ?? []).compactMap { $0["EventId"] as? String })
    #expect(cli.status == 0 && expected.count == 2, "\(cli.stderr)")
    let out = try await LiveTrailview.run(["--print", "--insights"], endpoint: server.endpoint)
    #expect(out.status == 0, "\(out.stderr)")
    #expect(Set(out.eventIDs) == expected && out.eventIDs.count == 2)
    #expect(out.records.allSatisfy { $0["eventType"] as? String == "AwsCloudTrailInsight" })
    // The event name goes to the server with the category; a user name cannot (Insights lookups refuse it), so it
    // is applied here, and Insights events name no user.
    let named = try await LiveTrailview.run(
      ["--print", "--insights", "--event-name", "ListKeys"], endpoint: server.endpoint)
    #expect(named.status == 0 && Set(named.eventIDs) == expected, "\(named.stderr)")
    let user = try await LiveTrailview.run(["--print", "--insights", "--user", "alice"], endpoint: server.endpoint)
    #expect(user.status == 0 && user.eventIDs.isEmpty, "\(user.stderr)")
    #expect(!server.log.contains("InvalidLookupAttributesException"), "\(server.log)")
    // Without --insights, management events only.
    let management = try await LiveTrailview.run(
      ["--print", "--event-name", "ListKeys"], endpoint: server.endpoint)
    #expect(!management.eventIDs.isEmpty && Set(management.eventIDs).isDisjoint(with: expected))
  }

  @Test func insightFilesInATreeAreReadAndInsightsShowsOnlyThem() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let call = LogTree.record(time: "2026-11-30T21:09:30Z", name: "ListKeys", source: "kms.amazonaws.com")
    LogTree.write(
      LogTree.recordsFile([call]),
      to:
        "AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/30/123456789012_CloudTrail_us-east-1_20261130T2110Z_a.json.gz",
      under: root, gzip: true)
    let insight = """
      {"eventVersion":"1.08","eventTime":"2026-11-30T21:09:00Z","awsRegion":"us-east-1","eventID":"ins-1",\
      "eventType":"AwsCloudTrailInsight","recipientAccountId":"123456789012","sharedEventID":"s-1",\
      "insightDetails":{"state":"Start","eventSource":"kms.amazonaws.com","eventName":"ListKeys",\
      "insightType":"ApiErrorRateInsight","errorCode":"AccessDeniedException","insightContext":{"statistics":\
      {"baseline":{"average":0.0},"insight":{"average":2.5}},"attributions":[{"attribute":"userIdentityArn",\
      "insight":[{"value":"arn:aws:iam::123456789012:user/deploy-bot","average":2.5}],"baseline":[]}]}},\
      "eventCategory":"Insight"}
      """
    LogTree.write(
      LogTree.recordsFile([insight]),
      to: "AWSLogs/123456789012/CloudTrail-Insight/us-east-1/2026/11/30/"
        + "123456789012_CloudTrail-Insight_us-east-1_20261130T2115Z_b.json.gz", under: root, gzip: true)
    let all = try Subprocess.run(LiveTrailview.binary!, ["--print", root.path])
    #expect(all.status == 0 && all.text.split(separator: "\n").count == 2, "\(all.stderr)")
    let only = try Subprocess.run(LiveTrailview.binary!, ["--print", "--insights", root.path])
    #expect(only.status == 0, "\(only.stderr)")
    let lines = only.text.split(separator: "\n")
    #expect(lines.count == 1 && lines.first?.contains("\"eventID\":\"ins-1\"") == true, "\(only.text)")
  }
}
