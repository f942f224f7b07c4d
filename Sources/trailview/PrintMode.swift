import CloudTrailModel
import Dispatch
import EventStore
import Foundation
import Synchronization
import TrailviewApp

/// `--print`: load, filter, and write the matching events to stdout without a screen.
enum PrintMode {
  /// Runs print mode and returns the exit status (0 all read, 2 some inputs skipped, 1 nothing readable);
  /// `configColumns` are the config file's columns, if it names them.
  static func run(
    options: Options, filter: EventFilter, configColumns: [Field]?, log: DiagnosticLog,
    start: (EventStore) -> [any EventSource]
  ) -> Int32 {
    if options.validateEvidence {
      return ValidationOutput.run(options, filter: filter, configColumns: configColumns, log: log, start: start)
    }
    // The rules run only when the output shows what they found (they cost about a tenth of the load); files named
    // with --rules are read either way, so that a broken one is still reported.
    let rules =
      options.printsFindings || !options.ruleFolders.isEmpty ? RulesLoader.load(options) : (detector: nil, problems: [])
    let detector = options.printsFindings ? rules.detector : nil
    // Print mode's filter never changes: records that fail it are left out as they are read, not indexed.
    let loaded = EventStore.run(
      filter: filter, publishIntervalMilliseconds: 200, detector: detector, filteringWhileLoading: true
    ) { store in
      store.addProblems(rules.problems)
      for source in start(store) { source.loadAll() }
    }
    guard let snapshot = loaded else { return 1 }
    let out = OutputWriter()
    let format = options.eventFormat
    if options.findings {
      FindingsOutput.write(snapshot, format: format, to: out)
      out.flush()
    } else if options.flagged {
      let indices = snapshot.visible.indices.filter { snapshot.findings[snapshot.visible[$0]] != nil }
      write(
        snapshot, indices: indices, format: format, columns: columns(options, configColumns: configColumns), to: out)
    } else if let field = try? options.summaryField {
      SummaryOutput.write(snapshot.counts(of: field), field: field, events: snapshot.count, format: format, to: out)
      out.flush()
    } else {
      write(snapshot, format: format, columns: columns(options, configColumns: configColumns), to: out)
    }
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

extension PrintMode {
  /// Writes the events of `snapshot` in `format`, the table and CSV with `columns`.
  static func write(
    _ snapshot: EventSnapshot, indices: [Int]? = nil, format: PrintFormat, columns: [ExportColumn],
    to out: OutputWriter
  ) {
    switch format {
    case .ndjson, .json, .csv:
      out.flush()
      let export = EventExport(
        snapshot: snapshot, rows: indices.map { $0.map { snapshot.visible[$0] } },
        format: ExportFormat(rawValue: format.rawValue)!, exportColumns: columns)
      // The writer never throws: a reader that goes away ends the program quietly (EPIPE).
      try? export.write { OutputWriter.writeAll($0) }
    case .table:
      TableOutput.write(snapshot, indices: indices, columns: columns, to: out)
      out.flush()
    }
  }

  /// The table and CSV columns: `--columns`, else the config file's (a broken file is reported by `main` and
  /// ignored), else ``TrailviewApp/TableColumns/defaults``; with `--flagged` and no `--columns`, the level and the
  /// rules each event matched come last. The config file's columns apply to table and CSV only.
  static func columns(_ options: Options, configColumns: [Field]?) -> [ExportColumn] {
    if let chosen = try? options.printColumns { return chosen }
    let found: [ExportColumn] = options.flagged ? [.level, .rules] : []
    guard options.eventFormat == .table || options.eventFormat == .csv else {
      return TableColumns.defaults.map(ExportColumn.field) + found
    }
    return (configColumns ?? TableColumns.defaults).map(ExportColumn.field) + found
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
    buffer.withUnsafeBytes { Self.writeAll($0) }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes every byte to stdout; exits quietly when the reader has gone (EPIPE), with status 1 on other errors.
  static func writeAll(_ bytes: UnsafeRawBufferPointer) {
    var offset = 0
    while offset < bytes.count {
      let n = Foundation.write(1, bytes.baseAddress! + offset, bytes.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        exit(errno == EPIPE ? 0 : 1)
      }
      offset += n
    }
  }
}
