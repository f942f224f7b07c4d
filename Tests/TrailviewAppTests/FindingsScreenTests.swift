import Detections
import EventStore
import Foundation
import TerminalUI
import TestSupport
import Testing

@testable import TrailviewApp

/// Detections on the dashboard: a level letter beside flagged rows, `!` lists the rules by level with counts, Enter
/// shows a rule's events, and the detail names the rule and what made it match.
@Suite struct FindingsScreenTests {
  static let rules = """
    title: Logging stopped
    level: high
    logsource: {product: aws, service: cloudtrail}
    detection:
      selection:
        eventName: StopLogging
      condition: selection
    ---SPLIT---
    title: Any IAM write
    level: low
    logsource: {product: aws, service: cloudtrail}
    detection:
      selection:
        eventSource: iam.amazonaws.com
        readOnly: false
      condition: selection
    """

  @Test func levelsFindingsAndTheRulesEvents() throws {
    var set = RuleSet()
    for (n, text) in Self.rules.components(separatedBy: "---SPLIT---\n").enumerated() {
      set.add(text, source: "rule\(n).yml")
    }
    #expect(set.problems.isEmpty, "\(set.problems)")
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5, detector: Detector(set.rules)) { collector.take($0) }
    LogFileSource.load([AppFixture.root.path], into: store)
    var state = AppState(width: 160, height: 40, sourceLabel: "fixture")
    _ = update(&state, .store(.snapshot(collector.waitFinished()!)))
    let env = RenderEnvironment(theme: .mono, ascii: true)
    // The fixture's StopLogging is its newest event: an H beside it; an IAM write gets an L.
    let screen = render(state, env: env).lines
    let stop = try #require(screen.first { $0.contains("StopLogging") })
    #expect(stop.hasPrefix("H "), "\(stop)")
    #expect(screen.contains { $0.hasPrefix("L ") && $0.contains("CreateUser") })
    #expect(screen.contains { $0.hasPrefix("  ") && $0.contains("DescribeInstances") }, "unflagged rows: no letter")
    // The detail of the selected StopLogging names the rule and the field that matched.
    let detail = state.detail.lines.prefix(4).map { $0.spans.map(\.text).joined() }
    #expect(detail.contains { $0.contains("HIGH") && $0.contains("Logging stopped") }, "\(detail)")
    #expect(detail.contains { $0.contains("selection: eventName=StopLogging") }, "\(detail)")
    // Findings: high first, then low, each with its count.
    _ = update(&state, .key(.char("!")))
    guard case .findings(let findings)? = state.screens.last else {
      Issue.record("no findings screen")
      return
    }
    let titles = findings.hits.map { state.snapshot.detector!.rules[$0.rule].title }
    #expect(titles == ["Logging stopped", "Any IAM write"])
    let writes = AppFixture.snapshot().visible.indices.filter { index in
      let snapshot = AppFixture.snapshot()
      return snapshot.text(.eventSource, at: index) == "iam.amazonaws.com" && !snapshot.event(at: index).readOnly
    }.count
    #expect(findings.hits.map(\.rows.count) == [1, writes])
    let lines = render(state, env: env).lines.joined(separator: "\n")
    #expect(lines.contains("H HIGH") && lines.contains("L LOW"))
    // Enter on the second rule: its events, named in the header.
    _ = update(&state, .key(.down))
    let effects = update(&state, .key(.enter))
    guard case .setFilter(let filter)? = effects.first else {
      Issue.record("no filter")
      return
    }
    _ = update(&state, .store(.snapshot(collector.refilter(store, filter))))
    #expect(state.snapshot.count == writes && state.screens.isEmpty)
    #expect(render(state, env: env).lines[0].contains("rule: Any IAM write"))
    _ = update(&state, .key(.backspace))
    #expect(state.ruleFilter == nil && state.filter.rule == nil && state.filter.rows == nil)
  }
}

extension FindingsScreenTests {
  /// An event several rules matched lists them in the detail most serious first, whatever order the rules came in.
  @Test func theDetailListsAnEventsRulesMostSeriousFirst() throws {
    var set = RuleSet()
    set.add(
      """
      title: A Stop call
      level: informational
      logsource: {product: aws, service: cloudtrail}
      detection:
        selection:
          eventName|startswith: Stop
        condition: selection
      """, source: "a.yml")
    set.add(Self.rules.components(separatedBy: "---SPLIT---\n")[0], source: "b.yml")
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5, detector: Detector(set.rules)) { collector.take($0) }
    LogFileSource.load([AppFixture.root.path], into: store)
    var state = AppState(width: 160, height: 40, sourceLabel: "fixture")
    _ = update(&state, .store(.snapshot(collector.waitFinished()!)))
    #expect(state.snapshot.text(.eventName, at: 0) == "StopLogging")
    let detail = state.detail.lines.prefix(2).map { $0.spans.map(\.text).joined() }
    #expect(detail.count == 2 && detail[0].contains("HIGH") && detail[1].contains("INFORMATIONAL"), "\(detail)")
  }
}
