import CloudTrailModel
import EventStore
import TerminalUI

/// Draws the whole screen for `state`. Pure: the same state and environment give the same grid.
public func render(_ state: AppState, env: RenderEnvironment) -> CellGrid {
  var grid = CellGrid(width: state.width, height: state.height)
  let layout = Layout(state)
  guard layout.fits else {
    drawTooSmall(&grid, env: env)
    return grid
  }
  drawHeader(&grid, state, layout.header, env: env)
  drawTimeline(&grid, state, layout.timeline, env: env)
  drawTable(&grid, state, layout.table, env: env)
  drawTrails(&grid, state, layout.trails, env: env)
  drawDetail(&grid, state, layout.detail, env: env)
  drawStatus(&grid, state, layout.status, env: env)
  if let prompt = state.prompt { drawPrompt(&grid, state, prompt, layout: layout, env: env) }
  switch state.screens.last {
  case .help(let scroll)?: drawHelp(&grid, state, scroll: scroll, env: env)
  case .problems(let scroll)?: drawProblems(&grid, state, scroll: scroll, env: env)
  case .findings(let findings)?: drawFindings(&grid, state, findings, env: env)
  case .summary(let summary)?: drawSummary(&grid, state, summary, env: env)
  case .compare(let compare)?: drawCompare(&grid, state, compare, env: env)
  case .export(let export)?: drawExport(&grid, state, export, env: env)
  case .timeWindow(let window)?: drawTimeWindow(&grid, state, window, env: env)
  case .trace(let trace)?: drawTrace(&grid, state, trace, env: env)
  case .columns(let chooser)?: drawColumns(&grid, state, chooser, env: env)
  case nil: break
  }
  if let choice = state.storeChoice { drawStoreChoice(&grid, choice, env: env) }
  if let question = state.scanQuestion { drawScanQuestion(&grid, question, env: env) }
  return grid
}

/// Draws sanitized text with tokens highlighted; returns the columns used.
@discardableResult
func drawText(
  _ grid: inout CellGrid, _ raw: String, x: Int, y: Int, width: Int, style: Style, env: RenderEnvironment
) -> Int {
  var col = x
  for span in DisplayText.spans(raw) {
    let room = x + width - col
    guard room > 0 else { break }
    var tokenStyle = env.theme.token
    if style.reverse { tokenStyle.reverse = false }
    col += grid.put(span.text, x: col, y: y, maxWidth: room, style: span.isToken ? tokenStyle : style)
  }
  return col - x
}

/// Draws text that may not fit, ending it with an ellipsis when cut.
func drawCell(
  _ grid: inout CellGrid, _ raw: String, x: Int, y: Int, width: Int, style: Style, env: RenderEnvironment
) {
  guard width > 0 else { return }
  let safe = DisplayText.sanitize(raw)
  if DisplayWidth.of(safe) <= width {
    drawText(&grid, raw, x: x, y: y, width: width, style: style, env: env)
  } else {
    drawText(&grid, raw, x: x, y: y, width: width - 1, style: style, env: env)
    grid.put(env.ascii ? "~" : "…", x: x + width - 1, y: y, maxWidth: 1, style: style)
  }
}

/// A pane's one-line title bar.
func drawTitle(_ grid: inout CellGrid, _ title: String, _ rect: Layout.Rect, focused: Bool, env: RenderEnvironment) {
  let style = focused ? env.theme.titleFocused : env.theme.title
  grid.fill(x: rect.x, y: rect.y, width: rect.width, height: 1, with: Cell(" ", style: style))
  drawCell(&grid, " " + title, x: rect.x, y: rect.y, width: rect.width, style: style, env: env)
}

func formatTime(_ seconds: Int64, state: AppState, env: RenderEnvironment, short: Bool = false) -> String {
  if seconds == EventSummary.unknownTime { return "(no time)" }
  let text = EventTime.format(seconds, offsetSeconds: state.localTime ? env.localOffset(seconds) : 0)
  return short ? String(text.dropFirst(5)) : text
}

