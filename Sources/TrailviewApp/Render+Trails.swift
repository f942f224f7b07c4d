import EventStore
import TerminalUI

func drawTrails(_ grid: inout CellGrid, _ state: AppState, _ rect: Layout.Rect, env: RenderEnvironment) {
  guard rect.height > 0 else { return }
  let trails = state.snapshot.trails
  drawTitle(&grid, "Trails (\(trails.count))", rect, focused: false, env: env)
  if trails.isEmpty {
    if rect.height > 1 {
      drawCell(&grid, "no trail-management calls in the loaded events", x: rect.x + 1, y: rect.y + 1,
        width: rect.width - 1, style: env.theme.muted, env: env)
    }
    return
  }
  // Alarming trails (stopped, deleted) first, then by name.
  let sorted = trails.sorted { a, b in
    let alarmA = a.deleted || a.isLogging == false
    let alarmB = b.deleted || b.isLogging == false
    if alarmA != alarmB { return alarmA }
    return a.name < b.name
  }
  let wide = rect.width >= 50
  var y = rect.y + 1
  for trail in sorted {
    guard y < rect.y + rect.height else { break }
    let (stateText, style) = trailState(trail, env: env)
    var col = rect.x + 1
    col += grid.put(stateText, x: col, y: y, maxWidth: 9, style: style) + 1
    let nameWidth = wide ? 18 : max(8, rect.width / 4)
    drawCell(&grid, trail.name, x: col, y: y, width: nameWidth, style: Style(bold: true), env: env)
    col += nameWidth + 1
    var rest = trail.region
    if let event = trail.lastEventName {
      rest += "  \(event)"
      if let at = trail.changedAt { rest += " " + formatTime(at, state: state, env: env, short: true) }
      if let who = trail.changedBy { rest += " by \(who)" }
    }
    drawCell(&grid, rest, x: col, y: y, width: rect.x + rect.width - col, style: style == env.theme.alarm ? style : .plain,
      env: env)
    y += 1
  }
}

private func trailState(_ trail: TrailState, env: RenderEnvironment) -> (String, Style) {
  if trail.deleted { return ("DELETED", env.theme.alarm) }
  switch trail.isLogging {
  case true?: return ("logging", env.theme.good)
  case false?: return ("STOPPED", env.theme.alarm)
  case nil: return ("?", env.theme.muted)
  }
}
