/// A set of row ids as a bitmap (one bit per id up to the largest), for filters on chosen rows: marked events, or
/// the hundreds of thousands of events one detection rule matched. Built in one pass; membership is one bit test.
struct RowSet: Sendable {
  /// The ids, as given.
  let ids: [UInt32]
  private let bits: [UInt64]

  init(_ ids: [UInt32]) {
    self.ids = ids
    var bits = [UInt64](repeating: 0, count: Int(ids.max() ?? 0) / 64 + 1)
    for id in ids { bits[Int(id) >> 6] |= 1 << UInt64(id & 63) }
    self.bits = bits
  }

  /// The events detection rule `rule` matched, from the index's chunks (without copying them into one list; ``ids``
  /// stays empty).
  init(rule: Int, of findings: FindingsIndex, below limit: Int) {
    ids = []
    var bits = [UInt64](repeating: 0, count: limit / 64 + 1)
    findings.forEachChunk(ofRule: rule) { chunk in
      for id in chunk where Int(id) < limit { bits[Int(id) >> 6] |= 1 << UInt64(id & 63) }
    }
    self.bits = bits
  }

  /// Whether `id` is in the set.
  @inline(__always)
  func contains(_ id: UInt32) -> Bool {
    let word = Int(id) >> 6
    return word < bits.count && bits[word] & (1 << UInt64(id & 63)) != 0
  }
}
