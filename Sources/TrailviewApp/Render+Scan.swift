import CloudTrailModel
import TerminalUI

/// The question whether a query AWS charges for may run: a box in the middle with what is known and the keys.
func drawScanQuestion(_ grid: inout CellGrid, _ question: ScanQuestion, env: RenderEnvironment) {
  let width = min(grid.width - 4, 78)
  let inner = width - 4
  let lines = wrapWords(DisplayText.sanitize(question.summary), width: inner)
  let shown = Array(lines.prefix(max(1, grid.height - 8)))
  let height = shown.count + 4
  let x = (grid.width - width) / 2
  let y = max(1, (grid.height - height) / 2)
  drawBox(&grid, x: x, y: y, width: width, height: height, title: "Scan in AWS?", env: env)
  closeBox(&grid, x: x, y: y, width: width, height: height, env: env)
  for (i, line) in shown.enumerated() { grid.put(line, x: x + 2, y: y + 1 + i, maxWidth: inner) }
  grid.put(
    "y runs the query · n does not", x: x + 2, y: y + height - 2, maxWidth: inner, style: Style(bold: true))
}

/// `text` in lines of at most `width` columns, broken at spaces (a longer word is cut).
func wrapWords(_ text: String, width: Int) -> [String] {
  var lines: [String] = []
  var line = ""
  for word in text.split(separator: " ") {
    var word = String(word)
    while DisplayWidth.of(word) > width {
      if !line.isEmpty {
        lines.append(line)
        line = ""
      }
      lines.append(String(word.prefix(width)))
      word = String(word.dropFirst(width))
    }
    if line.isEmpty {
      line = word
    } else if DisplayWidth.of(line) + 1 + DisplayWidth.of(word) <= width {
      line += " " + word
    } else {
      lines.append(line)
      line = word
    }
  }
  if !line.isEmpty { lines.append(line) }
  return lines
}
