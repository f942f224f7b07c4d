import Foundation

/// A value behind a lock, for state shared by the threads that build batches.
///
/// `@unchecked Sendable`: every access goes through `withLock`, which holds `lock`.
final class Locked<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  init(_ value: Value) { self.value = value }

  /// Runs `body` on the value with the lock held.
  func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }
}
