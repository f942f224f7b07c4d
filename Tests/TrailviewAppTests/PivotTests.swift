import CloudTrailModel
import EventStore
import Foundation
import TerminalUI
import TestSupport
import Testing
import TrailviewApp

/// Pivoting on the value under the cursor, breadcrumbs, and marks, through a live store.
@Suite struct PivotTests {
  let env = RenderEnvironment(theme: .color, ascii: false)

  /// Names of the visible events.
  func users(_ snapshot: EventSnapshot) -> Set<String> {
    Set((0..<snapshot.count).map { snapshot.text(.user, at: $0) })
  }

  @Test func filterAndExcludeTheCellUnderTheCursor() throws {
    let f = LiveFixture()
    // The cursor starts on the Event column; move to User.
    #expect(f.state.cursorField == .eventName)
    f.press(.right)
    #expect(f.state.cursorField == .user)
    f.press(.down)
    let user = f.state.snapshot.text(.user, at: f.state.selected)
    let effects = f.press(.char("f"))
    #expect(effects == [.setFilter(EventFilter([Predicate(.user, .equals(user))]))])
    #expect(users(f.state.snapshot) == [user])
    #expect(f.state.snapshot.count > 1)
    // Exclude an event name on top: breadcrumbs show both, in order.
    f.press(.left)
    let name = f.state.snapshot.text(.eventName, at: f.state.selected)
    f.press(.char("F"))
    #expect((0..<f.state.snapshot.count).allSatisfy { f.state.snapshot.text(.eventName, at: $0) != name })
    #expect(breadcrumbs(f.state.filter) == ["user=\(user)", "eventName!=\(name)"])
    let header = render(f.state, env: env).lines[0]
    #expect(header.contains("user=\(user) › eventName!=\(name)"), "\(header)")
  }

  @Test func removingAPredicateKeepsTheSelectedEventInView() throws {
    let f = LiveFixture(height: 30)
    f.press(.right)
    for _ in 0..<15 { f.press(.down) }
    f.press(.char("f"))  // only its user
    f.press(.down, .down)
    let chosen = f.state.snapshot.rowID(at: f.state.selected)
    let chosenTime = f.state.snapshot.time(at: f.state.selected)
    f.press(.backspace)
    #expect(f.state.filter.isEmpty)
    #expect(f.state.snapshot.rowID(at: f.state.selected) == chosen)
    let rows = Layout(width: 100, height: 30).tableRows
    #expect(f.state.selected >= f.state.top && f.state.selected < f.state.top + rows)
    // Events just before and after it are on screen too.
    #expect(f.state.selected > f.state.top && f.state.selected < f.state.top + rows - 1)
    #expect(f.state.snapshot.time(at: f.state.selected) == chosenTime)
    // Nothing left to remove.
    #expect(f.press(.backspace).isEmpty)
    #expect(f.state.message == "no filter to remove")
  }

  @Test func detailLinePivotsOnItsPath() throws {
    let f = LiveFixture()
    f.press(.enter)  // focus the detail pane
    let lines = f.state.detail.lines
    let arnLine = try #require(lines.firstIndex { $0.path == "userIdentity.arn" })
    for _ in 0..<arnLine { f.press(.down) }
    let arn = try #require(lines[arnLine].value)
    f.press(.char("f"))
    #expect(f.state.filter.predicates == [Predicate(.arn, .equals(arn))])
    #expect(f.state.snapshot.count > 0)
    #expect((0..<f.state.snapshot.count).allSatisfy { f.state.snapshot.text(.arn, at: $0) == arn })
  }

  @Test func detailLineOutsideTheRegistryBecomesAPathPredicate() throws {
    let f = LiveFixture()
    // The newest fixture event is StopLogging with requestParameters.name.
    f.press(.enter)
    let lines = f.state.detail.lines
    let line = try #require(lines.firstIndex { $0.path == "requestParameters.name" })
    for _ in 0..<line { f.press(.down) }
    f.press(.char("f"))
    let path = try #require(JSONPath("requestParameters.name"))
    #expect(f.state.filter.predicates == [Predicate(.path(path), .equals("management-events"))])
    #expect(f.state.snapshot.count == 1)
    #expect(f.state.snapshot.text(.eventName, at: 0) == "StopLogging")
    // A line with an object value holds no single value.
    f.press(.char("g"))
    f.press(.down)  // "eventVersion"
    f.press(.down)  // "userIdentity": {
    #expect(f.state.detail.lines[f.state.detailLine].path == "userIdentity")
    #expect(f.press(.char("f")).isEmpty)
    #expect(f.state.message?.contains("no single value") == true)
  }

  @Test func wildcardsInAPivotedValueMatchThemselves() {
    let predicate = Pivot.predicate(.field(.user), value: "a*b?", exclude: false)
    #expect(predicate == Predicate(.user, .equals("a\\*b\\?")))
    #expect(Pattern("a\\*b\\?").matches("A*B?"))
    #expect(!Pattern("a\\*b\\?").matches("axxbz"))
  }

  @Test func marksShowAndFilter() throws {
    let f = LiveFixture()
    f.press(.char("m"))
    f.press(.down, .down)
    f.press(.char("m"))
    #expect(f.state.marked.count == 2)
    #expect(render(f.state, env: env).lines[0].contains("2 marked"))
    f.press(.char("M"))
    #expect(f.state.snapshot.count == 2)
    #expect(breadcrumbs(f.state.filter) == ["marked (2)"])
    f.press(.char("m"))  // unmark the selected one, still inside the marked-only view
    #expect(f.state.snapshot.count == 1)
    f.press(.char("M"))
    #expect(f.state.snapshot.count == f.state.snapshot.total)
    f.press(.ctrl("u"))
    #expect(f.state.marked.isEmpty)
  }
}
