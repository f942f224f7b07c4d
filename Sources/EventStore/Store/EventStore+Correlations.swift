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
  /// When the last evaluation ended (uptime nanoseconds), and how long it took.
  var lastRun: UInt64 = 0
  var lastCost: UInt64 = 0

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
  /// Below this many counted events, correlation rules are evaluated at every publish.
  static let eagerCorrelationEvents = 5_000

  /// Evaluates the correlation rules whose events changed (call on the queue, before a snapshot is made). While
  /// sources still load and the rules count many events, it runs at most every half second (or ten times its own
  /// last duration) and schedules a later publish instead; once loading has finished it always runs. Returns the rules
  /// whose events were replaced.
  @discardableResult
  func evaluateCorrelations(finished: Bool) -> [Int] {
    guard let detector else { return [] }
    let changed = correlationInputs.changed
    guard !changed.isEmpty else { return [] }
    let start = DispatchTime.now().uptimeNanoseconds
    let total = changed.reduce(0) { $0 + correlationInputs.events[$1]!.count }
    let wait = max(500_000_000, 10 * correlationInputs.lastCost)
    if !finished && total > Self.eagerCorrelationEvents && start - correlationInputs.lastRun < wait {
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
    correlationInputs.lastCost = correlationInputs.lastRun - start
    if let rule = filter.rule, changed.contains(rule) {
      // The rule filter shows a correlation rule whose events changed: its rows are worked out again.
      compiled.rule = (UInt16(clamping: rule), RowSet(rule: rule, of: findings, below: columns.count))
      mergePending()
      visible = allMatching()
    }
    return changed
  }
}
