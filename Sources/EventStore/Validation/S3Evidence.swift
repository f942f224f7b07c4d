import AWSClient
import Synchronization

/// A trail's bucket read for validation: the digests under `CloudTrail-Digest/` of the window's days (or all of
/// them), each with its signature from its object metadata, as the AWS CLI takes it (the log files' hashes come from
/// the load).
public enum S3Evidence {
  /// The digests under `s3://bucket/prefix`, and what could not be read.
  public static func digests(
    client: S3Client, bucket: String, prefix: String, window: (start: Int64?, end: Int64),
    maxFileBytes: Int = LogFileSource.defaultMaxFileBytes
  ) -> (digests: [DigestChain.Input], problems: [LoadProblem]) {
    let prefix = prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
    var problems: [LoadProblem] = []
    let keys = S3Listing(client: client, bucket: bucket).logKeys(
      under: prefix, days: S3Window.days(window), services: ["CloudTrail-Digest/"], problems: &problems
    ).filter { $0.hasSuffix(".json.gz") }
    let answers = Mutex<[Int: Result<S3ObjectData, AWSError>]>([:])
    client.forEachObject(bucket: bucket, keys: keys, concurrency: 8) { index, answer in
      answers.withLock { $0[index] = answer }
    }
    var digests: [DigestChain.Input] = []
    for (index, key) in keys.enumerated() {
      let source = "s3://\(bucket)/\(key)"
      switch answers.withLock({ $0[index]! }) {
      case .failure(let error):
        // A listed digest that then cannot be read: the report names it missing when a later digest names it.
        problems.append(LoadProblem(source: source, reason: error.explanation))
      case .success(let object):
        switch LogFileSource.fileBytes(object.bytes, source: source, maxBytes: maxFileBytes) {
        case .failure(let problem): problems.append(problem)
        case .success(let bytes) where bytes.error != nil:
          problems.append(LoadProblem(source: source, reason: bytes.error!))
        case .success(let bytes):
          digests.append(
            DigestChain.Input(
              bucket: bucket, key: key, bytes: bytes.bytes, signature: object.metadata["signature"],
              backfillGeneratedAt: object.metadata["backfill-generation-timestamp"]))
        }
      }
    }
    return (digests, problems)
  }
}
