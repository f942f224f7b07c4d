import CloudTrailModel
import EventStore
import TerminalUI

/// The time-window screen: a preset, or a window typed as `START .. END`.
public struct TimeWindowState: Sendable, Equatable {
  /// The presets: a label and how far back from now (nil: all time).
  public static let presets: [(label: String, seconds: Int64?)] = [
    ("15 min", 900), ("1 h", 3600), ("6 h", 6 * 3600), ("24 h", 86400), ("7 d", 7 * 86400), ("30 d", 30 * 86400),
    ("90 d", 90 * 86400), ("all", nil),
  ]

  /// The highlighted row: a preset, or `presets.count` for the custom window.
  public var selected: Int
  /// The custom window as typed.
  public var custom: String
  /// True while typing the custom window.
  public var editing = false
  /// Why the custom window was refused.
  public var error: String?
}

/// `T`: opens the time-window screen on the preset in use.
func openTimeWindow(_ state: inout AppState) -> [Effect] {
  let current = state.windowPreset.flatMap { label in TimeWindowState.presets.firstIndex { $0.label == label } }
  let window = state.filter.window
  var custom = ""
  if current == nil, let start = window.start {
    custom = EventTime.formatISO(start) + (window.end.map { " .. " + EventTime.formatISO($0) } ?? "")
  }
  let selected = current ?? (window.start == nil && window.end == nil ? 7 : TimeWindowState.presets.count)
  state.screens.append(.timeWindow(TimeWindowState(selected: selected, custom: custom)))
  return []
}

/// Keys on the time-window screen.
func updateTimeWindow(_ state: inout AppState, _ screen: TimeWindowState, _ key: Key) -> [Effect] {
  var screen = screen
  defer { if case .timeWindow? = state.screens.last { state.screens[state.screens.count - 1] = .timeWindow(screen) } }
  if screen.editing {
    switch key {
    case .escape: screen.editing = false
    case .enter: return applyCustomWindow(&state, &screen)
    case .backspace, .delete: if !screen.custom.isEmpty { screen.custom.removeLast() }
    case .ctrl("u"): screen.custom = ""
    case .char(let c): if screen.custom.count < 200 { screen.custom.append(c) }
    default: break
    }
    screen.error = nil
    return []
  }
  let rows = TimeWindowState.presets.count + 1
  let action = AppKeys.keymap.action(for: key, scopes: ["timeWindow"])
  if let position = moved(screen.selected, by: action, page: rows, count: rows) {
    screen.selected = position
    return []
  }
  switch action {
  case .drillDown?:
    guard screen.selected < TimeWindowState.presets.count else {
      screen.editing = true
      return []
    }
    let preset = TimeWindowState.presets[screen.selected]
    return setWindow(&state, (preset.seconds.map { state.now - $0 }, nil), preset: preset.label)
  case .close?: return closeScreen(&state)
  case .quit?: return [.quit]
  default:
    // Typing starts a custom window.
    if case .char(let c) = key, screen.selected == TimeWindowState.presets.count {
      screen.editing = true
      screen.custom = String(c)
    }
  }
  return []
}

private func applyCustomWindow(_ state: inout AppState, _ screen: inout TimeWindowState) -> [Effect] {
  switch TimeText.window(screen.custom, now: state.now) {
  case .failure(let error):
    screen.error = error.message
    return []
  case .success(let window):
    return setWindow(&state, window, preset: nil)
  }
}

/// Sets the filter's time window and closes the screen.
func setWindow(_ state: inout AppState, _ window: (start: Int64?, end: Int64?), preset: String?) -> [Effect] {
  if case .timeWindow? = state.screens.last { state.screens.removeLast() }
  state.windowPreset = preset
  state.filter.window = window
  return [.setFilter(state.filter)]
}

/// The window for the header: "last 24 h (since 11-30 22:00 UTC)", "2025-03-06 02:29 – 03:29 UTC", "all time".
func windowLabel(_ state: AppState, env: RenderEnvironment) -> String {
  let window = state.filter.window
  let zone = state.localTime ? env.zoneName(window.start ?? window.end ?? state.now) : "UTC"
  func time(_ t: Int64) -> String { String(formatTime(t, state: state, env: env).dropLast(3)) }
  switch (window.start, window.end) {
  case (nil, nil): return "all time"
  case (let start?, nil):
    let since = "since \(time(start)) \(zone)"
    return state.windowPreset.map { "last \($0) (\(since))" } ?? since
  case (nil, let end?): return "until \(time(end)) \(zone)"
  case (let start?, let end?): return "\(time(start)) – \(time(end)) \(zone)"
  }
}
