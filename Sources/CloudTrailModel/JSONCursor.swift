/// A failure to read JSON: the byte offset where it was noticed and why.
struct ScanError: Error {
  /// Byte offset in the scanned buffer.
  var offset: Int
  /// A short reason such as `unterminated string`.
  var reason: String
}

/// A forward-only reader over JSON bytes that locates values without building them.
///
/// Nothing here recurses per nesting level: ``skipContainer()`` bracket-counts while respecting strings, so arbitrarily
/// deep input costs no stack. Skipped values are checked for balanced brackets, valid strings and valid scalars at
/// their own level only (separators inside skipped containers are not validated).
struct JSONCursor {
  let base: UnsafePointer<UInt8>
  let count: Int
  var i: Int
  /// When set, a bit per byte of the buffer marking quotes, backslashes and control bytes, with a stop bit at
  /// `count` (``JSONSpecials``): strings then end at a bit scan instead of a byte loop.
  let specials: UnsafePointer<UInt64>?

  init(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int, specials: UnsafePointer<UInt64>? = nil) {
    // An empty buffer may have no base address; any non-null pointer will do since `count` is 0 and it is never read.
    self.base = buffer.baseAddress ?? UnsafePointer(bitPattern: 0x10)!
    self.count = buffer.count
    self.i = offset
    self.specials = specials
  }

  var atEnd: Bool { i >= count }

  /// The byte at the cursor; call only when not ``atEnd``.
  var byte: UInt8 { base[i] }

  @inline(__always)
  mutating func skipWhitespace() {
    while i < count {
      let b = base[i]
      guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
      i += 1
    }
  }

  func error(_ reason: String) -> ScanError {
    if i >= count { return ScanError(offset: count, reason: "unexpected end of input") }
    return ScanError(offset: i, reason: reason)
  }

  func unexpected() -> ScanError {
    if i >= count { return error("") }
    let hex = String(base[i], radix: 16, uppercase: false)
    return ScanError(offset: i, reason: "unexpected byte 0x\(hex.count == 1 ? "0" + hex : hex)")
  }

