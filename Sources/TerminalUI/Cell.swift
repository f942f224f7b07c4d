/// One screen cell: a grapheme (or "" when covered by the wide grapheme to its left) and its style.
public struct Cell: Sendable, Equatable {
  /// The text shown in this cell: one grapheme of width 1 or 2, a space, or "" for a wide grapheme's second half.
  public var text: String
  /// The style.
  public var style: Style

  /// Creates a cell.
  public init(_ text: String = " ", style: Style = .plain) {
    self.text = text
    self.style = style
  }

  /// A blank cell in the default style.
  public static let blank = Cell()
}
