import AWSClient
import Synchronization

/// A trail's bucket read for validation: the digests under `CloudTrail-Digest/` with each one's signature from its
/// object metadata (as the AWS CLI takes it), and the log files under `CloudTrail/`, uncompressed, for the window's
/// days (or all of them).
public enum S3Evidence {
  /// The digests and log files (by `bucket/key`) under `s3://bucket/prefix`, and what could not be read.
  public static func read(
    client: S3Client, bucket: String, prefix: String, window: (start: Int64?, end: Int64),
    maxFileBytes: Int = LogFileSource.defaultMaxFileBytes
  ) -> (digests: [DigestChain.Input], logs: [String: [UInt8]], problems: [LoadProblem]) {
    let prefix = prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
    let listing = S3Listing(client: client, bucket: bucket)
    let days = S3Window.days(window)
    var problems: [LoadProblem] = []
    let digestKeys = listing.logKeys(
      under: prefix, days: days, services: ["CloudTrail-Digest/"], problems: &problems
    ).filter { $0.hasSuffix(".json.gz") }
    let logKeys = listing.logKeys(under: prefix, days: days, services: ["CloudTrail/"], problems: &problems)
    var digests: [DigestChain.Input] = []
    var logs: [String: [UInt8]] = [:]
    for (key, result) in fetch(client, bucket, digestKeys + logKeys) {
      let source = "s3://\(bucket)/\(key)"
      switch result {
      case .failure(let error):
        // A listed object that then cannot be read is not evidence; the report names it as missing or uncovered.
        problems.append(LoadProblem(source: source, reason: error.explanation))
      case .success(let object):
        switch LogFileSource.fileBytes(object.bytes, source: source, maxBytes: maxFileBytes) {
        case .failure(let problem): problems.append(problem)
        case .success(let bytes) where bytes.error != nil:
          problems.append(LoadProblem(source: source, reason: bytes.error!))
        case .success(let bytes):
          if key.contains("/CloudTrail-Digest/") {
            digests.append(
              DigestChain.Input(bucket: bucket, key: key, bytes: bytes.bytes, signature: object.metadata["signature"]))
          } else {
            logs["\(bucket)/\(key)"] = bytes.bytes
          }
        }
      }
    }
    return (digests, logs, problems)
  }

  /// Every object's answer, eight requests at a time, in the keys' order.
  private static func fetch(_ client: S3Client, _ bucket: String, _ keys: [String]) -> [(
    String, Result<S3ObjectData, AWSError>
  )] {
    let answers = Mutex<[Int: Result<S3ObjectData, AWSError>]>([:])
    client.forEachObject(bucket: bucket, keys: keys, concurrency: 8) { index, answer in
      answers.withLock { $0[index] = answer }
    }
    return answers.withLock { found in keys.indices.map { (keys[$0], found[$0]!) } }
  }
}
