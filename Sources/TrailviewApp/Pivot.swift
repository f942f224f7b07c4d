import CloudTrailModel
import EventStore

/// Turning the value under a cursor into a predicate.
public enum Pivot {
  /// The predicate that keeps (or, with `exclude`, drops) the events whose `target` has `value`.
  ///
  /// A missing value keeps the events without one (or, excluded, those with one). The value is escaped so that
  /// `*` and `?` in it match themselves.
  public static func predicate(_ target: Predicate.Target, value: String, exclude: Bool) -> Predicate {
    if value.isEmpty { return Predicate(target, exclude ? .exists : .notEquals("*")) }
    let pattern = Pattern.escape(value)
    return Predicate(target, exclude ? .notEquals(pattern) : .equals(pattern))
  }

  /// The registry field whose values are exactly what `path` holds in a record, else the path itself.
  public static func target(forPath path: String) -> Predicate.Target? {
    for field in Field.allCases where field.spec.path == path {
      switch field.spec.source {
      case .slot, .slotOr, .onDemand, .readOnly: return .field(field)
      case .time, .user, .role, .mfa, .issuedKey: break
      }
    }
    return JSONPath(path).map(Predicate.Target.path)
  }
}

/// `f` and `F`: filter to, or exclude, the value under the cursor.
func pivot(_ state: inout AppState, exclude: Bool) -> [Effect] {
  guard state.selected < state.snapshot.count || state.focus == .trails else {
    state.message = "no event selected"
    return []
  }
  let predicate: Predicate
  switch state.focus {
  case .trails:
    // The calls that named the trail (CreateTrail, StopLogging, DeleteTrail, ...), by its name or its ARN.
    let trails = sortedTrails(state.snapshot.trails)
    guard state.trailsScroll < trails.count, let path = JSONPath("requestParameters.name") else {
      state.message = "no trail to filter on"
      return []
    }
    let name = trails[state.trailsScroll].name
    let byName = Pivot.predicate(.path(path), value: name, exclude: exclude)
    let arn = Predicate(
      .path(path),
      exclude ? .notEquals("arn:*:trail/" + Pattern.escape(name)) : .equals("arn:*:trail/" + Pattern.escape(name)))
    let added = [byName, arn].filter { !state.filter.predicates.contains($0) }
    guard !added.isEmpty else {
      state.message = "already filtered on \(byName)"
      return []
    }
    state.filter.predicates += added
    return [.setFilter(state.filter)]
  case .table:
    let field = state.cursorField
    if field == .time {
      guard !exclude else {
        state.message = "T sets the time window"
        return []
      }
      let minute = state.snapshot.time(at: state.selected) / 60 * 60
      state.filter.window = (minute, minute + 59)
      state.message = "time window: that minute (T changes it)"
      return [.setFilter(state.filter)]
    }
    predicate = Pivot.predicate(.field(field), value: state.snapshot.text(field, at: state.selected), exclude: exclude)
  case .detail:
    guard state.detailLine < state.detail.lines.count else { return [] }
    let line = state.detail.lines[state.detailLine]
    guard let path = line.path, let value = line.value, let target = Pivot.target(forPath: path) else {
      state.message = "this line holds no single value: move to one"
      return []
    }
    predicate = Pivot.predicate(target, value: value, exclude: exclude)
  }
  guard !state.filter.predicates.contains(predicate) else {
    state.message = "already filtered on \(predicate)"
    return []
  }
  state.filter.predicates.append(predicate)
  return [.setFilter(state.filter)]
}

/// Backspace: removes the last predicate (the time window stays: `T` changes it), else the marked-only filter.
func removeLastPredicate(_ state: inout AppState) -> [Effect] {
  if let last = state.filter.predicates.lastIndex(where: { $0.target != .field(.time) }) {
    state.filter.predicates.remove(at: last)
  } else if state.filter.rule != nil {
    state.filter.rule = nil
    state.ruleFilter = nil
  } else if state.filter.rows != nil {
    state.filter.rows = nil
  } else {
    state.message = "no filter to remove"
    return []
  }
  return [.setFilter(state.filter)]
}

/// `m`: marks or unmarks the selected event.
func toggleMark(_ state: inout AppState) -> [Effect] {
  guard state.selected < state.snapshot.count else { return [] }
  let id = state.snapshot.rowID(at: state.selected)
  if let at = state.marked.firstIndex(of: id) {
    state.marked.remove(at: at)
    state.message = "unmarked (\(state.marked.count) marked)"
  } else {
    state.marked.append(id)
    state.message = "marked (\(state.marked.count) marked: = compares, M shows only them)"
  }
  guard state.filter.rows != nil else { return [] }
  state.filter.rows = state.marked
  return [.setFilter(state.filter)]
}

/// `M`: shows only the marked events, or everything again.
func toggleMarkedOnly(_ state: inout AppState) -> [Effect] {
  if state.filter.rows != nil {
    state.filter.rows = nil
  } else {
    guard !state.marked.isEmpty else {
      state.message = "nothing marked: m marks the selected event"
      return []
    }
    state.filter.rows = state.marked
  }
  return [.setFilter(state.filter)]
}
