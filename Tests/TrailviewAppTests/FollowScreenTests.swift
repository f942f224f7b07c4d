import EventStore
import Foundation
import TerminalUI
import TestSupport
import Testing

@testable import TrailviewApp

/// Following on the dashboard, with a real store and a log folder where a file lands: the key asks the sources to
/// follow, arrived rows are marked, and a view scrolled away stays put and says how many arrived above it.
@Suite struct FollowScreenTests {
  let env = RenderEnvironment(theme: .color, ascii: false)

  @Test func arrivalsAboveAScrolledViewAreCountedAndMarked() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let old = (0..<40).map { LogTree.record(time: String(format: "2024-05-01T10:%02d:00Z", $0), name: "Old\($0)") }
    LogTree.write(LogTree.recordsFile(old), to: "one.json", under: root)
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5) { collector.take($0) }
    let source = LogFileSource.load([root.path], into: store)
    var state = AppState(width: 100, height: 30, sourceLabel: "fixture")
    _ = update(&state, .store(.snapshot(collector.waitFinished()!)))
    #expect(update(&state, .key(.char("A"))) == [.follow(true)])
    #expect(state.following)
    source.follow(every: 1)
    // Scrolled away from the top: a page down.
    _ = update(&state, .key(.pageDown))
    let selectedName = state.snapshot.event(at: state.selected).eventName
    #expect(state.top > 0)
    let new = (0..<3).map { LogTree.record(time: "2024-05-01T11:0\($0):00Z", name: "New\($0)") }
    LogTree.write(LogTree.recordsFile(new), to: "two.json", under: root)
    let grown = try #require(collector.wait { $0.count == 43 })
    _ = update(&state, .store(.snapshot(grown)))
    #expect(state.snapshot.event(at: state.selected).eventName == selectedName, "the selection stays")
    #expect(state.newAbove == 3)
    let grid = render(state, env: env)
    #expect(grid.lines.joined(separator: "\n").contains("Events (UTC) · +3 new ↑ (g: newest)"))
    #expect(grid.lines.last?.contains("following every 1 s") == true, "\(grid.lines.last ?? "")")
    // The newest rows are the arrived ones: their time is drawn in the arrival style, the others' muted.
    _ = update(&state, .key(.char("g")))
    #expect(state.newAbove == 0 && state.top == 0)
    let top = render(state, env: env)
    let firstRow = 3  // title bar, table title, column header
    #expect(state.snapshot.event(at: 1).arrived && !state.snapshot.event(at: 3).arrived)
    #expect(top[0, firstRow + 1].style == env.theme.fresh)
    #expect(top[0, firstRow + 3].style == env.theme.muted)
    #expect(update(&state, .key(.char("A"))) == [.follow(false)])
    source.follow(every: nil)
  }
}
