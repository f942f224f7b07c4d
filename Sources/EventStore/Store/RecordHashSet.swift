/// The set of record hashes seen so far: open addressing over the hashes' own bits (they are already uniformly
/// distributed, so no `Hasher` round is needed), linear probing, at most 3/4 full.
/// Each hash keeps a row number (``insert(_:row:)``), for the caller to look at the row that first had it.
struct RecordHashSet: Sendable {
  private var a: [UInt64]
  private var b: [UInt64]
  private var rows: [UInt32]
  private var mask: Int
  private var zeroRow: UInt32?
  /// Number of hashes stored.
  private(set) var count = 0
  /// What ``insert(_:row:)`` returns for a hash met again after its row was handed back once.
  static let handedBack = UInt32.max

  init() {
    a = [UInt64](repeating: 0, count: 1024)
    b = a
    rows = [UInt32](repeating: 0, count: 1024)
    mask = 1023
  }

  /// Adds `hash`; returns false when it was already present.
  mutating func insert(_ hash: RecordHash) -> Bool { insert(hash, row: 0) == nil }

  /// Adds `hash` with `row`; nil when it was new, else the row stored with it the first time it is met again and
  /// ``handedBack`` after that.
  mutating func insert(_ hash: RecordHash, row: UInt32) -> UInt32? {
    if hash.a == 0 && hash.b == 0 {
      guard let earlier = zeroRow else {
        (zeroRow, count) = (row, count + 1)
        return nil
      }
      zeroRow = Self.handedBack
      return earlier
    }
    var slot = Int(truncatingIfNeeded: hash.a) & mask
    while a[slot] != 0 || b[slot] != 0 {
      if a[slot] == hash.a && b[slot] == hash.b {
        defer { rows[slot] = Self.handedBack }
        return rows[slot]
      }
      slot = (slot + 1) & mask
    }
    (a[slot], b[slot], rows[slot]) = (hash.a, hash.b, row)
    count += 1
    if count * 4 > a.count * 3 { grow() }
    return nil
  }

  private mutating func grow() {
    let (oldA, oldB, oldRows) = (a, b, rows)
    a = [UInt64](repeating: 0, count: oldA.count * 2)
    b = a
    rows = [UInt32](repeating: 0, count: a.count)
    mask = a.count - 1
    for k in 0..<oldA.count where oldA[k] != 0 || oldB[k] != 0 {
      var slot = Int(truncatingIfNeeded: oldA[k]) & mask
      while a[slot] != 0 || b[slot] != 0 { slot = (slot + 1) & mask }
      (a[slot], b[slot], rows[slot]) = (oldA[k], oldB[k], oldRows[k])
    }
  }
}
