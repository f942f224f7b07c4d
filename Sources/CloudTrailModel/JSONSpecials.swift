import CJSONIndex

/// The bytes of a buffer that can end a run of plain string bytes (quotes, backslashes, control bytes), one bit per
/// byte, found sixteen or thirty-two bytes at a time in C; ``JSONCursor`` then finds a string's end with a bit scan.
enum JSONSpecials {
  /// Calls `body` with the bitmap of `buffer` (`buffer.count / 64 + 1` words, a stop bit at `buffer.count`).
  static func with<T>(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<UInt64>) -> T) -> T {
    let words = buffer.count / 64 + 1
    let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
    defer { bits.deallocate() }
    if let base = buffer.baseAddress {
      trailview_json_specials(base, buffer.count, bits)
    } else {
      bits[0] = 1
    }
    return body(bits)
  }
}
