import CloudTrailModel
import EventStore

/// The credential-trace screen: the chain behind the selected event's access key.
public struct TraceState: Sendable, Equatable {
  /// The links, from the selected event's key back to where it came from.
  public var links: [CredentialLink]
  /// The selected link.
  public var selected = 0
}

/// `K`: traces the selected event's access key.
func openTrace(_ state: inout AppState) -> [Effect] {
  guard state.selected < state.snapshot.count else { return [] }
  let key = state.snapshot.text(.accessKeyId, at: state.selected)
  guard !key.isEmpty else {
    state.message = "this event has no access key (a service, a console sign-in, or an unauthenticated call)"
    return []
  }
  state.screens.append(.trace(TraceState(links: state.snapshot.credentialChain(from: key))))
  return []
}

/// Keys on the trace screen: choose a link; Enter filters to that key's events.
func updateTrace(_ state: inout AppState, _ trace: TraceState, _ action: AppAction?) -> [Effect] {
  var trace = trace
  if let position = moved(trace.selected, by: action, page: 5, count: trace.links.count) {
    trace.selected = position
    state.screens[state.screens.count - 1] = .trace(trace)
    return []
  }
  switch action {
  case .drillDown?:
    let key = trace.links[trace.selected].key
    state.screens.removeLast()
    let predicate = Pivot.predicate(.field(.accessKeyId), value: key, exclude: false)
    guard !state.filter.predicates.contains(predicate) else { return [] }
    state.filter.predicates.append(predicate)
    return [.setFilter(state.filter)]
  case .close?: return closeScreen(&state)
  default: return []
  }
}
