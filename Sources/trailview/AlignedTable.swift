import CloudTrailModel
import TerminalUI

/// Aligned text columns for print mode's tables: each column as wide as its title or its widest cell up to a cap,
/// longer cells cut with "…", measured in display columns. Rows are measured first and written after, so a caller
/// can make its cells twice rather than hold them all.
struct AlignedTable {
  /// Each column's width so far.
  private(set) var widths: [Int]
  private let caps: [Int]
  private let separator: String
  private let rightAligned: Set<Int>

  /// A table with `titles` (shown as they are), columns no wider than `caps` (unless the title is),
  /// `separator` between columns, and the columns at `rightAligned` (numbers) aligned right.
  init(titles: [String], caps: [Int], separator: String, rightAligned: Set<Int> = []) {
    widths = titles.map { DisplayWidth.of($0) }
    self.caps = caps
    self.separator = separator
    self.rightAligned = rightAligned
  }

  /// Widens the columns for one row; every cell already sanitized (``DisplayText/sanitize(_:)``).
  mutating func measure(_ cells: [String]) {
    for (i, cell) in cells.enumerated() { widths[i] = max(widths[i], min(caps[i], DisplayWidth.of(cell))) }
  }

  /// One row as a line (sanitized cells), padded to the widths, without trailing spaces, ending in a newline.
  func line(_ cells: [String]) -> String {
    var parts: [String] = []
    for (i, (cell, width)) in zip(cells, widths).enumerated() {
      let clipped = Self.clip(cell, to: width)
      let padding = String(repeating: " ", count: max(0, width - DisplayWidth.of(clipped)))
      parts.append(rightAligned.contains(i) ? padding + clipped : clipped + padding)
    }
    return parts.joined(separator: separator).trimmingTrailingSpaces() + "\n"
  }

  /// `text` cut to `width` columns, ending in "…" when it was longer.
  static func clip(_ text: String, to width: Int) -> String {
    guard DisplayWidth.of(text) > width else { return text }
    var out = ""
    var used = 0
    for character in text {
      let w = DisplayWidth.of(character)
      if used + w > width - 1 { break }
      out.append(character)
      used += w
    }
    return out + "…"
  }
}

extension String {
  /// The string without the spaces at its end.
  func trimmingTrailingSpaces() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
