import AWSClient
import Dispatch

/// Retries a one-shot API call (the trail operations) on the errors ``PagingMachine`` retries: throttling, server,
/// network and unreadable answers, with doubling delays and jitter.
enum TransientRetry {
  /// Calls `operation` until it succeeds, fails for good, or `attempts` calls have failed; `completion` runs once.
  static func run<T: Sendable>(
    attempts: Int = 5, firstDelayMilliseconds: Int = 400,
    _ operation: @escaping @Sendable (@escaping @Sendable (Result<T, AWSError>) -> Void) -> Void,
    completion: @escaping @Sendable (Result<T, AWSError>) -> Void
  ) {
    operation { result in
      guard case .failure(let error) = result, attempts > 1, PagingMachine.isRetryable(error.code) else {
        completion(result)
        return
      }
      let delay = firstDelayMilliseconds / 2 + Int.random(in: 0...(firstDelayMilliseconds / 2))
      DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(delay)) {
        run(
          attempts: attempts - 1, firstDelayMilliseconds: min(8_000, firstDelayMilliseconds * 2), operation,
          completion: completion)
      }
    }
  }
}
