import EventStore
import Synchronization
import TrailviewApp

/// Where background work leaves messages for the main thread's run loop (never `DispatchQueue.main`).
final class Inbox: Sendable {
  private let latest = Mutex<StoreUpdate?>(nil)

  /// Posts a store update; only the newest snapshot matters, so older ones are replaced.
  func post(_ update: StoreUpdate) {
    latest.withLock { $0 = update }
  }

  /// Takes what has arrived since the last call.
  func drain() -> [Msg] {
    latest.withLock { value in
      defer { value = nil }
      return value.map { [.store($0)] } ?? []
    }
  }
}
