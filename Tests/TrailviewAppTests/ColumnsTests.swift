import CloudTrailModel
import EventStore
import TerminalUI
import TestSupport
import Testing
import TrailviewApp

/// `C`: choosing the table's columns and their order.
@Suite struct ColumnsTests {
  let env = RenderEnvironment(theme: .color, ascii: false)

  @Test func showMoveAndKeepAColumn() throws {
    let f = LiveFixture(width: 160, height: 48)
    f.press(.char("C"))
    assertSnapshot(render(f.state, env: env).lines, named: "columns-160x48")
    guard case .columns(let opened)? = f.state.screens.last else {
      Issue.record("no chooser")
      return
    }
    #expect(opened.columns == TableColumns.defaults)
    // Show the access key: it is listed after the shown columns.
    let row = try #require(opened.fields.firstIndex(of: .accessKeyId))
    for _ in 0..<row { f.press(.down) }
    f.press(.char(" "))
    // Move it up to just after the user (columns: time, RW, event, user, source, ...).
    for _ in 0..<(row - 4) { f.press(.char("K")) }
    // Hide the region.
    f.press(.char("g"))
    let region = try #require(opened.fields.firstIndex(of: .region))
    for _ in 0..<(region + 1) { f.press(.down) }  // the access key now sits above it
    f.press(.char(" "))
    let effects = f.press(.enter)
    let expected: [Field] = [.time, .readOnly, .eventName, .user, .accessKeyId, .eventSource, .sourceIP, .errorCode]
    #expect(effects == [.saveColumns(expected)])
    #expect(f.state.columns == expected)
    let header = render(f.state, env: env).lines[2]
    #expect(header.contains("User") && header.contains("Access key") && !header.contains("Region"), "\(header)")
    let small = LiveFixture(width: 80, height: 24)
    small.press(.char("C"))
    assertSnapshot(render(small.state, env: env).lines, named: "columns-80x24")
  }

  @Test func oneColumnStays() {
    let f = LiveFixture()
    f.press(.char("C"))
    for _ in 0..<(TableColumns.defaults.count - 1) {
      f.press(.char(" "), .down)
    }
    f.press(.char(" "))
    guard case .columns(let chooser)? = f.state.screens.last else { return }
    #expect(chooser.columns == [TableColumns.defaults.last!])
    #expect(f.state.message == "the table needs one column at least")
    f.press(.escape)
    #expect(f.state.columns == TableColumns.defaults)
  }
}
