import Dispatch
import EventStore
import Synchronization

/// Runs a store to completion and hands back its final snapshot (waits on a semaphore, never sleeps).
public enum StoreHarness {
  /// Loads `paths` with `filter` and returns the snapshot published when loading finished.
  public static func load(
    _ paths: [String], filter: EventFilter = EventFilter(), maxFileBytes: Int = 1 << 30,
    plainBudget: Int = LogFileSource.defaultPlainBudget
  ) -> EventSnapshot {
    run(filter: filter) {
      LogFileSource.load(paths, into: $0, maxFileBytes: maxFileBytes, plainBudget: plainBudget)
    }
  }

  /// Like ``load(_:filter:maxFileBytes:plainBudget:)`` with a hang guard: nil when loading has not finished after
  /// `seconds` (a hang detector for hostile input, not a timing check).
  public static func load(
    _ paths: [String], hangGuardSeconds seconds: Int, maxFileBytes: Int = 1 << 30,
    plainBudget: Int = LogFileSource.defaultPlainBudget
  ) -> EventSnapshot? {
    run(hangGuard: .now() + .seconds(seconds)) {
      LogFileSource.load(paths, into: $0, maxFileBytes: maxFileBytes, plainBudget: plainBudget)
    }
  }

  /// Starts a source with `start` and waits for the finished snapshot.
  public static func run(filter: EventFilter = EventFilter(), start: (EventStore) -> Void) -> EventSnapshot {
    run(filter: filter, hangGuard: .distantFuture, start: start)!
  }

  /// Starts a source with `start` and waits for the finished snapshot until `hangGuard`; nil if it did not come.
  public static func run(
    filter: EventFilter = EventFilter(), hangGuard: DispatchTime, start: (EventStore) -> Void
  ) -> EventSnapshot? {
    let collector = Collector()
    let store = EventStore(publishIntervalMilliseconds: 5) { update in collector.take(update) }
    store.setFilter(filter)
    start(store)
    guard collector.finished.wait(timeout: hangGuard) == .success else { return nil }
    return collector.snapshot.withLock { $0! }
  }

  /// Applies `filter` to a store and waits for the snapshot with the new generation.
  public static func refilter(_ store: EventStore, _ filter: EventFilter, collector: Collector) -> EventSnapshot {
    let before = collector.snapshot.withLock { $0?.generation ?? 0 }
    store.setFilter(filter)
    while true {
      collector.changed.wait()
      if let s = collector.snapshot.withLock({ $0 }), s.generation > before { return s }
    }
  }

  /// Collects snapshots from a store's sink.
  public final class Collector: Sendable {
    /// The latest snapshot.
    public let snapshot = Mutex<EventSnapshot?>(nil)
    /// Signalled once, when the first finished snapshot arrives.
    public let finished = DispatchSemaphore(value: 0)
    /// Signalled on every snapshot.
    public let changed = DispatchSemaphore(value: 0)
    private let signalled = Mutex(false)

    /// Creates a collector.
    public init() {}

    /// The sink.
    public func take(_ update: StoreUpdate) {
      guard case .snapshot(let s) = update else { return }
      snapshot.withLock { $0 = s }
      changed.signal()
      if s.progress.finished {
        let first = signalled.withLock { value -> Bool in
          defer { value = true }
          return !value
        }
        if first { finished.signal() }
      }
    }
  }
}
