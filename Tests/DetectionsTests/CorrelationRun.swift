import CloudTrailModel
import Detections

/// Runs a rule set's correlation rules over records the way the store does (each record's matches of the counted
/// rules give their keys; times from `eventTime`), with `semantics` deciding the single-event rules.
enum CorrelationRun {
  /// Per correlation rule (by index in `rules`), what it found; rows are record indices.
  static func evaluate(
    _ rules: [SigmaRule], _ records: [[UInt8]], semantics: SigmaSemantics = .specification
  ) -> [Int: CorrelationEngine.Result] {
    let detector = Detector(rules)
    var events = [Int: [CorrelationEvent]]()
    var groups: [String: UInt32] = [:]
    var values: [String: UInt32] = [:]
    func id(_ text: String, _ table: inout [String: UInt32]) -> UInt32 {
      if let known = table[text] { return known }
      table[text] = UInt32(table.count)
      return UInt32(table.count - 1)
    }
    for (row, record) in records.enumerated() {
      guard let text = JSONPath("eventTime")!.values(in: record[...]).first,
        let time = EventTime.parse(ArraySlice(text.utf8))
      else { continue }
      for rule in rules.indices where detector.isCounted(UInt16(rule)) {
        guard rules[rule].matches(record[...], semantics: semantics) else { continue }
        for key in detector.correlationKeys(rule: UInt16(rule), record: record[...]) {
          events[Int(key.correlation), default: []].append(
            CorrelationEvent(
              row: UInt32(row), time: time, slot: key.slot, group: id(key.group, &groups),
              value: key.value.map { id($0, &values) }))
        }
      }
    }
    var out: [Int: CorrelationEngine.Result] = [:]
    for c in detector.correlations { out[c] = CorrelationEngine.evaluate(rules[c].correlation!, events[c] ?? []) }
    return out
  }
}
