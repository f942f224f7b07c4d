import CloudTrailModel

/// A match of a rule that a correlation rule counts, with the values the correlation groups and counts it by.
public struct CorrelationKey: Sendable, Equatable {
  /// The correlation rule (its index in the detector).
  public var correlation: UInt16
  /// Which of its referenced rules matched.
  public var slot: UInt8
  /// The group-by values, lower-cased and joined (equal texts: the same group).
  public var group: String
  /// The counted field's value, lower-cased (`value_count`), or nil when the event has none.
  public var value: String?
}

/// Where a correlation rule finds its values in the events of one rule it counts.
struct CorrelationUse: Sendable {
  var correlation: UInt16
  var slot: UInt8
  var group: [JSONPath]
  var value: JSONPath?

  /// Per rule of `rules`, the correlation rules counting it.
  static func index(_ rules: [SigmaRule]) -> [[CorrelationUse]] {
    var uses = [[CorrelationUse]](repeating: [], count: rules.count)
    for (c, rule) in rules.enumerated() {
      guard let correlation = rule.correlation else { continue }
      for (slot, reference) in correlation.references.enumerated() {
        // The loader checked that each reference names one rule; its `id` or `name` keys the aliases.
        guard let target = rules.firstIndex(where: { $0.correlation == nil && $0.isNamed(reference) }) else { continue }
        let names = [reference, rules[target].id, rules[target].name]
        func path(_ field: String) -> JSONPath? {
          let aliased = correlation.aliases[field].flatMap { map in names.lazy.compactMap { map[$0] }.first }
          return JSONPath(aliased ?? field)
        }
        let group = correlation.groupBy.compactMap(path)
        guard group.count == correlation.groupBy.count else { continue }
        uses[target].append(
          CorrelationUse(
            correlation: UInt16(c), slot: UInt8(slot), group: group, value: correlation.field.flatMap(path)))
      }
    }
    return uses
  }
}

extension Detector {
  /// Whether a correlation rule counts the events of rule `rule`.
  public func isCounted(_ rule: UInt16) -> Bool { !uses[Int(rule)].isEmpty }

  /// For a record that rule `rule` matched, what each correlation rule counting it needs: its group (a record
  /// without one of the group-by fields is in no group, as in Sigma's SQL backends) and counted value. Values are
  /// read as a flattened table holds them: an array or object as its JSON text. A field the scanner located
  /// (`fields`, when given) is taken from there rather than read again.
  public func correlationKeys(
    rule: UInt16, record: ArraySlice<UInt8>, fields: UnsafePointer<RecordFields>? = nil
  ) -> [CorrelationKey] {
    uses[Int(rule)].compactMap { use in
      var group = ""
      for path in use.group {
        guard let text = Self.text(path, in: record, fields) else { return nil }
        group += "\(text.utf8.count):\(text)"
      }
      return CorrelationKey(
        correlation: use.correlation, slot: use.slot, group: group,
        value: use.value.flatMap { Self.text($0, in: record, fields) })
    }
  }

  private static func text(
    _ path: JSONPath, in record: ArraySlice<UInt8>, _ fields: UnsafePointer<RecordFields>?
  ) -> String? {
    if let fields, let slot = QuickPlan.slotsByPath[path] {
      switch fields.pointee.pathValue(slot) {
      case .missing: return nil
      case .string:
        let ref = fields.pointee[slot]
        guard ref.start >= record.startIndex, ref.end <= record.endIndex else { break }
        if !ref.hasEscapes { return String(decoding: record[ref.start..<ref.end], as: UTF8.self).lowercased() }
        let bytes = Array(record[ref.start..<ref.end])
        return JSONStringRef(start: 0, end: bytes.count, hasEscapes: true).decode(in: bytes).lowercased()
      case .unknown: break
      }
    }
    return path.leaves(in: record, intoArrays: false).first?.text?.lowercased()
  }
}
