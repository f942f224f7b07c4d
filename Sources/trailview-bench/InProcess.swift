import Dispatch
import EventStore
import Foundation
import Synchronization
import TerminalUI
import TrailviewApp

/// Measurements made inside this process with the store and the renderer (no terminal).
struct InProcessResult: Sendable {
  /// Load start to the first snapshot with a visible row, plus one render of it (ms).
  var firstRows: Double
  /// Load start to the first snapshot (the files are listed), and to the first snapshot with a row (ms).
  var listed: Double
  var firstSnapshotWithRows: Double
  /// Load start to the finished snapshot (s).
  var load: Double
  /// From the finished load until the store has repacked its gzip chunks as zstd, in the background (s).
  var pack: Double
  /// Events loaded.
  var events: Int
  /// Column-filter round trips: median and p95 (ms).
  var filterMedian: Double
  var filterP95: Double
  /// Text search round trips over the raw records: median (ms).
  var searchMedian: Double
  /// 200x60 dashboard render: median and p95 (ms).
  var renderMedian: Double
  var renderP95: Double
  /// Resident set after loading, and the process peak so far (KiB).
  var rssKiB: Int
  var peakKiB: Int
}

/// Collects snapshots from the store's sink (``SnapshotCollector``) and notes when the first ones arrived.
final class SnapshotBox: Sendable {
  let collector = SnapshotCollector()
  let firstRows = Mutex<(ContinuousClock.Instant, EventSnapshot)?>(nil)
  let firstSnapshot = Mutex<ContinuousClock.Instant?>(nil)

  func take(_ update: StoreUpdate) {
    if case .snapshot(let s) = update {
      let now = ContinuousClock.now
      firstSnapshot.withLock { if $0 == nil { $0 = now } }
      if s.count > 0 { firstRows.withLock { if $0 == nil { $0 = (now, s) } } }
    }
    collector.take(update)
  }

  /// Waits for a snapshot satisfying `condition`.
  func wait(until condition: (EventSnapshot) -> Bool) -> EventSnapshot {
    collector.wait(for: condition)!
  }
}

enum InProcess {
  static let width = 200
  static let height = 60

  /// The filters timed for "change a filter": all of them work on the columns.
  static let columnFilters: [EventFilter] = [
    EventFilter(eventName: "StopLogging"), EventFilter(user: "alice"), EventFilter(readWrite: .writesOnly),
    EventFilter(eventName: "Get*"), EventFilter(user: "deploy-bot", readWrite: .readsOnly), EventFilter(),
  ]

  static func measure(tree: String, filterRounds: Int, frames: Int) -> InProcessResult {
    let listing = ContinuousClock().measure { _ = FileDiscovery.discover([tree]) }
    print(String(format: "  FileDiscovery.discover alone: %.1f ms", listing.milliseconds))
    let box = SnapshotBox()
    let store = EventStore(packingChunks: true) { box.take($0) }
    let clock = ContinuousClock()
    let started = clock.now
    LogFileSource.load([tree], into: store)
    var firstRows = 0.0
    var firstWithRows = 0.0
    _ = box.wait { $0.count > 0 }
    if let (at, snapshot) = box.firstRows.withLock({ $0 }) {
      var state = AppState(width: width, height: height, sourceLabel: tree)
      _ = update(&state, .store(.snapshot(snapshot)))
      _ = render(state, env: RenderEnvironment())
      firstRows = (clock.now - started).milliseconds
      firstWithRows = (at - started).milliseconds
    }
    let loaded = box.wait { $0.progress.finished }
    let load = (clock.now - started).seconds
    let packed = DispatchSemaphore(value: 0)
    store.whenPacked { packed.signal() }
    packed.wait()
    let pack = (clock.now - started).seconds - load

    var filterTimes: [Double] = []
    var perFilter = [[Double]](repeating: [], count: columnFilters.count)
    for _ in 0..<filterRounds {
      for (k, filter) in columnFilters.enumerated() {
        let t = roundTrip(store, box, filter)
        filterTimes.append(t)
        perFilter[k].append(t)
      }
    }
    for (k, filter) in columnFilters.enumerated() {
      let rows = roundTripRows(store, box, filter)
      print(String(format: "  filter median %6.2f ms, %7d rows: ", percentile(perFilter[k], 0.5), rows) + "\(filter)")
    }
    var searchTimes: [Double] = []
    for _ in 0..<3 {
      searchTimes.append(roundTrip(store, box, EventFilter(search: "AccessDenied")))
      _ = roundTrip(store, box, EventFilter())
    }

    let final = box.wait { $0.progress.finished && $0.filter == EventFilter() }
    var state = AppState(width: width, height: height, sourceLabel: tree)
    _ = update(&state, .store(.snapshot(final)))
    let env = RenderEnvironment()
    var frameTimes: [Double] = []
    for i in 0..<frames {
      if i % 2 == 1 { _ = update(&state, .key(.down)) }
      let t = clock.now
      let grid = render(state, env: env)
      frameTimes.append((clock.now - t).milliseconds)
      precondition(grid.width == width)
    }
    let (rss, peak) = memory()
    return InProcessResult(
      firstRows: firstRows, listed: (box.firstSnapshot.withLock { $0! } - started).milliseconds,
      firstSnapshotWithRows: firstWithRows, load: load, pack: pack, events: loaded.total,
      filterMedian: percentile(filterTimes, 0.5),
      filterP95: percentile(filterTimes, 0.95), searchMedian: percentile(searchTimes, 0.5),
      renderMedian: percentile(frameTimes, 0.5), renderP95: percentile(frameTimes, 0.95), rssKiB: rss,
      peakKiB: peak)
  }

  /// `setFilter` to the snapshot carrying the new generation (ms).
  static func roundTrip(_ store: EventStore, _ box: SnapshotBox, _ filter: EventFilter) -> Double {
    let before = box.collector.latest?.generation ?? 0
    let clock = ContinuousClock()
    let t = clock.now
    store.setFilter(filter)
    _ = box.wait { $0.generation > before }
    return (clock.now - t).milliseconds
  }

  /// The number of rows `filter` leaves.
  static func roundTripRows(_ store: EventStore, _ box: SnapshotBox, _ filter: EventFilter) -> Int {
    let before = box.collector.latest?.generation ?? 0
    store.setFilter(filter)
    return box.wait { $0.generation > before }.count
  }

  static func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
  }

  /// VmRSS and VmHWM of this process, in KiB.
  static func memory() -> (Int, Int) {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func value(_ key: String) -> Int {
      guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return 0 }
      return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "0") ?? 0
    }
    return (value("VmRSS:"), value("VmHWM:"))
  }
}
