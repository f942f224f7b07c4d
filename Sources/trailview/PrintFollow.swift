import CloudTrailModel
import Dispatch
import EventStore
import Foundation

/// `--print --follow`: the first load as NDJSON, newest first, then every event that arrives, as it arrives (each
/// look's events oldest first), until interrupted; problems go to stderr as they happen.
enum PrintFollow {
  /// Runs until the process is interrupted (or stdout's reader goes away).
  static func run(
    filter: EventFilter, every seconds: Int, options: Options, log: DiagnosticLog,
    start: (EventStore) -> [any EventSource]
  ) -> Never {
    let collector = SnapshotCollector()
    let rules = RulesLoader.load(options)
    let store = EventStore(publishIntervalMilliseconds: 200, detector: rules.detector, packingChunks: true) {
      collector.take($0)
    }
    store.addProblems(rules.problems)
    store.setFilter(filter)
    let sources = start(store)
    for source in sources { source.loadAll() }
    guard let first = collector.waitFinished() else { exit(1) }
    let out = OutputWriter()
    PrintMode.write(first, format: .ndjson, columns: [], to: out)
    var shown = (problems: 0, notices: 0)
    report(first, shown: &shown)
    log.say(1, DiagnosticLog.summary(first))
    var newest = first.visible.max() ?? 0
    var seenAny = !first.visible.isEmpty
    for source in sources { source.follow(every: seconds) }
    while true {
      let snapshot = collector.wait { snapshot in
        snapshot.visible.contains { !seenAny || $0 > newest }
          || snapshot.progress.problems.count > shown.problems || snapshot.progress.notices.count > shown.notices
      }!
      // Row ids grow in arrival order: the ones above the newest printed are new.
      let fresh = snapshot.visible.filter { !seenAny || $0 > newest }.sorted { a, b in
        let (ta, tb) = (snapshot.event(row: a).time, snapshot.event(row: b).time)
        return ta != tb ? ta < tb : a < b
      }
      if let top = fresh.max() {
        newest = max(newest, top)
        seenAny = true
        let export = EventExport(snapshot: snapshot, rows: fresh, format: .ndjson)
        try? export.write { OutputWriter.writeAll($0) }
      }
      report(snapshot, shown: &shown)
    }
  }

  /// Writes the problems and notices not written yet to stderr.
  static func report(_ snapshot: EventSnapshot, shown: inout (problems: Int, notices: Int)) {
    let problems = snapshot.progress.problems
    for problem in problems.dropFirst(shown.problems) {
      StandardError.write(
        "trailview: \(DisplayText.sanitize(problem.source)): \(DisplayText.sanitize(problem.reason))\n")
    }
    shown.problems = problems.count
    let notices = snapshot.progress.notices
    for notice in notices.dropFirst(shown.notices) {
      StandardError.write("trailview: note: \(DisplayText.sanitize(notice))\n")
    }
    shown.notices = notices.count
  }
}
