import CloudTrailModel
import EventStore
import TerminalUI

/// The summary screen: the top values of one field over the current filter, with counts.
public struct SummaryState: Sendable, Equatable {
  /// The fields Tab cycles through, in order.
  public static let fields: [Field] =
    [.eventName, .user, .role, .sourceIP, .eventSource, .region, .errorCode, .accessKeyId, .identityType]
    + [.userAgent, .arn, .accountId, .readOnly, .eventType, .eventCategory, .recipientAccount, .resourceType]
    + [.resources, .errorMessage, .mfaUsed, .issuedAccessKey, .principalId, .eventID, .requestID]

  /// The most values the summary lists (the most frequent ones).
  public static let limit = 1000

  /// The field counted.
  public var field: Field
  /// The counts, most frequent first; nil while counting.
  public var counts: [ValueCount]?
  /// Events counted.
  public var events = 0
  /// The selected row.
  public var selected = 0
  /// The first row shown.
  public var top = 0
  /// The request whose answer is awaited.
  public var request = 0
  /// The snapshot the counts are for (generation and size), to recount when it changes.
  var basis = (generation: -1, total: -1, count: -1)

  /// Creates the screen for `field`.
  public init(field: Field) {
    self.field = field
  }

  /// Compares what the screen shows (not the snapshot the counts were made for).
  public static func == (a: SummaryState, b: SummaryState) -> Bool {
    a.field == b.field && a.counts == b.counts && a.events == b.events && a.selected == b.selected && a.top == b.top
      && a.request == b.request
  }
}

/// Opens the summary for the field under the cursor (the event name when that is the time).
func openSummary(_ state: inout AppState) -> [Effect] {
  let field = SummaryState.fields.contains(state.cursorField) ? state.cursorField : .eventName
  state.screens.append(.summary(SummaryState(field: field)))
  return recountSummary(&state)
}

/// Asks for the counts of the summary on top, when they are missing or the snapshot has changed.
func recountSummary(_ state: inout AppState, force: Bool = true) -> [Effect] {
  guard case .summary(var summary)? = state.screens.last else { return [] }
  let basis = (state.snapshot.generation, state.snapshot.total, state.snapshot.count)
  guard force || summary.basis != basis else { return [] }
  state.requests += 1
  summary.request = state.requests
  summary.basis = basis
  state.screens[state.screens.count - 1] = .summary(summary)
  return [.count(summary.field, request: summary.request)]
}

/// Takes the counts the run loop computed, if they answer the summary's latest request.
func takeCounts(_ state: inout AppState, request: Int, counts: [ValueCount], events: Int) {
  guard case .summary(var summary)? = state.screens.last, summary.request == request else { return }
  summary.counts = counts
  summary.events = events
  summary.selected = min(summary.selected, max(0, counts.count - 1))
  state.screens[state.screens.count - 1] = .summary(summary)
}

/// Keys on the summary screen.
func updateSummary(_ state: inout AppState, _ summary: SummaryState, _ action: AppAction?) -> [Effect] {
  var summary = summary
  let rows = summaryRows(height: state.height)
  let count = summary.counts?.count ?? 0
  if let position = moved(summary.selected, by: action, page: rows, count: count) {
    summary.selected = position
    if summary.selected < summary.top { summary.top = summary.selected }
    if summary.selected >= summary.top + rows { summary.top = summary.selected - rows + 1 }
    state.screens[state.screens.count - 1] = .summary(summary)
    return []
  }
  switch action {
  case .nextField?, .previousField?:
    let fields = SummaryState.fields
    let at = fields.firstIndex(of: summary.field) ?? 0
    let step = action == .nextField ? 1 : fields.count - 1
    summary = SummaryState(field: fields[(at + step) % fields.count])
    state.screens[state.screens.count - 1] = .summary(summary)
    return recountSummary(&state)
  case .drillDown?, .pivotIn?, .pivotOut?:
    guard let counts = summary.counts, summary.selected < counts.count else { return [] }
    let value = counts[summary.selected].value
    let predicate = Pivot.predicate(.field(summary.field), value: value, exclude: action == .pivotOut)
    state.screens.removeLast()
    guard !state.filter.predicates.contains(predicate) else { return [] }
    state.filter.predicates.append(predicate)
    return [.setFilter(state.filter)]
  case .close?: return closeScreen(&state)
  default: return []
  }
}

/// Rows of values the summary shows at terminal height `height`.
func summaryRows(height: Int) -> Int { max(1, height - 6) }
