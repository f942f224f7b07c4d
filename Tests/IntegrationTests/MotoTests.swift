import Dispatch
import Foundation
import TestSupport
import Testing

@testable import AWSClient

/// trailview's CloudTrail client against moto, an AWS emulator written independently (botocore's SigV4 and IAM
/// policies on the server side).
@Suite(.serialized, .enabled(if: MotoServer.isAvailable, "\(MotoServer.missingMessage)"))
struct MotoTests {
  func client(_ moto: MotoServer, secret: String? = nil) -> CloudTrailClient {
    CloudTrailClient(
      region: "us-east-1", endpoint: URL(string: moto.endpoint)!,
      credentials: .fixed(
        AWSCredentials(accessKeyId: moto.accessKeyId, secretAccessKey: secret ?? moto.secretAccessKey)))
  }

  func describe(_ client: CloudTrailClient) async -> Result<[Trail], AWSError> {
    await withCheckedContinuation { c in client.describeTrails { c.resume(returning: $0) } }
  }

  func status(_ client: CloudTrailClient, _ name: String) async -> Result<TrailStatus, AWSError> {
    await withCheckedContinuation { c in client.getTrailStatus(name: name) { c.resume(returning: $0) } }
  }

  @Test func describeTrailsAndStatusWithTheRightKey() async throws {
    let moto = try MotoServer()
    defer { moto.stop() }
    let client = client(moto)
    let trails = try await describe(client).get()
    let main = try #require(trails.first { $0.name == "main" }, "\(trails)")
    #expect(main.isMultiRegionTrail == true)
    #expect(main.s3BucketName == "trail-bucket")
    #expect(main.homeRegion == "us-east-1")
    let status = try await self.status(client, "main").get()
    #expect(status.isLogging == true)
    let arn = try #require(main.trailARN)
    let byARN = try await self.status(client, arn).get()
    #expect(byARN.isLogging == true)
  }

  @Test func wrongSecretIsRejectedWithSignatureDoesNotMatch() async throws {
    let moto = try MotoServer()
    defer { moto.stop() }
    let client = client(moto, secret: "not-the-secret-\(UUID().uuidString.prefix(8))")
    for result in [await describe(client).map { _ in () }, await status(client, "main").map { _ in () }] {
      guard case .failure(let error) = result else {
        Issue.record("a call with a wrong secret succeeded")
        continue
      }
      #expect(error.code == "SignatureDoesNotMatch", "\(error)")
      #expect(error.httpStatus == 403)
      #expect(!error.message.isEmpty)
      #expect(error.explanation.contains("secret access key does not match"))
    }
  }

  @Test(.enabled(if: LiveTrailview.binary != nil, "\(LiveTrailview.missingMessage)"))
  func printTrailsListsMainAsLogging() async throws {
    let moto = try MotoServer()
    defer { moto.stop() }
    let output = try await LiveTrailview.run(
      ["--print", "--trails", "--format", "json"], endpoint: moto.endpoint, key: moto.accessKeyId,
      secret: moto.secretAccessKey)
    #expect(output.status == 0, "\(output.stderr)")
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "\(output.stdout)")
    let trails = try #require(document["trailList"] as? [[String: Any]])
    let main = try #require(trails.first { $0["Name"] as? String == "main" }, "\(output.stdout)")
    #expect(main["IsLogging"] as? Bool == true)
    #expect(main["HomeRegion"] as? String == "us-east-1")
    #expect(main["S3BucketName"] as? String == "trail-bucket")
    #expect(main["IsMultiRegionTrail"] as? Bool == true)
    let table = try await LiveTrailview.run(
      ["--print", "--trails"], endpoint: moto.endpoint, key: moto.accessKeyId, secret: moto.secretAccessKey)
    let row = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("main ") }, "\(table.stdout)")
    #expect(
      row.split(separator: " ", omittingEmptySubsequences: true).prefix(5) == ["main", "us-east-1", "yes", "no", "on"])
    #expect(!output.stdout.contains(moto.secretAccessKey) && !output.stderr.contains(moto.secretAccessKey))
  }
}

/// `--region all` against moto: the regions come from EC2 DescribeRegions, and each trail shows once although every
/// region's DescribeTrails lists the multi-region trail's shadows.
@Suite(
  .serialized, .enabled(if: MotoServer.isAvailable, "\(MotoServer.missingMessage)"),
  .enabled(if: LiveTrailview.binary != nil, "\(LiveTrailview.missingMessage)"),
  .enabled(if: FakeAWSCLI.path != nil, "\(FakeAWSCLI.missingMessage)"))
struct MotoAllRegionsTests {
  @Test func everyEnabledRegionIsAskedAndEachTrailShowsOnce() async throws {
    let moto = try MotoServer()
    defer { moto.stop() }
    let cli = try await FakeAWSCLI.cloudtrail(
      ["describe-regions"], service: "ec2", endpoint: moto.endpoint, accessKey: moto.accessKeyId,
      secret: moto.secretAccessKey)
    #expect(cli.status == 0, "\(cli.stderr)")
    // moto lists GovCloud and China beside the commercial regions (credentials of one partition mean nothing in
    // another, so trailview reads the home region's partition only) and opt-in regions as not-opted-in.
    let regions = (cli.json["Regions"] as? [[String: Any]] ?? []).filter {
      $0["OptInStatus"] as? String != "not-opted-in"
    }
    .compactMap { $0["RegionName"] as? String }.filter { !$0.hasPrefix("us-gov-") && !$0.hasPrefix("cn-") }
    #expect(regions.count > 10 && regions.contains("eu-west-1"), "\(cli.stdout)")
    let output = try await LiveTrailview.run(
      ["--print", "--trails", "--format", "json", "--region", "all", "-v"], endpoint: moto.endpoint,
      key: moto.accessKeyId, secret: moto.secretAccessKey)
    #expect(output.status == 0, "\(output.stderr)")
    // -v names the regions read: the same set the AWS CLI got, the home region first.
    let line = try #require(output.stderr.split(separator: "\n").first { $0.contains("regions: ") }, "\(output.stderr)")
    let read = line.split(separator: "regions: ").last.map { $0.split(separator: ", ").map(String.init) } ?? []
    #expect(Set(read) == Set(regions) && read.count == regions.count, "\(line) vs \(regions)")
    #expect(read.first == "us-east-1")
    #expect(!output.stderr.contains("DescribeRegions failed"), "\(output.stderr)")
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "\(output.stdout)")
    let trails = try #require(document["trailList"] as? [[String: Any]])
    #expect(trails.compactMap { $0["Name"] as? String }.sorted() == ["audit-eu", "main"], "\(output.stdout)")
    let eu = try #require(trails.first { $0["Name"] as? String == "audit-eu" })
    #expect(eu["HomeRegion"] as? String == "eu-west-1" && eu["IsLogging"] as? Bool == false, "\(eu)")
    #expect(!output.stdout.contains(moto.secretAccessKey) && !output.stderr.contains(moto.secretAccessKey))
  }
}
