/// Strict UTF-8 decoding of one scalar at a time (rejects overlong forms, surrogates and values above U+10FFFF).
enum UTF8Validation {
  /// The scalar starting at `j` and its length in bytes, or nil when the bytes there are not valid UTF-8.
  static func scalar(in bytes: [UInt8], at j: Int) -> (Unicode.Scalar, Int)? {
    let b0 = bytes[j]
    if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
    let length: Int
    var value: UInt32
    switch b0 {
    case 0xC2...0xDF: (length, value) = (2, UInt32(b0 & 0x1F))
    case 0xE0...0xEF: (length, value) = (3, UInt32(b0 & 0x0F))
    case 0xF0...0xF4: (length, value) = (4, UInt32(b0 & 0x07))
    default: return nil
    }
    guard j + length <= bytes.count else { return nil }
    for k in 1..<length {
      let b = bytes[j + k]
      guard b & 0xC0 == 0x80 else { return nil }
      value = value << 6 | UInt32(b & 0x3F)
    }
    let minimum: UInt32 = length == 3 ? 0x800 : (length == 4 ? 0x10000 : 0x80)
    guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
  }
}
