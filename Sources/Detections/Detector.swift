import CloudTrailModel

/// Rules ready to run on every loaded event: indexed by the event names a rule can match, so that an event is
/// checked only against the rules that name its event name (and the few that name none). Correlation rules match no
/// single event (their condition names no search): the events they count give ``correlationKeys(rule:record:)``.
public final class Detector: Sendable {
  /// The rules, in order; findings refer to them by index.
  public let rules: [SigmaRule]
  /// Which rules each event name needs.
  private let names: NameIndex
  /// Per rule, the literals a record must contain for it to match (nil: none known).
  private let prefilters: [Prefilter?]
  /// The rules' tests on fields the scanner locates, decided per distinct value.
  private let quick: QuickPlan
  /// Per rule, the correlation rules counting its events.
  let uses: [[CorrelationUse]]
  /// The correlation rules' indices.
  public let correlations: [Int]
  /// Whether some rule reports nothing alone (only counted by a correlation rule).
  public let hidesRules: Bool

  /// Indexes `rules` (at most 65,535).
  public init(_ rules: [SigmaRule]) {
    self.rules = Array(rules.prefix(Int(UInt16.max)))
    self.names = NameIndex(self.rules)
    self.prefilters = self.rules.map(Prefilter.init)
    self.quick = QuickPlan(self.rules)
    self.uses = CorrelationUse.index(self.rules)
    self.correlations = self.rules.indices.filter { [rules = self.rules] in rules[$0].correlation != nil }
    self.hidesRules = self.rules.contains { !$0.reportsAlone }
  }

  /// The rules an event named `eventName` has to be checked against, in rule order.
  public func candidates(eventName: String) -> [UInt16] { names.candidates(eventName) }

  /// ``candidates(eventName:)``, remembered in `memo` (which outlives a batch).
  public func candidates(eventName: String, memo: inout DetectionMemo) -> [UInt16] {
    if let known = memo.candidates[eventName] { return known }
    let found = names.candidates(eventName)
    if memo.candidates.count < 20_000 { memo.candidates[eventName] = found }
    return found
  }

  /// Every rule (for a record whose event name cannot be read from the scanner's fields).
  public var allRules: [UInt16] { (0..<rules.count).map(UInt16.init) }

  /// Whether the scanner's `eventName` slot (a string, or nothing) is all the event name the record has, so that
  /// ``candidates(eventName:)`` may pick its rules; else (a repeated key, an array, a number) every rule is needed.
  public static func nameIsKnown(_ fields: RecordFields) -> Bool { fields.pathValue(.eventName) != .unknown }

  /// Memos given back after a batch, taken up by the next (one per thread that builds batches).
  private let memos = Locked<[DetectionMemo]>([])

  /// Fresh working memory for a batch of records.
  public func makeMemo() -> DetectionMemo { DetectionMemo(tests: quick.slotTests.count) }

  /// Runs `body` with working memory that remembers the values of earlier batches (while it stays small), so that
  /// each distinct user agent, identity type or error code is tested once per load rather than once per file.
  public func withMemo<Result>(_ body: (inout DetectionMemo) -> Result) -> Result {
    var memo = memos.withLock { $0.popLast() } ?? makeMemo()
    let result = body(&memo)
    if memo.isWorthKeeping { memos.withLock { $0.append(memo) } }
    return result
  }

  /// The indices of the candidate rules that match `record`, reading as little of it as possible: first each rule
  /// from the fields the scanner located (`fields`, nil when there are none), remembered per distinct value in
  /// `memo`; a rule those cannot decide goes through its prefilter (on the record's bytes, lower-cased once) and
  /// then reads the record, the fields read once for all rules. `columns`, when given, are the row's string ids in
  /// the store's columns (``Field/columnFields`` order), numbered afresh by each batch (call
  /// ``DetectionMemo/startBatch()`` first): a value seen before in the batch is then found without hashing it.
  public func matches(
    _ record: ArraySlice<UInt8>, fields: RecordFields?, columns: UnsafeBufferPointer<UInt32>? = nil,
    candidates: [UInt16], memo: inout DetectionMemo
  ) -> [UInt16] {
    var found: [UInt16] = []
    if let fields {
      withUnsafePointer(to: fields) {
        matches(record, $0, columns: columns, candidates: candidates, memo: &memo, into: &found)
      }
    } else {
      matches(record, nil, columns: nil, candidates: candidates, memo: &memo, into: &found)
    }
    return found
  }

  /// ``matches(_:fields:columns:candidates:memo:)`` with the fields read where they lie, appending the matching
  /// rules' indices to `found`; returns how many it appended.
  @discardableResult
  public func matches(
    _ record: ArraySlice<UInt8>, fieldsAt fields: UnsafePointer<RecordFields>, columns: UnsafeBufferPointer<UInt32>?,
    candidates: [UInt16], memo: inout DetectionMemo, into found: inout [UInt16]
  ) -> Int {
    let before = found.count
    matches(record, fields, columns: columns, candidates: candidates, memo: &memo, into: &found)
    return found.count - before
  }

  private func matches(
    _ record: ArraySlice<UInt8>, _ fields: UnsafePointer<RecordFields>?, columns: UnsafeBufferPointer<UInt32>?,
    candidates: [UInt16], memo: inout DetectionMemo, into found: inout [UInt16]
  ) {
    var under = RecordUnderTest(record, fields: fields, columns: columns)
    var lowered: [UInt8]?
    var escaped = false
    // Locals: the loop then touches no reference counts of the detector's tables.
    let quick = self.quick
    let prefilters = self.prefilters
    for index in candidates {
      let rule = Int(index)
      under.readsRecord = false
      if fields != nil {
        switch quick.evaluate(rule: rule, &under, memo: &memo) {
        case .yes:
          found.append(index)
          continue
        case .no: continue
        case .unknown: break
        }
      }
      if let prefilter = prefilters[rule] {
        if lowered == nil {
          lowered = Prefilter.lowered(record)
          escaped = Prefilter.contains(lowered!, Array("\\u".utf8))
        }
        if !escaped && !prefilter.admits(lowered!) { continue }
      }
      under.readsRecord = true
      if quick.evaluate(rule: rule, &under, memo: &memo) == .yes { found.append(index) }
    }
  }

  /// The indices of the candidate rules that match `record`, read in full.
  public func matches(_ record: ArraySlice<UInt8>, candidates: [UInt16]) -> [UInt16] {
    var memo = makeMemo()
    return matches(record, fields: nil, candidates: candidates, memo: &memo)
  }
}
