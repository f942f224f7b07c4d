import Detections

/// The events one detection rule matched.
public struct RuleHit: Sendable, Equatable {
  /// The rule's index in the snapshot's detector.
  public var rule: Int
  /// The matching visible events' row ids, in load order (``EventSnapshot/inTableOrder(_:)`` sorts them).
  public var rows: [UInt32]
}

extension EventSnapshot {
  /// The rules with matches among the visible events, most serious level first, then most events, then title.
  ///
  /// Taken from each rule's list of events: with every event visible, a copy of those lists; with a filter, each
  /// list checked against a bitmap of the visible rows.
  public func ruleHits() -> [RuleHit] {
    guard let detector, !findings.isEmpty else { return [] }
    let everything = visible.count == total
    let shown = everything ? nil : RowSet(visible)
    var hits: [RuleHit] = []
    for rule in findings.rulesWithHits {
      var rows = findings.rows(ofRule: rule)
      if let shown { rows.removeAll { !shown.contains($0) } }
      if !rows.isEmpty { hits.append(RuleHit(rule: rule, rows: rows)) }
    }
    return hits.sorted { a, b in
      let (ra, rb) = (detector.rules[a.rule], detector.rules[b.rule])
      return (ra.level, a.rows.count, rb.title) > (rb.level, b.rows.count, ra.title)
    }
  }

  /// The visible ones among `rows`, in the table's order.
  public func inTableOrder(_ rows: [UInt32]) -> [UInt32] {
    let wanted = RowSet(rows)
    return visible.filter(wanted.contains)
  }
}
