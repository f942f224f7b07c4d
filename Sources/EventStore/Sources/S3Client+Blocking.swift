import AWSClient
import Dispatch
import Synchronization

/// The S3 client's calls from the background threads of a source that walks a bucket step by step.
extension S3Client {
  /// One page of a listing, waiting for it (never call from a transport's completion queue).
  func listObjectsAndWait(bucket: String, prefix: String, delimiter: String?, continuationToken: String?)
    -> Result<S3ListPage, AWSError>
  {
    let answer = Mutex<Result<S3ListPage, AWSError>?>(nil)
    let done = DispatchSemaphore(value: 0)
    listObjects(bucket: bucket, prefix: prefix, delimiter: delimiter, continuationToken: continuationToken) { result in
      answer.withLock { $0 = result }
      done.signal()
    }
    done.wait()
    return answer.withLock { $0! }
  }

  /// Fetches `keys` of `bucket`, `concurrency` at a time in the order given, handing each answer to `body` with the
  /// key's index (on the fetching threads, several at once); returns when every answer has been handled.
  func forEachObject(
    bucket: String, keys: [String], concurrency: Int,
    _ body: @escaping @Sendable (Int, Result<S3ObjectData, AWSError>) -> Void
  ) {
    let next = Atomic<Int>(0)
    let done = DispatchGroup()
    for _ in 0..<min(max(1, concurrency), max(1, keys.count)) {
      done.enter()
      DispatchQueue.global(qos: .userInitiated).async { [self] in
        defer { done.leave() }
        while true {
          let index = next.add(1, ordering: .relaxed).oldValue
          guard index < keys.count else { break }
          let answer = Mutex<Result<S3ObjectData, AWSError>?>(nil)
          let got = DispatchSemaphore(value: 0)
          getObject(bucket: bucket, key: keys[index]) { result in
            answer.withLock { $0 = result }
            got.signal()
          }
          got.wait()
          body(index, answer.withLock { $0! })
        }
      }
    }
    done.wait()
  }
}
