import CloudTrailModel
import Detections
import EventStore
import TerminalUI

/// `iam.amazonaws.com` → `iam`.
func shortSource(_ source: String) -> String {
  source.hasSuffix(".amazonaws.com") ? String(source.dropLast(14)) : source
}

/// The table's text for `field` of the visible event at `index` (raw: sanitized when drawn).
func cellText(_ field: Field, at index: Int, state: AppState, env: RenderEnvironment, width: Int) -> String {
  let snapshot = state.snapshot
  switch field {
  case .time: return formatTime(snapshot.time(at: index), state: state, env: env, short: width < 19)
  case .readOnly:
    // R or W; lower case when inferred from the event name; a dot when the event is marked.
    let event = snapshot.event(at: index)
    // Insights events are neither reads nor writes.
    let mark = event.insight ? "I" : (event.readOnly ? "R" : "W")
    let dot = state.marked.contains(snapshot.rowID(at: index)) ? (env.ascii ? "*" : "•") : ""
    return (event.inferred ? mark.lowercased() : mark) + dot
  case .eventSource: return shortSource(snapshot.text(.eventSource, at: index))
  default: return snapshot.text(field, at: index)
  }
}

/// The width each column of the table at `rect` gets, from what the rows on screen hold.
/// `paneWidth` is the whole table's (the level marker takes its first two columns): it decides long or short times.
func tableWidths(
  _ state: AppState, rows: Range<Int>, width: Int, paneWidth: Int? = nil, env: RenderEnvironment
) -> [Int] {
  let needs = state.columns.map { field -> Int in
    var need = DisplayWidth.of(field.spec.title)
    switch field {
    case .time: return (paneWidth ?? width) >= 120 ? 19 : 14
    case .readOnly: return 2
    default: break
    }
    for index in rows {
      need = max(
        need, DisplayWidth.of(DisplayText.sanitize(cellText(field, at: index, state: state, env: env, width: 0))))
    }
    return need
  }
  return TableColumns.widths(state.columns, width: width, needs: needs)
}

func drawTable(_ grid: inout CellGrid, _ state: AppState, _ rect: Layout.Rect, env: RenderEnvironment) {
  var title = "Events" + (state.localTime ? " (local time)" : " (UTC)")
  if state.newAbove > 0 {
    title += " · +\(formatCount(state.newAbove)) new \(env.ascii ? "above" : "↑") (g: newest)"
  }
  drawTitle(&grid, title, rect, focused: state.focus == .table, env: env)
  let rows = max(0, rect.height - 2)
  let snapshot = state.snapshot
  let onScreen = state.top..<min(snapshot.count, state.top + rows)
  // Markers before the columns: the level while detection rules run, the evidence once validation has judged.
  let gutter = tableGutter(snapshot)
  let widths = tableWidths(state, rows: onScreen, width: rect.width - gutter, paneWidth: rect.width, env: env)
  var x = rect.x + gutter
  for (i, field) in state.columns.enumerated() {
    var style = env.theme.columnHeader
    if i == state.column && state.focus == .table { style.underline = true }
    grid.fill(x: x, y: rect.y + 1, width: widths[i], height: 1, with: Cell(" ", style: env.theme.columnHeader))
    grid.put(field.spec.title, x: x, y: rect.y + 1, maxWidth: widths[i], style: style)
    x += widths[i] + 1
  }
  if snapshot.count == 0 {
    let text = emptyTableText(state)
    drawCell(
      &grid, env.ascii ? text.replacingOccurrences(of: "…", with: "...") : text, x: 2, y: rect.y + 3,
      width: rect.width - 4, style: env.theme.muted, env: env)
    return
  }
  for index in onScreen {
    drawRow(&grid, index, y: rect.y + 2 + index - state.top, widths: widths, gutter: gutter, state: state, env: env)
  }
}

