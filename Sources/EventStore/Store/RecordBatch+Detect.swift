import CloudTrailModel
import Detections

extension RecordBatch {
  /// Checks every record against the rules that name its event name (the candidates worked out once per distinct
  /// name in the batch), flags the rows that match and keeps which rules matched.
  mutating func detect(_ detector: Detector, scan: ScanResult, strings: StringTable) {
    detector.withMemo { memo in detect(detector, scan: scan, strings: strings, memo: &memo) }
  }

  private mutating func detect(
    _ detector: Detector, scan: ScanResult, strings: StringTable, memo: inout DetectionMemo
  ) {
    let width = Field.columnFields.count
    let nameColumn = Field.eventName.columnIndex!
    var candidates: [UInt32: [UInt16]] = [:]
    var everyRule: [UInt16]?
    memo.startBatch()
    for (r, record) in scan.records.enumerated() where r < rows.count {
      let rules: [UInt16]
      if Self.nameIsColumn(record.fields) {
        // The column holds the record's one event name (or "" when it has none).
        let name = record.fields[.eventName].isPresent ? values[r * width + nameColumn] : 0
        if let known = candidates[name] {
          rules = known
        } else {
          rules = detector.candidates(eventName: strings[name])
          candidates[name] = rules
        }
      } else {
        // A repeated key, an array or a very long name: every rule reads the record itself.
        if everyRule == nil { everyRule = detector.allRules }
        rules = everyRule!
      }
      guard !rules.isEmpty else { continue }
      let matched = values.withUnsafeBufferPointer { all in
        detector.matches(
          scan.buffer[record.range], fields: record.fields,
          columns: UnsafeBufferPointer(rebasing: all[(r * width)..<((r + 1) * width)]), candidates: rules, memo: &memo,
          into: &findingRules)
      }
      guard matched > 0 else { continue }
      rows[r].flags.insert(.flagged)
      findingRows.append(Int32(r))
      findingEnds.append(Int32(findingRules.count))
    }
  }

  /// Whether the event name column is the record's only event name, whole: the scanner found it as the one string at
  /// `eventName` (or found no `eventName` key at all), and it is shorter than the column's cap.
  private static func nameIsColumn(_ fields: RecordFields) -> Bool {
    let ref = fields[.eventName]
    return Detector.nameIsKnown(fields) && ref.end - ref.start < ColumnText.maxBytes
  }
}
