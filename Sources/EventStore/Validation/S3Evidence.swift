import AWSClient
import Dispatch

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

  /// Every object's answer, eight requests at a time.
  private static func fetch(_ client: S3Client, _ bucket: String, _ keys: [String]) -> [(
    String, Result<S3ObjectData, AWSError>
  )] {
    let answers = Answer<[Int: Result<S3ObjectData, AWSError>]>()
    answers.value = [:]
    let lock = DispatchSemaphore(value: 1)
    let slots = DispatchSemaphore(value: 8)
    let done = DispatchGroup()
    for (n, key) in keys.enumerated() {
      slots.wait()
      done.enter()
      client.getObject(bucket: bucket, key: key) { result in
        lock.wait()
        answers.value![n] = result
        lock.signal()
        slots.signal()
        done.leave()
      }
    }
    done.wait()
    return keys.enumerated().map { ($0.element, answers.value![$0.offset]!) }
  }
}
