import CloudTrailModel
import EventStore
import TerminalUI

func drawPrompt(
  _ grid: inout CellGrid, _ state: AppState, _ prompt: PromptState, layout: Layout, env: RenderEnvironment
) {
  let y = layout.status.y
  let style = env.theme.titleFocused
  grid.fill(x: 0, y: y, width: grid.width, height: 1, with: Cell(" ", style: style))
  var col = grid.put(" \(prompt.kind.label): ", x: 0, y: y, style: style)
  col += drawText(&grid, prompt.text, x: col, y: y, width: grid.width / 2, style: style, env: env)
  grid.put(env.ascii ? "_" : "▏", x: col, y: y, style: style)
  let hint: String
  switch prompt.kind {
  case .search: hint = "Enter apply · Esc cancel · empty clears "
  case .predicate: hint = "Enter apply · ↓↑ choose · Tab complete · Esc cancel "
  case .user, .eventName: hint = "Enter apply · ↓↑ choose · Tab complete · * wildcard · empty clears "
  }
  if grid.width - col > hint.count + 4 { grid.put(hint, x: grid.width - hint.count, y: y, style: style) }
  let offered = suggestions(for: prompt)
  guard !offered.isEmpty else { return }
  let counts = offered.map { $0.count.map(formatCount) ?? "" }
  let countWidth = counts.map(\.count).max() ?? 0
  let valueWidth = offered.map { DisplayWidth.of(DisplayText.sanitize($0.text)) }.max() ?? 0
  let width = min(grid.width - 2, max(24, valueWidth + countWidth + 4))
  let top = y - offered.count - 1
  drawBox(&grid, x: 0, y: top, width: width + 2, height: offered.count + 1, title: "matches", env: env)
  for (i, suggestion) in offered.enumerated() {
    let selected = i == prompt.highlighted
    let rowStyle = selected ? env.theme.selected : Style.plain
    grid.fill(x: 1, y: top + 1 + i, width: width, height: 1, with: Cell(" ", style: rowStyle))
    drawCell(&grid, suggestion.text, x: 2, y: top + 1 + i, width: width - countWidth - 3, style: rowStyle, env: env)
    var countStyle = selected ? rowStyle : env.theme.muted
    countStyle.reverse = selected
    grid.put(counts[i], x: 1 + width - counts[i].count - 1, y: top + 1 + i, style: countStyle)
  }
}

/// Clears a rectangle and draws a frame with a title on its top edge (no bottom edge when it sits on the status).
func drawBox(_ grid: inout CellGrid, x: Int, y: Int, width: Int, height: Int, title: String, env: RenderEnvironment) {
  grid.fill(x: x, y: y, width: width, height: height)
  let h = env.ascii ? "-" : "─"
  let v = env.ascii ? "|" : "│"
  for col in x..<(x + width) { grid.put(h, x: col, y: y, style: env.theme.border) }
  for row in (y + 1)..<(y + height) {
    grid.put(v, x: x, y: row, style: env.theme.border)
    grid.put(v, x: x + width - 1, y: row, style: env.theme.border)
  }
  grid.put(env.ascii ? "+" : "┌", x: x, y: y, style: env.theme.border)
  grid.put(env.ascii ? "+" : "┐", x: x + width - 1, y: y, style: env.theme.border)
  grid.put(" \(title) ", x: x + 2, y: y, maxWidth: width - 4, style: Style(bold: true))
}

/// Rows of text a framed overlay shows at terminal height `height`.
func framedRows(height: Int) -> Int { max(1, height - 5) }

/// Draws a centred frame with `lines` (key column, text, style) from line `scroll` on.
func drawFramed(
  _ grid: inout CellGrid, title: String, lines: [(String, String, Style)], scroll: Int, env: RenderEnvironment
) {
  let keyWidth = min(24, (lines.map { $0.0.count }.max() ?? 0))
  let width = min(grid.width - 4, max(40, keyWidth + 3 + (lines.map { $0.1.count }.max() ?? 0) + 4))
  let rows = min(framedRows(height: grid.height), lines.count)
  let height = rows + 3
  let x = (grid.width - width) / 2
  let y = (grid.height - height) / 2
  drawBox(&grid, x: x, y: y, width: width, height: height, title: title, env: env)
  let h = env.ascii ? "-" : "─"
  for col in x..<(x + width) { grid.put(h, x: col, y: y + height - 1, style: env.theme.border) }
  grid.put(env.ascii ? "+" : "└", x: x, y: y + height - 1, style: env.theme.border)
  grid.put(env.ascii ? "+" : "┘", x: x + width - 1, y: y + height - 1, style: env.theme.border)
  let first = max(0, min(scroll, lines.count - rows))
  for (i, line) in lines[first..<(first + rows)].enumerated() {
    let row = y + 1 + i
    grid.put(line.0, x: x + 2, y: row, maxWidth: keyWidth, style: Style(bold: true))
    drawCell(&grid, line.1, x: x + 3 + keyWidth, y: row, width: width - keyWidth - 5, style: line.2, env: env)
  }
  var footer = "Esc closes"
  if lines.count > rows {
    footer = "lines \(first + 1)-\(first + rows) of \(lines.count) · ↑↓ PgUp PgDn scroll · " + footer
  }
  if env.ascii { footer = footer.replacingOccurrences(of: "↑↓", with: "up/down") }
  grid.put(footer, x: x + 2, y: y + height - 2, maxWidth: width - 4, style: env.theme.muted)
}

/// The help's lines for the dashboard under `state`: every scope that applies there, each with a title line.
func helpLines(for state: AppState) -> [(String, String, Style)] {
  var lines: [(String, String, Style)] = []
  for scope in AppKeys.keymap.scopes where !["help", "problems"].contains(scope) {
    let bindings = AppKeys.keymap.helpLines(scope: scope)
    guard !bindings.isEmpty else { continue }
    lines.append(("", AppKeys.scopeTitles[scope] ?? scope, Style(bold: true, underline: true)))
    lines += bindings.map { ($0.keys, $0.help, Style.plain) }
  }
  lines.append(("", "Regions", Style(bold: true, underline: true)))
  lines += regionNotes.map { ("", $0, Style.plain) }
  return lines
}

/// What the help says about regions, after the keys.
let regionNotes = [
  "Event History answers for one region at a time: --region a,b (or repeated, or all) reads several at once.",
  "Global services record their events in us-east-1: IAM, CloudFront, Route 53, STS's global endpoint.",
  "CloudTrail delivers events to Event History about 5 minutes after the call.",
]

func drawHelp(_ grid: inout CellGrid, _ state: AppState, scroll: Int, env: RenderEnvironment) {
  drawFramed(&grid, title: "Keys", lines: helpLines(for: state), scroll: scroll, env: env)
}

func drawProblems(_ grid: inout CellGrid, _ state: AppState, scroll: Int, env: RenderEnvironment) {
  let problems = state.snapshot.progress.problems
  let lines: [(String, String, Style)] =
    problems.isEmpty
    ? [("", "No problems: every input was read.", Style.plain)]
    : problems.map { ("", "\($0.source): \($0.reason)", env.theme.error) }
  drawFramed(&grid, title: "Problems (\(problems.count))", lines: lines, scroll: scroll, env: env)
}
