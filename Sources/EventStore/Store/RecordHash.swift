/// A 128-bit hash of bytes, ignoring whitespace, used to drop events seen twice.
///
/// Real event IDs are unique, so a record is first known by its ID and time (``keyed(id:time:)``, a few dozen
/// bytes); only when that key comes again are the two records hashed whole (``full(_:)``), which keeps distinct
/// records that reuse a placeholder ID, as test corpora do, and treats a pretty-printed copy of a delivered file as
/// the same events. A record without an ID is hashed whole at once.
///
/// The non-whitespace bytes are packed into 64-bit words, and each word is mixed into two lanes. Eight input bytes
/// without whitespace (the common case: compact JSON) are taken with one load.
struct RecordHash: Hashable, Sendable {
  var a: UInt64
  var b: UInt64

  /// The whole record's hash (whitespace aside), told apart from ``keyed(id:time:)`` by its lowest bit.
  static func full(_ buffer: UnsafeBufferPointer<UInt8>) -> RecordHash {
    var hash = RecordHash(buffer)
    hash.b &= ~1
    return hash
  }

  /// A record's key: its event ID's bytes (as written) and its time. Records with the same key are compared whole.
  static func keyed(id: UnsafeBufferPointer<UInt8>, time: Int64) -> RecordHash {
    var hash = RecordHash(id)
    hash.a = (hash.a ^ UInt64(bitPattern: time)) &* 0x9E37_79B9_7F4A_7C15
    hash.b |= 1
    return hash
  }

  init(_ bytes: ArraySlice<UInt8>) {
    self = bytes.withUnsafeBufferPointer { RecordHash($0) }
  }

  init(_ buffer: UnsafeBufferPointer<UInt8>) {
    var state = State()
    let n = buffer.count
    var i = 0
    if let base = buffer.baseAddress {
      let raw = UnsafeRawPointer(base)
      while i + 8 <= n {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        // Any byte below 0x21 (space, tab, CR, LF and other controls): take this word byte by byte.
        let low = (word &- 0x2121_2121_2121_2121) & ~word & 0x8080_8080_8080_8080
        if low == 0 {
          state.word(word)
        } else {
          for k in 0..<8 { state.byte(base[i + k]) }
        }
        i += 8
      }
      while i < n {
        state.byte(base[i])
        i += 1
      }
    }
    (a, b) = state.finish()
  }

  /// Packs non-whitespace bytes into words and mixes full words.
  private struct State {
    var h1: UInt64 = 0xcbf2_9ce4_8422_2325
    var h2: UInt64 = 0x8422_2325_cbf2_9ce4
    var pending: UInt64 = 0
    var count = 0
    var total: UInt64 = 0

    @inline(__always) mutating func mix(_ w: UInt64) {
      h1 = (h1 ^ w) &* 0x9E37_79B9_7F4A_7C15
      h1 ^= h1 >> 32
      h2 = (h2 &+ w) &* 0xC2B2_AE3D_27D4_EB4F
      h2 = (h2 << 31) | (h2 >> 33)
    }

    /// Eight non-whitespace bytes.
    @inline(__always) mutating func word(_ w: UInt64) {
      total &+= 8
      if count == 0 {
        mix(w)
      } else {
        let shift = UInt64(count * 8)
        mix(pending | (w << shift))
        pending = w >> (64 - shift)
      }
    }

    @inline(__always) mutating func byte(_ b: UInt8) {
      guard b != 0x20 && b != 0x0A && b != 0x0D && b != 0x09 else { return }
      total &+= 1
      pending |= UInt64(b) << UInt64(count * 8)
      count += 1
      if count == 8 {
        mix(pending)
        pending = 0
        count = 0
      }
    }

    mutating func finish() -> (UInt64, UInt64) {
      if count > 0 { mix(pending) }
      mix(total)
      var x = h1 ^ (h2 >> 17)
      x = (x ^ (x >> 33)) &* 0xFF51_AFD7_ED55_8CCD
      x ^= x >> 33
      var y = h2 ^ (h1 << 13)
      y = (y ^ (y >> 29)) &* 0xC4CE_B9FE_1A85_EC53
      y ^= y >> 32
      return (x, y)
    }
  }
}
