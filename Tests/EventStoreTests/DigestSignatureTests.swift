import EventStore
import Foundation
import TestSupport
import Testing

/// Digest signatures against the AWS CLI's own check (`awscli.customizations.cloudtrail.validation`, through
/// scripts/digest-oracle.py): a chain of digests signed the way CloudTrail signs them, then altered one way at a time
/// (a byte of the digest, the key it is read from, the previous signature, the public key, the signature itself);
/// trailview's verdict on each equals the AWS CLI's.
@Suite(.enabled(if: DigestOracle.available, "python3 with awscli and rsa is not installed; skipped"))
struct DigestSignatureTests {
  struct Case {
    var label: String
    var bucket: String
    var key: String
    var text: String
    var signature: String
    var publicKey: String
  }

  static func fields(_ n: Int, bucket: String, key: String) -> [String: Any] {
    [
      "awsAccountId": "123456789012", "digestStartTime": "2026-12-01T0\(n):00:00Z",
      "digestEndTime": "2026-12-01T0\(n + 1):00:00Z", "digestS3Bucket": bucket, "digestS3Object": key,
      "digestPublicKeyFingerprint": "1f2b3c4d5e6f", "digestSignatureAlgorithm": "SHA256withRSA",
      "newestEventTime": "2026-12-01T0\(n):59:00Z", "oldestEventTime": "2026-12-01T0\(n):01:00Z",
      "previousDigestS3Bucket": n == 0 ? NSNull() : bucket, "previousDigestS3Object": n == 0 ? NSNull() : "prev-\(n)",
      "previousDigestHashValue": n == 0 ? NSNull() : String(repeating: "ab", count: 32),
      "previousDigestHashAlgorithm": n == 0 ? NSNull() : "SHA-256",
      "logFiles": [
        [
          "s3Bucket": bucket, "s3Object": "AWSLogs/123456789012/CloudTrail/us-east-1/2026/12/01/f\(n).json.gz",
          "hashValue": String(repeating: "0\(n)", count: 32), "hashAlgorithm": "SHA-256",
          "newestEventTime": "2026-12-01T0\(n):59:00Z", "oldestEventTime": "2026-12-01T0\(n):01:00Z",
        ]
      ],
    ]
  }

  @Test func verdictsAreTheAWSCLIs() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bucket = "trail-logs"
    let keys = (0..<3).map { "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/12/01/d\($0).json.gz" }
    let entries = keys.enumerated().map { n, key in
      ["bucket": bucket, "key": key, "fields": Self.fields(n, bucket: bucket, key: key)] as [String: Any]
    }
    let signed = try #require(try DigestOracle.run("sign", entries, in: folder) as? [String: Any])
    let publicKey = try #require(signed["publicKey"] as? String)
    let digests = try #require(signed["digests"] as? [[String: String]])
    let another = try DigestOracle.run("sign", Array(entries.prefix(1)), in: folder) as? [String: Any]
    let other = try #require(another?["publicKey"] as? String)
    var cases: [Case] = []
    for (n, digest) in digests.enumerated() {
      let (text, signature) = (digest["text"]!, digest["signature"]!)
      let base = Case(
        label: "digest \(n)", bucket: bucket, key: keys[n], text: text, signature: signature, publicKey: publicKey)
      cases.append(base)
      var altered = base
      altered.label += ", a log file's hash changed"
      altered.text = text.replacingOccurrences(of: "\"hashValue\": \"0\(n)", with: "\"hashValue\": \"1\(n)")
      cases.append(altered)
      altered = base
      altered.label += ", read from another key"
      altered.key += ".moved"
      cases.append(altered)
      altered = base
      altered.label += ", another key's signature"
      altered.publicKey = other
      cases.append(altered)
      altered = base
      altered.label += ", signature's last byte changed"
      altered.signature = String(signature.dropLast(2)) + (signature.hasSuffix("00") ? "01" : "00")
      cases.append(altered)
      if n > 0 {
        altered = base
        altered.label += ", previous signature changed"
        let previous = digests[n - 1]["signature"]!
        altered.text = text.replacingOccurrences(of: previous, with: String(previous.reversed()))
        cases.append(altered)
      }
    }
    let oracle = try DigestOracle.run(
      "check",
      cases.map {
        ["bucket": $0.bucket, "key": $0.key, "text": $0.text, "signature": $0.signature, "publicKey": $0.publicKey]
      }, in: folder)
    let theirs = try #require(oracle as? [String])
    #expect(theirs.count == cases.count)
    var valid = 0
    for (c, verdict) in zip(cases, theirs) {
      let bytes = Array(c.text.utf8)
      // The signature covers the place the digest states; that it was read from there is the chain walk's check
      // (the AWS CLI's traverser's, not its signature check's).
      let digest = try DigestFile.parse(bytes).get()
      let ours = digest.isSigned(
        c.signature, uncompressed: bytes, publicKey: Array(Data(base64Encoded: c.publicKey)!))
      #expect(ours == (verdict == "valid"), "\(c.label): the AWS CLI says \(verdict)")
      if ours { valid += 1 }
    }
    #expect(valid == 6, "the three digests as signed, and as read from another key, are signed")
  }
}

extension DigestSignatureTests {
  /// A file that is not a digest says what is missing.
  @Test(arguments: [
    ("not json", "not a JSON object"), ("[1]", "not a JSON object"), ("{}", "no digestStartTime"),
    (
      #"{"digestStartTime":"a","digestEndTime":"b","digestS3Bucket":"c","digestS3Object":"d","digestPublicKeyFingerprint":"e"}"#,
      "no previousDigestSignature"
    ),
    (
      #"{"digestStartTime":"a","digestEndTime":"b","digestS3Bucket":"c","digestS3Object":"d","digestPublicKeyFingerprint":"e","previousDigestSignature":null,"logFiles":[{"s3Bucket":"c"}]}"#,
      "a logFiles entry without"
    ),
  ])
  func aFileThatIsNoDigestIsNamed(text: String, reason: String) {
    switch DigestFile.parse(Array(text.utf8)) {
    case .success: Issue.record("accepted: \(text)")
    case .failure(let problem): #expect(problem.description.contains(reason), "\(problem)")
    }
  }
}
