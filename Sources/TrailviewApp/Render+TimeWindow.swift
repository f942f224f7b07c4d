import CloudTrailModel
import EventStore
import TerminalUI

/// The time-window screen, a box in the middle of the dashboard.
func drawTimeWindow(_ grid: inout CellGrid, _ state: AppState, _ screen: TimeWindowState, env: RenderEnvironment) {
  let width = min(grid.width - 4, 72)
  let rows = TimeWindowState.presets.count + 1
  let height = rows + 6
  let x = (grid.width - width) / 2
  let y = max(1, (grid.height - height) / 2)
  drawBox(&grid, x: x, y: y, width: width, height: height, title: "Time window", env: env)
  closeBox(&grid, x: x, y: y, width: width, height: height, env: env)
  drawCell(
    &grid, "Now: " + windowLabel(state, env: env), x: x + 2, y: y + 1, width: width - 4, style: env.theme.muted,
    env: env)
  for row in 0..<rows {
    let selected = row == screen.selected
    let style = selected && !screen.editing ? env.theme.selected : Style.plain
    let line = y + 2 + row
    if selected { grid.fill(x: x + 1, y: line, width: width - 2, height: 1, with: Cell(" ", style: style)) }
    if row < TimeWindowState.presets.count {
      let label = TimeWindowState.presets[row].label
      grid.put(label == "all" ? "all time" : "last " + label, x: x + 3, y: line, style: style)
    } else {
      let text =
        screen.custom.isEmpty && !screen.editing
        ? "custom: START .. END (2h, 7d, now, 2025-03-06T02:29)" : "custom: " + screen.custom
      var customStyle = style
      if screen.editing { customStyle = env.theme.titleFocused }
      drawCell(&grid, text, x: x + 3, y: line, width: width - 6, style: customStyle, env: env)
      if screen.editing {
        let shown = min(width - 7, 8 + DisplayWidth.of(DisplayText.sanitize(screen.custom)))
        grid.put(env.ascii ? "_" : "▏", x: x + 3 + shown, y: line, style: customStyle)
      }
    }
  }
  let footer =
    screen.error ?? (screen.editing ? "Enter applies · Esc stops typing" : "↑↓ choose · Enter applies · Esc closes")
  drawCell(
    &grid, env.ascii ? footer.replacingOccurrences(of: "↑↓", with: "up/down") : footer, x: x + 2, y: y + height - 2,
    width: width - 4, style: screen.error == nil ? env.theme.muted : env.theme.error, env: env)
}
