import EventStore
import Synchronization
import TrailviewApp

/// Where background work leaves messages for the main thread's run loop (never `DispatchQueue.main`).
final class Inbox: Sendable {
  private let latest = Mutex<StoreUpdate?>(nil)
  private let messages = Mutex<[Msg]>([])

  /// Posts a store update; only the newest snapshot matters, so older ones are replaced.
  func post(_ update: StoreUpdate) {
    latest.withLock { $0 = update }
  }

  /// Posts a message from background work (answers to queries, export progress), kept in order.
  func post(_ message: Msg) {
    messages.withLock { $0.append(message) }
  }

  /// Takes what has arrived since the last call: the newest snapshot first, then the other messages in order.
  func drain() -> [Msg] {
    let update = latest.withLock { value in
      defer { value = nil }
      return value
    }
    let others = messages.withLock { value in
      defer { value = [] }
      return value
    }
    return (update.map { [Msg.store($0)] } ?? []) + others
  }
}
