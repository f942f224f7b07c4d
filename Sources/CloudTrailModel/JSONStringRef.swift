/// A JSON string value located inside a byte buffer, without its quotes.
///
/// The hot path keeps references instead of `String`s so that scanning allocates nothing per field. Offsets are
/// stored in 32 bits (a scanned buffer is at most 4 GiB), so a reference takes 12 bytes.
public struct JSONStringRef: Sendable, Equatable, Hashable {
  @usableFromInline var low: UInt32
  @usableFromInline var high: UInt32
  @usableFromInline var bits: UInt8

  /// Creates a reference to the bytes `start..<end`; `end < start` makes an absent reference.
  public init(start: Int, end: Int, hasEscapes: Bool) {
    guard end >= start, start >= 0 else {
      low = 0
      high = 0
      bits = 0
      return
    }
    low = UInt32(truncatingIfNeeded: start)
    high = UInt32(truncatingIfNeeded: end)
    bits = 1 | (hasEscapes ? 2 : 0)
  }

  /// Offset of the first content byte (after the opening quote).
  @inlinable public var start: Int { Int(low) }
  /// Offset just past the last content byte (the closing quote's offset); below ``start`` when absent.
  @inlinable public var end: Int { isPresent ? Int(high) : Int(low) - 1 }
  /// True when the raw bytes contain a backslash escape and must be decoded before use.
  @inlinable public var hasEscapes: Bool { bits & 2 != 0 }

  /// The reference used for a field that was missing, null, or not a string.
  public static let absent = JSONStringRef(start: 0, end: -1, hasEscapes: false)

  /// True when the field was present as a JSON string (possibly empty).
  @inlinable public var isPresent: Bool { bits & 1 != 0 }
}
