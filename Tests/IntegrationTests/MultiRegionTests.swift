import Foundation
import TestSupport
import Testing

/// Several regions at once: one LookupEvents session per region, merged; a failing region is named while the others
/// complete. The AWS CLI is the independent client of the same fake.
@Suite(
  .serialized, .enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"),
  .enabled(if: LiveTrailview.binary != nil, "\(LiveTrailview.missingMessage)"),
  .enabled(if: FakeAWSCLI.path != nil, "\(FakeAWSCLI.missingMessage)"))
struct MultiRegionTests {
  static let demo = ["--demo", "--now", "1795700000", "--rate", "1000"]

  /// The event IDs the AWS CLI pages through in one region.
  func cliEventIDs(_ endpoint: String, region: String) async throws -> Set<String> {
    let output = try await FakeAWSCLI.cloudtrail(["lookup-events"], endpoint: endpoint, region: region)
    #expect(output.status == 0, "\(output.stderr)")
    return Set((output.json["Events"] as? [[String: Any]] ?? []).compactMap { $0["EventId"] as? String })
  }

  @Test func everyRegionOnceInOneList() async throws {
    let server = try FakeServer(Self.demo)
    defer { server.stop() }
    let east = try await cliEventIDs(server.endpoint, region: "us-east-1")
    let west = try await cliEventIDs(server.endpoint, region: "eu-west-1")
    #expect(!east.isEmpty && !west.isEmpty && east.isDisjoint(with: west))
    // Commas and a repeated --region both work; the region named twice is read once.
    let out = try await LiveTrailview.run(
      ["--print", "--region", "us-east-1,eu-west-1", "--region", "us-east-1"], endpoint: server.endpoint,
      region: "eu-west-1")
    #expect(out.status == 0, "\(out.stderr)")
    let ids = out.eventIDs
    #expect(ids.count == east.count + west.count)
    #expect(Set(ids) == east.union(west))
    // Merged newest first across the regions.
    let times = out.records.compactMap { $0["eventTime"] as? String }
    #expect(times == times.sorted(by: >))
  }

  @Test func aRegionThatFailsIsNamedWhileTheOthersComplete() async throws {
    let server = try FakeServer(Self.demo + ["--region", "us-east-1"])
    defer { server.stop() }
    let east = try await cliEventIDs(server.endpoint, region: "us-east-1")
    let out = try await LiveTrailview.run(
      ["--print", "--region", "us-east-1,eu-west-1"], endpoint: server.endpoint, region: "us-east-1")
    #expect(out.status == 2, "some input skipped: \(out.stderr)")
    #expect(Set(out.eventIDs) == east)
    #expect(out.stderr.contains("LookupEvents (CloudTrail eu-west-1)"), "\(out.stderr)")
    #expect(!out.stderr.contains("LookupEvents (CloudTrail us-east-1)"), "\(out.stderr)")
  }

  @Test func aRegionThatDoesNotResolveFailsAtOnce() async throws {
    let out = try await LiveTrailview.run(
      ["--print", "--region", "us-east-1,xx-nowhere-9"], endpoint: "http://nonexistent.invalid:9",
      region: "us-east-1")
    #expect(out.status == 1)
    #expect(out.stderr.contains("LookupEvents (CloudTrail xx-nowhere-9)") && out.stderr.contains("does not resolve"))
    // One attempt, no backoff: well under the first retry's delay.
    #expect(out.seconds < 5, "took \(out.seconds) s")
  }
}
