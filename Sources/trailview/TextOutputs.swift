import CloudTrailModel
import EventStore

/// `--format table`: the chosen columns aligned for a person, as the screen's table shows them: titles from the
/// fields, in capitals; cells sanitized; each column as wide as its widest value up to the field's cap (longer values
/// cut with "…"); times in UTC; read/write as R or W, in lower case when inferred from the event name; services
/// without `.amazonaws.com`.
enum TableOutput {
  /// Writes the header and one line per visible event of `snapshot` (or per index of `indices`).
  static func write(
    _ snapshot: EventSnapshot, indices: [Int]? = nil, columns: [ExportColumn], to out: OutputWriter
  ) {
    let titles = columns.map(title)
    var table = AlignedTable(titles: titles, caps: columns.map(cap), separator: " ")
    let shown = indices ?? Array(0..<snapshot.count)
    // Two passes over the events, so as not to hold every cell at once.
    for index in shown { table.measure(row(snapshot, at: index, columns)) }
    out.write(table.line(titles))
    for index in shown { out.write(table.line(row(snapshot, at: index, columns))) }
  }

  /// A column's title: the field's, in capitals (`TIME (UTC)` for the time), or LEVEL, RULES and EVIDENCE.
  static func title(_ column: ExportColumn) -> String {
    switch column {
    case .field(let field): return field == .time ? "TIME (UTC)" : field.spec.title.uppercased()
    case .level: return "LEVEL"
    case .rules: return "RULES"
    case .evidence: return "EVIDENCE"
    }
  }

  /// The widest a column gets.
  static func cap(_ column: ExportColumn) -> Int {
    switch column {
    case .field(let field): return field.spec.width.cap
    case .level: return 13
    case .rules: return 80
    case .evidence: return 11
    }
  }

  /// The sanitized cells of the visible event at `index`.
  static func row(_ snapshot: EventSnapshot, at index: Int, _ columns: [ExportColumn]) -> [String] {
    columns.map { column in
      switch column {
      case .field(let field): return DisplayText.sanitize(cell(field, snapshot, at: index))
      case .level, .rules, .evidence: return DisplayText.sanitize(column.text(snapshot, row: snapshot.visible[index]))
      }
    }
  }

  /// One cell's text (raw: ``row(_:at:_:)`` sanitizes it).
  static func cell(_ field: Field, _ snapshot: EventSnapshot, at index: Int) -> String {
    switch field {
    case .time:
      let time = snapshot.time(at: index)
      return time == EventSummary.unknownTime ? "(no time)" : EventTime.format(time)
    case .readOnly:
      let event = snapshot.event(at: index)
      let mark = event.readOnly ? "R" : "W"
      return event.inferred ? mark.lowercased() : mark
    case .eventSource:
      let source = snapshot.text(.eventSource, at: index)
      return source.hasSuffix(".amazonaws.com") ? String(source.dropLast(14)) : source
    default:
      return snapshot.text(field, at: index)
    }
  }
}
