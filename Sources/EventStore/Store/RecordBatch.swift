import CloudTrailModel

/// A trail-management call seen in the data (CreateTrail, StartLogging, StopLogging, ...).
struct TrailEvent: Sendable {
  var trail: String
  var eventName: String
  var time: Int64
  var region: String
  var user: String
  var failed: Bool
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
  var chunk: RecordChunk
  var rows: [Row] = []
  /// Per row, the local string ids of its columns (``Field/columnFields`` order), row after row.
  var values: [UInt32] = []
  var strings = StringTable()
  var trailEvents: [TrailEvent] = []
  var problems: [LoadProblem] = []

  static let trailCalls: Set<String> = ["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"]

  /// Builds a batch from a scan of `source`'s bytes.
  ///
  /// String fields are interned by their raw bytes (``ByteInterner``), so a value costs a `String` only the first
  /// time the batch sees it; values with escapes are decoded first. Values are capped (``ColumnText``). Per-name
  /// facts (inferred read/write, trail call) are worked out once per distinct name.
  init(scan: ScanResult, source: String, ordinal: UInt32) {
    self.ordinal = ordinal
    self.chunk = RecordChunk(bytes: scan.buffer, source: source)
    for problem in scan.problems { problems.append(LoadProblem(source: source, reason: problem)) }
    let array = scan.buffer
    var builder = Builder()
    builder.rows.reserveCapacity(scan.records.count)
    builder.values.reserveCapacity(scan.records.count * Builder.sources.count)
    array.withUnsafeBufferPointer { buffer in
      for (index, record) in scan.records.enumerated() {
        builder.add(record, index: index, buffer: buffer, array: array)
      }
    }
    rows = builder.rows
    values = builder.values
    strings = builder.strings
    trailEvents = builder.trailEvents
  }

  /// The per-record work of ``init(scan:source:ordinal:)``.
  private struct Builder {
    /// Where each column's value comes from, in column order.
    static let sources = Field.columnFields.map(\.spec.source)
    static let nameColumn = Field.eventName.columnIndex!
    static let userColumn = Field.user.columnIndex!
    static let regionColumn = Field.region.columnIndex!

    var interner = ByteInterner()
    var strings = StringTable()
    /// Per local id: 0 not yet known, else 1 | 2 (read) | 4 (trail call).
    var nameFacts: [UInt8] = []
    var rows: [Row] = []
    var values: [UInt32] = []
    var trailEvents: [TrailEvent] = []

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

    mutating func add(_ record: ScannedRecord, index: Int, buffer: UnsafeBufferPointer<UInt8>, array: [UInt8]) {
      let f = record.fields
      let time = f.eventTime ?? EventSummary.unknownTime
      let first = values.count
      for source in Self.sources {
        let id: UInt32
        switch source {
        case .slot(let slot): id = intern(f[slot], buffer, array)
        case .user: id = intern(IdentityBytes.displayName(f, in: buffer, array: array), buffer, array)
        case .role: id = intern(IdentityBytes.roleName(f, in: buffer), buffer, array)
        case .mfa: id = intern(f[.mfaUsed].isPresent ? f[.mfaUsed] : f[.mfaAuthenticated], buffer, array)
        case .issuedKey:
          id = intern(f[.issuedAccessKeyId].isPresent ? f[.issuedAccessKeyId] : f[.createdAccessKeyId], buffer, array)
        case .time, .readOnly, .onDemand: id = 0
        }
        values.append(id)
      }
      let name = values[first + Self.nameColumn]
      let user = values[first + Self.userColumn]
      let region = values[first + Self.regionColumn]
      while nameFacts.count < strings.count { nameFacts.append(0) }
      if nameFacts[Int(name)] == 0 {
        let text = strings[name]
        nameFacts[Int(name)] =
          1 | (ReadOnlyInference.isRead(eventName: text) ? 2 : 0) | (RecordBatch.trailCalls.contains(text) ? 4 : 0)
      }
      let facts = nameFacts[Int(name)]
      var flags: EventFlags = []
      if let readOnly = f.readOnly {
        if readOnly { flags.insert(.readOnly) }
      } else {
        flags.insert(.inferred)
        if facts & 2 != 0 { flags.insert(.readOnly) }
      }
      if f[.errorCode].isPresent { flags.insert(.failed) }
      let range = record.range
      rows.append(
        Row(
          time: time, index: UInt32(truncatingIfNeeded: index), flags: flags,
          start: UInt32(truncatingIfNeeded: range.lowerBound), length: UInt32(truncatingIfNeeded: range.count),
          identity: RecordHash(UnsafeBufferPointer(rebasing: buffer[range]))))
      if facts & 4 != 0, f[.requestName].isPresent {
        trailEvents.append(
          TrailEvent(
            trail: TrailName.short(ColumnText.decode(f[.requestName], in: array)), eventName: strings[name],
            time: time, region: strings[region], user: strings[user], failed: f[.errorCode].isPresent))
      }
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

/// Guesses read/write for records without `readOnly` (for example console sign-ins) from the event name.
enum ReadOnlyInference {
  static let readPrefixes = [
    "Get", "List", "Describe", "Lookup", "Head", "Search", "Select", "Scan", "Query", "BatchGet", "Check", "View",
  ]

  static func isRead(eventName: String) -> Bool {
    readPrefixes.contains { eventName.hasPrefix($0) }
  }
}
