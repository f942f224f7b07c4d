import CloudTrailModel
import EventStore

/// The selected event pretty-printed for a width, so that it is computed once per selection, not per frame.
public struct DetailCache: Sendable {
  /// The row id the lines belong to.
  public var rowID: UInt32?
  /// The width they were wrapped for.
  public var width = 0
  /// The lines.
  public var lines: [PrettyLine] = []

  /// Creates an empty cache.
  public init() {}

  /// Refreshes the cache for `state`'s selection and layout.
  static func refresh(_ state: inout AppState) {
    let layout = Layout(state)
    guard state.selected < state.snapshot.count else {
      state.detail = DetailCache()
      return
    }
    let id = state.snapshot.visible[state.selected]
    if state.detail.rowID == id && state.detail.width == layout.detailTextWidth { return }
    if state.detail.rowID != id {
      state.detailScroll = 0
      state.detailLine = 0
    }
    var cache = DetailCache()
    cache.rowID = id
    cache.width = layout.detailTextWidth
    cache.lines = JSONPretty.lines(state.snapshot.record(at: state.selected), width: layout.detailTextWidth)
    state.detail = cache
  }
}
