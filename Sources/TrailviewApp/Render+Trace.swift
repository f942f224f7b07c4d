import CloudTrailModel
import EventStore
import TerminalUI

/// The credential chain, one link per two lines: the key and its use, then where it came from.
func drawTrace(_ grid: inout CellGrid, _ state: AppState, _ trace: TraceState, env: RenderEnvironment) {
  let x = 0
  let y = 1
  let width = grid.width
  let height = grid.height - 2
  let title = "Credential chain of \(trace.links.first?.key ?? "")"
  drawBox(&grid, x: x, y: y, width: width, height: height, title: title, env: env)
  closeBox(&grid, x: x, y: y, width: width, height: height, env: env)
  let footer = "↑↓ choose · Enter shows that key's events · Esc closes"
  grid.put(
    env.ascii ? footer.replacingOccurrences(of: "↑↓", with: "up/down") : footer, x: x + 2, y: y + height - 2,
    maxWidth: width - 4, style: env.theme.muted)
  var row = y + 1
  for (i, link) in trace.links.enumerated() {
    guard row + 1 < y + height - 2 else { break }
    let selected = i == trace.selected
    let style = selected ? env.theme.selected : Style(bold: true)
    if selected { grid.fill(x: x + 1, y: row, width: width - 2, height: 1, with: Cell(" ", style: style)) }
    let kind = link.isLongTerm ? "long-term" : (link.key.hasPrefix("ASIA") ? "temporary" : "key")
    var use = "\(i + 1). \(link.key)  \(kind) · \(formatCount(link.events)) event\(link.events == 1 ? "" : "s")"
    if let first = link.first, let last = link.last {
      use +=
        " " + formatTime(first, state: state, env: env, short: true) + " – "
        + formatTime(last, state: state, env: env, short: true)
    }
    if !link.user.isEmpty { use += " · " + link.user }
    drawCell(&grid, use, x: x + 2, y: row, width: width - 4, style: style, env: env)
    let arrow = env.ascii ? "<- " : "↳ "
    let originStyle = link.issuedBy == nil ? env.theme.alarm : Style.plain
    drawCell(&grid, arrow + link.origin, x: x + 5, y: row + 1, width: width - 7, style: originStyle, env: env)
    row += 2
  }
}
