import CloudTrailModel
import EventStore
import TerminalUI

/// Opens a prompt, with the known values of its field counted over every loaded event.
func openPrompt(_ state: inout AppState, _ kind: PromptKind) {
  var prompt = PromptState(kind: kind)
  switch kind {
  case .user: prompt.text = state.filter.user ?? ""
  case .eventName: prompt.text = state.filter.eventName ?? ""
  case .search: prompt.text = state.filter.search ?? ""
  case .predicate: break
  }
  refreshKnown(&prompt, state.snapshot)
  state.prompt = prompt
}

/// Counts the values of the prompt's field when it changed (column fields only: the others are read on demand).
private func refreshKnown(_ prompt: inout PromptState, _ snapshot: EventSnapshot) {
  let field = prompt.field
  guard field != prompt.knownField else { return }
  prompt.knownField = field
  prompt.known = field.map { $0.spec.isColumn ? snapshot.counts(of: $0, limit: 5000, allEvents: true) : [] } ?? []
}

func handlePromptKey(_ state: inout AppState, _ key: Key) -> [Effect] {
  guard var prompt = state.prompt else { return [] }
  let offered = suggestions(for: prompt)
  switch key {
  case .escape, .ctrl("c"), .ctrl("g"):
    state.prompt = nil
    return []
  case .enter:
    state.prompt = nil
    return apply(&state, prompt, value: chosenValue(prompt, offered))
  case .tab:
    if let choice = offered[safe: prompt.highlighted ?? 0] {
      prompt.text = prompt.valuePrefix + choice.text + (choice.count == nil ? "=" : "")
    }
    prompt.highlighted = nil
  case .down:
    guard !offered.isEmpty else { break }
    prompt.highlighted = min(offered.count - 1, (prompt.highlighted ?? -1) + 1)
  case .up:
    guard let h = prompt.highlighted else { break }
    prompt.highlighted = h > 0 ? h - 1 : nil
  case .backspace, .delete:
    if !prompt.text.isEmpty { prompt.text.removeLast() }
    prompt.highlighted = nil
  case .ctrl("u"):
    prompt.text = ""
    prompt.highlighted = nil
  case .char(let c):
    guard prompt.text.count < 512 else { break }
    prompt.text.append(c)
    prompt.highlighted = nil
  default:
    break
  }
  refreshKnown(&prompt, state.snapshot)
  state.prompt = prompt
  return []
}

/// What Enter applies: the highlighted suggestion; else the text when it has a wildcard or is a known value; else
/// the first suggestion (so `dep` takes `deploy-bot`); else the text as typed.
func chosenValue(_ prompt: PromptState, _ offered: [Suggestion]) -> String {
  let typed = prompt.valueText
  if let h = prompt.highlighted, h < offered.count, offered[h].count != nil { return offered[h].text }
  if typed.isEmpty || Pattern.hasWildcard(typed) { return typed }
  if prompt.known.contains(where: { $0.value.lowercased() == typed.lowercased() }) { return typed }
  if let first = offered.first, first.count != nil { return first.text }
  return typed
}

private func apply(_ state: inout AppState, _ prompt: PromptState, value: String) -> [Effect] {
  let pattern = value.isEmpty ? nil : value
  switch prompt.kind {
  case .user: state.filter.user = pattern.map { Pattern.hasWildcard($0) ? $0 : Pattern.escape($0) }
  case .eventName: state.filter.eventName = pattern.map { Pattern.hasWildcard($0) ? $0 : Pattern.escape($0) }
  case .search: state.filter.search = pattern
  case .predicate:
    guard !prompt.text.isEmpty else { return [] }
    guard let predicate = Predicate.parse(prompt.valuePrefix + value) else {
      state.message = "not a filter: use FIELD=VALUE, FIELD!=VALUE, FIELD~TEXT or FIELD? (a field name or a JSON path)"
      return []
    }
    guard !state.filter.predicates.contains(predicate) else { return [] }
    state.filter.predicates.append(predicate)
  }
  return [.setFilter(state.filter)]
}

extension Array {
  subscript(safe index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}