func formatCount(_ n: Int) -> String {
  var digits = Array(String(n))
  var i = digits.count - 3
  while i > 0 {
    digits.insert(",", at: i)
    i -= 3
  }
  return String(digits)
}

private func drawTooSmall(_ grid: inout CellGrid, env: RenderEnvironment) {
  let lines = ["Terminal too small", "need \(Layout.minWidth)x\(Layout.minHeight)", "q quits"]
  for (i, line) in lines.enumerated() where i < grid.height {
    let x = max(0, (grid.width - line.count) / 2)
    grid.put(line, x: x, y: max(0, grid.height / 2 - 1) + i, style: i == 0 ? env.theme.alarm : .plain)
  }
}

private func drawHeader(_ grid: inout CellGrid, _ state: AppState, _ rect: Layout.Rect, env: RenderEnvironment) {
  grid.fill(x: rect.x, y: rect.y, width: rect.width, height: 1, with: Cell(" ", style: Style(bold: true)))
  var col = grid.put(" trailview ", x: 0, y: rect.y, style: Style(bold: true))
  col += drawText(&grid, state.sourceLabel, x: col, y: rect.y, width: rect.width / 3, style: .plain, env: env)
  let window = " · " + windowLabel(state, env: env)
  col += grid.put(window, x: col, y: rect.y, maxWidth: max(0, min(60, rect.width - col - 20)), style: env.theme.muted)
  var counts = "\(formatCount(state.snapshot.count)) / \(formatCount(state.snapshot.total)) events "
  if !state.marked.isEmpty { counts = "\(formatCount(state.marked.count)) marked · " + counts }
  let crumbs = breadcrumbs(state.filter, rule: state.ruleFilter)
  let room = rect.width - col - counts.count - 3
  if !crumbs.isEmpty, room > 8 {
    col += grid.put("  ", x: col, y: rect.y, style: .plain)
    let separator = env.ascii ? " > " : " › "
    var text = crumbs.joined(separator: separator)
    // The newest breadcrumbs matter most: drop the oldest ones that do not fit.
    var dropped = 0
    while DisplayWidth.of(DisplayText.sanitize(text)) > room - 2 && dropped < crumbs.count - 1 {
      dropped += 1
      text = (env.ascii ? "..." : "…") + separator + crumbs.dropFirst(dropped).joined(separator: separator)
    }
    drawCell(&grid, text, x: col, y: rect.y, width: room - 2, style: env.theme.write, env: env)
  }
  grid.put(counts, x: rect.width - counts.count, y: rect.y, style: Style(bold: true))
}

/// The filter as breadcrumbs, one per predicate in the order added (the time window is shown apart), then the
/// marked events and the detection rule chosen from the findings screen (named by `rule`, its title).
public func breadcrumbs(_ filter: EventFilter, rule: String? = nil) -> [String] {
  var parts = filter.predicates.filter { $0.target != .field(.time) }.map(breadcrumb)
  if let rows = filter.rows { parts.append("marked (\(rows.count))") }
  if filter.rule != nil { parts.append("rule: " + DisplayText.sanitize(rule ?? "?")) }
  return parts
}

/// One predicate as a breadcrumb: `user=alice`, `search: AccessDenied`, `writes only`.
func breadcrumb(_ predicate: Predicate) -> String {
  switch (predicate.target, predicate.test) {
  case (.text, .contains(let text)): return "search: \(text)"
  case (.field(.readOnly), .equals("true")): return "reads only"
  case (.field(.readOnly), .equals("false")): return "writes only"
  default: return predicate.description
  }
}

