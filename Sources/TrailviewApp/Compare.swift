import CloudTrailModel
import EventStore

/// One difference between two records.
public struct DiffLine: Sendable, Equatable {
  /// The leaf's path (`requestParameters.userName`, `resources[0].ARN`).
  public var path: String
  /// The value in the selected event, nil when it has none.
  public var left: String?
  /// The value in the marked event, nil when it has none.
  public var right: String?

  /// Creates a difference.
  public init(path: String, left: String?, right: String?) {
    self.path = path
    self.left = left
    self.right = right
  }
}

/// The compare screen: the selected event beside a marked one.
public struct CompareState: Sendable, Equatable {
  /// How the two are shown.
  public enum Mode: Sendable, Equatable {
    /// Only the values that differ, path by path.
    case diff
    /// Both records pretty-printed side by side, differing lines highlighted.
    case sideBySide
  }

  /// The selected event's row id.
  public var left: UInt32
  /// The marked event's row id.
  public var right: UInt32
  /// How they are shown.
  public var mode = Mode.diff
  /// First line shown.
  public var scroll = 0
  /// What differs, in the left record's order, then what only the right has.
  public var diff: [DiffLine]

  /// Compares two records' leaves.
  public static func diff(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>) -> [DiffLine] {
    let a = JSONLeaves.leaves(left)
    let b = JSONLeaves.leaves(right)
    let rightValues = Dictionary(b.map { ($0.path, $0.value) }, uniquingKeysWith: { first, _ in first })
    let leftPaths = Set(a.map(\.path))
    var lines: [DiffLine] = []
    var seen = Set<String>()
    for leaf in a where seen.insert(leaf.path).inserted {
      let other = rightValues[leaf.path]
      if other != leaf.value { lines.append(DiffLine(path: leaf.path, left: leaf.value, right: other)) }
    }
    for leaf in b where !leftPaths.contains(leaf.path) && seen.insert(leaf.path).inserted {
      lines.append(DiffLine(path: leaf.path, left: nil, right: leaf.value))
    }
    return lines
  }
}

/// `=`: compares the selected event with the most recently marked other one.
func openCompare(_ state: inout AppState) -> [Effect] {
  guard state.selected < state.snapshot.count else { return [] }
  let selected = state.snapshot.rowID(at: state.selected)
  guard let other = state.marked.last(where: { $0 != selected }) else {
    state.message = "mark an event first (m), then select another and press ="
    return []
  }
  let diff = CompareState.diff(state.snapshot.record(row: selected), state.snapshot.record(row: other))
  state.screens.append(.compare(CompareState(left: selected, right: other, diff: diff)))
  return []
}

/// Keys on the compare screen.
func updateCompare(_ state: inout AppState, _ compare: CompareState, _ action: AppAction?) -> [Effect] {
  var compare = compare
  let page = max(1, state.height - 7)
  switch action {
  case .up?: compare.scroll -= 1
  case .down?: compare.scroll += 1
  case .pageUp?: compare.scroll -= page
  case .pageDown?: compare.scroll += page
  case .first?: compare.scroll = 0
  case .last?: compare.scroll = .max / 2
  case .nextField?:
    compare.mode = compare.mode == .diff ? .sideBySide : .diff
    compare.scroll = 0
  case .close?: return closeScreen(&state)
  default: return []
  }
  compare.scroll = max(0, compare.scroll)
  state.screens[state.screens.count - 1] = .compare(compare)
  return []
}
