/// Flag bits stored per event.
public struct EventFlags: OptionSet, Sendable, Hashable {
  /// The raw bits.
  public let rawValue: UInt8
  /// Creates flags from bits.
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  /// A read-only call.
  public static let readOnly = EventFlags(rawValue: 1)
  /// The read/write marker was inferred from the event name (the record had no `readOnly`).
  public static let inferred = EventFlags(rawValue: 2)
  /// The call failed (the record has an `errorCode`).
  public static let failed = EventFlags(rawValue: 4)
}

/// One fixed-size block of event columns. Blocks fill up and are then never changed, so snapshots share them.
struct ColumnBlock: Sendable {
  static let shift = 16
  static let capacity = 1 << shift

  var time: [Int64] = []
  var seq: [UInt64] = []
  var eventName: [UInt32] = []
  var source: [UInt32] = []
  var user: [UInt32] = []
  var region: [UInt32] = []
  var ip: [UInt32] = []
  var error: [UInt32] = []
  var flags: [UInt8] = []
  var chunk: [UInt32] = []
  var start: [UInt32] = []
  var length: [UInt32] = []

  var count: Int { time.count }
}

/// All events as columns, appended in arrival order; a row id is the arrival index.
struct EventColumns: Sendable {
  private(set) var blocks: [ColumnBlock] = []
  private(set) var count = 0

  /// Appends one row and returns its id.
  @discardableResult
  mutating func append(_ row: ColumnRow) -> UInt32 {
    if blocks.isEmpty || blocks[blocks.count - 1].count == ColumnBlock.capacity {
      var block = ColumnBlock()
      block.time.reserveCapacity(1024)
      blocks.append(block)
    }
    let b = blocks.count - 1
    blocks[b].time.append(row.time)
    blocks[b].seq.append(row.seq)
    blocks[b].eventName.append(row.eventName)
    blocks[b].source.append(row.source)
    blocks[b].user.append(row.user)
    blocks[b].region.append(row.region)
    blocks[b].ip.append(row.ip)
    blocks[b].error.append(row.error)
    blocks[b].flags.append(row.flags.rawValue)
    blocks[b].chunk.append(row.chunk)
    blocks[b].start.append(row.start)
    blocks[b].length.append(row.length)
    count += 1
    return UInt32(count - 1)
  }

  /// The row with id `id`.
  func row(_ id: UInt32) -> ColumnRow {
    let block = blocks[Int(id) >> ColumnBlock.shift]
    let i = Int(id) & (ColumnBlock.capacity - 1)
    return ColumnRow(
      time: block.time[i], seq: block.seq[i], eventName: block.eventName[i], source: block.source[i],
      user: block.user[i], region: block.region[i], ip: block.ip[i], error: block.error[i],
      flags: EventFlags(rawValue: block.flags[i]), chunk: block.chunk[i], start: block.start[i],
      length: block.length[i])
  }

  /// Sort key: newer first, then arrival sequence (file ordinal, index in file).
  func precedes(_ a: UInt32, _ b: UInt32) -> Bool {
    let ba = blocks[Int(a) >> ColumnBlock.shift]
    let bb = blocks[Int(b) >> ColumnBlock.shift]
    let ia = Int(a) & (ColumnBlock.capacity - 1)
    let ib = Int(b) & (ColumnBlock.capacity - 1)
    if ba.time[ia] != bb.time[ib] { return ba.time[ia] > bb.time[ib] }
    return ba.seq[ia] < bb.seq[ib]
  }
}

/// One event's columns.
struct ColumnRow: Sendable, Equatable {
  var time: Int64
  var seq: UInt64
  var eventName: UInt32
  var source: UInt32
  var user: UInt32
  var region: UInt32
  var ip: UInt32
  var error: UInt32
  var flags: EventFlags
  var chunk: UInt32
  var start: UInt32
  var length: UInt32
}