/// What was asked of the server (once when every source asked the same), and each source's state when there are
/// several (one per region): " · server: EventName=StopLogging · us-east-1 ✓3 · eu-west-1 …2".
func sourcesText(_ progress: LoadProgress, env: RenderEnvironment) -> String {
  let sources = progress.sources.filter(\.began)
  var text = ""
  let queries = Set(sources.compactMap(\.query))
  if queries.count == 1, let query = queries.first { text += " · server: \(query)" }
  guard sources.count > 1 else { return text }
  if sources.count > 4 {
    // Many regions: how many are done, and the ones still going.
    let going = sources.filter { !$0.finished }
    text += " · \(sources.count - going.count)/\(sources.count) regions done"
    for source in going.prefix(3) {
      let name = source.label.hasPrefix("CloudTrail ") ? String(source.label.dropFirst(11)) : source.label
      text += " · \(name) \(env.ascii ? ".." : "…")\(source.done)"
    }
    return text + (going.count > 3 ? " +\(going.count - 3)" : "")
  }
  for source in sources {
    let name = source.label.hasPrefix("CloudTrail ") ? String(source.label.dropFirst(11)) : source.label
    let mark = source.finished ? (env.ascii ? "ok" : "✓") : (env.ascii ? ".." : "…")
    let query = queries.count > 1 ? " " + (source.query ?? "") : ""
    text += " · \(name)\(query) \(mark)\(source.done)"
  }
  return text
}

/// " · following every 30 s, looked 12:03:10, 4 new · events reach Event History ~5 min after the call" while any
/// source follows.
func followText(_ state: AppState, env: RenderEnvironment) -> String {
  let following = state.snapshot.progress.sources.filter { $0.followEvery != nil }
  guard let every = following.compactMap(\.followEvery).min() else { return "" }
  var text = " · following every \(every) s"
  if let last = following.compactMap(\.lastPoll).max() {
    text += ", looked \(formatTime(last, state: state, env: env).suffix(8))"
  }
  text += ", \(formatCount(following.reduce(0) { $0 + $1.arrived })) new"
  if following.contains(where: { $0.unit == "pages" }) {
    text += " · events reach Event History ~5 min after the call"
  }
  return text
}

/// "file" or "files" as the count needs.
func unitLabel(_ progress: LoadProgress) -> String {
  progress.done == 1 && progress.unit.hasSuffix("s")
    ? String(progress.unit.dropLast()) : progress.unit
}

private func drawStatus(_ grid: inout CellGrid, _ state: AppState, _ rect: Layout.Rect, env: RenderEnvironment) {
  let progress = state.snapshot.progress
  var text: String
  if let message = state.message {
    text = message
  } else if progress.finished {
    text = "Loaded \(formatCount(progress.done)) \(unitLabel(progress))"
    if progress.moreAvailable { text += " (more: L loads all)" }
  } else {
    let total = progress.total.map { " / \(formatCount($0))" } ?? ""
    text = "Loading \(unitLabel(progress)) \(formatCount(progress.done))\(total)"
  }
  if state.message == nil {
    text += " · \(formatCount(state.snapshot.total)) events"
    if progress.duplicates > 0 { text += " · \(formatCount(progress.duplicates)) duplicates dropped" }
    text += sourcesText(progress, env: env)
    text += followText(state, env: env)
    if let activity = progress.activity ?? progress.notices.last { text += " · \(activity)" }
  }
  let problems = progress.problems.count
  var hints = AppKeys.hintList(for: state)
  grid.fill(x: 0, y: rect.y, width: rect.width, height: 1, with: Cell(" ", style: env.theme.title))
  // The problem count always shows: a long status text is cut before it.
  let warn = problems > 0 ? "  \(problems) problem\(problems == 1 ? "" : "s") (p)" : ""
  var col = drawText(
    &grid, " " + text, x: 0, y: rect.y, width: max(1, rect.width - warn.count), style: env.theme.title, env: env)
  if problems > 0 {
    var style = env.theme.title
    style.fg = .red
    style.bold = true
    col += grid.put(warn, x: col, y: rect.y, maxWidth: rect.width - col, style: style)
  }
  // As many hints as fit, dropping from the end of the pane's own ones (the global ones stay).
  func hintText() -> String { "  " + hints.map { "\($0.key) \($0.hint)" }.joined(separator: "  ") + " " }
  while !hints.isEmpty && rect.width - col <= hintText().count {
    guard let drop = hints.lastIndex(where: { !$0.global }) else {
      hints.removeAll()
      break
    }
    hints.remove(at: drop)
  }
  if !hints.isEmpty {
    let line = hintText()
    grid.put(line, x: rect.width - line.count, y: rect.y, style: env.theme.title)
  }
}
