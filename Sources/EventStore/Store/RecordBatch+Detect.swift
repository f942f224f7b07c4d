import CloudTrailModel
import Detections

extension RecordBatch {
  /// Checks every record against the rules that name its event name (the candidates worked out once per distinct
  /// name in the batch), flags the rows that match and keeps which rules matched.
  mutating func detect(_ detector: Detector, scan: ScanResult, strings: StringTable) {
    let width = Field.columnFields.count
    let nameColumn = Field.eventName.columnIndex!
    var candidates: [UInt32: [UInt16]] = [:]
    for (r, record) in scan.records.enumerated() where r < rows.count {
      let name = values[r * width + nameColumn]
      let rules: [UInt16]
      if let known = candidates[name] {
        rules = known
      } else {
        rules = detector.candidates(eventName: strings[name])
        candidates[name] = rules
      }
      guard !rules.isEmpty else { continue }
      let matched = detector.matches(scan.buffer[record.range], candidates: rules)
      guard !matched.isEmpty else { continue }
      rows[r].flags.insert(.flagged)
      findings.append((r, matched))
    }
  }
}
