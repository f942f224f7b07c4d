import TerminalUI

/// Everything a key can do on the dashboard.
public enum AppAction: Sendable, Equatable {
  /// Move up one row or line.
  case up
  /// Move down one row or line.
  case down
  /// Move up a page.
  case pageUp
  /// Move down a page.
  case pageDown
  /// Go to the first row.
  case first
  /// Go to the last row.
  case last
  /// Move focus between the table and the detail pane.
  case toggleFocus
  /// Leave the detail pane.
  case back
  /// Filter by user.
  case filterUser
  /// Filter by event name.
  case filterEventName
  /// Cycle all / writes only / reads only.
  case cycleReadWrite
  /// Free-text search over whole records.
  case search
  /// Next search match.
  case nextMatch
  /// Previous search match.
  case previousMatch
  /// Clear every filter.
  case clearFilters
  /// Toggle UTC and local time.
  case toggleTime
  /// Fetch the whole time window (lazy sources).
  case loadAll
  /// Reload the trails from the API.
  case refreshTrails
  /// Show the problems list.
  case problems
  /// Show the help overlay.
  case help
  /// Quit.
  case quit
}

/// The dashboard's key bindings: the single source for input handling, the `?` overlay and the README table.
public enum AppKeys {
  /// The keymap.
  public static let keymap = Keymap<AppAction>([
    KeyBinding(keys: [.up, .char("k")], action: .up, help: "previous event / scroll up", scope: "global"),
    KeyBinding(keys: [.down, .char("j")], action: .down, help: "next event / scroll down", scope: "global"),
    KeyBinding(keys: [.pageUp, .ctrl("b")], action: .pageUp, help: "page up", scope: "global"),
    KeyBinding(keys: [.pageDown, .ctrl("f"), .char(" ")], action: .pageDown, help: "page down", scope: "global"),
    KeyBinding(keys: [.char("g"), .home], action: .first, help: "first (newest) event / top", scope: "global"),
    KeyBinding(keys: [.char("G"), .end], action: .last, help: "last (oldest) event / bottom", scope: "global"),
    KeyBinding(keys: [.enter, .tab], action: .toggleFocus, help: "focus the detail pane and back", scope: "global"),
    KeyBinding(keys: [.escape], action: .back, help: "back to the table; cancel a prompt", scope: "global"),
    KeyBinding(keys: [.char("u")], action: .filterUser, help: "filter by user", scope: "global"),
    KeyBinding(keys: [.char("e")], action: .filterEventName, help: "filter by event name", scope: "global"),
    KeyBinding(keys: [.char("w")], action: .cycleReadWrite, help: "all / writes only / reads only", scope: "global"),
    KeyBinding(keys: [.char("/")], action: .search, help: "search whole records", scope: "global"),
    KeyBinding(keys: [.char("n")], action: .nextMatch, help: "next search match", scope: "global"),
    KeyBinding(keys: [.char("N")], action: .previousMatch, help: "previous search match", scope: "global"),
    KeyBinding(keys: [.char("c")], action: .clearFilters, help: "clear all filters", scope: "global"),
    KeyBinding(keys: [.char("t")], action: .toggleTime, help: "toggle UTC / local time", scope: "global"),
    KeyBinding(keys: [.char("L")], action: .loadAll, help: "load every page of the time window", scope: "global"),
    KeyBinding(keys: [.char("r")], action: .refreshTrails, help: "refresh the trails (live API)", scope: "global"),
    KeyBinding(keys: [.char("p")], action: .problems, help: "files that could not be read", scope: "global"),
    KeyBinding(keys: [.char("?")], action: .help, help: "this help", scope: "global"),
    KeyBinding(keys: [.char("q"), .ctrl("c")], action: .quit, help: "quit", scope: "global"),
  ])
}

extension AppKeys {
  /// The key table as Markdown, for the README (`trailview --keys-markdown` prints it).
  public static var markdownTable: String {
    keymap.markdownTable(scopeTitles: ["global": "everywhere"]).joined(separator: "\n")
  }
}
