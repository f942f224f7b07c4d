import Foundation
import TestSupport
import Testing

@testable import AWSClient

/// S3's SigV4 (the path signed as sent, the declared payload hash) against botocore's own S3 signer
/// (`scripts/s3-sigv4-oracle.py`), for the requests the S3 client makes: listings with awkward prefixes and
/// continuation tokens, and object keys with spaces, `+`, `=`, `~` and non-ASCII letters.
@Suite(.enabled(if: Botocore.available, "python3 with botocore is not installed; skipped"))
struct S3SigningTests {
  static var script: String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("scripts/s3-sigv4-oracle.py").path
  }

  @Test func signaturesAreBotocores() throws {
    let client = S3Client(
      region: "us-east-1", endpoint: URL(string: "http://127.0.0.1:5000")!,
      credentials: .fixed(AWSCredentials(accessKeyId: "x", secretAccessKey: "y")))
    let requests: [(key: String, query: [(String, String)])] = [
      ("", [("list-type", "2"), ("prefix", "AWSLogs/123456789012/CloudTrail/us-east-1/2026/12/")]),
      ("", [("list-type", "2"), ("prefix", ""), ("continuation-token", "ab+c/d=="), ("max-keys", "2")]),
      ("", [("list-type", "2"), ("prefix", "a b/é~"), ("start-after", "a b/é~/x*y"), ("delimiter", "/")]),
      ("AWSLogs/123456789012/CloudTrail/us-east-1/2026/12/02/b c+d=e~f.json", []),
      ("AWSLogs/é 1/%41/./../x.json.gz", []),
    ]
    let urls = requests.map { client.url(bucket: "trail-bucket", key: $0.key, query: $0.query, region: "us-east-1")! }
    let input = String(
      decoding: try JSONSerialization.data(withJSONObject: urls.map { ["url": $0.absoluteString] }), as: UTF8.self)
    let out = try Subprocess.run("/usr/bin/env", ["python3", Self.script, input])
    #expect(out.status == 0, "\(out.stderr)")
    let expected = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout)) as? [String])
    let credentials = AWSCredentials(
      accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    for (url, authorization) in zip(urls, expected) {
      var request = HTTPRequestParts(
        method: "GET", path: url.path(percentEncoded: true), query: url.query(percentEncoded: true) ?? "",
        headers: [
          (name: "Host", value: CloudTrailClient.hostHeader(url)),
          (name: "x-amz-content-sha256", value: S3Client.emptyHash),
        ], body: [])
      SigV4.sign(&request, credentials: credentials, region: "us-east-1", service: "s3", date: 1_796_126_400)
      #expect(request.header("Authorization") == authorization, "\(url)")
    }
    #expect(expected.count == requests.count)
  }
}

/// Whether python3 has botocore.
enum Botocore {
  static let available: Bool = {
    (try? Subprocess.run("/usr/bin/env", ["python3", "-c", "import botocore"]))?.status == 0
  }()
}
