import TerminalUI
import TestSupport
import Testing
import TrailviewApp

@Suite struct ScreenSnapshotTests {
  let env = RenderEnvironment(theme: .color, ascii: false)

  @Test func dashboardAt80x24() {
    let state = AppFixture.state(width: 80, height: 24)
    assertSnapshot(render(state, env: env).lines, named: "dashboard-80x24")
  }

  @Test func dashboardAt160x48() {
    let state = AppFixture.state(width: 160, height: 48)
    assertSnapshot(render(state, env: env).lines, named: "dashboard-160x48")
  }

  @Test func helpOverlayListsEveryBinding() {
    var state = AppFixture.state(width: 100, height: 30)
    _ = update(&state, .key(.char("?")))
    // The help scrolls: gather every page.
    var text = ""
    for _ in 0..<20 {
      text += render(state, env: env).lines.joined(separator: "\n")
      _ = update(&state, .key(.pageDown))
    }
    for scope in ["global", "dashboard", "table"] {
      for line in AppKeys.keymap.helpLines(scope: scope) {
        #expect(text.contains(line.help), "\(line.help)")
      }
    }
    // After the keys, where each region's events are: global services in us-east-1.
    #expect(text.contains("Global services record their events in us-east-1: IAM, CloudFront"))
    _ = update(&state, .key(.escape))
    #expect(state.screens.isEmpty)
  }

  @Test func tooSmallTerminalSaysSo() {
    let state = AppFixture.state(width: 20, height: 5)
    let text = render(state, env: env).lines.joined(separator: "\n")
    #expect(text.contains("too small"))
  }

  @Test func monoThemeMarksSelectionWithReverse() {
    let state = AppFixture.state(width: 80, height: 24)
    let grid = render(state, env: RenderEnvironment(theme: .mono, ascii: true))
    let layout = Layout(width: 80, height: 24)
    #expect(grid[5, layout.table.y + 2].style.reverse)
    #expect(!grid[5, layout.table.y + 3].style.reverse)
    #expect(grid.cells.allSatisfy { $0.style.fg == .default && $0.style.bg == .default })
  }
}
