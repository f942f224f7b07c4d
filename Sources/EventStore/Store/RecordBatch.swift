import CloudTrailModel
import Detections

/// A trail-management call seen in the data (CreateTrail, StartLogging, StopLogging, ...).
struct TrailEvent: Sendable {
  var trail: String
  var eventName: String
  var time: Int64
  var region: String
  var user: String
  var failed: Bool
  /// For event selector calls: what they leave of management events (``EventSelectors/managementEvents(in:)``).
  var selectors: EventSelectors.Management? = nil
  /// For CreateTrail and UpdateTrail: the bucket and key prefix the call names (`requestParameters`), if any.
  var bucket: String? = nil
  var keyPrefix: String? = nil

  static let bucketPath = JSONPath("requestParameters.s3BucketName")!
  static let prefixPath = JSONPath("requestParameters.s3KeyPrefix")!
}

/// Records from one file or page, prepared off the store queue: fields decoded and interned in a local table.
///
/// The store maps the local string ids to its global table with one lookup per distinct string.
struct RecordBatch: Sendable {
  struct Row: Sendable {
    var time: Int64
    var index: UInt32
    var flags: EventFlags
    var start: UInt32
    var length: UInt32
    var identity: RecordHash
  }

  var ordinal: UInt32
  /// Records that arrived while following: their rows are flagged ``EventFlags/arrived``.
  var arrived = false
  /// Records that may repeat ones already held without being duplicates in the data (LookupEvents pages whose window
  /// overlaps the cache's or a previous poll's): the repeats are dropped but not counted.
  var overlaps = false
  var chunk: RecordChunk
  var rows: [Row] = []
  /// Per row, the local string ids of its columns (``Field/columnFields`` order), row after row.
  var values: [UInt32] = []
  var strings = StringTable()
  var trailEvents: [TrailEvent] = []
  var problems: [LoadProblem] = []
  /// The rows detection rules matched (row indices in the batch, in order).
  var findingRows: [Int32] = []
  /// Every finding's rules, one after another; finding `k`'s end at `findingEnds[k]`.
  var findingRules: [UInt16] = []
  var findingEnds: [Int32] = []
  /// Matches of rules that correlation rules count, in row order: the row and what the correlation needs.
  var counted: [(row: Int32, key: CorrelationKey)] = []
  /// Records left out because they fail the store's ``LoadFilter``.
  var dropped = 0

  static let trailCalls = Set(["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"])
    .union(EventSelectors.calls)

  /// Builds a batch from a scan of `source`'s bytes.
  ///
  /// String fields are interned by their raw bytes (``ByteInterner``), so a value costs a `String` only the first
  /// time the batch sees it; values with escapes are decoded first. Values are capped (``ColumnText``). Per-string
  /// facts (read/write by name, trail call, Insights type) are worked out once per distinct string. Records that
  /// fail `load` are left out (counted in ``dropped``); it cannot go with a `detector`, whose findings are per record.
  init(scan: ScanResult, source: String, ordinal: UInt32, detector: Detector? = nil, load: LoadFilter? = nil) {
    precondition(load == nil || detector == nil, "a load filter leaves out records the rules must see")
    self.ordinal = ordinal
    self.chunk = RecordChunk(bytes: scan.buffer, source: source)
    for problem in scan.problems { problems.append(LoadProblem(source: source, reason: problem)) }
    let array = scan.buffer
    var builder = Builder(load: load)
    builder.rows.reserveCapacity(scan.records.count)
    builder.values.reserveCapacity(scan.records.count * Builder.sources.count)
    array.withUnsafeBufferPointer { buffer in
      for (index, record) in scan.records.enumerated() {
        builder.add(record, index: index, buffer: buffer, array: array)
      }
    }
    rows = builder.rows
    values = builder.values
    if let detector { detect(detector, scan: scan, strings: builder.strings) }
    strings = builder.strings
    trailEvents = builder.trailEvents
    dropped = builder.dropped
  }

  /// The per-record work of ``init(scan:source:ordinal:)``.
  private struct Builder {
    /// Where each column's value comes from, in column order.
    static let sources = Field.columnFields.map(\.spec.source)
    static let nameColumn = Field.eventName.columnIndex!
    static let sourceColumn = Field.eventSource.columnIndex!
    static let userColumn = Field.user.columnIndex!
    static let regionColumn = Field.region.columnIndex!
    static let typeColumn = Field.eventType.columnIndex!
    static let categoryColumn = Field.eventCategory.columnIndex!

    var interner = ByteInterner()
    var strings = StringTable()
    /// The load filter, with per test the verdict on each local string id (0 not yet known, 1 pass, 2 fail).
    let load: LoadFilter?
    var verdicts: [[UInt8]]
    var dropped = 0
    /// Per local id, facts about the string (``Fact``), worked out the first time a record needs them.
    var facts: [UInt8] = []
    var rows: [Row] = []
    var values: [UInt32] = []
    var trailEvents: [TrailEvent] = []

