/// A JSON string value located inside a byte buffer, without its quotes.
///
/// The hot path keeps references instead of `String`s so that scanning allocates nothing per field.
public struct JSONStringRef: Sendable, Equatable, Hashable {
  /// Offset of the first content byte (after the opening quote).
  public var start: Int
  /// Offset just past the last content byte (the closing quote's offset).
  public var end: Int
  /// True when the raw bytes contain a backslash escape and must be decoded before use.
  public var hasEscapes: Bool

  /// Creates a reference to the bytes `start..<end`.
  public init(start: Int, end: Int, hasEscapes: Bool) {
    self.start = start
    self.end = end
    self.hasEscapes = hasEscapes
  }

  /// The reference used for a field that was missing, null, or not a string.
  public static let absent = JSONStringRef(start: 0, end: -1, hasEscapes: false)

  /// True when the field was present as a JSON string (possibly empty).
  public var isPresent: Bool { end >= start }
}
