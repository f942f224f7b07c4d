import CloudTrailModel
import Dispatch
import EventStore
import Foundation
import Synchronization

/// `--print`: load, filter, and write the matching events to stdout without a screen.
enum PrintMode {
  /// Runs print mode and returns the exit status (0 all read, 2 some inputs skipped, 1 nothing readable).
  static func run(
    options: Options, filter: EventFilter, log: DiagnosticLog, start: (EventStore) -> LookupSession?
  ) -> Int32 {
    let done = DispatchSemaphore(value: 0)
    let final = Mutex<EventSnapshot?>(nil)
    let store = EventStore(publishIntervalMilliseconds: 200) { update in
      guard case .snapshot(let snapshot) = update, snapshot.progress.finished else { return }
      let first = final.withLock { value -> Bool in
        defer { value = snapshot }
        return value == nil
      }
      if first { done.signal() }
    }
    store.setFilter(filter)
    start(store)?.loadAll()
    done.wait()
    guard let snapshot = final.withLock({ $0 }) else { return 1 }
    let out = OutputWriter()
    switch options.format ?? .ndjson {
    case .ndjson:
      for i in 0..<snapshot.count {
        out.write(JSONPretty.compact(snapshot.record(at: i)))
        out.write("\n")
      }
    case .json:
      out.write("{\"Records\":[")
      for i in 0..<snapshot.count {
        out.write(i == 0 ? "\n" : ",\n")
        out.write(JSONPretty.compact(snapshot.record(at: i)))
      }
      out.write("\n]}\n")
    case .csv: CSVOutput.write(snapshot, to: out)
    case .table: TableOutput.write(snapshot, to: out)
    }
    out.flush()
    log.say(1, DiagnosticLog.summary(snapshot))
    for notice in snapshot.progress.notices where !log.toStderr {  // -v already wrote them to stderr
      StandardError.write("trailview: note: \(DisplayText.sanitize(notice))\n")
    }
    let problems = snapshot.progress.problems
    for problem in problems {
      StandardError.write(
        "trailview: \(DisplayText.sanitize(problem.source)): \(DisplayText.sanitize(problem.reason))\n")
    }
    let failedUnits = Set(problems.map(\.source)).count
    if snapshot.progress.total == 0 || (snapshot.total == 0 && failedUnits > 0 && failedUnits >= snapshot.progress.done)
    {
      if snapshot.progress.total == 0 && problems.isEmpty {
        StandardError.write("trailview: no CloudTrail log files found\n")
      }
      return 1
    }
    return problems.isEmpty ? 0 : 2
  }
}

/// Buffered stdout that stops quietly when the reader goes away (EPIPE).
final class OutputWriter {
  private var buffer: [UInt8] = []

  init() {
    signal(SIGPIPE, SIG_IGN)
    buffer.reserveCapacity(1 << 16)
  }

  func write(_ text: String) { write(Array(text.utf8)) }

  func write(_ bytes: [UInt8]) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { flush() }
  }

  func flush() {
    var offset = 0
    while offset < buffer.count {
      let n = buffer.withUnsafeBytes { Foundation.write(1, $0.baseAddress! + offset, buffer.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        exit(errno == EPIPE ? 0 : 1)
      }
      offset += n
    }
    buffer.removeAll(keepingCapacity: true)
  }
}
