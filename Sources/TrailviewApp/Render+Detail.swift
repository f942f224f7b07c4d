import CloudTrailModel
import EventStore
import TerminalUI

func drawDetail(_ grid: inout CellGrid, _ state: AppState, _ rect: Layout.Rect, env: RenderEnvironment) {
  guard rect.height > 0 else { return }
  let lines = state.detail.lines
  let rows = max(0, rect.height - 2)
  var title = "Detail"
  if !lines.isEmpty {
    let last = min(lines.count, state.detailScroll + rows)
    title += "  lines \(state.detailScroll + 1)-\(last) of \(lines.count)"
  }
  title += state.focus == .detail ? "  (Enter/Esc: back)" : "  (Enter: focus)"
  drawTitle(&grid, title, rect, focused: state.focus == .detail, env: env)
  guard state.selected < state.snapshot.count else { return }
  let event = state.snapshot.event(at: state.selected)
  if event.insight {
    drawInsightSummary(&grid, state, x: rect.x, y: rect.y + 1, width: rect.width, env: env)
  } else {
    drawSummary(&grid, event, state: state, x: rect.x, y: rect.y + 1, width: rect.width, env: env)
  }
  let needle = state.filter.search?.lowercased()
  for row in 0..<rows {
    let index = state.detailScroll + row
    guard index < lines.count else { break }
    let y = rect.y + 2 + row
    drawPrettyLine(&grid, lines[index], x: rect.x + 1, y: y, width: rect.width - 1, needle: needle, env: env)
    if state.focus == .detail && index == state.detailLine {
      grid.restyle(x: rect.x, y: y, width: rect.width, height: 1) { $0.reverse = true }
    }
  }
}

/// Who, what, when, from where, and the error, on one line.
private func drawSummary(
  _ grid: inout CellGrid, _ event: EventSummary, state: AppState, x: Int, y: Int, width: Int, env: RenderEnvironment
) {
  var col = x + 1
  func part(_ text: String, _ style: Style) {
    guard col < x + width else { return }
    col += drawText(&grid, text, x: col, y: y, width: x + width - col, style: style, env: env)
  }
  part(event.user, Style(bold: true))
  part(" ", .plain)
  part(event.eventName, event.readOnly ? Style(bold: true) : env.theme.write)
  part(" on " + shortSource(event.eventSource), .plain)
  part(" at " + formatTime(event.time, state: state, env: env) + (state.localTime ? "" : " UTC"), env.theme.muted)
  part(" from ", .plain)
  part(event.sourceIP, Style(bold: true))
  part(" in " + event.region, .plain)
  if !event.errorCode.isEmpty {
    part("  ", .plain)
    part(event.errorCode, env.theme.error)
  }
}

/// An Insights event on one line: its type and state, the call it is about, and the insight and baseline averages.
private func drawInsightSummary(
  _ grid: inout CellGrid, _ state: AppState, x: Int, y: Int, width: Int, env: RenderEnvironment
) {
  let record = state.snapshot.record(at: state.selected)
  func value(_ path: String) -> String { JSONPath(path).flatMap { $0.values(in: record).first } ?? "" }
  let event = state.snapshot.event(at: state.selected)
  let type = value("insightDetails.insightType")
  let phase = value("insightDetails.state")
  let insight = value("insightDetails.insightContext.statistics.insight.average")
  let baseline = value("insightDetails.insightContext.statistics.baseline.average")
  let unit = type == "ApiErrorRateInsight" ? "errors/min" : "calls/min"
  var text = "Insight \(type.isEmpty ? "event" : type)" + (phase.isEmpty ? "" : " (\(phase))")
  text += ": \(event.eventName) on \(shortSource(event.eventSource))"
  if !insight.isEmpty { text += " · \(insight) \(unit)" + (baseline.isEmpty ? "" : " vs baseline \(baseline)") }
  text +=
    " · " + formatTime(event.time, state: state, env: env) + (state.localTime ? "" : " UTC") + " in " + event.region
  let attributions = insightAttributions(record)
  if !attributions.isEmpty { text += " · by " + attributions.joined(separator: ", ") }
  drawCell(&grid, text, x: x + 1, y: y, width: width - 1, style: Style(bold: true), env: env)
}

/// The top contributor of each attribution of an Insights record ("user deploy-bot", "agent Boto3/1.34.11 …",
/// "error AccessDeniedException"), in the record's order.
func insightAttributions(_ record: ArraySlice<UInt8>) -> [String] {
  let names = ["userIdentityArn": "user", "userAgent": "agent", "errorCode": "error"]
  let attributions = JSONPath("insightDetails.insightContext.attributions[]")?.values(in: record) ?? []
  return attributions.compactMap { text in
    let object = ArraySlice(Array(text.utf8))
    guard let attribute = JSONPath("attribute")?.values(in: object).first,
      let value = JSONPath("insight[].value")?.values(in: object).first, !value.isEmpty
    else { return nil }
    let shown = attribute == "userIdentityArn" ? String(value.split(separator: "/").last ?? Substring(value)) : value
    return "\(names[attribute] ?? attribute) \(shown)"
  }
}

func drawPrettyLine(
  _ grid: inout CellGrid, _ line: PrettyLine, x: Int, y: Int, width: Int, needle: String?, env: RenderEnvironment
) {
  var col = x + line.indent
  let end = x + width
  for span in line.spans {
    guard col < end else { break }
    let style: Style
    switch span.kind {
    case .key: style = env.theme.jsonKey
    case .string: style = env.theme.jsonString
    case .number: style = env.theme.jsonNumber
    case .literal: style = env.theme.jsonLiteral
    case .punctuation: style = .plain
    case .token: style = env.theme.token
    }
    let start = col
    col += grid.put(span.text, x: col, y: y, maxWidth: end - col, style: style)
    if let needle, !needle.isEmpty, span.kind != .token {
      highlight(&grid, span.text, needle: needle, x: start, y: y, end: col, env: env)
    }
  }
}

/// Restyles occurrences of `needle` in `text`, drawn at `x`.
private func highlight(
  _ grid: inout CellGrid, _ text: String, needle: String, x: Int, y: Int, end: Int, env: RenderEnvironment
) {
  let lower = Array(text.lowercased())
  let target = Array(needle)
  guard lower.count == text.count, target.count <= lower.count else { return }
  var widths: [Int] = []
  var offset = 0
  for character in text {
    widths.append(offset)
    offset += DisplayWidth.of(character)
  }
  var i = 0
  while i + target.count <= lower.count {
    if Array(lower[i..<i + target.count]) == target {
      let from = x + widths[i]
      let to = i + target.count < widths.count ? x + widths[i + target.count] : x + offset
      grid.restyle(x: from, y: y, width: min(to, end) - from, height: 1) { $0 = env.theme.match }
      i += target.count
    } else {
      i += 1
    }
  }
}
