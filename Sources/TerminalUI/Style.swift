/// A terminal colour: the terminal's default, or one of the eight ANSI colours (bright variants via ``Style/bold``).
public enum Color: UInt8, Sendable, Hashable, CaseIterable {
  /// The terminal's own foreground or background.
  case `default`
  /// ANSI black.
  case black
  /// ANSI red.
  case red
  /// ANSI green.
  case green
  /// ANSI yellow.
  case yellow
  /// ANSI blue.
  case blue
  /// ANSI magenta.
  case magenta
  /// ANSI cyan.
  case cyan
  /// ANSI white.
  case white
}

/// How a cell is drawn: colours and attributes.
public struct Style: Sendable, Hashable {
  /// Foreground colour.
  public var fg: Color
  /// Background colour.
  public var bg: Color
  /// Bold.
  public var bold: Bool
  /// Reverse video (used for selection so that it shows without colours).
  public var reverse: Bool
  /// Underline.
  public var underline: Bool
  /// Dim.
  public var dim: Bool

  /// Creates a style.
  public init(
    fg: Color = .default, bg: Color = .default, bold: Bool = false, reverse: Bool = false,
    underline: Bool = false, dim: Bool = false
  ) {
    self.fg = fg
    self.bg = bg
    self.bold = bold
    self.reverse = reverse
    self.underline = underline
    self.dim = dim
  }

  /// The terminal's default look.
  public static let plain = Style()
}
