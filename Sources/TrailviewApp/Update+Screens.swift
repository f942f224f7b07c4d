import TerminalUI

/// Keys for the screen on top of the stack.
func updateScreen(_ state: inout AppState, _ screen: Screen, _ key: Key) -> [Effect] {
  // The export screen takes typed text: only Ctrl-C quits there.
  if case .export(let export) = screen {
    return key == .ctrl("c") ? [.quit] : updateExport(&state, export, key)
  }
  if case .timeWindow(let window) = screen {
    return key == .ctrl("c") ? [.quit] : updateTimeWindow(&state, window, key)
  }
  let action = AppKeys.keymap.action(for: key, scopes: [screen.scope])
  if action == .quit { return [.quit] }
  switch screen {
  case .help(let scroll):
    let lines = helpLines(for: state).count
    guard let moved = scrolled(scroll, by: action, lines: lines, state: state) else { return closeScreen(&state) }
    state.screens[state.screens.count - 1] = .help(scroll: moved)
  case .summary(let summary):
    return updateSummary(&state, summary, action)
  case .compare(let compare):
    return updateCompare(&state, compare, action)
  case .trace(let trace): return updateTrace(&state, trace, action)
  case .columns(let chooser): return updateColumns(&state, chooser, action)
  case .findings(let findings): return updateFindings(&state, findings, action)
  case .export, .timeWindow: return []
  case .problems(let scroll):
    let lines = state.snapshot.progress.problems.count
    guard let moved = scrolled(scroll, by: action, lines: lines, state: state) else { return closeScreen(&state) }
    state.screens[state.screens.count - 1] = .problems(scroll: moved)
  }
  return []
}

/// Closes the top screen.
func closeScreen(_ state: inout AppState) -> [Effect] {
  if !state.screens.isEmpty { state.screens.removeLast() }
  return []
}

/// The new first line of a scrolled list after `action`; nil when the action (or an unbound key) closes it.
private func scrolled(_ scroll: Int, by action: AppAction?, lines: Int, state: AppState) -> Int? {
  let page = max(1, framedRows(height: state.height))
  // The first line shown moves over the positions that keep a page full.
  return moved(scroll, by: action, page: page, count: max(1, lines - page + 1))
}
