import CloudTrailModel
import EventStore
import TerminalUI
import TestSupport
import Testing
import TrailviewApp

/// `T`: presets and typed windows, and the header that shows the window.
@Suite struct TimeWindowTests {
  let env = RenderEnvironment(theme: .color, ascii: false)
  /// 2024-05-01T12:30:00Z, half an hour after the fixture's newest event.
  let now: Int64 = 1_714_566_600

  @Test func presetsAndTypedWindowsFilterAndShowInTheHeader() throws {
    let f = LiveFixture(width: 120, height: 30)
    _ = update(&f.state, .tick(now))
    #expect(render(f.state, env: env).lines[0].contains("all time"))
    f.press(.char("T"))
    assertSnapshot(render(f.state, env: env).lines, named: "timewindow-120x30")
    f.press(.char("g"), .enter)  // last 15 min
    #expect(f.state.filter.window.start == now - 900 && f.state.filter.window.end == nil)
    #expect(f.state.snapshot.count == 0)
    #expect(render(f.state, env: env).lines[0].contains("last 15 min (since 2024-05-01 12:15 UTC)"))
    f.press(.char("T"), .down, .down, .enter)  // last 6 h
    #expect(f.state.snapshot.count == 41)
    // A typed window.
    f.press(.char("T"), .char("G"), .enter)
    f.type("2024-05-01T11:00 .. 2024-05-01T11:30")
    f.press(.enter)
    #expect(f.state.screens.isEmpty)
    let start = try #require(TimeText.absolute("2024-05-01T11:00"))
    #expect(f.state.filter.window.start == start && f.state.filter.window.end == start + 1800)
    #expect(f.state.snapshot.count == 10)
    #expect(render(f.state, env: env).lines[0].contains("2024-05-01 11:00 – 2024-05-01 11:30 UTC"))
    // A start after the end is refused with a message.
    f.press(.char("T"), .char("G"), .enter, .ctrl("u"))
    f.type("1h .. 2h")
    f.press(.enter)
    guard case .timeWindow(let screen)? = f.state.screens.last else {
      Issue.record("the screen closed")
      return
    }
    #expect(screen.error?.contains("is after the end") == true)
    #expect(render(f.state, env: env).lines.joined().contains("is after the end"))
    #expect(f.state.filter.window.start == start)
  }

  @Test func localTimeNamesItsZone() {
    let local = RenderEnvironment(theme: .color, ascii: false, localOffset: { _ in 3600 }, zoneName: { _ in "CET" })
    var state = AppState(width: 120, height: 30, filter: EventFilter(startTime: now - 3600), sourceLabel: "x")
    state.localTime = true
    #expect(render(state, env: local).lines[0].contains("since 2024-05-01 12:30 CET"))
  }
}
