import EventStore
import Foundation
import TerminalUI
import TestSupport
import Testing

@testable import TrailviewApp

/// Insights events show their type, state, the call they are about and the averages; they are neither reads nor
/// writes.
@Suite struct InsightTests {
  @Test(.enabled(if: FixturesSamples.available, "needs ../shared/samples"))
  func insightsShowWhatTheyAreAbout() throws {
    let file = try #require(FixturesSamples.files().first { $0.path.contains("awsdocs-example-events") })
    var state = AppState(width: 200, height: 40, sourceLabel: "awsdocs")
    _ = update(&state, .store(.snapshot(StoreHarness.load([file.path]))))
    let index = try #require(
      (0..<state.snapshot.count).first {
        state.snapshot.event(at: $0).insight && state.snapshot.text(.eventName, at: $0) == "CompleteLifecycleAction"
      })
    for _ in 0..<index { _ = update(&state, .key(.down)) }
    let screen = render(state, env: RenderEnvironment()).lines
    let row = try #require(screen.first { $0.contains("CompleteLifecycleAction") && $0.contains(" I ") }, "\(screen)")
    #expect(row.contains("autoscaling"))
    #expect(
      screen.contains {
        $0.contains(
          "Insight ApiCallRateInsight (Start): CompleteLifecycleAction on autoscaling · 0.6 calls/min vs baseline "
            + "8.82145e-05")
      })
    // Neither reads nor writes.
    let reads = StoreHarness.load([file.path], filter: EventFilter(readWrite: .readsOnly))
    let writes = StoreHarness.load([file.path], filter: EventFilter(readWrite: .writesOnly))
    #expect(reads.count + writes.count < state.snapshot.count)
  }
}

/// `I` switches to Insights events and back; the detail line names what the insight is attributed to.
@Suite struct InsightsKeyTests {
  @Test func theKeyFiltersToInsightsAndTheDetailNamesTheAttributions() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let insight = """
      {"eventVersion":"1.08","eventTime":"2026-11-30T21:09:00Z","awsRegion":"us-east-1","eventID":"ins-1",\
      "eventType":"AwsCloudTrailInsight","recipientAccountId":"123456789012","insightDetails":{"state":"Start",\
      "eventSource":"kms.amazonaws.com","eventName":"ListKeys","insightType":"ApiErrorRateInsight",\
      "insightContext":{"statistics":{"baseline":{"average":0.1},"insight":{"average":2.5}},"attributions":[\
      {"attribute":"userIdentityArn","insight":[{"value":"arn:aws:iam::123456789012:user/deploy-bot","average":2.5}],\
      "baseline":[]},{"attribute":"errorCode","insight":[{"value":"AccessDeniedException","average":2.5}],\
      "baseline":[{"value":"ThrottlingException","average":0.1}]}]}},"eventCategory":"Insight"}
      """
    let call = LogTree.record(time: "2026-11-30T21:10:00Z", name: "ListKeys", source: "kms.amazonaws.com")
    LogTree.write(LogTree.recordsFile([call, insight]), to: "one.json", under: root)
    let fixture = LiveFixture(paths: [root.path], width: 200, height: 30)
    #expect(fixture.state.snapshot.count == 2)
    fixture.press(.char("I"))
    #expect(fixture.state.snapshot.count == 1 && fixture.state.snapshot.event(at: 0).insight)
    #expect(fixture.state.filter.predicates.map(\.description) == ["eventCategory=Insight"])
    let screen = render(fixture.state, env: RenderEnvironment()).lines.joined(separator: "\n")
    #expect(
      screen.contains(
        "Insight ApiErrorRateInsight (Start): ListKeys on kms · 2.5 errors/min vs baseline 0.1 · 2026-11-30 21:09:00 "
          + "UTC in us-east-1 · by user deploy"), "\(screen)")
    // The line goes on past the pane's edge: every attribution's top contributor, the baseline's left out.
    #expect(
      insightAttributions(fixture.state.snapshot.record(at: 0)) == ["user deploy-bot", "error AccessDeniedException"])
    fixture.press(.char("I"))
    #expect(fixture.state.snapshot.count == 2 && fixture.state.filter.predicates.isEmpty)
  }
}
