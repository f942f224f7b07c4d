import EventStore
import TerminalUI

/// The known values offered while typing a filter: values containing the text, those starting with it first.
public func suggestions(for prompt: PromptState, in snapshot: EventSnapshot, limit: Int = 8) -> [String] {
  let values: [String]
  switch prompt.kind {
  case .user: values = snapshot.values(of: .user)
  case .eventName: values = snapshot.values(of: .eventName)
  case .search: return []
  }
  let typed = prompt.text.lowercased()
  if typed.isEmpty { return Array(values.prefix(limit)) }
  if typed.contains("*") || typed.contains("?") {
    let pattern = Pattern(prompt.text)
    return Array(values.lazy.filter { pattern.matches($0) }.prefix(limit))
  }
  var prefixed: [String] = []
  var containing: [String] = []
  for value in values {
    let lower = value.lowercased()
    if lower.hasPrefix(typed) {
      prefixed.append(value)
    } else if lower.contains(typed) {
      containing.append(value)
    }
    if prefixed.count >= limit { break }
  }
  return Array((prefixed + containing).prefix(limit))
}

func handlePromptKey(_ state: inout AppState, _ key: Key) -> [Effect] {
  guard var prompt = state.prompt else { return [] }
  let offered = suggestions(for: prompt, in: state.snapshot)
  switch key {
  case .escape, .ctrl("c"), .ctrl("g"):
    state.prompt = nil
    return []
  case .enter:
    state.prompt = nil
    var value = prompt.text
    if let h = prompt.highlighted, h < offered.count {
      value = offered[h]
    } else if offered.count == 1, !value.contains("*"), !value.contains("?") {
      value = offered[0]
    }
    return apply(&state, kind: prompt.kind, value: value)
  case .tab:
    if let first = offered[safe: prompt.highlighted ?? 0] { prompt.text = first }
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
  state.prompt = prompt
  return []
}

private func apply(_ state: inout AppState, kind: PromptKind, value: String) -> [Effect] {
  let value = value.isEmpty ? nil : value
  switch kind {
  case .user: state.filter.user = value
  case .eventName: state.filter.eventName = value
  case .search: state.filter.search = value
  }
  return [.setFilter(state.filter)]
}

extension Array {
  subscript(safe index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}
