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
    let fieldsOffset = MemoryLayout<ScannedRecord>.offset(of: \ScannedRecord.fields)!
    scan.records.withUnsafeBufferPointer { records in
      values.withUnsafeBufferPointer { all in
        for r in 0..<min(records.count, rows.count) {
          // The fields are read where they lie: a copy would move 400 bytes per record.
          let fields = (UnsafeRawPointer(records.baseAddress! + r) + fieldsOffset)
            .assumingMemoryBound(to: RecordFields.self)
          let rules: [UInt16]
          if Self.nameIsColumn(fields.pointee) {
            // The column holds the record's one event name (or "" when it has none).
            let name = fields.pointee[.eventName].isPresent ? all[r * width + nameColumn] : 0
            if let known = candidates[name] {
              rules = known
            } else {
              rules = detector.candidates(eventName: strings[name], memo: &memo)
              candidates[name] = rules
            }
          } else {
            // A repeated key, an array or a very long name: every rule reads the record itself.
            if everyRule == nil { everyRule = detector.allRules }
            rules = everyRule!
          }
          guard !rules.isEmpty else { continue }
          let before = findingRules.count
          let matched = detector.matches(
            scan.buffer[records[r].range], fieldsAt: fields,
            columns: UnsafeBufferPointer(rebasing: all[(r * width)..<((r + 1) * width)]), candidates: rules,
            memo: &memo,
            into: &findingRules)
          guard matched > 0 else { continue }
          if !detector.correlations.isEmpty {
            count(Int32(r), rulesFrom: before, detector, record: scan.buffer[records[r].range], fields: fields)
            guard findingRules.count > before else { continue }
          }
          rows[r].flags.insert(.flagged)
          findingRows.append(Int32(r))
          findingEnds.append(Int32(findingRules.count))
        }
      }
    }
  }

  /// Keeps what correlation rules need of row `r`'s matches (the rules in `findingRules` from `start`), and drops
  /// the rules that report nothing alone from the row's findings.
  private mutating func count(
    _ r: Int32, rulesFrom start: Int, _ detector: Detector, record: ArraySlice<UInt8>,
    fields: UnsafePointer<RecordFields>
  ) {
    for k in start..<findingRules.count where detector.isCounted(findingRules[k]) {
      for key in detector.correlationKeys(rule: findingRules[k], record: record, fields: fields) {
        counted.append((r, key))
      }
    }
    if detector.hidesRules {
      var kept = start
      for k in start..<findingRules.count where detector.rules[Int(findingRules[k])].reportsAlone {
        findingRules[kept] = findingRules[k]
        kept += 1
      }
      findingRules.removeSubrange(kept...)
    }
  }

  /// Whether the event name column is the record's only event name, whole: the scanner found it as the one string at
  /// `eventName` (or found no `eventName` key at all), and it is shorter than the column's cap.
  private static func nameIsColumn(_ fields: RecordFields) -> Bool {
    let ref = fields[.eventName]
    return Detector.nameIsKnown(fields) && ref.end - ref.start < ColumnText.maxBytes
  }
}
