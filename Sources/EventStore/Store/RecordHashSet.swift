/// The set of record hashes seen so far: open addressing over the hashes' own bits (they are already uniformly
/// distributed, so no `Hasher` round is needed), linear probing, at most 3/4 full.
struct RecordHashSet: Sendable {
  private var a: [UInt64]
  private var b: [UInt64]
  private var mask: Int
  private var hasZero = false
  /// Number of hashes stored.
  private(set) var count = 0

  init() {
    a = [UInt64](repeating: 0, count: 1024)
    b = a
    mask = 1023
  }

  /// Adds `hash`; returns false when it was already present.
  mutating func insert(_ hash: RecordHash) -> Bool {
    if hash.a == 0 && hash.b == 0 {
      defer { hasZero = true }
      if !hasZero { count += 1 }
      return !hasZero
    }
    var slot = Int(truncatingIfNeeded: hash.a) & mask
    while a[slot] != 0 || b[slot] != 0 {
      if a[slot] == hash.a && b[slot] == hash.b { return false }
      slot = (slot + 1) & mask
    }
    a[slot] = hash.a
    b[slot] = hash.b
    count += 1
    if count * 4 > a.count * 3 { grow() }
    return true
  }

  private mutating func grow() {
    let oldA = a
    let oldB = b
    a = [UInt64](repeating: 0, count: oldA.count * 2)
    b = a
    mask = a.count - 1
    for k in 0..<oldA.count where oldA[k] != 0 || oldB[k] != 0 {
      var slot = Int(truncatingIfNeeded: oldA[k]) & mask
      while a[slot] != 0 || b[slot] != 0 { slot = (slot + 1) & mask }
      a[slot] = oldA[k]
      b[slot] = oldB[k]
    }
  }
}