  /// Reads a string at the opening quote; leaves the cursor after the closing quote.
  mutating func string() throws(ScanError) -> JSONStringRef {
    let start = i + 1
    var j = start
    var escaped = false
    if let specials {
      // The first marked byte at or after `start` (the stop bit at `count` ends the search): a quote there ends a
      // string without escapes; anything else goes on byte by byte from there.
      var w = j &>> 6
      var word = specials[w] & (~0 &<< UInt64(j & 63))
      while word == 0 {
        w += 1
        word = specials[w]
      }
      j = w &<< 6 + word.trailingZeroBitCount
      if j < count && base[j] == 0x22 {
        i = j + 1
        return JSONStringRef(start: start, end: j, hasEscapes: false)
      }
    }
    while j < count {
      // Eight bytes at a time while none is a quote, a backslash or a control character; then straight to the first
      // one that is (the lowest flagged byte is exact).
      if j + 8 <= count {
        let found = Self.specialBits(UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self))
        if found == 0 {
          j += 8
          continue
        }
        j += found.trailingZeroBitCount >> 3
      }
      let b = base[j]
      if b == 0x22 {
        i = j + 1
        return JSONStringRef(start: start, end: j, hasEscapes: escaped)
      }
      if b == 0x5C {
        escaped = true
        j = try escapeEnd(at: j)
        continue
      }
      if b < 0x20 { throw ScanError(offset: j, reason: "control character in string") }
      j += 1
    }
    throw ScanError(offset: start - 1, reason: "unterminated string")
  }

  /// The high bit of each byte of `w` (little-endian) that may be `"`, `\\` or below 0x20: no such byte is missed,
  /// and the lowest bit set is always one (a borrow can only flag bytes above a true one).
  @inline(__always)
  static func specialBits(_ w: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let quote = w ^ (ones &* 0x22)
    let slash = w ^ (ones &* 0x5C)
    let found = ((quote &- ones) & ~quote) | ((slash &- ones) & ~slash) | ((w &- ones &* 0x20) & ~w)
    return found & (ones &* 0x80)
  }

  /// Validates the escape starting at the backslash at `j`; returns the offset after it.
  private func escapeEnd(at j: Int) throws(ScanError) -> Int {
    guard j + 1 < count else { throw ScanError(offset: j, reason: "unterminated string") }
    switch base[j + 1] {
    case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: return j + 2
    case 0x75:
      guard j + 5 < count else { throw ScanError(offset: j, reason: "unterminated string") }
      for k in (j + 2)...(j + 5) where JSONCursor.hexValue(base[k]) < 0 {
        throw ScanError(offset: j, reason: "invalid \\u escape")
      }
      return j + 6
    default: throw ScanError(offset: j, reason: "invalid escape")
    }
  }

  /// The value of a hex digit, or -1.
  static func hexValue(_ b: UInt8) -> Int {
    switch b {
    case 0x30...0x39: return Int(b - 0x30)
    case 0x41...0x46: return Int(b - 0x41 + 10)
    case 0x61...0x66: return Int(b - 0x61 + 10)
    default: return -1
    }
  }

  /// Reads a string value, or skips any other value and returns ``JSONStringRef/absent``.
  mutating func stringValue() throws(ScanError) -> JSONStringRef {
    if base[i] == 0x22 { return try string() }
    try skipValue()
    return .absent
  }

  /// Skips one value of any kind starting at the cursor.
  mutating func skipValue() throws(ScanError) {
    guard i < count else { throw error("") }
    switch base[i] {
    case 0x22: _ = try string()
    case 0x7B, 0x5B: try skipContainer()
    case 0x74: try literal("true")
    case 0x66: try literal("false")
    case 0x6E: try literal("null")
    case 0x2D, 0x30...0x39: try number()
    default: throw unexpected()
    }
  }

  /// Skips `true`, `false` or `null`.
  mutating func literal(_ word: StaticString) throws(ScanError) {
    let n = word.utf8CodeUnitCount
    let w = word.utf8Start
    for k in 0..<n where i + k >= count || base[i + k] != w[k] {
      i += k
      throw i >= count ? error("") : ScanError(offset: i, reason: "invalid literal")
    }
    i += n
  }

  /// Skips a number, checking the JSON number grammar.
  mutating func number() throws(ScanError) {
    if base[i] == 0x2D { i += 1 }
    guard i < count, isDigit(base[i]) else { throw error("invalid number") }
    if base[i] == 0x30 { i += 1 } else { skipDigits() }
    if i < count && base[i] == 0x2E {
      i += 1
      guard i < count, isDigit(base[i]) else { throw error("invalid number") }
      skipDigits()
    }
    if i < count && (base[i] == 0x65 || base[i] == 0x45) {
      i += 1
      if i < count && (base[i] == 0x2B || base[i] == 0x2D) { i += 1 }
      guard i < count, isDigit(base[i]) else { throw error("invalid number") }
      skipDigits()
    }
  }

  private func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

  private mutating func skipDigits() {
    while i < count && isDigit(base[i]) { i += 1 }
  }

  /// Skips an object or array by counting brackets; the first 64 levels are also checked for matching kinds.
  mutating func skipContainer() throws(ScanError) {
    var depth = 0
    var kinds: UInt64 = 0  // bit set = object at that depth
    while i < count {
      let b = base[i]
      if b == 0x22 {
        _ = try string()
        continue
      }
      if b == 0x7B || b == 0x5B {
        if depth < 64 && b == 0x7B { kinds |= 1 << UInt64(depth) } else if depth < 64 { kinds &= ~(1 << UInt64(depth)) }
        depth += 1
      } else if b == 0x7D || b == 0x5D {
        depth -= 1
        if depth < 64 && ((kinds >> UInt64(depth)) & 1 == 1) != (b == 0x7D) {
          throw ScanError(offset: i, reason: "mismatched bracket")
        }
        if depth == 0 {
          i += 1
          return
        }
      }
      i += 1
    }
    throw error("")
  }
}
