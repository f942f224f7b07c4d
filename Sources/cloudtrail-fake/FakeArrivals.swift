import AWSClient
import Foundation
import LookupEmulator
import Synchronization

/// Events that arrive while the fake runs (`--arrive-every-ms`), for following: every interval, copies of the data's
/// events (taken in turn, newest first) with a new event ID, request ID and the current time, each in its template's
/// region. The templates are the served events, so arrivals look like the account's own.
final class FakeArrivals: Sendable {
  private let templates: [(region: String, event: LookupEvent)]
  private let perTick: Int
  /// Arrived events per region, newest first, and how many templates were used.
  private let state = Mutex<(byRegion: [String: [LookupEvent]], used: Int)>(([:], 0))

  /// Arrivals copied from `regions`' events, `perTick` at a time.
  init(regions: FakeRegions, perTick: Int) {
    self.templates = regions.indexes.flatMap { region, index in index.events.map { (region, $0) } }
      .sorted { ($0.event.eventTime, $0.event.eventId) > ($1.event.eventTime, $1.event.eventId) }
    self.perTick = perTick
  }

  /// Starts adding `perTick` events every `milliseconds`, on a thread of its own for the life of the process.
  func start(every milliseconds: Int) {
    guard !templates.isEmpty, milliseconds > 0 else { return }
    Thread.detachNewThread { [self] in
      while true {
        usleep(UInt32(milliseconds) * 1000)
        add(now: Int64(Date().timeIntervalSince1970))
      }
    }
  }

  /// Adds one tick's events, stamped `now`.
  func add(now: Int64) {
    state.withLock { s in
      for _ in 0..<perTick {
        let (region, template) = templates[s.used % templates.count]
        s.used += 1
        s.byRegion[region, default: []].insert(Self.copy(template, at: now), at: 0)
      }
    }
  }

  /// `index` with the events that have arrived in `region` in front (they are the newest).
  func index(_ index: LookupIndex, region: String) -> LookupIndex {
    let arrived = state.withLock { $0.byRegion[region] ?? [] }
    guard !arrived.isEmpty else { return index }
    return LookupIndex(events: arrived + index.events, insightEvents: index.insightEvents)
  }

  /// A copy of `event` that happened at `time`, with new IDs.
  static func copy(_ event: LookupEvent, at time: Int64) -> LookupEvent {
    var copy = event
    copy.eventId = UUID().uuidString.lowercased()
    copy.eventTime = time
    let data = Data(event.cloudTrailEvent.utf8)
    if var record = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
      record["eventID"] = copy.eventId
      record["requestID"] = UUID().uuidString.lowercased()
      record["eventTime"] = Date(timeIntervalSince1970: TimeInterval(time)).formatted(.iso8601)
      if let text = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]) {
        copy.cloudTrailEvent = String(decoding: text, as: UTF8.self)
      }
    }
    return copy
  }
}
