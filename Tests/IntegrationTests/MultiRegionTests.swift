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

  /// Six hours of the demo account, for tests that read every region.
  static let window = ["--start-time", "2026-11-26T07:33:20Z", "--end-time", "2026-11-26T13:33:20Z"]

  /// The event IDs the AWS CLI pages through in one region.
  func cliEventIDs(_ endpoint: String, region: String, _ extra: [String] = []) async throws -> Set<String> {
    let output = try await FakeAWSCLI.cloudtrail(["lookup-events"] + extra, endpoint: endpoint, region: region)
    #expect(output.status == 0, "\(output.stderr)")
    return Set((output.json["Events"] as? [[String: Any]] ?? []).compactMap { $0["EventId"] as? String })
  }

  @Test func everyRegionOnceInOneList() async throws {
    let server = try FakeServer(Self.demo)
    defer { server.stop() }
    let east = try await cliEventIDs(server.endpoint, region: "us-east-1", Self.window)
    let west = try await cliEventIDs(server.endpoint, region: "eu-west-1", Self.window)
    #expect(!east.isEmpty && !west.isEmpty && east.isDisjoint(with: west))
    // Commas and a repeated --region both work; the region named twice is read once.
    let out = try await LiveTrailview.run(
      ["--print", "--region", "us-east-1,eu-west-1", "--region", "us-east-1"] + Self.window, endpoint: server.endpoint,
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
    let east = try await cliEventIDs(server.endpoint, region: "us-east-1", Self.window)
    let out = try await LiveTrailview.run(
      ["--print", "--region", "us-east-1,eu-west-1"] + Self.window, endpoint: server.endpoint, region: "us-east-1")
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

  /// The regions named in `-v`'s "regions: a, b, ..." line.
  func regionsRead(_ stderr: String) -> [String] {
    let line = stderr.split(separator: "\n").first { $0.contains(" regions: ") } ?? ""
    return line.split(separator: "regions: ").last.map { $0.split(separator: " (").first ?? "" }
      .map { $0.split(separator: ", ").map(String.init) } ?? []
  }

  /// The union of what the AWS CLI finds in the window in every region the demo has events in.
  func cliWindowIDs(_ endpoint: String) async throws -> Set<String> {
    var all = Set<String>()
    for region in ["us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"] {
      all.formUnion(try await cliEventIDs(endpoint, region: region, Self.window))
    }
    return all
  }

  @Test func allReadsTheRegionsDescribeRegionsListsAndSkipsDisabledOnes() async throws {
    let server = try FakeServer(Self.demo + ["--disabled-region", "ap-east-1"])
    defer { server.stop() }
    let cli = try await FakeAWSCLI.cloudtrail(["describe-regions"], service: "ec2", endpoint: server.endpoint)
    let listed = (cli.json["Regions"] as? [[String: Any]] ?? []).compactMap { $0["RegionName"] as? String }
    #expect(cli.status == 0 && listed.count > 20 && !listed.contains("ap-east-1"), "\(cli.stderr)")
    let out = try await LiveTrailview.run(
      ["--print", "--region", "all", "-v"] + Self.window, endpoint: server.endpoint, region: "eu-west-1")
    #expect(out.status == 0, "\(out.stderr)")
    let read = regionsRead(out.stderr)
    #expect(read.first == "eu-west-1" && Set(read) == Set(listed) && read.count == listed.count, "\(read)")
    let expected = try await cliWindowIDs(server.endpoint)
    #expect(!expected.isEmpty && Set(out.eventIDs) == expected && out.eventIDs.count == expected.count)
  }

  @Test func withoutDescribeRegionsThePartitionIsReadAndDisabledRegionsAreNamed() async throws {
    let server = try FakeServer(Self.demo + ["--disabled-region", "ap-east-1"])
    defer { server.stop() }
    let out = try await LiveTrailview.run(
      ["--print", "--region", "all", "-v"] + Self.window, endpoint: server.endpoint, region: "us-east-1",
      environment: ["AWS_ENDPOINT_URL_EC2": "http://127.0.0.1:9"])
    #expect(out.status == 2, "a region skipped: \(out.stderr)")
    #expect(out.stderr.contains("EC2 DescribeRegions failed"), "\(out.stderr)")
    #expect(regionsRead(out.stderr).contains("ap-east-1") && regionsRead(out.stderr).contains("mx-central-1"))
    let problems = out.stderr.split(separator: "\n").filter { $0.hasPrefix("trailview: LookupEvents") }
    #expect(problems.count == 1, "\(problems)")
    #expect(problems.first?.contains("CloudTrail ap-east-1") == true && problems.first?.contains("not enabled") == true)
    let expected = try await cliWindowIDs(server.endpoint)
    #expect(Set(out.eventIDs) == expected && out.eventIDs.count == expected.count)
  }

  @Test func accessDeniedAndThrottlingInOneRegionEachAreNamedWithIt() async throws {
    let server = try FakeServer(
      Self.demo + ["--deny-region", "eu-west-1", "--throttle-region", "us-west-2=2"])
    defer { server.stop() }
    let out = try await LiveTrailview.run(
      ["--print", "--region", "us-east-1,eu-west-1,us-west-2"] + Self.window, endpoint: server.endpoint,
      region: "us-east-1")
    #expect(out.status == 2, "a region skipped: \(out.stderr)")
    let problems = out.stderr.split(separator: "\n").filter { !$0.hasPrefix("trailview: note:") }
    #expect(problems.count == 1, "\(problems)")
    #expect(problems.first?.contains("LookupEvents (CloudTrail eu-west-1)") == true)
    #expect(
      problems.first?.contains("Access denied") == true && problems.first?.contains("cloudtrail:LookupEvents") == true)
    // The throttled region was retried to the end; the others were not held up by it.
    let throttled = LiveTrailview.requests(server.log).filter { $0.code == "ThrottlingException" }
    #expect(throttled.count == 2)
    var expected = Set<String>()
    for region in ["us-east-1", "us-west-2"] {
      expected.formUnion(try await cliEventIDs(server.endpoint, region: region, Self.window))
    }
    #expect(!expected.isEmpty && Set(out.eventIDs) == expected && out.eventIDs.count == expected.count)
  }
}
