import EventStore
import TerminalUI

/// A table column: its title and width for the current screen.
struct TableColumn {
  var title: String
  var width: Int
}

/// Column widths for the events table at `width`: fixed time and marker columns; the rest start at a minimum
/// (a full IPv4 address, a typical region) and share what is left by weight, up to a cap.
func tableColumns(width: Int) -> [TableColumn] {
  let timeWidth = width >= 120 ? 19 : 14
  // (title, minimum, weight, cap)
  let flex: [(String, Int, Int, Int)] = [
    ("Event", 11, 5, 40), ("User", 10, 5, 40), ("Source", 5, 2, 24), ("Source IP", 15, 1, 39),
    ("Region", 9, 1, 14), ("Error", 6, 3, 36),
  ]
  let separators = flex.count + 1
  var widths = flex.map { $0.1 }
  var room = max(0, width - timeWidth - 2 - separators - widths.reduce(0, +))
  while room > 0 {
    let open = flex.indices.filter { widths[$0] < flex[$0].3 }
    guard !open.isEmpty else { break }
    let weight = open.reduce(0) { $0 + flex[$1].2 }
    var given = 0
    for i in open {
      let share = min(flex[i].3 - widths[i], max(1, room * flex[i].2 / weight), room - given)
      widths[i] += share
      given += share
    }
    room -= given
    if given == 0 { break }
  }
  var columns = [TableColumn(title: "Time", width: timeWidth), TableColumn(title: "RW", width: 2)]
  for (i, column) in flex.enumerated() { columns.append(TableColumn(title: column.0, width: widths[i])) }
  return columns
}

/// `iam.amazonaws.com` → `iam`.
func shortSource(_ source: String) -> String {
  source.hasSuffix(".amazonaws.com") ? String(source.dropLast(14)) : source
}

func drawTable(_ grid: inout CellGrid, _ state: AppState, _ rect: Layout.Rect, env: RenderEnvironment) {
  let title = "Events" + (state.localTime ? " (local time)" : " (UTC)")
  drawTitle(&grid, title, rect, focused: state.focus == .table, env: env)
  let columns = tableColumns(width: rect.width)
  var x = rect.x
  for column in columns {
    grid.fill(x: x, y: rect.y + 1, width: column.width, height: 1, with: Cell(" ", style: env.theme.columnHeader))
    grid.put(column.title, x: x, y: rect.y + 1, maxWidth: column.width, style: env.theme.columnHeader)
    x += column.width + 1
  }
  let rows = max(0, rect.height - 2)
  let snapshot = state.snapshot
  if snapshot.count == 0 {
    let text = snapshot.progress.finished ? "No events match." : "Loading…"
    grid.put(
      env.ascii ? text.replacingOccurrences(of: "…", with: "...") : text, x: 2, y: rect.y + 3, style: env.theme.muted)
    return
  }
  for line in 0..<rows {
    let index = state.top + line
    guard index < snapshot.count else { break }
    drawRow(
      &grid, snapshot.event(at: index), y: rect.y + 2 + line, columns: columns, state: state,
      selected: index == state.selected, env: env)
  }
}

private func drawRow(
  _ grid: inout CellGrid, _ event: EventSummary, y: Int, columns: [TableColumn], state: AppState, selected: Bool,
  env: RenderEnvironment
) {
  let failed = !event.errorCode.isEmpty
  var base = failed ? env.theme.error : (event.readOnly ? env.theme.text : env.theme.write)
  if selected {
    base.reverse = true
    grid.fill(x: 0, y: y, width: grid.width, height: 1, with: Cell(" ", style: base))
  }
  let marker = event.readOnly ? "R" : "W"
  let values = [
    formatTime(event.time, state: state, env: env, short: columns[0].width < 19), marker, event.eventName,
    event.user, shortSource(event.eventSource), event.sourceIP, event.region, event.errorCode,
  ]
  var x = 0
  for (column, value) in zip(columns, values) {
    var style = base
    if column.title == "RW" && !event.readOnly && !selected { style = env.theme.write }
    if column.title == "Time" && !selected && !failed { style = env.theme.muted }
    drawCell(&grid, value, x: x, y: y, width: column.width, style: style, env: env)
    x += column.width + 1
  }
}