/// What the empty table says: still loading, nothing matches, or why nothing could be read.
func emptyTableText(_ state: AppState) -> String {
  let progress = state.snapshot.progress
  guard progress.finished else { return "Loading…" }
  if state.snapshot.total == 0, let problem = progress.problems.first {
    let more = progress.problems.count > 1 ? " (and \(progress.problems.count - 1) more: p lists them)" : ""
    return "Nothing could be read: \(problem.source): \(problem.reason)\(more)"
  }
  if state.snapshot.total == 0, progress.total == 0 { return "No CloudTrail log files found." }
  return "No events match."
}

private func drawRow(
  _ grid: inout CellGrid, _ index: Int, y: Int, widths: [Int], gutter: Int, state: AppState, env: RenderEnvironment
) {
  let event = state.snapshot.event(at: index)
  let selected = index == state.selected
  let failed = !event.errorCode.isEmpty
  var base = failed ? env.theme.error : (event.readOnly || event.insight ? env.theme.text : env.theme.write)
  if selected {
    base.reverse = true
    grid.fill(x: 0, y: y, width: grid.width, height: 1, with: Cell(" ", style: base))
  }
  if state.marked.contains(state.snapshot.rowID(at: index)) { base.bold = true }
  let row = state.snapshot.rowID(at: index)
  if state.snapshot.detector != nil, let level = highestLevel(state.snapshot, row: row) {
    grid.put(levelMark(level), x: 0, y: y, maxWidth: 1, style: levelStyle(level, env: env))
  }
  if state.snapshot.evidence.report != nil, let verdict = state.snapshot.evidence(row: row), !verdict.isTrusted {
    let (mark, style) = evidenceMark(verdict, env: env)
    grid.put(mark, x: state.snapshot.detector == nil ? 0 : 1, y: y, maxWidth: 1, style: style)
  }
  var x = gutter
  for (i, field) in state.columns.enumerated() {
    var style = base
    if field == .readOnly && !event.readOnly && !event.insight && !selected { style = env.theme.write }
    if field == .time && !selected && !failed { style = event.arrived ? env.theme.fresh : env.theme.muted }
    if selected && i == state.column && state.focus == .table {
      style.reverse = false
      style.underline = true
      style.bold = true
    }
    let text = cellText(field, at: index, state: state, env: env, width: widths[i])
    drawCell(&grid, text, x: x, y: y, width: widths[i], style: style, env: env)
    x += widths[i] + 1
  }
}

/// The columns before the table's: one for the level while detection rules run, one for the evidence once
/// validation has judged, and a space after them.
func tableGutter(_ snapshot: EventSnapshot) -> Int {
  let marks = (snapshot.detector == nil ? 0 : 1) + (snapshot.evidence.report == nil ? 0 : 1)
  return marks == 0 ? 0 : marks + 1
}

/// The mark of an event from a log file that is not valid: ✗ (x in ASCII) when altered, ? when no digest covers it.
func evidenceMark(_ verdict: Evidence, env: RenderEnvironment) -> (String, Style) {
  if case .notCovered = verdict { return ("?", env.theme.write) }
  return (env.ascii ? "x" : "✗", env.theme.alarm)
}

/// The most serious level among the rules a row matched.
func highestLevel(_ snapshot: EventSnapshot, row: UInt32) -> SigmaLevel? {
  guard let rules = snapshot.findings[row], let detector = snapshot.detector else { return nil }
  return rules.map { detector.rules[Int($0)].level }.max()
}

/// A level as one letter, readable without colour: C, H, M, L, I.
func levelMark(_ level: SigmaLevel) -> String { String(level.rawValue.prefix(1)).uppercased() }

/// A level's colour: critical and high as alarms, medium as writes, the rest muted (the letter says it too).
func levelStyle(_ level: SigmaLevel, env: RenderEnvironment) -> Style {
  switch level {
  case .critical, .high: return env.theme.alarm
  case .medium: return env.theme.write
  case .low, .informational: return env.theme.muted
  }
}
