import Foundation

/// A value behind a lock, for state shared between threads (the threads that build batches, a chunk's storage).
///
/// `@unchecked Sendable`: every access goes through `withLock`, which holds `lock`.
public final class Locked<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  /// Creates the lock holding `value`.
  public init(_ value: Value) { self.value = value }

  /// Runs `body` on the value with the lock held.
  public func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }
}
