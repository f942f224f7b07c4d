import CloudTrailModel
import EventStore
import Foundation
import TerminalUI
import TestSupport
import Testing
import TrailviewApp

/// Every new screen at 80x24 and 160x48, with the styles that carry meaning checked beside the text.
@Suite struct ScreenSizesTests {
  let env = RenderEnvironment(theme: .color, ascii: false)
  static let sizes = [(80, 24), (160, 48)]

  @Test(arguments: sizes)
  func breadcrumbsAndMarks(width: Int, height: Int) throws {
    let f = LiveFixture(width: width, height: height)
    f.press(.right, .char("F"))  // exclude the first event's user
    f.press(.char("w"))  // writes only
    f.press(.char("m"), .down, .down, .char("m"))
    let grid = render(f.state, env: env)
    assertSnapshot(grid.lines, named: "breadcrumbs-marked-\(width)x\(height)")
    let header = grid.lines[0]
    #expect(header.contains("user!=mallory › writes only") || header.contains("…"), "\(header)")
    #expect(header.contains("2 marked"))
    // The breadcrumbs are drawn in the write colour, marked rows in bold, and the RW column carries the dot.
    let crumb = try #require(header.range(of: "writes only")).lowerBound.utf16Offset(in: header)
    #expect(grid[crumb, 0].style.fg == env.theme.write.fg)
    let table = Layout(f.state).table
    let markedRow = table.y + 2 + f.state.snapshot.index(ofRow: f.state.marked[1])! - f.state.top
    #expect(grid.lines[markedRow].contains("W•"))
    #expect(grid[30, markedRow].style.bold)
  }

  @Test(arguments: sizes)
  func timeWindowScreen(width: Int, height: Int) {
    let f = LiveFixture(width: width, height: height)
    _ = update(&f.state, .tick(1_714_566_600))
    f.press(.char("T"), .char("G"), .enter)
    f.type("2024-05-01T11:00 .. 1h")
    assertSnapshot(render(f.state, env: env).lines, named: "timewindow-typing-\(width)x\(height)")
    f.press(.enter)
    guard case .timeWindow(let screen)? = f.state.screens.last else { return }
    let grid = render(f.state, env: env)
    assertSnapshot(grid.lines, named: "timewindow-error-\(width)x\(height)")
    // The refusal is drawn in the error style.
    let row = grid.lines.firstIndex { $0.contains("is after the end") }!
    let x = grid.lines[row].range(of: "the start")!.lowerBound.utf16Offset(in: grid.lines[row])
    #expect(grid[x, row].style.fg == env.theme.error.fg)
    #expect(screen.error != nil)
  }

  @Test(arguments: sizes)
  func traceScreen(width: Int, height: Int) throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    LogTree.write(LogTree.recordsFile(TraceTests.records), to: "r.json", under: root)
    let f = LiveFixture(paths: [root.path], width: width, height: height)
    let index = try #require(
      (0..<f.state.snapshot.count).first { f.state.snapshot.text(.eventName, at: $0) == "DeleteTrail" })
    for _ in 0..<index { f.press(.down) }
    f.press(.char("K"))
    let grid = render(f.state, env: env)
    assertSnapshot(grid.lines, named: "trace-\(width)x\(height)")
    // Where the chain ends (no issuer loaded) is drawn as an alarm.
    let row = try #require(grid.lines.firstIndex { $0.contains("a long-term key of deploy-bot") })
    let x = grid.lines[row].range(of: "a long-term")!.lowerBound.utf16Offset(in: grid.lines[row])
    #expect(grid[x, row].style.fg == env.theme.alarm.fg)
  }
}
