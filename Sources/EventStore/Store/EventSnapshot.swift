import CloudTrailModel
import Detections

/// One event as the table shows it (raw strings: sanitize before display).
public struct EventSummary: Sendable, Equatable {
  /// The time of records without a usable `eventTime`: they sort after every other event.
  public static let unknownTime = Int64.min

  /// Seconds since 1970, or ``unknownTime``.
  public var time: Int64
  /// `eventName`.
  public var eventName: String
  /// `eventSource`.
  public var eventSource: String
  /// The identity a responder would name.
  public var user: String
  /// `awsRegion`.
  public var region: String
  /// `sourceIPAddress`.
  public var sourceIP: String
  /// `errorCode`, empty when the call succeeded.
  public var errorCode: String
  /// Read-only call.
  public var readOnly: Bool
  /// The read/write marker did not come from the record: it is AWS's marking for the event name, or a guess from
  /// the name's prefix.
  public var inferred: Bool
  /// An Insights event: neither a read nor a write (``readOnly`` and ``inferred`` are false).
  public var insight: Bool = false
  /// The event arrived while following (after the first load).
  public var arrived: Bool = false
}

/// An immutable view of the store at one moment: what the UI and print mode read.
public struct EventSnapshot: Sendable {
  let columns: EventColumns
  let strings: [String]
  let chunks: [RecordChunk]
  /// Row ids passing the filter, newest first.
  public let visible: [UInt32]
  /// Events loaded in all.
  public let total: Int
  /// The filter these rows were chosen by.
  public let filter: EventFilter
  /// Increases whenever the filter changes.
  public let generation: Int
  /// Loading progress.
  public let progress: LoadProgress
  /// Trails, by name.
  public let trails: [TrailState]
  /// Per column of ``Field/columnFields``, the distinct string ids used in it.
  let columnIDs: [[UInt32]]
  /// The detection rules events were checked against.
  public let detector: Detector?
  /// The rules (indices into the detector's) each flagged row, by row id, matched.
  public let findings: FindingsIndex
  /// What validation said of the files events came from.
  public private(set) var evidence: FileEvidence

  /// An empty snapshot.
  public init() {
    columns = EventColumns()
    strings = [""]
    chunks = []
    visible = []
    total = 0
    filter = EventFilter()
    generation = 0
    progress = LoadProgress()
    trails = []
    columnIDs = [[UInt32]](repeating: [], count: Field.columnFields.count)
    detector = nil
    findings = FindingsIndex()
    evidence = FileEvidence()
  }

  init(
    columns: EventColumns, strings: [String], chunks: [RecordChunk], visible: [UInt32], filter: EventFilter,
    generation: Int, progress: LoadProgress, trails: [TrailState], columnIDs: [[UInt32]],
    findings: FindingsIndex = FindingsIndex(), detector: Detector? = nil, evidence: FileEvidence = FileEvidence()
  ) {
    self.evidence = evidence
    self.findings = findings
    self.detector = detector
    self.columns = columns
    self.strings = strings
    self.chunks = chunks
    self.visible = visible
    self.total = columns.count
    self.filter = filter
    self.generation = generation
    self.progress = progress
    self.trails = trails
    self.columnIDs = columnIDs
  }

  /// The same store state with every loaded row visible (in load order), for queries over all events.
  init(everyRowOf other: EventSnapshot) {
    self.init(
      columns: other.columns, strings: other.strings, chunks: other.chunks,
      visible: (0..<UInt32(other.columns.count)).map { $0 }, filter: EventFilter(), generation: other.generation,
      progress: other.progress, trails: other.trails, columnIDs: other.columnIDs, findings: other.findings,
      detector: other.detector, evidence: other.evidence)
  }

  /// The same snapshot with its events marked by `evidence`.
  public func with(evidence: FileEvidence) -> EventSnapshot {
    var copy = self
    copy.evidence = evidence
    return copy
  }

  /// What validation said of the file event `row` came from (nil when it did not judge it).
  public func evidence(row: UInt32) -> Evidence? {
    evidence.verdict(source: chunks[Int(columns.place(row).chunk)].source)
  }

  /// Number of rows passing the filter.
  public var count: Int { visible.count }

  /// The event at `index` among the visible rows.
  public func event(at index: Int) -> EventSummary {
    event(row: visible[index])
  }

  /// The event with row id `id` (visible or not).
  public func event(row id: UInt32) -> EventSummary {
    let flags = columns.flags(id)
    return EventSummary(
      time: columns.time(id), eventName: column(.eventName, id), eventSource: column(.eventSource, id),
      user: column(.user, id), region: column(.region, id), sourceIP: column(.sourceIP, id),
      errorCode: column(.errorCode, id), readOnly: flags.contains(.readOnly), inferred: flags.contains(.inferred),
      insight: flags.contains(.insight), arrived: flags.contains(.arrived))
  }

  /// The value of a column field for row id `id` ("" when missing).
  func column(_ field: Field, _ id: UInt32) -> String {
    guard let c = field.columnIndex else { return "" }
    return strings[Int(columns.value(id, column: c))]
  }

  /// The value of `field` for the event at `index` among the visible rows, as text: "" when missing; the time as
  /// ISO 8601; `readOnly` as "true" or "false" ("" for Insights events, which are neither); several values
  /// (resources) joined with ", ".
  public func text(_ field: Field, at index: Int) -> String {
    text(field, row: visible[index])
  }

  /// Like ``text(_:at:)`` for the event with row id `id` (visible or not).
  public func text(_ field: Field, row id: UInt32) -> String {
    switch field.spec.source {
    case .time:
      let time = columns.time(id)
      return time == EventSummary.unknownTime ? "" : EventTime.formatISO(time)
    case .readOnly:
      let flags = columns.flags(id)
      if flags.contains(.insight) { return "" }
      return flags.contains(.readOnly) ? "true" : "false"
    case .slot, .slotOr, .user, .role, .mfa, .issuedKey: return column(field, id)
    case .onDemand:
      guard let path = JSONPath(field.spec.path) else { return "" }
      return path.values(in: record(row: id)).joined(separator: ", ")
    }
  }

  /// The distinct values of a column field among every loaded event, sorted (empty for other fields).
  public func values(of field: Field) -> [String] {
    guard let c = field.columnIndex else { return [] }
    return columnIDs[c].map { strings[Int($0)] }.sorted()
  }

  /// The raw JSON bytes of the event at `index` among the visible rows.
  public func record(at index: Int) -> ArraySlice<UInt8> {
    let place = columns.place(visible[index])
    let bytes = chunks[Int(place.chunk)].bytes
    let start = Int(place.start)
    return bytes[start..<start + Int(place.length)]
  }

  /// Where the event at `index` was loaded from.
  public func source(at index: Int) -> String {
    source(row: visible[index])
  }

  /// The file or page event `row` came from.
  public func source(row: UInt32) -> String {
    chunks[Int(columns.place(row).chunk)].source
  }
}
