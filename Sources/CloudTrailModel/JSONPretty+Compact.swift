extension JSONPretty {
  /// One record on one line for NDJSON/JSON output: whitespace outside strings removed, and inside strings every
  /// character a terminal could act on (controls, DEL, C1, bidi controls, zero-width and separator characters) and
  /// every invalid UTF-8 byte written as a `\uXXXX` escape (`\uFFFD` for invalid bytes). Parsing the result gives the
  /// same values as parsing the input (for valid UTF-8 input). Stray bytes outside strings (possible in a record
  /// whose skipped containers hold invalid JSON) are escaped the same way, so the output never holds a raw control.
  public static func compact(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    bytes.withUnsafeBufferPointer { b in
      var i = 0
      var inString = false
      while i < b.count {
        let c = b[i]
        if inString && c == 0x5C && i + 1 < b.count && b[i + 1] >= 0x20 && b[i + 1] < 0x7F {
          out.append(contentsOf: [c, b[i + 1]])  // an escape pair (a raw control after `\` is escaped below)
          i += 2
          continue
        }
        if c == 0x22 { inString.toggle() }
        if !inString && (c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09) {
          i += 1
        } else if c < 0x20 || c == 0x7F {
          // Outside strings too: the scanner only bracket-counts skipped containers, so a record may hold stray
          // bytes there, and they must not reach a terminal raw either.
          appendEscape(UInt32(c), to: &out)
          i += 1
        } else if c < 0x80 {
          out.append(c)
          i += 1
        } else {
          i += copyScalar(b, at: i, to: &out)
        }
      }
    }
    return out
  }

  /// Copies one UTF-8 sequence, escaping it when unsafe; returns the bytes consumed.
  private static func copyScalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int, to out: inout [UInt8]) -> Int {
    guard let (scalar, length) = decodeUTF8(b, at: i) else {
      appendEscape(0xFFFD, to: &out)
      return 1
    }
    if isUnsafe(scalar) {
      appendEscape(scalar, to: &out)
    } else {
      for k in 0..<length { out.append(b[i + k]) }
    }
    return length
  }

  /// Decodes a well-formed UTF-8 sequence (no overlongs, no surrogates) at `i`.
  static func decodeUTF8(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int)? {
    let c = b[i]
    let length: Int
    var value: UInt32
    switch c {
    case 0xC2...0xDF: (length, value) = (2, UInt32(c & 0x1F))
    case 0xE0...0xEF: (length, value) = (3, UInt32(c & 0x0F))
    case 0xF0...0xF4: (length, value) = (4, UInt32(c & 0x07))
    default: return nil
    }
    guard i + length <= b.count else { return nil }
    for k in 1..<length {
      let next = b[i + k]
      guard next & 0xC0 == 0x80 else { return nil }
      value = value << 6 | UInt32(next & 0x3F)
    }
    let minimum: UInt32 = length == 3 ? 0x800 : (length == 4 ? 0x10000 : 0x80)
    guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
    return (value, length)
  }

  /// Characters a terminal could act on or that hide or reorder text.
  static func isUnsafe(_ v: UInt32) -> Bool {
    (0x80...0x9F).contains(v) || (0x200B...0x200F).contains(v) || (0x2028...0x202E).contains(v)
      || (0x2060...0x2069).contains(v) || v == 0x061C || v == 0xFEFF
  }

  private static func appendEscape(_ v: UInt32, to out: inout [UInt8]) {
    let hex = Array("0123456789abcdef".utf8)
    out.append(contentsOf: [0x5C, 0x75])
    for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((v >> UInt32(shift)) & 0xF)]) }
  }
}
