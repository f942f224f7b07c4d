import Foundation

/// scripts/digest-oracle.py (the AWS CLI's own digest signing code), when python3 has awscli and rsa.
public enum DigestOracle {
  /// Whether python3 has the modules the script needs.
  public static let available: Bool = {
    (try? Subprocess.run(
      "/usr/bin/env", ["python3", "-c", "import rsa, awscli.customizations.cloudtrail.validation"]))?.status == 0
  }()

  static var script: String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("scripts/digest-oracle.py").path
  }

  /// The script's answer to `mode` (`sign` or `check`) with `payload`.
  public static func run(_ mode: String, _ payload: Any, in folder: URL) throws -> Any {
    let input = folder.appendingPathComponent("\(mode)-\(UUID().uuidString).json")
    try JSONSerialization.data(withJSONObject: payload).write(to: input)
    let out = try Subprocess.run("/usr/bin/env", ["python3", script, mode, input.path])
    guard out.status == 0 else { throw DigestOracleError(message: out.stderr) }
    return try JSONSerialization.jsonObject(with: Data(out.stdout))
  }

  /// A local copy of a trail's bucket under `folder/copy`: `hours` hourly digests on 2026-12-01 signed by the script,
  /// chained, each listing one log file of one event (`event-N`, by `user-N`); and `folder/keys.json` with the
  /// public key as `aws cloudtrail list-public-keys` prints it. Returns the log files' paths and texts, oldest first.
  @discardableResult
  public static func writeCopy(hours: Int, in folder: URL) throws -> [(url: URL, text: String)] {
    var entries: [[String: Any]] = []
    var logs: [(url: URL, text: String)] = []
    for hour in 0..<hours {
      let logKey = LogTree.s3Key(region: "us-east-1", stamp: "20261201T0\(hour)30Z")
      let content = LogTree.recordsFile([
        LogTree.record(
          time: "2026-12-01T0\(hour):30:00Z", name: "ListBuckets", user: "user-\(hour)", eventID: "event-\(hour)")
      ])
      logs.append((LogTree.write(content, to: "copy/" + logKey, under: folder, gzip: true), content))
      let digestKey = "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/12/01/d\(hour).json.gz"
      entries.append([
        "bucket": "trail-logs", "key": digestKey, "link": true,
        "logs": [logKey: Data(content.utf8).base64EncodedString()],
        "fields": [
          "awsAccountId": "123456789012", "digestStartTime": "2026-12-01T0\(hour):00:00Z",
          "digestEndTime": "2026-12-01T0\(hour + 1):00:00Z", "digestS3Bucket": "trail-logs",
          "digestS3Object": digestKey, "digestPublicKeyFingerprint": "fp1",
          "digestSignatureAlgorithm": "SHA256withRSA",
        ],
      ])
    }
    let signed = try run("sign", entries, in: folder) as? [String: Any] ?? [:]
    for (entry, digest) in zip(entries, signed["digests"] as? [[String: String]] ?? []) {
      LogTree.write(digest["text"] ?? "", to: "copy/" + (entry["key"] as? String ?? ""), under: folder, gzip: true)
    }
    let key = signed["publicKey"] as? String ?? ""
    LogTree.write(#"{"PublicKeyList":[{"Value":"\#(key)","Fingerprint":"fp1"}]}"#, to: "keys.json", under: folder)
    return logs
  }
}

/// What the script said when it failed.
public struct DigestOracleError: Error {
  /// Its standard error.
  public var message: String
}
