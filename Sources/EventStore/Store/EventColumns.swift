import CloudTrailModel

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
  var flags: [UInt8] = []
  var chunk: [UInt32] = []
  var start: [UInt32] = []
  var length: [UInt32] = []
  /// Per column of ``Field/columnFields``, the string id of each row; empty while every id in the block is 0
  /// (fields most records lack cost nothing).
  var values = [[UInt32]](repeating: [], count: Field.columnFields.count)

  var count: Int { time.count }
}

/// Where one event's record lies, and its fixed columns.
struct RowPlace: Sendable, Equatable {
  var time: Int64
  var seq: UInt64
  var flags: EventFlags
  var chunk: UInt32
  var start: UInt32
  var length: UInt32
}

/// All events as columns, appended in arrival order; a row id is the arrival index.
struct EventColumns: Sendable {
  private(set) var blocks: [ColumnBlock] = []
  private(set) var count = 0

  /// Appends one row whose column values (string ids, in ``Field/columnFields`` order) are `values`; returns its id.
  @discardableResult
  mutating func append(_ place: RowPlace, values: UnsafeBufferPointer<UInt32>) -> UInt32 {
    if blocks.isEmpty || blocks[blocks.count - 1].count == ColumnBlock.capacity {
      var block = ColumnBlock()
      block.time.reserveCapacity(1024)
      blocks.append(block)
    }
    let b = blocks.count - 1
    let row = blocks[b].count
    blocks[b].time.append(place.time)
    blocks[b].seq.append(place.seq)
    blocks[b].flags.append(place.flags.rawValue)
    blocks[b].chunk.append(place.chunk)
    blocks[b].start.append(place.start)
    blocks[b].length.append(place.length)
    for c in 0..<values.count {
      let v = values[c]
      if blocks[b].values[c].isEmpty {
        guard v != 0 else { continue }
        blocks[b].values[c] = [UInt32](repeating: 0, count: row)
      }
      blocks[b].values[c].append(v)
    }
    count += 1
    return UInt32(count - 1)
  }

  /// The fixed columns of row `id`.
  func place(_ id: UInt32) -> RowPlace {
    let b = Int(id) >> ColumnBlock.shift
    let i = Int(id) & (ColumnBlock.capacity - 1)
    return RowPlace(
      time: blocks[b].time[i], seq: blocks[b].seq[i], flags: EventFlags(rawValue: blocks[b].flags[i]),
      chunk: blocks[b].chunk[i], start: blocks[b].start[i], length: blocks[b].length[i])
  }

  /// The string id of row `id` in column `column` (an index into ``Field/columnFields``).
  @inline(__always)
  func value(_ id: UInt32, column: Int) -> UInt32 {
    let b = Int(id) >> ColumnBlock.shift
    let values = blocks[b].values[column]
    return values.isEmpty ? 0 : values[Int(id) & (ColumnBlock.capacity - 1)]
  }

  /// The time of row `id`.
  @inline(__always)
  func time(_ id: UInt32) -> Int64 {
    blocks[Int(id) >> ColumnBlock.shift].time[Int(id) & (ColumnBlock.capacity - 1)]
  }

  /// The flags of row `id`.
  @inline(__always)
  func flags(_ id: UInt32) -> EventFlags {
    EventFlags(rawValue: blocks[Int(id) >> ColumnBlock.shift].flags[Int(id) & (ColumnBlock.capacity - 1)])
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

  /// Per row id, 1 when the row passes `filter`'s column tests (not the tests on raw bytes), one block at a time.
  func columnMask(_ filter: CompiledFilter) -> [UInt8] {
    var mask = [UInt8](repeating: 0, count: count)
    mask.withUnsafeMutableBufferPointer { out in
      var base = 0
      for block in blocks {
        filter.fillMask(out, from: base, block: block)
        base += block.count
      }
    }
    return mask
  }
}
