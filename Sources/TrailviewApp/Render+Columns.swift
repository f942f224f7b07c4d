import CloudTrailModel
import EventStore
import TerminalUI

/// The column chooser, a box in the middle of the dashboard.
func drawColumns(_ grid: inout CellGrid, _ state: AppState, _ chooser: ColumnsState, env: RenderEnvironment) {
  let width = grid.width
  let height = grid.height - 2
  let x = 0
  let y = 1
  drawBox(&grid, x: x, y: y, width: width, height: height, title: "Columns", env: env)
  closeBox(&grid, x: x, y: y, width: width, height: height, env: env)
  let rows = max(1, height - 4)
  let top = max(0, min(chooser.selected - rows / 2, chooser.fields.count - rows))
  for (line, index) in (top..<min(chooser.fields.count, top + rows)).enumerated() {
    let field = chooser.fields[index]
    let row = y + 1 + line
    let selected = index == chooser.selected
    let style = selected ? env.theme.selected : Style.plain
    if selected { grid.fill(x: x + 1, y: row, width: width - 2, height: 1, with: Cell(" ", style: style)) }
    let mark = chooser.shown.contains(field) ? (env.ascii ? "[x]" : "[✓]") : "[ ]"
    var col = x + 2
    col += grid.put(mark + " ", x: col, y: row, style: style)
    var title = style
    title.bold = true
    col += grid.put(field.spec.title, x: col, y: row, maxWidth: 16, style: title)
    col = x + 22
    col += grid.put(field.name, x: col, y: row, maxWidth: 20, style: selected ? style : env.theme.muted)
    col = x + 43
    drawCell(&grid, field.spec.help, x: col, y: row, width: x + width - col - 2, style: style, env: env)
  }
  let footer = "Space show/hide · K/J move up/down · Enter keep (saved to the config file) · Esc cancel"
  grid.put(footer, x: x + 2, y: y + height - 2, maxWidth: width - 4, style: env.theme.muted)
}
