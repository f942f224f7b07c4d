import Dispatch
import EventStore

/// Runs a store to completion and hands back its final snapshot (``EventStore/run(filter:publishIntervalMilliseconds:until:start:)``).
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
    EventStore.run(until: .now() + .seconds(seconds)) {
      LogFileSource.load(paths, into: $0, maxFileBytes: maxFileBytes, plainBudget: plainBudget)
    }
  }

  /// Starts a source with `start` and waits for the finished snapshot.
  public static func run(filter: EventFilter = EventFilter(), start: (EventStore) -> Void) -> EventSnapshot {
    EventStore.run(filter: filter, start: start)!
  }
}
