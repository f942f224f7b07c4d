import Foundation

/// A local copy of a trail's bucket (`aws s3 sync`) read for validation: digests under `CloudTrail-Digest/` and log
/// files under `CloudTrail/`, each known by its key from `AWSLogs/` on. A copy keeps no bucket name: each log file is
/// taken to be in the bucket its digests name.
public enum LocalEvidence {
  /// The digests and log files (uncompressed, by `bucket/key`) under `paths`, and the files that could not be read.
  public static func read(_ paths: [String], maxFileBytes: Int = LogFileSource.defaultMaxFileBytes) -> (
    digests: [DigestChain.Input], logs: [String: [UInt8]], problems: [LoadProblem]
  ) {
    var digestFiles: [(key: String, bytes: [UInt8])] = []
    var logFiles: [(key: String, bytes: [UInt8])] = []
    var problems: [LoadProblem] = []
    for path in paths {
      var isFolder: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
      let files =
        isFolder.boolValue
        ? (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String }.map { path + "/" + $0 } ?? [])
        : [path]
      for file in files.sorted() {
        guard let range = file.range(of: "AWSLogs/"), file.hasSuffix(".json.gz") || file.hasSuffix(".json") else {
          continue
        }
        let key = String(file[range.lowerBound...])
        let isDigest = key.contains("/CloudTrail-Digest/")
        guard isDigest || key.contains("/CloudTrail/") else { continue }
        switch LogFileSource.readFile(file, maxBytes: maxFileBytes) {
        case .success(let read) where read.error == nil:
          if isDigest { digestFiles.append((key, read.bytes)) } else { logFiles.append((key, read.bytes)) }
        case .success(let read): problems.append(LoadProblem(source: file, reason: read.error ?? ""))
        case .failure(let problem): problems.append(problem)
        }
      }
    }
    // The bucket of each listed key, from the digests.
    var bucketOf: [String: String] = [:]
    var digests: [DigestChain.Input] = []
    for (key, bytes) in digestFiles {
      let stated = try? DigestFile.parse(bytes).get()
      for file in stated?.logFiles ?? [] { bucketOf[file.key] = file.bucket }
      digests.append(DigestChain.Input(bucket: stated?.bucket ?? "", key: key, bytes: bytes))
    }
    let someBucket = digests.first?.bucket ?? ""
    var logs: [String: [UInt8]] = [:]
    for (key, bytes) in logFiles { logs["\(bucketOf[key] ?? someBucket)/\(key)"] = bytes }
    return (digests, logs, problems)
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
