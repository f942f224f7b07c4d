import CloudTrailModel
import Detections
import EventStore

/// `--print --findings`: each detection rule that matched loaded events (after the filter), with its level and the
/// number of events, most serious first; a table, or JSON (`{"findings":[...]}`) or NDJSON with the rule's id, tags,
/// source, what a correlation rule counts (`correlation`) and the matching events' IDs.
enum FindingsOutput {
  /// One rule's hits.
  struct Hit {
    var rule: SigmaRule
    var events: [String]
  }

  /// The rules with hits among the visible events, by level (highest first), then count, then title.
  static func hits(_ snapshot: EventSnapshot) -> [Hit] {
    guard let detector = snapshot.detector else { return [] }
    let hits = snapshot.ruleHits()
    // Event IDs are read from the records once, in load order (a compressed chunk inflated once for all rules),
    // then listed in the table's order.
    var ids: [UInt32: String] = [:]
    for row in Set(hits.flatMap(\.rows)).sorted() { ids[row] = snapshot.text(.eventID, row: row) }
    return hits.map { hit in
      Hit(rule: detector.rules[hit.rule], events: snapshot.inTableOrder(hit.rows).map { ids[$0] ?? "" })
    }
  }

  static func write(_ snapshot: EventSnapshot, format: PrintFormat, to out: OutputWriter) {
    let hits = hits(snapshot)
    switch format {
    case .table:
      let titles = ["LEVEL", "EVENTS", "RULE", "TAGS", "SOURCE"]
      var table = AlignedTable(titles: titles, caps: [13, 8, 80, 60, 60], separator: "  ")
      let rows = hits.map { hit in
        [
          hit.rule.level.rawValue, String(hit.events.count), hit.rule.title, hit.rule.tags.joined(separator: ","),
          hit.rule.source,
        ].map(DisplayText.sanitize)
      }
      for row in rows { table.measure(row) }
      out.write(table.line(titles))
      for row in rows { out.write(table.line(row)) }
    case .json, .ndjson:
      let objects = hits.map(object)
      if format == .ndjson {
        for object in objects { out.write(JSONOutput.line(object) + [0x0A]) }
      } else {
        out.write(JSONOutput.line("{\"findings\":[" + objects.joined(separator: ",") + "]}") + [0x0A])
      }
    case .csv: break  // refused by Options.validate
    }
  }

  /// One hit as a JSON object.
  static func object(_ hit: Hit) -> String {
    func quoted(_ text: String) -> String { JSONOutput.quoted(text) }
    return
      "{\"title\":\(quoted(hit.rule.title)),\"id\":\(quoted(hit.rule.id)),\"level\":\(quoted(hit.rule.level.rawValue)),"
      + "\"tags\":[\(hit.rule.tags.map(quoted).joined(separator: ","))],\"source\":\(quoted(hit.rule.source))"
      + (hit.rule.correlation.map { ",\"correlation\":\(quoted($0.summary))" } ?? "")
      + ",\"count\":\(hit.events.count),\"eventIDs\":[\(hit.events.map(quoted).joined(separator: ","))]}"
  }
}
