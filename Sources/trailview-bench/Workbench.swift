import CloudTrailModel
import Dispatch
import EventStore
import Foundation
import TerminalUI
import TrailviewApp

/// The investigation workbench's speed over one loaded tree: predicates, counts, timeline, export, and keys while
/// background work runs.
enum Workbench {
  /// One measured operation: its label, median and p95 (ms), and what is required of it.
  struct Row {
    var label: String
    var median: Double
    var p95: Double
    var goal: String
  }

  /// The predicates added to (and removed from) an unfiltered view: one per kind of test.
  static let predicates: [StorePredicate] = [
    StorePredicate(.eventName, .equals("StopLogging")), StorePredicate(.user, .equals("alice")),
    StorePredicate(.user, .equals("*bot*")), StorePredicate(.sourceIP, .notEquals("203.0.113.66")),
    StorePredicate(.errorCode, .exists), StorePredicate(.region, .equals("eu-*")),
    StorePredicate(.readOnly, .equals("false")),
  ]

  static func measure(tree: String, rounds: Int) -> (rows: [Row], events: Int, exportMBps: Double, bytes: Int) {
    let collector = SnapshotCollector()
    let store = EventStore { collector.take($0) }
    LogFileSource.load([tree], into: store)
    let loaded = collector.waitFinished()!
    print("  loaded \(loaded.total) events")
    var rows: [Row] = []

    // Adding a predicate to an unfiltered view, then removing it (each a setFilter → published snapshot).
    var add: [Double] = []
    var remove: [Double] = []
    for _ in 0..<rounds {
      for predicate in predicates {
        add.append(roundTrip(store, collector, EventFilter([predicate])))
        remove.append(roundTrip(store, collector, EventFilter()))
      }
    }
    rows.append(Row(label: "add a predicate (7 kinds)", median: median(add), p95: p95(add), goal: "< 5 ms median"))
    rows.append(Row(label: "remove it again", median: median(remove), p95: p95(remove), goal: "< 5 ms median"))

    // Counts of every column field over all events, and over a filtered view.
    let all = collector.latest!
    var slowest = (field: "", ms: 0.0)
    var counts: [Double] = []
    for field in Field.columnFields {
      let times = (0..<max(3, rounds / 2)).map { _ in time { _ = all.counts(of: field, limit: SummaryState.limit) } }
      counts += times
      if median(times) > slowest.ms { slowest = (field.name, median(times)) }
    }
    rows.append(
      Row(
        label:
          "summary counts (top \(SummaryState.limit)), every column field (\(Field.columnFields.count)), all events",
        median: median(counts),
        p95: p95(counts), goal: "< 30 ms"))
    rows.append(
      Row(label: "… the slowest field (\(slowest.field))", median: slowest.ms, p95: slowest.ms, goal: "< 30 ms"))

    // The timeline strip: the histogram over the events' range at a 200-column screen.
    var state = AppState(width: 200, height: 60, sourceLabel: tree)
    _ = update(&state, .store(.snapshot(all)))
    var strip: [Double] = []
    for _ in 0..<rounds * 2 {
      strip.append(time { _ = update(&state, .key(.char("H"))) })  // on: computes the counts
      _ = update(&state, .key(.char("H")))  // off
    }
    rows.append(
      Row(label: "timeline strip (200 columns, all events)", median: median(strip), p95: p95(strip), goal: "< 10 ms"))

    // Export every event as NDJSON (formatting and writing to a file).
    let path = NSTemporaryDirectory() + "/trailview-bench-export-\(getpid()).ndjson"
    defer { unlink(path) }
    var bytes = 0
    let seconds =
      time {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try? EventExport(snapshot: all, format: .ndjson).write { chunk in
          bytes += chunk.count
          _ = write(fd, chunk.baseAddress!, chunk.count)
        }
        close(fd)
      } / 1000
    let mbps = Double(bytes) / 1_048_576 / seconds

    // Keys (update + render) on this thread while a summary count and an export run in the background.
    // One serial queue, as the dashboard's run loop uses for its background work.
    let background = DispatchQueue(label: "bench.background", qos: .userInitiated)
    let group = DispatchGroup()
    for field in [Field.userAgent, .arn, .eventName] {
      background.async(group: group) { _ = all.counts(of: field, limit: SummaryState.limit) }
    }
    background.async(group: group) {
      try? EventExport(snapshot: all, format: .ndjson).write { _ in }
    }
    var keys: [Double] = []
    let env = RenderEnvironment()
    let presses: [Key] = [.down, .down, .right, .char("H"), .down, .char("b"), .char("H"), .up, .left]
    var i = 0
    while group.wait(timeout: .now()) == .timedOut || keys.count < 50 {
      let key = presses[i % presses.count]
      i += 1
      keys.append(
        time {
          _ = update(&state, .key(key))
          _ = render(state, env: env)
        })
    }
    rows.append(
      Row(
        label: "a key (update + render) while counts and an export run", median: median(keys), p95: p95(keys),
        goal: "< 50 ms, max \(String(format: "%.1f", keys.max() ?? 0)) ms over \(keys.count) keys"))
    return (rows, all.total, mbps, bytes)
  }

  static func roundTrip(_ store: EventStore, _ collector: SnapshotCollector, _ filter: EventFilter) -> Double {
    time { _ = collector.refilter(store, filter) }
  }

  static func time(_ work: () -> Void) -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    work()
    let elapsed = clock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
  }

  static func median(_ values: [Double]) -> Double { InProcess.percentile(values, 0.5) }
  static func p95(_ values: [Double]) -> Double { InProcess.percentile(values, 0.95) }
}
