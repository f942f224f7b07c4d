import CloudTrailModel
import EventStore
import TerminalUI

/// The compare screen over the dashboard's body.
func drawCompare(_ grid: inout CellGrid, _ state: AppState, _ compare: CompareState, env: RenderEnvironment) {
  let x = 0
  let y = 1
  let width = grid.width
  let height = grid.height - 2
  let title = compare.mode == .diff ? "Compare: \(compare.diff.count) differences" : "Compare side by side"
  drawBox(&grid, x: x, y: y, width: width, height: height, title: title, env: env)
  closeBox(&grid, x: x, y: y, width: width, height: height, env: env)
  let half = (width - 3) / 2
  let left = state.snapshot.event(row: compare.left)
  let right = state.snapshot.event(row: compare.right)
  drawCell(
    &grid, "selected: " + oneLine(left, state, env), x: x + 2, y: y + 1, width: half - 1, style: Style(bold: true),
    env: env)
  drawCell(
    &grid, "marked: " + oneLine(right, state, env), x: x + 2 + half, y: y + 1, width: half - 1,
    style: Style(bold: true),
    env: env)
  let rows = max(1, height - 4)
  let footer = "Tab diff / side by side · ↑↓ scroll · Esc close"
  grid.put(
    env.ascii ? footer.replacingOccurrences(of: "↑↓", with: "up/down") : footer, x: x + 2, y: y + height - 2,
    maxWidth: width - 4, style: env.theme.muted)
  switch compare.mode {
  case .diff:
    guard !compare.diff.isEmpty else {
      grid.put("The two records are the same.", x: x + 2, y: y + 2, style: env.theme.muted)
      return
    }
    let first = min(compare.scroll, max(0, compare.diff.count - rows))
    for (line, entry) in compare.diff.dropFirst(first).prefix(rows).enumerated() {
      let row = y + 2 + line
      drawCell(&grid, entry.path, x: x + 2, y: row, width: half / 2 - 1, style: env.theme.jsonKey, env: env)
      let valueX = x + 2 + half / 2
      let valueWidth = (width - valueX - 2) / 2
      drawCell(
        &grid, entry.left ?? "(absent)", x: valueX, y: row, width: valueWidth - 1,
        style: entry.left == nil ? env.theme.muted : env.theme.error, env: env)
      drawCell(
        &grid, entry.right ?? "(absent)", x: valueX + valueWidth, y: row, width: valueWidth - 1,
        style: entry.right == nil ? env.theme.muted : env.theme.good, env: env)
    }
  case .sideBySide:
    let changed = Set(compare.diff.map(\.path))
    let a = JSONPretty.lines(state.snapshot.record(row: compare.left), width: half - 2)
    let b = JSONPretty.lines(state.snapshot.record(row: compare.right), width: half - 2)
    let first = min(compare.scroll, max(0, max(a.count, b.count) - rows))
    for (lines, offset) in [(a, 1), (b, 1 + half + 1)] {
      for (line, pretty) in lines.dropFirst(first).prefix(rows).enumerated() {
        let row = y + 2 + line
        drawPrettyLine(&grid, pretty, x: x + offset, y: row, width: half - 1, needle: nil, env: env)
        if let path = pretty.path, pretty.value != nil, differs(path, changed) {
          grid.restyle(x: x + offset, y: row, width: half - 1, height: 1) { $0.reverse = true }
        }
      }
    }
  }
}

/// True when the pretty line at `path` (with `[]` for array elements) is one of the changed leaves.
private func differs(_ path: String, _ changed: Set<String>) -> Bool {
  if changed.contains(path) { return true }
  guard path.contains("[]") else { return false }
  // Side-by-side lines name array elements without their index; flag them when any element differs.
  let prefix = path.firstRange(of: "[]").map { String(path[..<$0.lowerBound]) } ?? path
  return changed.contains { $0.hasPrefix(prefix + "[") }
}

/// Who did what, when: the header line of each side.
private func oneLine(_ event: EventSummary, _ state: AppState, _ env: RenderEnvironment) -> String {
  "\(event.user) \(event.eventName) \(formatTime(event.time, state: state, env: env))"
}
