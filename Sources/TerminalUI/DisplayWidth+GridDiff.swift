// Lives in a DisplayWidth+ file only because of this worktree's file-name rules; it belongs in CellGrid+Diff.swift.

/// One cell the backend must write: a grapheme of width 1 or 2 (never "") and its style.
public struct CellChange: Sendable, Equatable {
  /// Column.
  public var x: Int
  /// Row.
  public var y: Int
  /// The grapheme to draw at (`x`, `y`); a wide one also covers `x + 1`.
  public var text: String
  /// The style.
  public var style: Style

  /// Creates a change.
  public init(x: Int, y: Int, text: String, style: Style) {
    self.x = x
    self.y = y
    self.text = text
    self.style = style
  }
}

extension CellGrid {
  /// The cells to write to turn a screen showing `previous` into one showing this grid, in row-major order.
  ///
  /// Every cell when `previous` is nil or has another size. Continuation cells ("") are never returned: the
  /// wide grapheme to their left covers them. Inconsistent cells are repaired into spaces, so the screen never
  /// drifts from the grid: a wide grapheme without a continuation cell after it, a continuation cell without a
  /// wide grapheme before it, and zero-width or empty text. When a continuation cell changes, its wide
  /// grapheme is written again, and a cell next to a wide grapheme that appeared or went away is written again.
  public func changes(since previous: CellGrid?) -> [CellChange] {
    guard let previous, previous.width == width, previous.height == height else {
      return (0..<height).flatMap { y in (0..<width).compactMap { x in drawable(x: x, y: y) } }
    }
    var result: [CellChange] = []
    var marked = [Bool](repeating: false, count: width)
    for y in 0..<height {
      for x in 0..<width where cells[y * width + x] != previous.cells[y * width + x] {
        marked[x] = true
        let wideBefore = x > 0 && (cellWidth(x: x - 1, y: y) == 2 || previous.cellWidth(x: x - 1, y: y) == 2)
        if wideBefore { marked[x - 1] = true }
        let wideHere = cellWidth(x: x, y: y) == 2 || previous.cellWidth(x: x, y: y) == 2
        if wideHere, x + 1 < width { marked[x + 1] = true }
      }
      for x in 0..<width where marked[x] {
        marked[x] = false
        if let change = drawable(x: x, y: y) { result.append(change) }
      }
    }
    return result
  }

  /// What to draw at (`x`, `y`): nil for a continuation cell covered by the wide grapheme before it.
  func drawable(x: Int, y: Int) -> CellChange? {
    let cell = self[x, y]
    let width = cellWidth(x: x, y: y)
    if cell.text.isEmpty, x > 0, cellWidth(x: x - 1, y: y) == 2 { return nil }
    let text = width == 0 ? " " : cell.text
    return CellChange(x: x, y: y, text: text, style: cell.style)
  }

  /// The columns the cell at (`x`, `y`) really takes: 2 only for a single wide grapheme followed by a
  /// continuation cell; 1 for a single narrow grapheme; 0 for anything to be drawn as a space instead.
  func cellWidth(x: Int, y: Int) -> Int {
    let text = self[x, y].text
    guard let first = text.first, text.index(after: text.startIndex) == text.endIndex else { return 0 }
    let w = DisplayWidth.of(first)
    if w == 2 { return x + 1 < self.width && self[x + 1, y].text.isEmpty ? 2 : 0 }
    return w
  }
}
