import CloudTrailModel
import EventStore
import TerminalUI

/// The summary screen: value, count, share and a bar per row, over the dashboard's body.
func drawSummary(_ grid: inout CellGrid, _ state: AppState, _ summary: SummaryState, env: RenderEnvironment) {
  let x = 0
  let y = 1
  let width = grid.width
  let height = grid.height - 2
  let events = summary.counts == nil ? "counting…" : "\(formatCount(summary.events)) events"
  drawBox(
    &grid, x: x, y: y, width: width, height: height, title: "Summary of \(summary.field.name) · \(events)", env: env)
  closeBox(&grid, x: x, y: y, width: width, height: height, env: env)
  let footer = "↑↓ choose · Enter filter to it · F exclude it · Tab next field · Esc close"
  grid.put(
    env.ascii ? footer.replacingOccurrences(of: "↑↓", with: "up/down") : footer, x: x + 2, y: y + height - 2,
    maxWidth: width - 4, style: env.theme.muted)
  guard let counts = summary.counts else { return }
  if counts.isEmpty {
    grid.put("No events.", x: x + 2, y: y + 1, style: env.theme.muted)
    return
  }
  let countWidth = max(5, formatCount(counts[0].count).count)
  let inner = width - 4
  let barWidth = max(4, min(30, inner / 4))
  let valueWidth = max(8, inner - countWidth - 8 - barWidth - 3)
  let rows = summaryRows(height: grid.height)
  let maximum = max(1, counts[0].count)
  for (line, index) in (summary.top..<min(counts.count, summary.top + rows)).enumerated() {
    let row = y + 1 + line
    let entry = counts[index]
    let selected = index == summary.selected
    let style = selected ? env.theme.selected : Style.plain
    if selected { grid.fill(x: x + 1, y: row, width: width - 2, height: 1, with: Cell(" ", style: style)) }
    let value = entry.value.isEmpty ? "(none)" : entry.value
    var col = x + 2
    drawCell(&grid, value, x: col, y: row, width: valueWidth, style: style, env: env)
    col += valueWidth + 1
    let count = formatCount(entry.count)
    grid.put(count, x: col + countWidth - count.count, y: row, style: style)
    col += countWidth + 1
    let share = summary.events > 0 ? Double(entry.count) * 100 / Double(summary.events) : 0
    let percent = share >= 10 || share == 0 ? "\(Int(share.rounded()))%" : String(format: "%.1f%%", share)
    grid.put(percent, x: col + 6 - percent.count, y: row, style: style)
    col += 7
    let filled = max(1, entry.count * barWidth / maximum)
    var barStyle = selected ? style : env.theme.write
    barStyle.reverse = false
    grid.put(String(repeating: env.ascii ? "#" : "█", count: filled), x: col, y: row, style: barStyle)
  }
}

/// Draws the bottom edge of a box drawn with ``drawBox(_:x:y:width:height:title:env:)``.
func closeBox(_ grid: inout CellGrid, x: Int, y: Int, width: Int, height: Int, env: RenderEnvironment) {
  let h = env.ascii ? "-" : "─"
  for col in x..<(x + width) { grid.put(h, x: col, y: y + height - 1, style: env.theme.border) }
  grid.put(env.ascii ? "+" : "└", x: x, y: y + height - 1, style: env.theme.border)
  grid.put(env.ascii ? "+" : "┘", x: x + width - 1, y: y + height - 1, style: env.theme.border)
}