    init(load: LoadFilter?) {
      self.load = load
      verdicts = Array(repeating: [], count: load?.tests.count ?? 0)
    }

    mutating func intern(_ ref: JSONStringRef, _ buffer: UnsafeBufferPointer<UInt8>, _ array: [UInt8]) -> UInt32 {
      guard ref.isPresent, ref.start >= 0, ref.end <= buffer.count else { return 0 }
      if ref.hasEscapes { return strings.intern(ColumnText.decode(ref, in: array)) }
      return interner.intern(buffer, ref.start, ref.end, strings: &strings)
    }

    mutating func intern(_ name: IdentityBytes.Name, _ buffer: UnsafeBufferPointer<UInt8>, _ array: [UInt8]) -> UInt32 {
      switch name {
      case .bytes(let start, let end): return interner.intern(buffer, start, end, strings: &strings)
      case .field(let ref): return intern(ref, buffer, array)
      case .text(let text): return strings.intern(ColumnText.capped(text))
      case .none: return 0
      }
    }

    /// How the store tells the record from others: by its event ID and time when it has an ID (cheap; the store
    /// compares records whole only when a key comes again), else by its whole bytes.
    static func identity(_ f: RecordFields, range: Range<Int>, time: Int64, buffer: UnsafeBufferPointer<UInt8>)
      -> RecordHash
    {
      let id = f[.eventID]
      guard id.isPresent, id.start >= range.lowerBound, id.end <= range.upperBound, id.end > id.start else {
        return .full(UnsafeBufferPointer(rebasing: buffer[range]))
      }
      return .keyed(id: UnsafeBufferPointer(rebasing: buffer[id.start..<id.end]), time: time)
    }

    /// The local string id of column `column`'s value in the record with fields `f`.
    mutating func columnID(_ column: Int, _ f: RecordFields, _ buffer: UnsafeBufferPointer<UInt8>, _ array: [UInt8])
      -> UInt32
    {
      switch Self.sources[column] {
      case .slot(let slot): return intern(f[slot], buffer, array)
      case .slotOr(let first, let second): return intern(f[first].isPresent ? f[first] : f[second], buffer, array)
      case .user: return intern(IdentityBytes.displayName(f, in: buffer, array: array), buffer, array)
      case .role: return intern(IdentityBytes.roleName(f, in: buffer), buffer, array)
      case .mfa: return intern(f[.mfaUsed].isPresent ? f[.mfaUsed] : f[.mfaAuthenticated], buffer, array)
      case .issuedKey:
        return intern(f[.issuedAccessKeyId].isPresent ? f[.issuedAccessKeyId] : f[.createdAccessKeyId], buffer, array)
      case .time, .readOnly, .onDemand: return 0
      }
    }

    /// Whether the record passes the load filter's time bounds and column tests (the tests as the store runs them).
    mutating func keeps(
      _ load: LoadFilter, _ f: RecordFields, time: Int64, _ buffer: UnsafeBufferPointer<UInt8>, _ array: [UInt8]
    ) -> Bool {
      if let low = load.low, time < low { return false }
      if let high = load.high, time > high { return false }
      for (k, test) in load.tests.enumerated() {
        var pass = test.needsAll
        for column in test.columns {
          let verdict = passes(k, columnID(column, f, buffer, array))
          if verdict != test.needsAll {
            pass = verdict
            break
          }
        }
        if !pass { return false }
      }
      return true
    }

    /// Test `k`'s verdict on local string `id`, worked out once per string.
    mutating func passes(_ k: Int, _ id: UInt32) -> Bool {
      if verdicts[k].count < strings.count {
        verdicts[k].append(contentsOf: repeatElement(0, count: strings.count - verdicts[k].count))
      }
      if verdicts[k][Int(id)] == 0 { verdicts[k][Int(id)] = load!.tests[k].rule.passes(strings[id]) ? 1 : 2 }
      return verdicts[k][Int(id)] == 1
    }

