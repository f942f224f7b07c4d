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
  /// The read/write marker was inferred from the event name.
  public var inferred: Bool
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
  /// Known user names, sorted.
  public let users: [String]
  /// Known event names, sorted.
  public let eventNames: [String]

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
    users = []
    eventNames = []
  }

  init(
    columns: EventColumns, strings: [String], chunks: [RecordChunk], visible: [UInt32], filter: EventFilter,
    generation: Int, progress: LoadProgress, trails: [TrailState], users: [String], eventNames: [String]
  ) {
    self.columns = columns
    self.strings = strings
    self.chunks = chunks
    self.visible = visible
    self.total = columns.count
    self.filter = filter
    self.generation = generation
    self.progress = progress
    self.trails = trails
    self.users = users
    self.eventNames = eventNames
  }

  /// Number of rows passing the filter.
  public var count: Int { visible.count }

  /// The event at `index` among the visible rows.
  public func event(at index: Int) -> EventSummary {
    let row = columns.row(visible[index])
    return EventSummary(
      time: row.time, eventName: strings[Int(row.eventName)], eventSource: strings[Int(row.source)],
      user: strings[Int(row.user)], region: strings[Int(row.region)], sourceIP: strings[Int(row.ip)],
      errorCode: strings[Int(row.error)], readOnly: row.flags.contains(.readOnly),
      inferred: row.flags.contains(.inferred))
  }

  /// The raw JSON bytes of the event at `index` among the visible rows.
  public func record(at index: Int) -> ArraySlice<UInt8> {
    let row = columns.row(visible[index])
    let bytes = chunks[Int(row.chunk)].bytes
    let start = Int(row.start)
    return bytes[start..<start + Int(row.length)]
  }

  /// Where the event at `index` was loaded from.
  public func source(at index: Int) -> String {
    chunks[Int(columns.row(visible[index]).chunk)].source
  }
}
