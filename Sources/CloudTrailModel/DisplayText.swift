/// A run of display-safe text; `isToken` marks a visible stand-in for a character that could not be shown raw.
public struct DisplaySpan: Sendable, Equatable {
  /// The display-safe text.
  public var text: String
  /// True when this span replaces a control, invisible or invalid character.
  public var isToken: Bool

  /// Creates a span.
  public init(text: String, isToken: Bool) {
    self.text = text
    self.isToken = isToken
  }
}

/// The one sanitizer: every string from data passes through here before it reaches a screen or a terminal.
///
/// Replacements (each a visible token):
/// - C0 controls U+0000–U+001F: `\t`, `\n`, `\r` for tab, line feed and carriage return, otherwise `\x1b` style
///   (two lowercase hex digits); DEL → `\x7f`.
/// - C1 controls U+0080–U+009F → `\u009b` style.
/// - Bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), zero-width and invisible characters
///   (U+200B–U+200D, U+2060, U+FEFF) and the line/paragraph separators U+2028, U+2029 → `<U+202E>` style.
/// - Invalid UTF-8 bytes (``sanitize(bytes:)`` only) → `\xff` style, one token per byte.
/// - More than 4 combining marks on one base character: the extra marks are dropped and replaced by one `<+N marks>`
///   token, so a combining flood cannot overflow a cell.
///
/// Adjacent tokens are merged into one token span.
public enum DisplayText {
  /// The most combining marks kept on one base character.
  public static let maxCombiningMarks = 4

  /// Returns `text` with every control, bidi, invisible or separator character replaced by a visible token.
  public static func sanitize(_ text: String) -> String {
    if isPlainASCII(text.utf8) { return text }
    return join(spans(text))
  }

  /// Like ``sanitize(_:)`` but returns spans so that tokens can be highlighted.
  public static func spans(_ text: String) -> [DisplaySpan] {
    if isPlainASCII(text.utf8) { return text.isEmpty ? [] : [DisplaySpan(text: text, isToken: false)] }
    var builder = SpanBuilder()
    for scalar in text.unicodeScalars { builder.add(scalar) }
    return builder.finish()
  }

  /// Decodes bytes as UTF-8 (invalid sequences become tokens) and sanitizes the result.
  public static func sanitize<C: Collection>(bytes: C) -> String where C.Element == UInt8 {
    join(spans(bytes: bytes))
  }

  /// Like ``sanitize(bytes:)`` but returns spans so that tokens can be highlighted.
  public static func spans<C: Collection>(bytes: C) -> [DisplaySpan] where C.Element == UInt8 {
    if isPlainASCII(bytes) {
      return bytes.isEmpty ? [] : [DisplaySpan(text: String(decoding: bytes, as: UTF8.self), isToken: false)]
    }
    var builder = SpanBuilder()
    let array = Array(bytes)
    var j = 0
    while j < array.count {
      if let (scalar, length) = UTF8Validation.scalar(in: array, at: j) {
        builder.add(scalar)
        j += length
      } else {
        builder.addToken(hexToken(array[j]))
        j += 1
      }
    }
    return builder.finish()
  }

  private static func isPlainASCII<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    for b in bytes where b < 0x20 || b >= 0x7F { return false }
    return true
  }

  private static func join(_ spans: [DisplaySpan]) -> String {
    var out = ""
    for span in spans { out += span.text }
    return out
  }

  /// The token for a scalar that must not be shown raw, or nil when it may be shown.
  static func token(for scalar: Unicode.Scalar) -> String? {
    let v = scalar.value
    switch v {
    case 0x09: return "\\t"
    case 0x0A: return "\\n"
    case 0x0D: return "\\r"
    case 0x00..<0x20, 0x7F: return hexToken(UInt8(v))
    case 0x80...0x9F: return "\\u00" + hex2(UInt8(v))
    case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x200B...0x200D, 0x2060, 0xFEFF, 0x2028, 0x2029:
      return "<U+" + String(v, radix: 16, uppercase: true) + ">"
    default: return nil
    }
  }

  static func hexToken(_ b: UInt8) -> String { "\\x" + hex2(b) }

  private static func hex2(_ b: UInt8) -> String {
    let s = String(b, radix: 16, uppercase: false)
    return s.count == 1 ? "0" + s : s
  }
}
