extension JSONStringRef {
  /// Decodes the referenced JSON string content (resolving escapes; invalid UTF-8 is repaired).
  ///
  /// `\uXXXX` surrogate pairs are combined; a lone surrogate becomes U+FFFD, as does every invalid UTF-8 sequence.
  /// An out-of-bounds or absent reference decodes to the empty string.
  public func decode(in buffer: [UInt8]) -> String {
    guard isPresent, start >= 0, end <= buffer.count else { return "" }
    if !hasEscapes { return String(decoding: buffer[start..<end], as: UTF8.self) }
    return String(decoding: decodedBytes(in: buffer), as: UTF8.self)
  }

  /// The referenced content with escapes resolved, as UTF-8 bytes (not validated).
  public func decodedBytes(in buffer: [UInt8]) -> [UInt8] {
    guard isPresent, start >= 0, end <= buffer.count else { return [] }
    if !hasEscapes { return Array(buffer[start..<end]) }
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    buffer.withUnsafeBufferPointer { whole in
      JSONUnescape.append(UnsafeBufferPointer(rebasing: whole[start..<end]), to: &out)
    }
    return out
  }
}

/// Resolves JSON string escapes into UTF-8 bytes.
enum JSONUnescape {
  /// Appends `raw` (string content without quotes) to `out` with escapes resolved. Malformed escapes are copied as
  /// they are; lone surrogates become U+FFFD.
  static func append(_ raw: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    var j = 0
    let n = raw.count
    while j < n {
      let b = raw[j]
      guard b == 0x5C, j + 1 < n else {
        out.append(b)
        j += 1
        continue
      }
      let e = raw[j + 1]
      switch e {
      case 0x22, 0x5C, 0x2F: out.append(e)
      case 0x62: out.append(0x08)
      case 0x66: out.append(0x0C)
      case 0x6E: out.append(0x0A)
      case 0x72: out.append(0x0D)
      case 0x74: out.append(0x09)
      case 0x75:
        guard let unit = hex4(raw, j + 2) else {
          out.append(b)
          j += 1
          continue
        }
        j += 6
        var scalar = UInt32(0xFFFD)
        if unit >= 0xD800 && unit < 0xDC00 {
          if j + 1 < n && raw[j] == 0x5C && raw[j + 1] == 0x75, let low = hex4(raw, j + 2),
            low >= 0xDC00 && low < 0xE000
          {
            scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            j += 6
          }
        } else if unit < 0xDC00 || unit >= 0xE000 {
          scalar = unit
        }
        appendUTF8(scalar, to: &out)
        continue
      default:
        out.append(b)
        j += 1
        continue
      }
      j += 2
    }
  }

  private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32? {
    guard at + 4 <= raw.count else { return nil }
    var v: UInt32 = 0
    for k in at..<(at + 4) {
      let d = JSONCursor.hexValue(raw[k])
      if d < 0 { return nil }
      v = v << 4 | UInt32(d)
    }
    return v
  }

  /// Appends the UTF-8 encoding of a valid scalar value.
  static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
    switch v {
    case 0..<0x80:
      out.append(UInt8(v))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | (v >> 6)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | (v >> 12)))
      out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    default:
      out.append(UInt8(0xF0 | (v >> 18)))
      out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
      out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    }
  }
}
