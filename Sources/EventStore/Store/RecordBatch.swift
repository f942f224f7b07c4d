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
    var eventName: UInt32
    var source: UInt32
    var user: UInt32
    var region: UInt32
    var ip: UInt32
    var error: UInt32
    var flags: EventFlags
    var start: UInt32
    var length: UInt32
    var identity: RecordHash
  }

  var ordinal: UInt32
  var chunk: RecordChunk
  var rows: [Row] = []
  var strings = StringTable()
  var trailEvents: [TrailEvent] = []
  var problems: [LoadProblem] = []

  static let trailCalls: Set<String> = ["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"]

  /// Builds a batch from a scan of `source`'s bytes.
  init(scan: ScanResult, source: String, ordinal: UInt32) {
    self.ordinal = ordinal
    self.chunk = RecordChunk(bytes: scan.buffer, source: source)
    for problem in scan.problems { problems.append(LoadProblem(source: source, reason: problem)) }
    let buffer = scan.buffer
    rows.reserveCapacity(scan.records.count)
    for (index, record) in scan.records.enumerated() {
      let f = record.fields
      let time = f.eventTime ?? EventSummary.unknownTime
      let name = f.eventName.decode(in: buffer)
      let user = Identity.displayName(f, in: buffer)
      let region = f.awsRegion.decode(in: buffer)
      let errorCode = f.errorCode.decode(in: buffer)
      var flags: EventFlags = []
      if let readOnly = f.readOnly {
        if readOnly { flags.insert(.readOnly) }
      } else {
        flags.insert(.inferred)
        if ReadOnlyInference.isRead(eventName: name) { flags.insert(.readOnly) }
      }
      if f.errorCode.isPresent { flags.insert(.failed) }
      rows.append(
        Row(
          time: time, index: UInt32(truncatingIfNeeded: index), eventName: strings.intern(name),
          source: strings.intern(f.eventSource.decode(in: buffer)), user: strings.intern(user),
          region: strings.intern(region), ip: strings.intern(f.sourceIPAddress.decode(in: buffer)),
          error: strings.intern(errorCode), flags: flags, start: UInt32(truncatingIfNeeded: record.range.lowerBound),
          length: UInt32(truncatingIfNeeded: record.range.count),
          identity: RecordHash(buffer[record.range])))
      if Self.trailCalls.contains(name), f.requestName.isPresent {
        trailEvents.append(
          TrailEvent(
            trail: TrailName.short(f.requestName.decode(in: buffer)), eventName: name, time: time, region: region,
            user: user, failed: f.errorCode.isPresent))
      }
    }
  }
}

/// A 128-bit hash of a record's bytes, ignoring whitespace, used to drop events seen twice.
///
/// Real event IDs are unique, so the same eventID means the same record; hashing the whole record (which contains
/// the eventID) also keeps distinct records that reuse a placeholder ID, as test corpora do, and treats a
/// pretty-printed copy of a delivered file as the same events.
struct RecordHash: Hashable, Sendable {
  var a: UInt64
  var b: UInt64

  init(_ bytes: ArraySlice<UInt8>) {
    var h1: UInt64 = 0xcbf2_9ce4_8422_2325
    var h2: UInt64 = 0x8422_2325_cbf2_9ce4
    bytes.withUnsafeBufferPointer { buffer in
      for byte in buffer where byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 {
        h1 = (h1 ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        h2 = (h2 &+ UInt64(byte) &+ 1) &* 0x9E37_79B9_7F4A_7C15
        h2 ^= h2 >> 29
      }
    }
    a = h1
    b = h2
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
