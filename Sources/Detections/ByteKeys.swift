#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Numbers distinct byte strings in the order they are first met (0, 1, 2, ...): an open-addressing table over one
/// arena, hashed eight bytes at a time, so that looking up a value already met allocates nothing.
struct ByteKeys {
  private var arena: [UInt8] = []
  private var spans: [(start: Int, count: Int)] = []
  private var hashes: [UInt64] = []
  /// Slots holding a key number + 1 (0: empty); the count is a power of two, at most half full.
  private var table = [Int32](repeating: 0, count: 64)

  /// How many distinct strings have been met.
  var count: Int { spans.count }
  /// How many bytes they hold.
  var bytes: Int { arena.count }

  /// The number of `bytes`, and whether it was new.
  mutating func number(_ bytes: UnsafeRawBufferPointer) -> (number: Int, isNew: Bool) {
    let hash = Self.hash(bytes)
    let mask = table.count - 1
    var at = Int(truncatingIfNeeded: hash) & mask
    while table[at] != 0 {
      let k = Int(table[at]) - 1
      if hashes[k] == hash && equal(k, bytes) { return (k, false) }
      at = (at + 1) & mask
    }
    let k = spans.count
    spans.append((arena.count, bytes.count))
    arena.append(contentsOf: bytes)
    hashes.append(hash)
    table[at] = Int32(k + 1)
    if spans.count * 2 > table.count { grow() }
    return (k, true)
  }

  private func equal(_ k: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
    let span = spans[k]
    guard span.count == bytes.count else { return false }
    return arena.withUnsafeBytes { all in
      span.count == 0 || memcmp(all.baseAddress! + span.start, bytes.baseAddress!, span.count) == 0
    }
  }

  private mutating func grow() {
    table = [Int32](repeating: 0, count: table.count * 2)
    let mask = table.count - 1
    for k in hashes.indices {
      var at = Int(truncatingIfNeeded: hashes[k]) & mask
      while table[at] != 0 { at = (at + 1) & mask }
      table[at] = Int32(k + 1)
    }
  }

  /// A multiply-and-mix hash over 8-byte words (keys are data, but a collision costs only a comparison).
  static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var i = 0
    while i + 8 <= bytes.count {
      h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
      h ^= h >> 32
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < bytes.count {
      tail |= UInt64(bytes[i]) << shift
      shift += 8
      i += 1
    }
    h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    return h ^ (h >> 29)
  }
}
