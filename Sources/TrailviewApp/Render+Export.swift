import CloudTrailModel
import EventStore
import TerminalUI

/// The export screen, a box in the middle of the dashboard.
func drawExport(_ grid: inout CellGrid, _ state: AppState, _ export: ExportState, env: RenderEnvironment) {
  let width = min(grid.width - 4, 76)
  let height = 9
  let x = (grid.width - width) / 2
  let y = max(1, (grid.height - height) / 2)
  drawBox(&grid, x: x, y: y, width: width, height: height, title: "Export", env: env)
  closeBox(&grid, x: x, y: y, width: width, height: height, env: env)
  let inner = width - 4
  let events = export.markedOnly ? state.marked.count : state.snapshot.count
  let which = export.markedOnly ? "marked events" : "events shown (the current filter)"
  grid.put("File:", x: x + 2, y: y + 2, style: Style(bold: true))
  let col = x + 9
  drawCell(&grid, export.path, x: col, y: y + 2, width: inner - 8, style: env.theme.titleFocused, env: env)
  if export.phase == .editing {
    let shown = min(inner - 9, DisplayWidth.of(DisplayText.sanitize(export.path)))
    grid.put(env.ascii ? "_" : "▏", x: col + shown, y: y + 2, style: env.theme.titleFocused)
  }
  grid.put("Format: \(export.format.rawValue)   (Tab: ndjson, json, csv)", x: x + 2, y: y + 3, maxWidth: inner)
  grid.put("Events: \(formatCount(events)) \(which)   (Shift-Tab)", x: x + 2, y: y + 4, maxWidth: inner)
  let line: String
  var style = env.theme.muted
  switch export.phase {
  case .editing: line = "Enter writes · Esc cancels"
  case .confirmOverwrite:
    line = "The file exists. Replace it? y replaces, any other key goes back"
    style = env.theme.alarm
  case .writing(let done, let total):
    let percent = total > 0 ? done * 100 / total : 100
    line = "Writing… \(formatCount(done)) / \(formatCount(total)) events (\(percent)%)"
    style = Style(bold: true)
  case .finished(let message, let failed):
    line = message + " · any key closes"
    style = failed ? env.theme.error : env.theme.good
  }
  drawCell(&grid, line, x: x + 2, y: y + 6, width: inner, style: style, env: env)
}
