import Foundation

/// Interns a batch's string fields by their raw bytes, so that a value seen before costs a hash and a compare.
///
/// Keys are byte ranges of one buffer (the batch's scan buffer) holding no JSON escapes, so the bytes are the
/// value's UTF-8 (invalid UTF-8 is repaired when the `String` is made, once per distinct value). Ids are those of
/// the batch's ``StringTable``: two byte sequences that decode to the same `String` share an id, as before. Values
/// longer than ``ColumnText/maxBytes`` are capped (see ``ColumnText``).
struct ByteInterner {
  private var slots: [Int32]
  private var hashes: [UInt64] = []
  /// Offsets and lengths in the buffer: `UInt32` covers files up to `LogFileSource.maxFileBytesLimit` (4 GiB).
  private var starts: [UInt32] = []
  private var lengths: [UInt32] = []
  private var ids: [UInt32] = []
  private var mask: Int

  init() {
    slots = [Int32](repeating: -1, count: 256)
    mask = 255
  }

  /// The id of `buffer[start..<end]` (a value without escapes) in `strings`, adding it when new.
  mutating func intern(
    _ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, strings: inout StringTable
  ) -> UInt32 {
    let length = end - start
    if length <= 0 { return 0 }
    let base = buffer.baseAddress! + start
    let hash = Self.hash(base, length)
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = Int(slots[slot])
      if entry < 0 { break }
      if hashes[entry] == hash && Int(lengths[entry]) == length
        && memcmp(buffer.baseAddress! + Int(starts[entry]), base, length) == 0
      {
        return ids[entry]
      }
      slot = (slot + 1) & mask
    }
    let id = strings.intern(ColumnText.string(UnsafeBufferPointer(start: base, count: length)))
    slots[slot] = Int32(hashes.count)
    hashes.append(hash)
    starts.append(UInt32(truncatingIfNeeded: start))
    lengths.append(UInt32(truncatingIfNeeded: length))
    ids.append(id)
    if hashes.count * 2 > slots.count { grow() }
    return id
  }

  private mutating func grow() {
    slots = [Int32](repeating: -1, count: slots.count * 2)
    mask = slots.count - 1
    for (entry, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(entry)
    }
  }

  /// A 64-bit hash of short byte strings, eight bytes at a time.
  @inline(__always)
  static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
    var i = 0
    let raw = UnsafeRawPointer(p)
    while i + 8 <= n {
      h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 29
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < n {
      tail |= UInt64(p[i]) << shift
      shift += 8
      i += 1
    }
    h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
    return h ^ (h >> 31)
  }
}
