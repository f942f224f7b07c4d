import CloudTrailModel
import EventStore

/// The most bytes of JSON put on the clipboard (terminals refuse larger OSC 52 payloads).
public let clipboardCap = 65_536

/// `y`: the selected event's JSON, pretty-printed with every unsafe character escaped, for the clipboard.
func copyEvent(_ state: inout AppState) -> [Effect] {
  guard state.selected < state.snapshot.count else { return [] }
  let compact = JSONPretty.compact(state.snapshot.record(at: state.selected))
  let text = compact.count <= clipboardCap ? JSONText.pretty(compact: compact) : ""
  guard !text.isEmpty, text.utf8.count <= clipboardCap else {
    state.message =
      "the event's JSON is \(max(compact.count, text.utf8.count) / 1024) KiB, over the \(clipboardCap / 1024) KiB "
      + "clipboard cap: export it with x"
    return []
  }
  state.message = "copied the event's JSON (\(formatCount(text.utf8.count)) bytes) to the clipboard (OSC 52)"
  return [.copy(text)]
}
