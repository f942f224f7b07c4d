import CloudTrailModel
import EventStore
import TerminalUI
import TestSupport
import Testing
import TrailviewApp

/// Prompts that complete from known values with counts, the `:` prompt, and the summary screen.
@Suite struct PromptAndSummaryTests {
  let env = RenderEnvironment(theme: .color, ascii: false)

  @Test func enterTakesTheFirstSuggestionUnlessTheTextHasAWildcard() {
    let f = LiveFixture()
    f.press(.char("u"))
    f.type("ali")  // not a known value, but "alice" matches
    f.press(.enter)
    #expect(f.state.filter.user == "alice")
    #expect(f.state.snapshot.count > 0)
    f.press(.char("u"), .ctrl("u"))
    f.type("a*")
    f.press(.enter)
    #expect(f.state.filter.user == "a*")
    f.press(.char("u"), .ctrl("u"))
    f.type("zz-nobody")
    f.press(.enter)
    #expect(f.state.filter.user == "zz-nobody")
    #expect(f.state.snapshot.count == 0)
  }

  @Test func suggestionsShowCounts() {
    let f = LiveFixture()
    f.press(.char("e"))
    let lines = render(f.state, env: env).lines.joined(separator: "\n")
    let count = (0..<f.state.snapshot.count).filter { f.state.snapshot.text(.eventName, at: $0) == "GetObject" }.count
    let line = lines.split(separator: "\n").first { $0.contains("GetObject") && $0.contains("│") } ?? ""
    #expect(line.contains(" \(count)"), "\(line)")
  }

  @Test func wherePromptCompletesFieldsThenValuesAndAddsAPredicate() {
    let f = LiveFixture()
    f.press(.char(":"))
    f.type("eventS")
    #expect(suggestions(for: f.state.prompt!).map(\.text) == ["eventSource"])
    f.press(.tab)
    #expect(f.state.prompt?.text == "eventSource=")
    #expect(suggestions(for: f.state.prompt!).map(\.text).contains("ec2.amazonaws.com"))
    f.type("ec2")
    f.press(.enter)
    #expect(f.state.filter.predicates == [Predicate(.eventSource, .equals("ec2.amazonaws.com"))])
    #expect(f.state.snapshot.count == 20)
    f.press(.char(":"))
    f.type("requestParameters.name?")
    f.press(.enter)
    #expect(f.state.snapshot.count == 0)  // StopLogging is from iam
    f.press(.backspace)
    f.press(.char(":"))
    f.type("nonsense")
    f.press(.enter)
    #expect(f.state.message?.contains("not a filter") == true)
  }

  /// Runs the summary's count effects the way the run loop does.
  func settle(_ f: LiveFixture, _ effects: [Effect]) {
    for case .count(let field, let request) in effects {
      let snapshot = f.state.snapshot
      settle(
        f, update(&f.state, .counted(request: request, counts: snapshot.counts(of: field), events: snapshot.count)))
    }
  }

  @Test func summaryCountsCyclesAndDrillsDown() throws {
    let f = LiveFixture(width: 80, height: 24)
    f.press(.right)  // the cursor on User
    settle(f, f.press(.char("s")))
    guard case .summary(let summary)? = f.state.screens.last else {
      Issue.record("no summary")
      return
    }
    #expect(summary.field == .user)
    let counts = try #require(summary.counts)
    #expect(counts.map(\.count).reduce(0, +) == f.state.snapshot.count)
    #expect(counts.first?.count ?? 0 >= counts.last?.count ?? 0)
    let screen = render(f.state, env: env).lines.joined(separator: "\n")
    #expect(screen.contains("Summary of user · 41 events"))
    #expect(screen.contains("%"))
    // Tab moves to the next field and counts again.
    settle(f, f.press(.tab))
    guard case .summary(let next)? = f.state.screens.last else { return }
    #expect(next.field == SummaryState.fields[SummaryState.fields.firstIndex(of: .user)! + 1])
    settle(f, f.press(.backTab))
    // Enter filters to the selected value and closes.
    f.press(.down)
    f.press(.enter)
    #expect(f.state.screens.isEmpty)
    #expect(f.state.filter.predicates == [Predicate(.user, .equals(counts[1].value))])
    #expect(f.state.snapshot.count == counts[1].count)
  }

  @Test func summaryAt80x24And160x48() {
    for (width, height) in [(80, 24), (160, 48)] {
      let f = LiveFixture(width: width, height: height)
      settle(f, f.press(.char("s")))
      assertSnapshot(render(f.state, env: env).lines, named: "summary-\(width)x\(height)")
    }
  }
}
