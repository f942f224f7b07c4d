import CloudTrailModel
import EventStore

/// `--format table`: aligned, sanitized columns for a terminal.
enum TableOutput {
  static func write(_ snapshot: EventSnapshot, to out: OutputWriter) {
    let titles = ["TIME (UTC)", "EVENT", "USER", "SOURCE", "SOURCE IP", "REGION", "RW", "ERROR"]
    let widths = [19, 28, 24, 16, 15, 14, 2, 20]
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (cell, width) in zip(cells, widths) {
        let safe = DisplayText.sanitize(cell)
        let clipped = safe.count > width ? String(safe.prefix(width - 1)) + "…" : safe
        parts.append(clipped + String(repeating: " ", count: max(0, width - clipped.count)))
      }
      return parts.joined(separator: " ").trimmingTrailingSpaces() + "\n"
    }
    out.write(line(titles))
    for i in 0..<snapshot.count {
      let e = snapshot.event(at: i)
      let source = e.eventSource.hasSuffix(".amazonaws.com") ? String(e.eventSource.dropLast(14)) : e.eventSource
      out.write(
        line([
          e.time == EventSummary.unknownTime ? "-" : EventTime.format(e.time), e.eventName, e.user, source, e.sourceIP,
          e.region, e.readOnly ? "R" : "W",
          e.errorCode,
        ]))
    }
  }
}
