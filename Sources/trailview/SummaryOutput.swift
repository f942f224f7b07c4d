import CloudTrailModel
import EventStore

/// `--summary FIELD`: the values of a field among the matching events, most frequent first, with how many events
/// have each and their share of the matching events (a multi-valued field's shares can add up to more than 1).
enum SummaryOutput {
  /// Writes `counts` (of `field` over `events` matching events) in `format`: an aligned table `VALUE COUNT SHARE`
  /// with shares in percent, `{"field":...,"events":N,"values":[...]}`, one object per value, or CSV. Values are
  /// sanitized in the table and CSV, escaped in JSON; events without a value are `(none)` in the table, an empty
  /// cell in CSV and `null` in JSON.
  static func write(_ counts: [ValueCount], field: Field, events: Int, format: PrintFormat, to out: OutputWriter) {
    switch format {
    case .table:
      let titles = ["VALUE", "COUNT", "SHARE"]
      let rows = counts.map { entry in
        [
          entry.value.isEmpty ? "(none)" : DisplayText.sanitize(entry.value), String(entry.count),
          percent(entry.count, of: events),
        ]
      }
      // Values are what a summary is for: wider than the events table lets them be.
      let caps = [max(field.spec.width.cap, 100), 20, 6]
      var table = AlignedTable(titles: titles, caps: caps, separator: "  ", rightAligned: [1, 2])
      for row in rows { table.measure(row) }
      for row in [titles] + rows { out.write(table.line(row)) }
    case .json:
      out.write("{\"field\":\(JSONOutput.quoted(field.name)),\"events\":\(events),\"values\":[")
      for (i, entry) in counts.enumerated() {
        out.write(i == 0 ? "\n" : ",\n")
        out.write(JSONOutput.line(object(entry, events: events)))
      }
      out.write(counts.isEmpty ? "]}\n" : "\n]}\n")
    case .ndjson:
      for entry in counts {
        out.write(
          JSONOutput.line("{\"field\":\(JSONOutput.quoted(field.name)),\(object(entry, events: events).dropFirst())"))
        out.write("\n")
      }
    case .csv:
      out.write("value,count,share\r\n")
      for entry in counts {
        out.write("\(CSVCell.cell(entry.value)),\(entry.count),\(share(entry.count, of: events))\r\n")
      }
    }
  }

  /// `{"value":...,"count":N,"share":S}` (not yet made terminal-safe: ``JSONOutput/line(_:)`` does that).
  static func object(_ entry: ValueCount, events: Int) -> String {
    let value = entry.value.isEmpty ? "null" : JSONOutput.quoted(entry.value)
    return "{\"value\":\(value),\"count\":\(entry.count),\"share\":\(share(entry.count, of: events))}"
  }

  /// `count / events` rounded to 4 decimals, as JSON and CSV write it (`0.25`, `1.0`).
  static func share(_ count: Int, of events: Int) -> String {
    guard events > 0 else { return "0.0" }
    return String((Double(count) / Double(events) * 10_000).rounded() / 10_000)
  }

  /// The share in percent as the summary screen shows it: whole from 10 %, one decimal below (`42%`, `3.5%`).
  static func percent(_ count: Int, of events: Int) -> String {
    let share = events > 0 ? Double(count) * 100 / Double(events) : 0
    if share >= 10 || share == 0 { return "\(Int(share.rounded()))%" }
    let tenths = Int((share * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)%"
  }
}
