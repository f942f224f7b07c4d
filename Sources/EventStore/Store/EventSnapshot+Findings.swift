import Detections

/// The events one detection rule matched.
public struct RuleHit: Sendable, Equatable {
  /// The rule's index in the snapshot's detector.
  public var rule: Int
  /// The matching events' row ids, in the table's order.
  public var rows: [UInt32]
}

extension EventSnapshot {
  /// The rules with matches among the visible events, most serious level first, then most events, then title.
  public func ruleHits() -> [RuleHit] {
    guard let detector, !findings.isEmpty else { return [] }
    var rows: [Int: [UInt32]] = [:]
    for id in visible {
      guard let rules = findings[id] else { continue }
      for rule in rules { rows[Int(rule), default: []].append(id) }
    }
    return rows.map { RuleHit(rule: $0.key, rows: $0.value) }.sorted { a, b in
      let (ra, rb) = (detector.rules[a.rule], detector.rules[b.rule])
      return (ra.level, a.rows.count, rb.title) > (rb.level, b.rows.count, ra.title)
    }
  }
}
