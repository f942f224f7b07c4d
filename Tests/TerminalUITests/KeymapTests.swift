import Testing

@testable import TerminalUI

struct KeymapTests {
  enum Action: Equatable, Sendable {
    case quit, help, down, up, open, close, filterUser
  }

  let keymap = Keymap<Action>([
    KeyBinding(keys: [.char("q"), .ctrl("c")], action: .quit, help: "quit"),
    KeyBinding(keys: [.char("?")], action: .help, help: "help"),
    KeyBinding(keys: [.down, .char("j")], action: .down, help: "next event", scope: "list"),
    KeyBinding(keys: [.up, .char("k")], action: .up, help: "previous event", scope: "list"),
    KeyBinding(keys: [.enter], action: .open, help: "open detail", scope: "list"),
    KeyBinding(keys: [.char("u")], action: .filterUser, help: "filter by user", scope: "list"),
    KeyBinding(keys: [.escape, .char("q")], action: .close, help: "close detail", scope: "detail"),
  ])

  @Test func looksUpKeysInTheirScope() {
    #expect(keymap.action(for: .char("j"), scope: "list") == .down)
    #expect(keymap.action(for: .down, scope: "list") == .down)
    #expect(keymap.action(for: .enter, scope: "list") == .open)
  }

  @Test func fallsBackToTheGlobalScope() {
    #expect(keymap.action(for: .char("?"), scope: "list") == .help)
    #expect(keymap.action(for: .ctrl("c"), scope: "detail") == .quit)
    #expect(keymap.action(for: .char("q"), scope: "global") == .quit)
  }

  @Test func aScopedBindingShadowsTheGlobalOne() {
    #expect(keymap.action(for: .char("q"), scope: "list") == .quit)
    #expect(keymap.action(for: .char("q"), scope: "detail") == .close)
  }

  @Test func unboundKeysAndOtherScopesGiveNil() {
    #expect(keymap.action(for: .char("z"), scope: "list") == nil)
    #expect(keymap.action(for: .char("j"), scope: "detail") == nil)
    #expect(keymap.action(for: .char("j"), scope: "global") == nil)
  }

  @Test func helpLinesListKeysAndTextInOrder() {
    let lines = keymap.helpLines(scope: "list")
    #expect(lines.map(\.keys) == ["↓/j", "↑/k", "Enter", "u"])
    #expect(lines.map(\.help) == ["next event", "previous event", "open detail", "filter by user"])
    #expect(keymap.helpLines(scope: "global").map(\.keys) == ["q/Ctrl-C", "?"])
    #expect(keymap.helpLines(scope: "nowhere").isEmpty)
  }

  @Test func scopesAreInOrderOfFirstAppearance() {
    #expect(keymap.scopes == ["global", "list", "detail"])
  }

  @Test func conflictsReportKeysBoundTwiceInOneScope() {
    #expect(keymap.conflicts().isEmpty)
    var broken = keymap
    broken.bindings.append(KeyBinding(keys: [.char("k"), .char("x")], action: .close, help: "dup", scope: "list"))
    let conflicts = broken.conflicts()
    #expect(conflicts.count == 1)
    #expect(conflicts.first?.key == .char("k"))
    #expect(conflicts.first?.scope == "list")
  }

  @Test func markdownTableHasASectionPerScopeAndEscapesPipes() {
    let map = Keymap<Action>([
      KeyBinding(keys: [.char("|")], action: .help, help: "pipe *x*"),
      KeyBinding(keys: [.pageDown], action: .down, help: "page", scope: "list"),
    ])
    #expect(
      map.markdownTable(scopeTitles: ["list": "Event list"]) == [
        "| Keys | Action |",
        "|---|---|",
        "| **global** | |",
        "| \\| | pipe \\*x\\* |",
        "| **Event list** | |",
        "| PgDn | page |",
      ])
  }
}
