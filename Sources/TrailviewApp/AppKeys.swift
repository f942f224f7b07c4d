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
  /// Move focus to the next pane: table, detail, trails.
  case cycleFocus
  /// Close the screen on top.
  case close
  /// Cell cursor one column left.
  case left
  /// Cell cursor one column right.
  case right
  /// Filter to the value under the cursor.
  case pivotIn
  /// Exclude the value under the cursor.
  case pivotOut
  /// Remove the last predicate.
  case removeLast
  /// Mark or unmark the selected event.
  case mark
  /// Show only the marked events, or everything.
  case markedOnly
  /// Unmark every event.
  case unmarkAll
  /// Compare the selected event with the marked one.
  case compare
  /// Export events to a file.
  case export
  /// Choose the time window.
  case timeWindow
  /// Trace the credential behind the event's access key.
  case trace
  /// Choose the table's columns.
  case columns
  /// Show or hide a column (chooser).
  case toggleColumn
  /// Move a column up (chooser).
  case moveUp
  /// Move a column down (chooser).
  case moveDown
  /// Show or hide the timeline strip.
  case toggleTimeline
  /// Select the busiest bucket's newest event.
  case busiestBucket
  /// Select the previous (older) bucket with events.
  case olderBucket
  /// Select the next (newer) bucket with events.
  case newerBucket
  /// Anchor a bucket range at the selected event.
  case anchorBucket
  /// Take the anchored range (or the selected bucket) as the time window.
  case zoomBucket
  /// Copy the event's JSON to the clipboard.
  case copy
  /// Open the prompt for any predicate.
  case wherePrompt
  /// Open the summary (top values of a field).
  case summary
  /// Next field (summary).
  case nextField
  /// Previous field (summary).
  case previousField
  /// Filter to the selected value (summary).
  case drillDown
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
  /// Read the selected trail's S3 bucket in place, for the time window.
  case openBucket
  /// Read the selected trail's CloudWatch Logs group.
  case openLogGroup
  /// Start or stop following new events.
  case toggleFollow
  /// Show Insights events only, or management events again.
  case toggleInsights
  /// Open the detection findings.
  case findings
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
  public static let keymap = Keymap<AppAction>(
    global + trailsKeys + dashboard + table + lists + summary + compare + export + timeWindow + traceKeys + columnKeys
      + findingsKeys)

  private static let global: [KeyBinding<AppAction>] = [
    KeyBinding(keys: [.char("?")], action: .help, help: "this help", hint: "help"),
    KeyBinding(keys: [.char("q"), .ctrl("c")], action: .quit, help: "quit", hint: "quit"),
  ]

  private static let dashboard: [KeyBinding<AppAction>] = [
    KeyBinding(keys: [.up, .char("k")], action: .up, help: "previous event / scroll up", scope: "dashboard"),
    KeyBinding(keys: [.down, .char("j")], action: .down, help: "next event / scroll down", scope: "dashboard"),
    KeyBinding(keys: [.pageUp, .ctrl("b")], action: .pageUp, help: "page up", scope: "dashboard"),
    KeyBinding(keys: [.pageDown, .ctrl("f"), .char(" ")], action: .pageDown, help: "page down", scope: "dashboard"),
    KeyBinding(keys: [.char("g"), .home], action: .first, help: "first (newest) event / top", scope: "dashboard"),
    KeyBinding(keys: [.char("G"), .end], action: .last, help: "last (oldest) event / bottom", scope: "dashboard"),
    KeyBinding(keys: [.enter], action: .toggleFocus, help: "focus the detail pane and back", scope: "dashboard"),
    KeyBinding(keys: [.tab], action: .cycleFocus, help: "next pane: table, detail, trails", scope: "dashboard"),
    KeyBinding(
      keys: [.escape], action: .back, help: "back to the table; cancel a prompt; stop a running Athena or Lake query",
      scope: "dashboard"),
    KeyBinding(keys: [.char("u")], action: .filterUser, help: "filter by user", scope: "dashboard", hint: "user"),
    KeyBinding(
      keys: [.char("e")], action: .filterEventName, help: "filter by event name", scope: "dashboard", hint: "event"),
    KeyBinding(
      keys: [.char("w")], action: .cycleReadWrite, help: "all / writes only / reads only", scope: "dashboard",
      hint: "r/w"),
    KeyBinding(keys: [.char("/")], action: .search, help: "search whole records", scope: "dashboard", hint: "search"),
    KeyBinding(
      keys: [.char(":")], action: .wherePrompt, help: "add a filter: FIELD=VALUE, FIELD!=VALUE, FIELD~TEXT, FIELD?",
      scope: "dashboard"),
    KeyBinding(keys: [.char("n")], action: .nextMatch, help: "next search match", scope: "dashboard"),
    KeyBinding(keys: [.char("N")], action: .previousMatch, help: "previous search match", scope: "dashboard"),
    KeyBinding(
      keys: [.char("f")], action: .pivotIn, help: "filter to the value under the cursor", scope: "dashboard",
      hint: "filter"),
    KeyBinding(
      keys: [.char("F")], action: .pivotOut, help: "exclude the value under the cursor", scope: "dashboard",
      hint: "exclude"),
    KeyBinding(
      keys: [.backspace, .delete], action: .removeLast, help: "remove the last filter", scope: "dashboard"),
    KeyBinding(
      keys: [.char("c")], action: .clearFilters, help: "clear all filters (the time window stays)", scope: "dashboard",
      hint: "clear"),
    KeyBinding(keys: [.char("m")], action: .mark, help: "mark / unmark the event", scope: "dashboard", hint: "mark"),
    KeyBinding(
      keys: [.char("=")], action: .compare, help: "compare the event with the last marked one", scope: "dashboard"),
    KeyBinding(
      keys: [.char("x")], action: .export, help: "export the events shown (or marked) to a file", scope: "dashboard",
      hint: "export"),
    KeyBinding(
      keys: [.char("y")], action: .copy, help: "copy the event's JSON to the clipboard (OSC 52, works over SSH)",
      scope: "dashboard"),
    KeyBinding(
      keys: [.char("K")], action: .trace,
      help: "trace the access key: who issued it, with which key, back to the origin",
      scope: "dashboard", hint: "trace"),
    KeyBinding(keys: [.char("M")], action: .markedOnly, help: "only marked events / all", scope: "dashboard"),
    KeyBinding(keys: [.ctrl("u")], action: .unmarkAll, help: "unmark every event", scope: "dashboard"),
    KeyBinding(
      keys: [.char("s")], action: .summary, help: "summary: top values of the cursor's field", scope: "dashboard",
      hint: "summary"),
    KeyBinding(
      keys: [.char("T")], action: .timeWindow, help: "time window: last 15 min … 90 d, all, or typed",
      scope: "dashboard",
      hint: "time"),
    KeyBinding(keys: [.char("H")], action: .toggleTimeline, help: "show / hide the timeline strip", scope: "dashboard"),
    KeyBinding(keys: [.char("b")], action: .busiestBucket, help: "timeline: the busiest bucket", scope: "dashboard"),
    KeyBinding(keys: [.char("[")], action: .olderBucket, help: "timeline: previous (older) bucket", scope: "dashboard"),
    KeyBinding(keys: [.char("]")], action: .newerBucket, help: "timeline: next (newer) bucket", scope: "dashboard"),
    KeyBinding(
      keys: [.char("v")], action: .anchorBucket, help: "timeline: anchor a range at this bucket", scope: "dashboard"),
    KeyBinding(
      keys: [.char("z")], action: .zoomBucket, help: "timeline: take the range (or bucket) as the time window",
      scope: "dashboard"),
    KeyBinding(
      keys: [.char("C")], action: .columns, help: "choose the table's columns and their order", scope: "dashboard"),
    KeyBinding(keys: [.char("t")], action: .toggleTime, help: "toggle UTC / local time", scope: "dashboard"),
    KeyBinding(keys: [.char("L")], action: .loadAll, help: "load every page of the time window", scope: "dashboard"),
    KeyBinding(keys: [.char("r")], action: .refreshTrails, help: "refresh the trails (live API)", scope: "dashboard"),
    KeyBinding(
      keys: [.char("A")], action: .toggleFollow, help: "follow: look for new events every few seconds, or stop",
      scope: "dashboard"),
    KeyBinding(
      keys: [.char("!")], action: .findings, help: "findings: the detection rules that matched, by level",
      scope: "dashboard", hint: "findings"),
    KeyBinding(
      keys: [.char("I")], action: .toggleInsights, help: "Insights events only (unusual call and error rates), or back",
      scope: "dashboard"),
    KeyBinding(keys: [.char("p")], action: .problems, help: "files that could not be read", scope: "dashboard"),
  ]

  private static let trailsKeys: [KeyBinding<AppAction>] = [
    KeyBinding(
      keys: [.enter], action: .openBucket, help: "read the trail's S3 bucket in place (the time window's days)",
      scope: "trails", hint: "its bucket"),
    KeyBinding(
      keys: [.char("W")], action: .openLogGroup, help: "read the trail's CloudWatch Logs group (the time window)",
      scope: "trails", hint: "its log group"),
  ]

  private static let table: [KeyBinding<AppAction>] = [
    KeyBinding(keys: [.left, .char("h")], action: .left, help: "cell cursor left", scope: "table"),
    KeyBinding(keys: [.right, .char("l")], action: .right, help: "cell cursor right", scope: "table"),
  ]

  /// Scrolling lists (help, problems).
  private static let lists: [KeyBinding<AppAction>] = ["help", "problems"].flatMap { scope in
    [
      KeyBinding(keys: [.up, .char("k")], action: AppAction.up, help: "scroll up", scope: scope),
      KeyBinding(keys: [.down, .char("j")], action: .down, help: "scroll down", scope: scope),
      KeyBinding(keys: [.pageUp, .ctrl("b")], action: .pageUp, help: "page up", scope: scope),
      KeyBinding(keys: [.pageDown, .ctrl("f"), .char(" ")], action: .pageDown, help: "page down", scope: scope),
      KeyBinding(keys: [.char("g"), .home], action: .first, help: "top", scope: scope),
      KeyBinding(keys: [.char("G"), .end], action: .last, help: "bottom", scope: scope),
      KeyBinding(keys: [.escape], action: .close, help: "close (any other key too)", scope: scope, hint: "close"),
    ]
  }

  private static let findingsKeys: [KeyBinding<AppAction>] = [
    KeyBinding(keys: [.up, .char("k")], action: .up, help: "previous rule", scope: "findings"),
    KeyBinding(keys: [.down, .char("j")], action: .down, help: "next rule", scope: "findings"),
    KeyBinding(keys: [.pageUp, .ctrl("b")], action: .pageUp, help: "page up", scope: "findings"),
    KeyBinding(keys: [.pageDown, .ctrl("f"), .char(" ")], action: .pageDown, help: "page down", scope: "findings"),
    KeyBinding(keys: [.char("g"), .home], action: .first, help: "top", scope: "findings"),
    KeyBinding(keys: [.char("G"), .end], action: .last, help: "bottom", scope: "findings"),
    KeyBinding(keys: [.enter, .char("f")], action: .drillDown, help: "show the rule's events", scope: "findings"),
    KeyBinding(keys: [.escape, .char("!")], action: .close, help: "close", scope: "findings", hint: "close"),
  ]

  private static let summary: [KeyBinding<AppAction>] = [
    KeyBinding(keys: [.up, .char("k")], action: .up, help: "previous value", scope: "summary"),
    KeyBinding(keys: [.down, .char("j")], action: .down, help: "next value", scope: "summary"),
    KeyBinding(keys: [.pageUp, .ctrl("b")], action: .pageUp, help: "page up", scope: "summary"),
    KeyBinding(keys: [.pageDown, .ctrl("f"), .char(" ")], action: .pageDown, help: "page down", scope: "summary"),
    KeyBinding(keys: [.char("g"), .home], action: .first, help: "top", scope: "summary"),
    KeyBinding(keys: [.char("G"), .end], action: .last, help: "bottom", scope: "summary"),
    KeyBinding(keys: [.tab, .right, .char("l")], action: .nextField, help: "next field", scope: "summary"),
    KeyBinding(keys: [.backTab, .left, .char("h")], action: .previousField, help: "previous field", scope: "summary"),
    KeyBinding(keys: [.enter, .char("f")], action: .drillDown, help: "filter to the value", scope: "summary"),
    KeyBinding(keys: [.char("F")], action: .pivotOut, help: "exclude the value", scope: "summary"),
    KeyBinding(keys: [.escape, .char("s")], action: .close, help: "close", scope: "summary", hint: "close"),
  ]

  private static let compare: [KeyBinding<AppAction>] = [
    KeyBinding(keys: [.up, .char("k")], action: .up, help: "scroll up", scope: "compare"),
    KeyBinding(keys: [.down, .char("j")], action: .down, help: "scroll down", scope: "compare"),
    KeyBinding(keys: [.pageUp, .ctrl("b")], action: .pageUp, help: "page up", scope: "compare"),
    KeyBinding(keys: [.pageDown, .ctrl("f"), .char(" ")], action: .pageDown, help: "page down", scope: "compare"),
    KeyBinding(keys: [.char("g"), .home], action: .first, help: "top", scope: "compare"),
    KeyBinding(keys: [.char("G"), .end], action: .last, help: "bottom", scope: "compare"),
    KeyBinding(keys: [.tab], action: .nextField, help: "differences only / side by side", scope: "compare"),
    KeyBinding(keys: [.escape, .char("=")], action: .close, help: "close", scope: "compare", hint: "close"),
  ]

  private static let timeWindow: [KeyBinding<AppAction>] = [
    KeyBinding(keys: [.up, .char("k")], action: .up, help: "previous choice", scope: "timeWindow"),
    KeyBinding(keys: [.down, .char("j")], action: .down, help: "next choice", scope: "timeWindow"),
    KeyBinding(keys: [.char("g"), .home], action: .first, help: "first", scope: "timeWindow"),
    KeyBinding(keys: [.char("G"), .end], action: .last, help: "custom", scope: "timeWindow"),
    KeyBinding(
      keys: [.enter], action: .drillDown, help: "apply (on custom: type START .. END)", scope: "timeWindow",
      hint: "apply"),
    KeyBinding(keys: [.escape, .char("T")], action: .close, help: "close", scope: "timeWindow", hint: "close"),
  ]

  private static let traceKeys: [KeyBinding<AppAction>] = [
    KeyBinding(keys: [.up, .char("k")], action: .up, help: "previous link", scope: "trace"),
    KeyBinding(keys: [.down, .char("j")], action: .down, help: "next link", scope: "trace"),
    KeyBinding(keys: [.char("g"), .home], action: .first, help: "first link", scope: "trace"),
    KeyBinding(keys: [.char("G"), .end], action: .last, help: "last link", scope: "trace"),
    KeyBinding(keys: [.enter, .char("f")], action: .drillDown, help: "filter to the key's events", scope: "trace"),
    KeyBinding(keys: [.escape, .char("K")], action: .close, help: "close", scope: "trace", hint: "close"),
  ]

  private static let columnKeys: [KeyBinding<AppAction>] = [
    KeyBinding(keys: [.up, .char("k")], action: .up, help: "previous field", scope: "columns"),
    KeyBinding(keys: [.down, .char("j")], action: .down, help: "next field", scope: "columns"),
    KeyBinding(keys: [.char("g"), .home], action: .first, help: "first", scope: "columns"),
    KeyBinding(keys: [.char("G"), .end], action: .last, help: "last", scope: "columns"),
    KeyBinding(
      keys: [.char(" ")], action: .toggleColumn, help: "show / hide the field", scope: "columns", hint: "show"),
    KeyBinding(keys: [.char("K")], action: .moveUp, help: "move it up (left)", scope: "columns", hint: "up"),
    KeyBinding(keys: [.char("J")], action: .moveDown, help: "move it down (right)", scope: "columns", hint: "down"),
    KeyBinding(keys: [.enter], action: .drillDown, help: "keep the choice (saved)", scope: "columns", hint: "keep"),
    KeyBinding(keys: [.escape, .char("C")], action: .close, help: "cancel", scope: "columns", hint: "cancel"),
  ]

  /// The export screen's keys (it reads keys itself, as typed text; these are for the help and the hints).
  private static let export: [KeyBinding<AppAction>] = [
    KeyBinding(keys: [.enter], action: .drillDown, help: "write the file", scope: "export", hint: "write"),
    KeyBinding(
      keys: [.tab], action: .nextField, help: "next format: ndjson, json, csv", scope: "export", hint: "format"),
    KeyBinding(
      keys: [.backTab], action: .previousField, help: "the events shown / the marked events", scope: "export",
      hint: "marked"),
    KeyBinding(keys: [.ctrl("u")], action: .unmarkAll, help: "clear the file name", scope: "export"),
    KeyBinding(keys: [.escape], action: .close, help: "cancel", scope: "export", hint: "cancel"),
  ]

  /// The key scopes that apply to `state`, narrowest first (the global scope applies after them).
  static func scopes(for state: AppState) -> [String] {
    if let screen = state.screens.last { return [screen.scope] }
    switch state.focus {
    case .table: return ["table", "dashboard"]
    case .detail: return ["detail", "dashboard"]
    case .trails: return ["trails", "dashboard"]
    }
  }

  /// The status bar's hints for `state`, from the keymap, each marked when it belongs to the global scope.
  static func hintList(for state: AppState) -> [(key: String, hint: String, global: Bool)] {
    // The export screen takes typed text, so the global keys do not apply there.
    let typing =
      state.screens.last.map { screen -> Bool in
        switch screen {
        case .export: return true
        case .timeWindow(let window): return window.editing
        default: return false
        }
      } ?? false
    let own = keymap.hints(scopes: scopes(for: state), includeGlobal: false)
    let global = typing ? [] : keymap.hints(scopes: [Keymap<AppAction>.globalScope])
    return own.map { ($0.key, $0.hint, false) } + global.map { ($0.key, $0.hint, true) }
  }
}

extension AppKeys {
  /// How the help and the README name each scope.
  public static let scopeTitles = [
    "global": "everywhere", "dashboard": "dashboard", "table": "events table", "detail": "detail pane",
    "trails": "trails pane", "help": "help", "problems": "problems list", "summary": "summary", "compare": "compare",
    "export": "export", "timeWindow": "time window", "trace": "credential trace", "columns": "columns",
  ]

  /// The key table as Markdown, for the README (`trailview --keys-markdown` prints it).
  public static var markdownTable: String {
    keymap.markdownTable(scopeTitles: scopeTitles).joined(separator: "\n")
  }
}
