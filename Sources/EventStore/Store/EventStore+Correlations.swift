import CloudTrailModel
import Detections
import Dispatch

/// The events correlation rules count, gathered as batches arrive, and how many each rule had when it was last
/// evaluated.
struct CorrelationInputs {
  /// Per correlation rule (by rule index), the events it counts.
  var events: [Int: [CorrelationEvent]] = [:]
  /// Per correlation rule, how many events it had at its last evaluation.
  var evaluated: [Int: Int] = [:]
  /// Group-by texts and counted values, interned (equal ids: equal texts).
  var groups: [String: UInt32] = [:]
  var values: [String: UInt32] = [:]
  /// When the last evaluation ran (uptime nanoseconds).
  var lastRun: UInt64 = 0

  /// Rules with events added since their last evaluation.
  var changed: [Int] { events.keys.filter { events[$0]!.count != evaluated[$0] }.sorted() }

  mutating func add(_ key: CorrelationKey, row: UInt32, time: Int64) {
    // An event without a time is in no window (Sigma's SQL backends skip a null timestamp too).
    guard time != EventSummary.unknownTime else { return }
    let group = Self.intern(key.group, in: &groups)
    let value = key.value.map { Self.intern($0, in: &values) }
    events[Int(key.correlation), default: []].append(
      CorrelationEvent(row: row, time: time, slot: key.slot, group: group, value: value))
  }

  private static func intern(_ text: String, in table: inout [String: UInt32]) -> UInt32 {
    if let id = table[text] { return id }
    let id = UInt32(table.count)
    table[text] = id
    return id
  }
}

extension EventStore {
  /// Below this many counted events, correlation rules are evaluated at every publish; above, at most once a second
  /// or when their events grew by an eighth (the last evaluation always follows the last batch).
  static let eagerCorrelationEvents = 100_000

  /// Evaluates the correlation rules whose events changed (call on the queue, before a snapshot is made); when it
  /// defers a large evaluation it schedules another publish. Returns the rules whose events were replaced.
  @discardableResult
  func evaluateCorrelations() -> [Int] {
    guard let detector else { return [] }
    let changed = correlationInputs.changed
    guard !changed.isEmpty else { return [] }
    let now = DispatchTime.now().uptimeNanoseconds
    let total = changed.reduce(0) { $0 + correlationInputs.events[$1]!.count }
    let grown = changed.contains {
      correlationInputs.events[$0]!.count >= (correlationInputs.evaluated[$0] ?? 0) * 9 / 8
    }
    if total > Self.eagerCorrelationEvents && !grown && now - correlationInputs.lastRun < 1_000_000_000 {
      schedulePublish()
      return []
    }
    for rule in changed {
      let events = correlationInputs.events[rule]!
      let result = CorrelationEngine.evaluate(detector.rules[rule].correlation!, events)
      findings.setCorrelated(rule: rule, rows: result.rows)
      correlationInputs.evaluated[rule] = events.count
    }
    correlationInputs.lastRun = DispatchTime.now().uptimeNanoseconds
    if let rule = filter.rule, changed.contains(rule) {
      // The rule filter shows a correlation rule whose events changed: its rows are worked out again.
      compiled.rule = (UInt16(clamping: rule), RowSet(rule: rule, of: findings, below: columns.count))
      mergePending()
      visible = allMatching()
    }
    return changed
  }
}
