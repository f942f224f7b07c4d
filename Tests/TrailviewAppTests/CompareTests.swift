import CloudTrailModel
import EventStore
import TerminalUI
import TestSupport
import Testing
import TrailviewApp

/// `=`: the selected event against the last marked one.
@Suite struct CompareTests {
  let env = RenderEnvironment(theme: .color, ascii: false)

  @Test func diffListsOnlyWhatDiffers() {
    let a = #"{"a":1,"b":{"c":"x","d":[1,2]},"e":"same"}"#
    let b = #"{"a":2,"b":{"c":"x","d":[1,3,4]},"e":"same","f":null}"#
    let diff = CompareState.diff(ArraySlice(a.utf8), ArraySlice(b.utf8))
    #expect(
      diff == [
        DiffLine(path: "a", left: "1", right: "2"), DiffLine(path: "b.d[1]", left: "2", right: "3"),
        DiffLine(path: "b.d[2]", left: nil, right: "4"), DiffLine(path: "f", left: nil, right: "null"),
      ])
  }

  @Test func hostileNestingIsBounded() {
    let deep = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
    let leaves = JSONLeaves.leaves(ArraySlice(deep.utf8))
    #expect(leaves.count == 1)
    #expect(leaves[0].path.hasPrefix("[0]"))
  }

  @Test func compareTheSelectedEventWithTheMarkedOne() throws {
    let f = LiveFixture(width: 160, height: 48)
    #expect(f.press(.char("=")).isEmpty)
    #expect(f.state.message?.contains("mark an event first") == true)
    f.press(.char("m"))
    f.press(.down)
    f.press(.char("="))
    guard case .compare(let compare)? = f.state.screens.last else {
      Issue.record("no compare screen")
      return
    }
    let left = f.state.snapshot.record(row: compare.left)
    let right = f.state.snapshot.record(row: compare.right)
    #expect(compare.left == f.state.snapshot.rowID(at: 1))
    #expect(compare.right == f.state.snapshot.rowID(at: 0))
    #expect(compare.diff.contains { $0.path == "eventName" })
    #expect(!compare.diff.contains { $0.path == "eventVersion" })
    #expect(compare.diff == CompareState.diff(left, right))
    assertSnapshot(render(f.state, env: env).lines, named: "compare-diff-160x48")
    f.press(.tab)
    assertSnapshot(render(f.state, env: env).lines, named: "compare-side-160x48")
    f.press(.escape)
    #expect(f.state.screens.isEmpty)
    let small = LiveFixture(width: 80, height: 24)
    small.press(.char("m"), .down, .char("="))
    assertSnapshot(render(small.state, env: env).lines, named: "compare-diff-80x24")
  }
}
