/// A rectangle of cells that screens render into; the backend diffs successive grids.
public struct CellGrid: Sendable, Equatable {
  /// Width in columns.
  public private(set) var width: Int
  /// Height in rows.
  public private(set) var height: Int
  /// Row-major cells.
  public private(set) var cells: [Cell]

  /// Creates a blank grid.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.cells = Array(repeating: .blank, count: self.width * self.height)
  }

  /// The cell at column `x`, row `y`.
  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set {
      guard x >= 0, y >= 0, x < width, y < height else { return }
      cells[y * width + x] = newValue
    }
  }

  /// Fills a rectangle with `cell`.
  public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, with cell: Cell = .blank) {
    let x0 = max(0, x)
    let y0 = max(0, y)
    let x1 = min(width, x + w)
    let y1 = min(height, y + h)
    guard x0 < x1, y0 < y1 else { return }
    for row in y0..<y1 {
      for col in x0..<x1 { cells[row * width + col] = cell }
    }
  }

  /// Sets the style of a rectangle, keeping its text.
  public mutating func restyle(x: Int, y: Int, width w: Int, height h: Int, _ transform: (inout Style) -> Void) {
    let x0 = max(0, x)
    let y0 = max(0, y)
    let x1 = min(width, x + w)
    let y1 = min(height, y + h)
    guard x0 < x1, y0 < y1 else { return }
    for row in y0..<y1 {
      for col in x0..<x1 { transform(&cells[row * width + col].style) }
    }
  }

  /// Writes `text` at (`x`, `y`), clipped to `maxWidth` columns and to the grid. Returns the columns written.
  ///
  /// Text must already be display-safe (sanitized); control characters here are drawn as nothing.
  /// A wide grapheme that would not fit at the edge is replaced by a space.
  @discardableResult
  public mutating func put(_ text: some StringProtocol, x: Int, y: Int, maxWidth: Int = .max, style: Style = .plain)
    -> Int
  {
    guard y >= 0, y < height else { return 0 }
    let limit = maxWidth >= width - x ? width : x + maxWidth
    var col = x
    for character in text {
      let w = DisplayWidth.of(character)
      if w == 0 { continue }
      if col + w > limit {
        if w == 2, col < limit, col >= 0 {
          set(col, y, Cell(" ", style: style))
          col += 1
        }
        break
      }
      if col >= 0 {
        set(col, y, Cell(String(character), style: style))
        if w == 2, col + 1 < width { set(col + 1, y, Cell("", style: style)) }
      }
      col += w
    }
    return max(0, col - x)
  }

  /// Writes one cell, blanking the other half of any wide grapheme it overwrites so that none is left orphaned.
  private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
    let i = y * width + x
    if cells[i].text.isEmpty, x > 0, cell.text != "" { cells[i - 1].text = " " }
    if x + 1 < width, cells[i + 1].text.isEmpty, !cells[i].text.isEmpty { cells[i + 1].text = " " }
    cells[i] = cell
  }

  /// The grid as plain text lines (trailing spaces kept), for snapshot tests.
  public var lines: [String] {
    (0..<height).map { row in
      var line = ""
      for col in 0..<width { line += cells[row * width + col].text }
      return line
    }
  }
}
