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
  /// Whether validation had judged the files when the lines were made.
  var validated = false

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
    let validated = state.snapshot.evidence.report != nil
    if state.detail.rowID == id && state.detail.width == layout.detailTextWidth && state.detail.validated == validated {
      return
    }
    if state.detail.rowID != id {
      state.detailScroll = 0
      state.detailLine = 0
    }
    var cache = DetailCache()
    cache.rowID = id
    cache.width = layout.detailTextWidth
    cache.validated = validated
    let record = state.snapshot.record(at: state.selected)
    cache.lines =
      evidenceLines(state.snapshot, row: id)
      + findingLines(state.snapshot, row: id, record: record, width: layout.detailTextWidth)
      + JSONPretty.lines(record, width: layout.detailTextWidth)
    state.detail = cache
  }
}

/// The detection rules the event matched, most serious first, above its JSON, one line each: "HIGH CloudTrail logging stopped … ·
/// selection: eventName=StopLogging" (the searches and fields that made it match). Sanitized: rule titles and
/// record values are input.
func findingLines(_ snapshot: EventSnapshot, row: UInt32, record: ArraySlice<UInt8>, width: Int) -> [PrettyLine] {
  guard let rules = snapshot.findings[row], let detector = snapshot.detector else { return [] }
  // Most serious first, then by title.
  let ordered = rules.sorted {
    let (a, b) = (detector.rules[Int($0)], detector.rules[Int($1)])
    return (a.level, b.title) > (b.level, a.title)
  }
  return ordered.map { index in
    let rule = detector.rules[Int(index)]
    let why = rule.explain(record).joined(separator: "; ")
    return PrettyLine(
      indent: 0,
      spans: [
        PrettySpan(text: " \(rule.level.rawValue.uppercased()) ", kind: .token),
        PrettySpan(text: " " + DisplayText.sanitize(rule.title), kind: .key),
        PrettySpan(text: DisplayText.sanitize(why.isEmpty ? "" : " · " + why), kind: .punctuation),
      ])
  }
}

/// What validation said of the log file the event came from, above its JSON: " EVIDENCE  MODIFIED  why · FILE"
/// (the reason first: the file's name is long). Sanitized: the file's name comes from the bucket.
func evidenceLines(_ snapshot: EventSnapshot, row: UInt32) -> [PrettyLine] {
  guard let verdict = snapshot.evidence(row: row) else { return [] }
  var why = ""
  switch verdict {
  case .modified(let reason), .notChecked(let reason), .invalid(let reason): why = reason + " · "
  case .notCovered: why = "no valid digest lists this file · "
  case .valid, .missing: break
  }
  return [
    PrettyLine(
      indent: 0,
      spans: [
        PrettySpan(text: " EVIDENCE ", kind: .token),
        PrettySpan(text: " \(verdict.word) ", kind: verdict.isTrusted ? .string : .literal),
        PrettySpan(text: DisplayText.sanitize(why + snapshot.source(row: row)), kind: .punctuation),
      ])
  ]
}
