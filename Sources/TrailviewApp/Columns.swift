import CloudTrailModel
import EventStore

/// The column chooser: every registry field, the shown ones first in their order.
public struct ColumnsState: Sendable, Equatable {
  /// The fields in the order listed.
  public var fields: [Field]
  /// Which of them are shown.
  public var shown: Set<Field>
  /// The highlighted row.
  public var selected = 0

  /// The chooser for `columns`.
  public init(columns: [Field]) {
    fields = columns + Field.allCases.filter { !columns.contains($0) }
    shown = Set(columns)
  }

  /// The shown fields in their order.
  public var columns: [Field] { fields.filter(shown.contains) }
}

/// `C`: opens the column chooser.
func openColumns(_ state: inout AppState) -> [Effect] {
  state.screens.append(.columns(ColumnsState(columns: state.columns)))
  return []
}

/// Keys on the column chooser: Space shows or hides, K and J move, Enter keeps the choice (and saves it).
func updateColumns(_ state: inout AppState, _ chooser: ColumnsState, _ action: AppAction?) -> [Effect] {
  var chooser = chooser
  let last = chooser.fields.count - 1
  if let position = moved(chooser.selected, by: action, page: 10, count: chooser.fields.count) {
    chooser.selected = position
    state.screens[state.screens.count - 1] = .columns(chooser)
    return []
  }
  switch action {
  case .toggleColumn?:
    let field = chooser.fields[chooser.selected]
    if chooser.shown.contains(field) {
      guard chooser.shown.count > 1 else {
        state.message = "the table needs one column at least"
        return []
      }
      chooser.shown.remove(field)
    } else {
      chooser.shown.insert(field)
    }
  case .moveUp?, .moveDown?:
    let from = chooser.selected
    let to = action == .moveUp ? from - 1 : from + 1
    guard to >= 0, to <= last else { return [] }
    chooser.fields.swapAt(from, to)
    chooser.selected = to
  case .drillDown?:
    state.screens.removeLast()
    state.columns = chooser.columns
    state.column = min(state.column, state.columns.count - 1)
    state.message = "columns: " + state.columns.map(\.name).joined(separator: ", ")
    return [.saveColumns(state.columns)]
  case .close?: return closeScreen(&state)
  default: return []
  }
  state.screens[state.screens.count - 1] = .columns(chooser)
  return []
}
