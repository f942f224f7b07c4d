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
    let b = Int(id) >> ColumnBlock.shift
    let i = Int(id) & (ColumnBlock.capacity - 1)
    return ColumnRow(
      time: blocks[b].time[i], seq: blocks[b].seq[i], eventName: blocks[b].eventName[i],
      source: blocks[b].source[i], user: blocks[b].user[i], region: blocks[b].region[i], ip: blocks[b].ip[i],
      error: blocks[b].error[i], flags: EventFlags(rawValue: blocks[b].flags[i]), chunk: blocks[b].chunk[i],
      start: blocks[b].start[i], length: blocks[b].length[i])
  }

  /// Sort key: newer first, then arrival sequence (file ordinal, index in file).
  @inline(__always)
  func precedes(_ a: UInt32, _ b: UInt32) -> Bool {
    let ba = Int(a) >> ColumnBlock.shift
    let bb = Int(b) >> ColumnBlock.shift
    let ia = Int(a) & (ColumnBlock.capacity - 1)
    let ib = Int(b) & (ColumnBlock.capacity - 1)
    let ta = blocks[ba].time[ia]
    let tb = blocks[bb].time[ib]
    if ta != tb { return ta > tb }
    return blocks[ba].seq[ia] < blocks[bb].seq[ib]
  }

  /// Per row id, 1 when the row passes `filter`'s column tests (not the text search), one block at a time.
  func columnMask(_ filter: CompiledFilter) -> [UInt8] {
    var mask = [UInt8](repeating: 0, count: count)
    mask.withUnsafeMutableBufferPointer { out in
      var base = 0
      for block in blocks {
        block.time.withUnsafeBufferPointer { time in
          block.user.withUnsafeBufferPointer { user in
            block.eventName.withUnsafeBufferPointer { name in
              block.flags.withUnsafeBufferPointer { flags in
                filter.fillMask(out, from: base, time: time, user: user, name: name, flags: flags)
              }
            }
          }
        }
        base += block.count
      }
    }
    return mask
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
