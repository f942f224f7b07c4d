import Detections
import Dispatch
import Synchronization

/// Keeps the latest snapshot a store publishes and lets a thread wait for the one it needs: the awaitable way to
/// run a store to completion, shared by print mode, the benchmark and the tests (it waits on semaphores, never
/// sleeps).
public final class SnapshotCollector: Sendable {
  private let latestSnapshot = Mutex<EventSnapshot?>(nil)
  /// One semaphore per waiting thread, each signalled on every snapshot.
  private let waiters = Mutex<[ObjectIdentifier: DispatchSemaphore]>([:])

  /// Creates a collector.
  public init() {}

  /// The sink to give the store: `EventStore { collector.take($0) }`.
  public func take(_ update: StoreUpdate) {
    guard case .snapshot(let snapshot) = update else { return }
    latestSnapshot.withLock { $0 = snapshot }
    for semaphore in waiters.withLock({ Array($0.values) }) { semaphore.signal() }
  }

  /// The latest snapshot, if any arrived.
  public var latest: EventSnapshot? { latestSnapshot.withLock { $0 } }

  /// Waits until a snapshot satisfies `condition` and returns it; nil if `deadline` passes first.
  public func wait(
    until deadline: DispatchTime = .distantFuture, for condition: (EventSnapshot) -> Bool
  ) -> EventSnapshot? {
    let changed = DispatchSemaphore(value: 0)
    let key = ObjectIdentifier(changed)
    waiters.withLock { $0[key] = changed }
    defer { _ = waiters.withLock { $0.removeValue(forKey: key) } }
    while true {
      if let snapshot = latest, condition(snapshot) { return snapshot }
      guard changed.wait(timeout: deadline) == .success else {
        return latest.flatMap { condition($0) ? $0 : nil }
      }
    }
  }

  /// Waits for the snapshot published when every source has finished.
  public func waitFinished(until deadline: DispatchTime = .distantFuture) -> EventSnapshot? {
    wait(until: deadline) { $0.progress.finished }
  }

  /// Applies `filter` to `store` and waits for the snapshot with the new generation.
  public func refilter(_ store: EventStore, _ filter: EventFilter) -> EventSnapshot {
    let before = latest?.generation ?? 0
    store.setFilter(filter)
    return wait { $0.generation > before }!
  }
}

extension EventStore {
  /// Runs a new store to completion: applies `filter`, lets `start` attach and start its sources, and returns the
  /// snapshot published when they have all finished (nil if `deadline` passed first). With `filteringWhileLoading`,
  /// records that fail the filter's column and time tests are left out as they are read (``LoadFilter``): the
  /// snapshot shows the same events, and holds no others.
  public static func run(
    filter: EventFilter = EventFilter(), publishIntervalMilliseconds: Int = 5, detector: Detector? = nil,
    hashingFiles: Bool = false, filteringWhileLoading: Bool = false, until deadline: DispatchTime = .distantFuture,
    start: (EventStore) -> Void
  ) -> EventSnapshot? {
    let collector = SnapshotCollector()
    let store = EventStore(
      publishIntervalMilliseconds: publishIntervalMilliseconds, detector: detector, hashingFiles: hashingFiles,
      loadFilter: filteringWhileLoading ? LoadFilter(filter) : nil
    ) {
      collector.take($0)
    }
    store.setFilter(filter)
    start(store)
    return collector.waitFinished(until: deadline)
  }
}
