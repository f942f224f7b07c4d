import Synchronization

/// A one-shot, lock-protected slot that carries a transport result from the completion back to a waiting thread.
final class ResultBox: Sendable {
  private let slot = Mutex<Result<HTTPResponse, Error>?>(nil)

  /// Stores the result.
  func set(_ result: Result<HTTPResponse, Error>) { slot.withLock { $0 = result } }

  /// The stored result; only call after the completion signalled.
  func get() -> Result<HTTPResponse, Error> {
    slot.withLock { $0 } ?? .failure(AWSError(code: "NetworkError", message: "no response"))
  }
}
