import CloudTrailModel
import EventStore
import TerminalUI

func drawTrails(_ grid: inout CellGrid, _ state: AppState, _ rect: Layout.Rect, env: RenderEnvironment) {
  guard rect.height > 0 else { return }
  let trails = state.snapshot.trails
  var title = "Trails (\(trails.count))"
  if state.focus == .trails {
    title += "  \(state.trailsScroll + 1) of \(trails.count) · f: its calls · Tab: next pane"
  }
  drawTitle(&grid, title, rect, focused: state.focus == .trails, env: env)
  if trails.isEmpty {
    if rect.height > 1 {
      drawCell(
        &grid, "no trail-management calls in the loaded events", x: rect.x + 1, y: rect.y + 1,
        width: rect.width - 1, style: env.theme.muted, env: env)
    }
    return
  }
  let sorted = sortedTrails(trails)
  // Wide panes give each trail two lines: state and name, then the last call that changed it.
  let twoLines = rect.width >= 40 && rect.height >= 1 + 2 * min(trails.count, 3)
  var y = rect.y + 1
  for (i, trail) in sorted.dropFirst(min(state.trailsScroll, max(0, sorted.count - 1))).enumerated() {
    guard y < rect.y + rect.height else { break }
    // The focused pane's cursor is its first trail shown: f filters to the calls that named it.
    defer {
      if i == 0 && state.focus == .trails {
        grid.restyle(x: rect.x, y: rect.y + 1, width: rect.width, height: 1) { $0.reverse = true }
      }
    }
    let (stateText, style) = trailState(trail, env: env)
    grid.put(stateText, x: rect.x + 1, y: y, maxWidth: 7, style: style)
    // The state takes the first 8 columns ("STOPPED "), the name starts after them.
    let nameX = rect.x + 9
    let nameWidth = twoLines ? rect.width - 12 - DisplayWidth.of(trail.region) : max(8, rect.width / 4)
    let shown = min(nameWidth, DisplayWidth.of(DisplayText.sanitize(trail.name)))
    let col = nameX + shown + 1
    drawCell(&grid, trail.name, x: nameX, y: y, width: nameWidth, style: Style(bold: true), env: env)
    let change = trailDetails(trail, state: state, env: env, short: !twoLines)
    let changeStyle = style == env.theme.alarm ? style : Style.plain
    if twoLines {
      drawCell(
        &grid, trailFlags(trail), x: col, y: y, width: rect.x + rect.width - col, style: env.theme.muted, env: env)
      y += 1
      if y < rect.y + rect.height, !change.isEmpty {
        drawCell(&grid, change, x: rect.x + 3, y: y, width: rect.width - 3, style: changeStyle, env: env)
      }
    } else {
      drawCell(
        &grid, trail.region + "  " + change, x: col, y: y, width: rect.x + rect.width - col, style: changeStyle,
        env: env)
    }
    y += 1
  }
}

/// Trails as the pane lists them: alarming ones (stopped, deleted) first, then by name.
func sortedTrails(_ trails: [TrailState]) -> [TrailState] {
  trails.sorted { a, b in
    let alarmA = a.deleted || a.isLogging == false || a.selectorWarning != nil
    let alarmB = b.deleted || b.isLogging == false || b.selectorWarning != nil
    if alarmA != alarmB { return alarmA }
    return a.name < b.name
  }
}

/// Region and the API's facts: multi-region, organization, log file validation.
func trailFlags(_ trail: TrailState) -> String {
  var parts = [trail.region]
  if trail.isMultiRegion == true { parts.append("multi-region") }
  if trail.isOrganization == true { parts.append("org") }
  if let validation = trail.validation { parts.append(validation ? "validated" : "no validation") }
  return parts.joined(separator: " ")
}

/// The last change (from the data) or the status facts (from the API).
func trailDetails(_ trail: TrailState, state: AppState, env: RenderEnvironment, short: Bool) -> String {
  var parts: [String] = []
  if trail.fromAPI {
    if trail.isLogging == false {
      parts.append(
        "stopped" + (trail.changedAt.map { " " + formatTime($0, state: state, env: env, short: short) } ?? ""))
    }
    if let delivery = trail.latestDelivery {
      parts.append("delivered " + formatTime(delivery, state: state, env: env, short: short))
    }
    if let error = trail.deliveryError { parts.append("delivery error: \(error)") }
    if let bucket = trail.bucket, parts.count < 2 { parts.append("s3://\(bucket)") }
  } else if let event = trail.lastEventName {
    var change = event
    if let at = trail.changedAt { change += " " + formatTime(at, state: state, env: env, short: short) }
    if let who = trail.changedBy { change += " by \(who)" }
    parts.append(change)
  }
  if let warning = trail.selectorWarning { parts.insert("event selectors: \(warning)", at: 0) }
  return parts.joined(separator: " · ")
}

private func trailState(_ trail: TrailState, env: RenderEnvironment) -> (String, Style) {
  if trail.deleted { return ("DELETED", env.theme.alarm) }
  if trail.isLogging != false, trail.selectorWarning != nil { return ("MUTED", env.theme.alarm) }
  switch trail.isLogging {
  case true?: return ("logging", env.theme.good)
  case false?: return ("STOPPED", env.theme.alarm)
  case nil: return ("?", env.theme.muted)
  }
}
