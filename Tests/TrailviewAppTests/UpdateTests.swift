import EventStore
import Foundation
import TerminalUI
import TestSupport
import Testing
import TrailviewApp

@Suite struct UpdateTests {
  func type(_ text: String, into state: inout AppState) -> [Effect] {
    var effects: [Effect] = []
    for c in text { effects += update(&state, .key(.char(c))) }
    return effects
  }

  @Test func userPromptOffersKnownValuesAndAppliesTheChoice() {
    var state = AppFixture.state(width: 100, height: 30)
    _ = update(&state, .key(.char("u")))
    #expect(state.prompt?.kind == .user)
    _ = type("dep", into: &state)
    let offered = suggestions(for: state.prompt!)
    #expect(offered.map(\.text) == ["deploy-bot"])
    #expect(
      offered.first?.count
        == (0..<state.snapshot.count).filter { state.snapshot.text(.user, at: $0) == "deploy-bot" }.count)
    let effects = update(&state, .key(.enter))
    #expect(effects == [.setFilter(EventFilter(user: "deploy-bot"))])
    #expect(state.prompt == nil)
    #expect(state.filter.user == "deploy-bot")
  }

  @Test func readWriteKeyCyclesAndClearKeepsTimeWindow() {
    var state = AppState(width: 80, height: 24, filter: EventFilter(startTime: 5), sourceLabel: "x")
    #expect(update(&state, .key(.char("w"))) == [.setFilter(EventFilter(readWrite: .writesOnly, startTime: 5))])
    #expect(update(&state, .key(.char("w"))) == [.setFilter(EventFilter(readWrite: .readsOnly, startTime: 5))])
    #expect(update(&state, .key(.char("c"))) == [.setFilter(EventFilter(startTime: 5))])
    #expect(update(&state, .key(.char("c"))) == [])
  }

  @Test func navigationStaysInBoundsAndScrolls() {
    var state = AppFixture.state(width: 80, height: 24)
    let rows = Layout(width: 80, height: 24).tableRows
    _ = update(&state, .key(.up))
    #expect(state.selected == 0)
    for _ in 0..<(rows + 2) { _ = update(&state, .key(.char("j"))) }
    #expect(state.selected == rows + 2)
    #expect(state.top == 3)
    _ = update(&state, .key(.char("G")))
    #expect(state.selected == state.snapshot.count - 1)
    _ = update(&state, .key(.char("g")))
    #expect(state.selected == 0 && state.top == 0)
  }

  @Test func enterFocusesDetailWhereKeysScrollTheJSON() {
    var state = AppFixture.state(width: 80, height: 24)
    #expect(!state.detail.lines.isEmpty)
    _ = update(&state, .key(.enter))
    #expect(state.focus == .detail)
    _ = update(&state, .key(.down))
    #expect(state.detailLine == 1)
    #expect(state.selected == 0)
    _ = update(&state, .key(.char("G")))
    #expect(state.detailLine == state.detail.lines.count - 1)
    #expect(state.detailScroll == state.detail.lines.count - Layout(width: 80, height: 24).detailRows)
    _ = update(&state, .key(.enter))
    #expect(state.focus == .table)
  }

  @Test func tabCyclesThroughTheTrailsPaneWhichScrolls() {
    var state = AppFixture.state(width: 80, height: 24)
    _ = update(&state, .key(.tab))
    #expect(state.focus == .detail)
    _ = update(&state, .key(.tab))
    #expect(state.focus == .trails)
    let selected = state.selected
    _ = update(&state, .key(.down))
    #expect(state.selected == selected)
    #expect(state.trailsScroll == min(1, max(0, state.snapshot.trails.count - 1)))
    _ = update(&state, .key(.tab))
    #expect(state.focus == .table)
  }

  @Test func selectionStaysOnTheSameEventWhenNewerRowsArrive() {
    let all = AppFixture.snapshot()
    let older = AppFixture.snapshot(filter: EventFilter(endTime: all.event(at: 5).time))
    var state = AppState(width: 80, height: 24, sourceLabel: "x")
    _ = update(&state, .store(.snapshot(older)))
    _ = update(&state, .key(.down))
    _ = update(&state, .key(.down))
    let chosen = state.snapshot.event(at: state.selected)
    _ = update(&state, .store(.snapshot(all)))
    #expect(state.snapshot.generation == older.generation)
    #expect(state.snapshot.event(at: state.selected) == chosen)
  }

  @Test func quitKeys() {
    var state = AppState(width: 80, height: 24, sourceLabel: "x")
    #expect(update(&state, .key(.char("q"))) == [.quit])
    var other = AppState(width: 80, height: 24, sourceLabel: "x")
    #expect(update(&other, .key(.ctrl("c"))) == [.quit])
  }
}

/// When nothing could be read, the table says why where the events would be.
@Suite struct EmptyTableTests {
  @Test func nonexistentPathIsExplainedInTheTable() {
    var state = AppState(width: 100, height: 30, sourceLabel: "/nonexistent/path")
    _ = update(&state, .store(.snapshot(StoreHarness.load(["/nonexistent/path", "/nonexistent/other"]))))
    let screen = render(state, env: RenderEnvironment()).lines.joined(separator: "\n")
    #expect(screen.contains("Nothing could be read: /nonexistent/path: No such file or directory (and 1 more: p"))
    #expect(!screen.contains("No events match"))
  }

  @Test func emptyFolderSaysNoLogFiles() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    var state = AppState(width: 100, height: 30, sourceLabel: "empty")
    _ = update(&state, .store(.snapshot(StoreHarness.load([root.path]))))
    #expect(render(state, env: RenderEnvironment()).lines.joined().contains(": no CloudTrail log files"))
  }
}