    mutating func add(_ record: ScannedRecord, index: Int, buffer: UnsafeBufferPointer<UInt8>, array: [UInt8]) {
      let f = record.fields
      let time = f.eventTime ?? EventSummary.unknownTime
      if let load, !keeps(load, f, time: time, buffer, array) {
        dropped += 1
        return
      }
      let first = values.count
      for column in Self.sources.indices { values.append(columnID(column, f, buffer, array)) }
      let name = values[first + Self.nameColumn]
      let user = values[first + Self.userColumn]
      let region = values[first + Self.regionColumn]
      let nameFacts = fact(name)
      var flags = readWrite(f.readOnly, name: name, nameFacts: nameFacts, first: first)
      if f[.errorCode].isPresent { flags.insert(.failed) }
      let range = record.range
      rows.append(
        Row(
          time: time, index: UInt32(truncatingIfNeeded: index), flags: flags,
          start: UInt32(truncatingIfNeeded: range.lowerBound), length: UInt32(truncatingIfNeeded: range.count),
          identity: Self.identity(f, range: range, time: time, buffer: buffer)))
      // The trail is `name` in CreateTrail, StopLogging, ..., and `trailName` in PutEventSelectors.
      let trailRef = f[.requestName].isPresent ? f[.requestName] : f[.requestTrailName]
      if nameFacts & Fact.trailCall != 0, trailRef.isPresent {
        let eventName = strings[name]
        var event = TrailEvent(
          trail: TrailName.short(ColumnText.decode(trailRef, in: array)), eventName: eventName, time: time,
          region: strings[region], user: strings[user], failed: f[.errorCode].isPresent)
        if EventSelectors.calls.contains(eventName) {
          event.selectors = EventSelectors.managementEvents(in: array[range])
        }
        if eventName == "CreateTrail" || eventName == "UpdateTrail" {
          event.bucket = TrailEvent.bucketPath.values(in: array[range]).first
          event.keyPrefix = TrailEvent.prefixPath.values(in: array[range]).first
        }
        trailEvents.append(event)
      }
    }

    /// Bits of ``facts``.
    enum Fact {
      static let known: UInt8 = 1
      /// An event name the prefix rule calls a read.
      static let readPrefix: UInt8 = 2
      static let trailCall: UInt8 = 4
      /// An event name with an entry in ``ReadOnlyMarking``.
      static let marked: UInt8 = 8
      /// `AwsCloudTrailInsight` (an `eventType`).
      static let insightType: UInt8 = 16
      /// `Insight` (an `eventCategory`).
      static let insightCategory: UInt8 = 32
    }

    /// The facts about the string with local id `id`.
    mutating func fact(_ id: UInt32) -> UInt8 {
      while facts.count < strings.count { facts.append(0) }
      if facts[Int(id)] == 0 {
        let text = strings[id]
        var bits = Fact.known
        if ReadOnlyInference.isRead(eventName: text) { bits |= Fact.readPrefix }
        if RecordBatch.trailCalls.contains(text) { bits |= Fact.trailCall }
        if ReadOnlyMarking.names.contains(text) { bits |= Fact.marked }
        if text == "AwsCloudTrailInsight" { bits |= Fact.insightType }
        if text == "Insight" { bits |= Fact.insightCategory }
        facts[Int(id)] = bits
      }
      return facts[Int(id)]
    }

    /// The read/write flags of the record whose column values start at `first`: none for an Insights event, the
    /// record's own `readOnly` when it has one, else AWS's marking for the name (``ReadOnlyMarking``) or the prefix
    /// rule, flagged inferred.
    mutating func readWrite(_ readOnly: Bool?, name: UInt32, nameFacts: UInt8, first: Int) -> EventFlags {
      let type = values[first + Self.typeColumn]
      let category = values[first + Self.categoryColumn]
      if fact(type) & Fact.insightType != 0 || fact(category) & Fact.insightCategory != 0 { return .insight }
      if let readOnly { return readOnly ? .readOnly : [] }
      var read = nameFacts & Fact.readPrefix != 0
      if nameFacts & Fact.marked != 0,
        let marked = ReadOnlyMarking.readOnly(
          eventSource: strings[values[first + Self.sourceColumn]], eventName: strings[name])
      {
        read = marked
      }
      return read ? [.inferred, .readOnly] : .inferred
    }
  }
}

/// Trail names from `requestParameters.name`, which may be a name or an ARN.
enum TrailName {
  /// `arn:aws:cloudtrail:us-east-1:123:trail/main` → `main`; a plain name is returned as is.
  static func short(_ nameOrARN: String) -> String {
    guard nameOrARN.hasPrefix("arn:"), let slash = nameOrARN.lastIndex(of: "/") else { return nameOrARN }
    return String(nameOrARN[nameOrARN.index(after: slash)...])
  }
}

/// Guesses read/write for records without `readOnly` (for example console sign-ins) from the event name, when
/// ``ReadOnlyMarking`` does not know AWS's own marking for it.
enum ReadOnlyInference {
  static let readPrefixes = [
    "Get", "List", "Describe", "Lookup", "Head", "Search", "Select", "Scan", "Query", "BatchGet", "Check", "View",
  ]

  static func isRead(eventName: String) -> Bool {
    readPrefixes.contains { eventName.hasPrefix($0) }
  }
}
