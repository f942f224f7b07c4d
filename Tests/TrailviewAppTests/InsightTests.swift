import EventStore
import TerminalUI
import TestSupport
import Testing
import TrailviewApp

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
