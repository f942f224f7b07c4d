import Foundation

/// A local copy of a trail's bucket (`aws s3 sync`) read for validation: the digests under `CloudTrail-Digest/`,
/// each known by its key from `AWSLogs/` on (the log files' hashes come from the load). A copy keeps no bucket
/// name: each digest is taken to be in the bucket it states (which a moved digest cannot prove).
public enum LocalEvidence {
  /// The digests under `paths`, and the files that could not be read.
  public static func digests(_ paths: [String], maxFileBytes: Int = LogFileSource.defaultMaxFileBytes) -> (
    digests: [DigestChain.Input], problems: [LoadProblem]
  ) {
    var digests: [DigestChain.Input] = []
    var problems: [LoadProblem] = []
    for path in paths {
      var isFolder: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
      let files =
        isFolder.boolValue
        ? (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String }.map { path + "/" + $0 } ?? [])
        : [path]
      for file in files.sorted() {
        guard let key = FileEvidence.key(file), key.contains("/CloudTrail-Digest/"), file.hasSuffix(".json.gz")
        else { continue }
        switch LogFileSource.readFile(file, maxBytes: maxFileBytes) {
        case .success(let read) where read.error == nil:
          // A copy synced from below the trail's key prefix lost the prefix: the stated key still ends the same.
          var input = DigestChain.Input(bucket: "", key: String(key), bytes: read.bytes)
          if let stated = try? input.parsed.get() {
            input.bucket = stated.bucket
            if stated.key.hasSuffix(key) { input.key = stated.key }
          }
          digests.append(input)
        case .success(let read): problems.append(LoadProblem(source: file, reason: read.error ?? ""))
        case .failure(let problem): problems.append(problem)
        }
      }
    }
    return (digests, problems)
  }

  /// CloudTrail's public keys by fingerprint from a file holding `aws cloudtrail list-public-keys` output
  /// (`{"PublicKeyList":[{"Value":BASE64,"Fingerprint":...}]}`), or why it cannot be used.
  public static func publicKeys(file: String) -> Result<[String: [UInt8]], LoadProblem> {
    guard let data = FileManager.default.contents(atPath: file),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let list = object["PublicKeyList"] as? [[String: Any]]
    else { return .failure(LoadProblem(source: file, reason: "not the output of aws cloudtrail list-public-keys")) }
    var keys: [String: [UInt8]] = [:]
    for entry in list {
      guard let fingerprint = entry["Fingerprint"] as? String, let value = entry["Value"] as? String,
        let der = Data(base64Encoded: value)
      else { return .failure(LoadProblem(source: file, reason: "a key without Fingerprint or a base64 Value")) }
      keys[fingerprint] = Array(der)
    }
    return .success(keys)
  }
}
