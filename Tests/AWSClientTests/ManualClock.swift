import Synchronization

/// A settable, thread-safe counter used as a clock in tests.
final class ManualClock: Sendable {
  private let value: Mutex<Int64>

  init(_ start: Int64) { value = Mutex(start) }

  /// The current value.
  @Sendable func read() -> Int64 { value.withLock { $0 } }

  /// Sets the value.
  func set(_ new: Int64) { value.withLock { $0 = new } }

  /// Adds `delta` and returns the new value.
  @discardableResult
  func advance(_ delta: Int64) -> Int64 {
    value.withLock { current in
      current += delta
      return current
    }
  }
}
