extension JSONCursor {
  /// Advances to the next member of the object whose `{` was consumed; returns its key with the cursor on the value,
  /// or nil after consuming the closing `}`.
  mutating func nextKey(_ first: inout Bool) throws(ScanError) -> JSONStringRef? {
    skipWhitespace()
    guard i < count else { throw error("") }
    if first {
      first = false
      if base[i] == 0x7D {
        i += 1
        return nil
      }
    } else if base[i] == 0x2C {
      i += 1
      skipWhitespace()
      guard i < count else { throw error("") }
    } else if base[i] == 0x7D {
      i += 1
      return nil
    } else {
      throw error("expected ',' or '}'")
    }
    guard base[i] == 0x22 else { throw error("expected object key") }
    let key = try string()
    skipWhitespace()
    guard i < count, base[i] == 0x3A else { throw error("expected ':'") }
    i += 1
    skipWhitespace()
    guard i < count else { throw error("") }
    return key
  }

  /// Advances to the next element of the array whose `[` was consumed; returns true with the cursor on the element,
  /// or false after consuming the closing `]`.
  mutating func nextElement(_ first: inout Bool) throws(ScanError) -> Bool {
    skipWhitespace()
    guard i < count else { throw error("") }
    if first {
      first = false
      if base[i] == 0x5D {
        i += 1
        return false
      }
    } else if base[i] == 0x2C {
      i += 1
      skipWhitespace()
      guard i < count else { throw error("") }
    } else if base[i] == 0x5D {
      i += 1
      return false
    } else {
      throw error("expected ',' or ']'")
    }
    return true
  }

  /// True when the string's raw bytes equal `name` (so a key or value written with escapes never matches).
  func keyIs(_ key: JSONStringRef, _ name: StaticString) -> Bool {
    let n = name.utf8CodeUnitCount
    guard key.end - key.start == n else { return false }
    let s = name.utf8Start
    let k = base + key.start
    for j in 0..<n where k[j] != s[j] { return false }
    return true
  }
}
