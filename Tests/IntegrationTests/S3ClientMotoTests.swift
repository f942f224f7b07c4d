import AWSClient
import Foundation
import TestSupport
import Testing

/// The S3 client against moto's S3: objects put there by the real AWS CLI (keys with spaces, `+`, `=`, `~`, non-ASCII
/// letters) are listed page by page, under prefixes, and read back byte for byte. Moto runs without its signature
/// check here (it refuses botocore's own requests for such keys and prefixes): S3SigningTests compares the signatures
/// with botocore's, and S3ClientTests the errors and region redirects.
@Suite(
  .enabled(if: MotoServer.isAvailable, "\(MotoServer.missingMessage)"),
  .enabled(if: FakeAWSCLI.path != nil, "\(FakeAWSCLI.missingMessage)"))
struct S3ClientMotoTests {
  static func client(_ moto: MotoServer, secret: String? = nil, log: (@Sendable (String) -> Void)? = nil) -> S3Client {
    S3Client(
      region: "us-east-1", endpoint: URL(string: moto.endpoint)!,
      credentials: .fixed(
        AWSCredentials(accessKeyId: moto.accessKeyId, secretAccessKey: secret ?? moto.secretAccessKey)),
      operationLog: log)
  }

  /// Files with awkward keys (spaces, `+`, `=`, `~`, non-ASCII), uploaded with `aws s3 cp --recursive`.
  static func upload(_ moto: MotoServer) async throws -> [String: [UInt8]] {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var files: [String: [UInt8]] = [:]
    let names = [
      "AWSLogs/123456789012/CloudTrail/us-east-1/2026/12/01/a.json.gz",
      "AWSLogs/123456789012/CloudTrail/us-east-1/2026/12/02/b c+d=e~f.json",
      "AWSLogs/123456789012/CloudTrail/eu-west-1/2026/12/02/é 1.json", "denied/secret.json", "top.json",
    ]
    for (n, name) in names.enumerated() {
      let bytes = Array("{\"n\":\(n),\"pad\":\"\(String(repeating: "x", count: n * 700))\"}".utf8)
      LogTree.write(bytes, to: name, under: folder)
      files[name] = bytes
    }
    let out = try await FakeAWSCLI.cloudtrail(
      ["cp", "--recursive", folder.path, "s3://trail-bucket/"], service: "s3", endpoint: moto.endpoint,
      accessKey: moto.accessKeyId, secret: moto.secretAccessKey)
    #expect(out.status == 0, "\(out.stderr)")
    return files
  }

  func list(_ client: S3Client, prefix: String, maxKeys: Int) async throws -> (keys: [String], pages: Int) {
    var keys: [String] = []
    var token: String?
    var pages = 0
    repeat {
      let page = try await withCheckedContinuation { c in
        client.listObjects(bucket: "trail-bucket", prefix: prefix, continuationToken: token, maxKeys: maxKeys) {
          c.resume(returning: $0)
        }
      }.get()
      keys += page.objects.map(\.key)
      token = page.nextToken
      pages += 1
    } while token != nil && pages < 100
    return (keys, pages)
  }

  func get(_ client: S3Client, _ key: String) async -> Result<S3ObjectData, AWSError> {
    await withCheckedContinuation { c in client.getObject(bucket: "trail-bucket", key: key) { c.resume(returning: $0) }
    }
  }

  @Test func listsPageByPageAndReadsBackEveryByte() async throws {
    let moto = try MotoServer(authenticated: false)
    defer { moto.stop() }
    let files = try await Self.upload(moto)
    let operations = OperationLog()
    let client = Self.client(moto) { operations.add($0) }
    let all = try await list(client, prefix: "", maxKeys: 2)
    #expect(all.keys == files.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    #expect(all.pages == 3)
    let logs = try await list(client, prefix: "AWSLogs/123456789012/CloudTrail/", maxKeys: 1000)
    #expect(logs.keys.count == 3 && logs.pages == 1)
    for (key, bytes) in files {
      #expect(try await get(client, key).get().bytes == bytes, "\(key)")
    }
    #expect(operations.all.allSatisfy { $0 == "ListObjectsV2" || $0 == "GetObject" })
  }
}

/// The operations a client sent, from any thread.
final class OperationLog: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [String] = []

  func add(_ operation: String) { lock.withLock { items.append(operation) } }
  var all: [String] { lock.withLock { items } }
}
