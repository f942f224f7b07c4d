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
  /// The JSON path of the member or element the line shows (`userIdentity.arn`, `resources[].ARN`); a wrapped
  /// value's continuation lines carry it too. Nil for closing brackets and error lines.
  public var path: String?
  /// The line's value when it is a scalar: a string decoded (raw, not sanitized), a number or literal as written.
  public var value: String?

  /// Creates a line.
  public init(indent: Int, spans: [PrettySpan], path: String? = nil, value: String? = nil) {
    self.indent = indent
    self.spans = spans
    self.path = path
    self.value = value
  }
}

/// Pretty-prints raw JSON bytes into display-safe, coloured, wrapped lines.
///
/// Layout: 2-space indent (capped at half the width), one member or element per line, `{}`/`[]` for empty containers, `"key": value`. String
/// contents are decoded and then sanitized with ``DisplayText/spans(_:)`` (tokens get kind ``PrettyKind/token``).
/// Text that would pass `width` columns continues on a new line indented 2 more than the line its member started on,
/// broken after a space, `/`, `,`, `:`, `;`, `-`, `&`, `?` or `=` (or beside a token) when the run of text from there
/// fits on that line, else at a character; tokens move whole when they fit. Columns: 2 for East Asian wide
/// characters, else 1 per character. Reading is iterative; on invalid JSON the lines parsed so far are kept, followed
/// by lines showing the sanitized raw remainder (at most ``maxRemainder`` bytes) as ``PrettyKind/token`` spans for
/// tokens and ``PrettyKind/string`` otherwise.
public enum JSONPretty {
  /// The most bytes of unparsable remainder shown.
  public static let maxRemainder = 4096

  /// Pretty-prints `bytes`, wrapping long strings so that no line is wider than `width` columns.
  ///
  /// Byte offsets in error lines count from the start of `bytes`.
  public static func lines(_ bytes: ArraySlice<UInt8>, width: Int) -> [PrettyLine] {
    var printer = PrettyPrinter(width: width)
    bytes.withUnsafeBufferPointer { printer.run($0) }
    return printer.finish()
  }
}
