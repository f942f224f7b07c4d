import CloudTrailModel
import EventStore
import TerminalUI

/// The findings screen (`!`): the rules that matched loaded events, grouped by level, with counts.
public struct FindingsState: Sendable, Equatable {
  /// The rules with matches, most serious first.
  public var hits: [RuleHit]
  /// The selected rule.
  public var selected = 0
}

/// `!`: opens the findings for the visible events.
func openFindings(_ state: inout AppState) -> [Effect] {
  guard state.snapshot.detector != nil else {
    state.message = "no detection rules loaded (--no-builtin-rules and no --rules)"
    return []
  }
  state.screens.append(.findings(FindingsState(hits: state.snapshot.ruleHits())))
  return []
}

/// Keys on the findings screen: move, Enter shows the rule's events, Esc or ! closes.
func updateFindings(_ state: inout AppState, _ findings: FindingsState, _ action: AppAction?) -> [Effect] {
  var findings = findings
  switch action {
  case .drillDown:
    guard findings.selected < findings.hits.count, let detector = state.snapshot.detector else { return [] }
    let hit = findings.hits[findings.selected]
    state.screens.removeLast()
    state.ruleFilter = detector.rules[hit.rule].title
    state.filter.rule = hit.rule
    return [.setFilter(state.filter)]
  case .close, nil: return closeScreen(&state)
  default:
    let page = max(1, framedRows(height: state.height))
    findings.selected =
      moved(findings.selected, by: action, page: page, count: findings.hits.count) ?? findings.selected
    state.screens[state.screens.count - 1] = .findings(findings)
  }
  return []
}

/// The findings lines: a title line per level, then "  COUNT  TITLE  tags" per rule; the selected one reversed.
func findingsLines(_ state: AppState, _ findings: FindingsState, env: RenderEnvironment) -> (
  lines: [(String, String, Style)], selectedLine: Int
) {
  guard let detector = state.snapshot.detector, !findings.hits.isEmpty else {
    return ([("", "No rule matched the events shown.", Style.plain)], 0)
  }
  var lines: [(String, String, Style)] = []
  var selectedLine = 0
  var level: String?
  for (n, hit) in findings.hits.enumerated() {
    let rule = detector.rules[hit.rule]
    if rule.level.rawValue != level {
      level = rule.level.rawValue
      lines.append(
        ("", "\(levelMark(rule.level)) \(rule.level.rawValue.uppercased())", levelStyle(rule.level, env: env)))
    }
    if n == findings.selected { selectedLine = lines.count }
    var tags = rule.tags.filter { $0.hasPrefix("attack.t") }.joined(separator: " ")
    if let correlation = rule.correlation { tags += (tags.isEmpty ? "" : " · ") + correlation.summary }
    var style = Style.plain
    if n == findings.selected { style.reverse = true }
    lines.append(("\(hit.rows.count)", DisplayText.sanitize(rule.title) + (tags.isEmpty ? "" : "  · \(tags)"), style))
  }
  return (lines, selectedLine)
}

func drawFindings(_ grid: inout CellGrid, _ state: AppState, _ findings: FindingsState, env: RenderEnvironment) {
  let (lines, selectedLine) = findingsLines(state, findings, env: env)
  let rows = max(1, framedRows(height: state.height))
  let scroll = max(0, min(selectedLine - rows / 2, lines.count - rows))
  drawFramed(
    &grid, title: "Findings: \(findings.hits.count) rules matched · Enter: their events", lines: lines,
    scroll: scroll, env: env)
}
