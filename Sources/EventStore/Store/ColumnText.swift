import CloudTrailModel

/// Caps the strings that become column values (event name, source, user, region, IP, error code, trail names).
///
/// A hostile record can carry a 100 MB `userName` or `eventName`; interned whole, it would be held a second time
/// beside the record's bytes and measured, sanitized and matched on every frame and filter. Real values are far
/// shorter (an IAM ARN is at most 2,048 characters), so a longer value keeps its first ``maxBytes`` bytes, cut on a
/// character boundary, followed by "…". The record's raw bytes keep the whole value for the detail pane, search and
/// export.
enum ColumnText {
  /// The most UTF-8 bytes of a value kept in a column (the "…" marker comes on top).
  static let maxBytes = 2048
  /// Appended to a value that was cut.
  static let marker = "…"

  /// `bytes` as a column value: decoded as UTF-8 (invalid sequences repaired), capped.
  static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard bytes.count > maxBytes else { return String(decoding: bytes, as: UTF8.self) }
    let cut = boundary(bytes, maxBytes)
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<cut]), as: UTF8.self) + marker
  }

  /// The value of `ref` (escapes resolved) as a column value, without decoding more than a cap's worth of a long
  /// value.
  static func decode(_ ref: JSONStringRef, in array: [UInt8]) -> String {
    guard ref.isPresent, ref.start >= 0, ref.end <= array.count else { return "" }
    // An escape is at most 6 bytes for 1 decoded byte, so this much raw text decodes to more than the cap.
    let rawLimit = maxBytes * 6 + 64
    let head = JSONStringRef(start: ref.start, end: min(ref.end, ref.start + rawLimit), hasEscapes: ref.hasEscapes)
    let decoded = head.decodedBytes(in: array)
    return decoded.withUnsafeBufferPointer { string($0) }
  }

  /// `text`, capped.
  static func capped(_ text: String) -> String {
    guard text.utf8.count > maxBytes else { return text }
    return Array(text.utf8.prefix(maxBytes + 4)).withUnsafeBufferPointer { string($0) }
  }

  /// The largest cut at or below `limit` that does not split a UTF-8 sequence.
  private static func boundary(_ bytes: UnsafeBufferPointer<UInt8>, _ limit: Int) -> Int {
    var cut = limit
    // Step back over at most three continuation bytes (10xxxxxx) to the lead byte of the sequence at `limit`.
    while cut > limit - 3, cut > 0, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
    return cut
  }
}
