import AWSClient
import Foundation
import TestSupport
import Testing

/// ListPublicKeys as cloudtrail-fake serves it (`--public-keys`): the AWS CLI's `list-public-keys` reads it as
/// CloudTrail's answer, and trailview's client gets the same keys, only those valid in the asked range.
@Suite(.enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"))
struct PublicKeysTests {
  /// Two keys, one used in the first half of 2026 and one after; the values are arbitrary bytes (no RSA needed here).
  static let keys: [(fingerprint: String, der: [UInt8], from: Int64, to: Int64)] = [
    ("a1b2", Array(0..<40), 1_767_225_600, 1_782_864_000),  // 2026-01-01 .. 2026-07-01
    ("c3d4", Array((0..<40).reversed()), 1_782_864_000, 1_798_761_600),  // 2026-07-01 .. 2027-01-01
  ]

  static func server(in folder: URL) throws -> FakeServer {
    let list = keys.map {
      #"{"Value":"\#(Data($0.der).base64EncodedString())","Fingerprint":"\#($0.fingerprint)","#
        + #""ValidityStartTime":\#($0.from),"ValidityEndTime":\#($0.to)}"#
    }
    let file = LogTree.write(#"{"PublicKeyList":[\#(list.joined(separator: ","))]}"#, to: "keys.json", under: folder)
    return try FakeServer(["--no-auth", "--quiet", "--public-keys", file.path])
  }

  @Test(.enabled(if: FakeAWSCLI.path != nil, "\(FakeAWSCLI.missingMessage)"))
  func theAWSCLIReadsTheKeysOfTheRange() async throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let server = try Self.server(in: folder)
    defer { server.stop() }
    let november = try await FakeAWSCLI.cloudtrail(
      ["list-public-keys", "--start-time", "2026-11-01T00:00:00Z", "--end-time", "2026-11-02T00:00:00Z"],
      endpoint: server.endpoint)
    #expect(november.status == 0, "\(november.stderr)")
    let list = november.json["PublicKeyList"] as? [[String: Any]] ?? []
    #expect(list.map { $0["Fingerprint"] as? String } == ["c3d4"])
    #expect(list.first?["Value"] as? String == Data(Self.keys[1].der).base64EncodedString())
    #expect(list.first?["ValidityEndTime"] != nil)
    let year = try await FakeAWSCLI.cloudtrail(
      ["list-public-keys", "--start-time", "2026-03-01T00:00:00Z", "--end-time", "2026-12-01T00:00:00Z"],
      endpoint: server.endpoint)
    #expect((year.json["PublicKeyList"] as? [[String: Any]] ?? []).count == 2)
    let backwards = try await FakeAWSCLI.cloudtrail(
      ["list-public-keys", "--start-time", "2026-12-01T00:00:00Z", "--end-time", "2026-03-01T00:00:00Z"],
      endpoint: server.endpoint)
    #expect(backwards.status != 0 && backwards.stderr.contains("InvalidTimeRangeException"))
  }

  @Test func trailviewsClientGetsTheDERKeysByFingerprint() async throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let server = try Self.server(in: folder)
    defer { server.stop() }
    let client = CloudTrailClient(
      region: "us-east-1", endpoint: URL(string: server.endpoint)!,
      credentials: .fixed(AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "secret")))
    let found = await withCheckedContinuation { done in
      client.listPublicKeys(start: 1_775_000_000, end: 1_775_086_400) { done.resume(returning: $0) }
    }
    #expect((try? found.get()) == ["a1b2": Self.keys[0].der])
  }
}
