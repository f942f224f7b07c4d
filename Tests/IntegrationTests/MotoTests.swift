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
