import Synchronization

/// A flag that says yes once: for sources that read their files or bucket the first time they are started only.
final class OnceFlag: Sendable {
  private let taken = Atomic<Bool>(false)

  /// True the first time it is asked, from any thread; false after.
  func first() -> Bool {
    taken.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
  }
}
