import CloudTrailModel
import Foundation

/// How many of the visible events have one value of a field.
public struct ValueCount: Sendable, Equatable {
  /// The value ("" for events without one).
  public var value: String
  /// Events with it.
  public var count: Int

  /// Creates a count.
  public init(value: String, count: Int) {
    self.value = value
    self.count = count
  }
}

/// Visible events per time bucket, told apart by kind.
public struct Histogram: Sendable, Equatable {
  /// Start of the first bucket, seconds since 1970.
  public var start: Int64
  /// Width of a bucket, seconds.
  public var bucketSeconds: Int64
  /// Successful reads per bucket.
  public var reads: [Int]
  /// Successful writes per bucket.
  public var writes: [Int]
  /// Failed calls per bucket.
  public var errors: [Int]

  /// Events in bucket `i`.
  public func total(_ i: Int) -> Int { reads[i] + writes[i] + errors[i] }

  /// The bucket holding `time`, if inside the histogram.
  public func bucket(of time: Int64) -> Int? {
    guard time >= start, bucketSeconds > 0 else { return nil }
    let i = Int((time - start) / bucketSeconds)
    return i < reads.count ? i : nil
  }
}

extension EventSnapshot {
  /// The ids of column `column` for every loaded row, by row id, in one array.
  func flatColumn(_ column: Int) -> [UInt32] {
    var out = [UInt32](repeating: 0, count: columns.count)
    var base = 0
    for block in columns.blocks {
      let values = block.values[column]
      if !values.isEmpty { out.replaceSubrange(base..<base + values.count, with: values) }
      base += block.count
    }
    return out
  }

  /// The time of every loaded row, by row id.
  func flatTimes() -> [Int64] {
    var out: [Int64] = []
    out.reserveCapacity(columns.count)
    for block in columns.blocks { out += block.time }
    return out
  }

  /// The values of `field` among the visible events (or, with `allEvents`, every loaded event) with how many events
  /// have each, most frequent first (ties by value). Column fields are counted on their ids; other fields are read
  /// from the raw records, each value of a multi-valued field counted once per event. `limit` keeps the first ones.
  public func counts(of field: Field, limit: Int = .max, allEvents: Bool = false) -> [ValueCount] {
    if allEvents && visible.count != total {
      return EventSnapshot(everyRowOf: self).counts(of: field, limit: limit)
    }
    var result: [ValueCount]
    switch field.spec.source {
    case .slot, .slotOr, .user, .role, .mfa, .issuedKey:
      let tally = countIDs(column: field.columnIndex!)
      defer { free(tally.baseAddress) }
      return topCounts(tally, limit: limit)
    case .readOnly:
      var reads = 0
      var insights = 0  // neither: their readOnly text is ""
      for row in visible {
        let flags = columns.flags(row)
        if flags.contains(.readOnly) { reads += 1 } else if flags.contains(.insight) { insights += 1 }
      }
      result = [
        ValueCount(value: "true", count: reads), ValueCount(value: "false", count: visible.count - reads - insights),
        ValueCount(value: "", count: insights),
      ].filter { $0.count > 0 }
    case .time, .onDemand:
      var tally: [String: Int] = [:]
      for i in visible.indices {
        let values = field == .time ? [text(.time, at: i)] : Set(onDemandValues(field, at: i)).sorted()
        for value in values.isEmpty ? [""] : values { tally[value, default: 0] += 1 }
      }
      result = tally.map { ValueCount(value: $0.key, count: $0.value) }
    }
    result.sort { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
    return Array(result.prefix(limit))
  }

  /// The `limit` most frequent ids of a tally as values with counts, most frequent first, ties by value. Linear in
  /// the number of ids, then a sort of the few kept: a column with a million distinct values (access keys) costs no
  /// more than a pass over them.
  func topCounts(_ tally: UnsafeMutableBufferPointer<UInt32>, limit: Int) -> [ValueCount] {
    var maxCount: UInt32 = 0
    var distinct = 0
    for count in tally where count > 0 {
      distinct += 1
      maxCount = max(maxCount, count)
    }
    // The smallest count that still makes the cut (every id with a count at or above it is kept), found with a
    // histogram of the counts up to 65,536 (fewer ids than rows / 65,536 can have more).
    var threshold: UInt32 = 1
    if distinct > limit {
      let cap = min(Int(maxCount), 1 << 16)
      var byCount = [Int](repeating: 0, count: cap + 1)
      var above = 0
      for count in tally where count > 0 {
        if Int(count) > cap { above += 1 } else { byCount[Int(count)] += 1 }
      }
      var kept = above
      threshold = UInt32(cap)
      while threshold > 1 && kept + byCount[Int(threshold)] < limit {
        kept += byCount[Int(threshold)]
        threshold -= 1
      }
    }
    // Ids above the threshold all make the cut; of those at it, the first ones loaded fill what is left.
    var result: [ValueCount] = []
    result.reserveCapacity(min(distinct, limit))
    for (id, count) in tally.enumerated() where count > threshold {
      result.append(ValueCount(value: strings[id], count: Int(count)))
    }
    for (id, count) in tally.enumerated() where count == threshold && result.count < limit {
      result.append(ValueCount(value: strings[id], count: Int(count)))
    }
    result.sort { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
    return Array(result.prefix(limit))
  }

  /// How many visible rows have each string id in `column`, indexed by id (`free` it after use). The buffer
  /// comes zeroed from `calloc`, so only the pages of ids this column uses are touched; with every row visible,
  /// the blocks are read in order without copying the column.
  func countIDs(column: Int) -> UnsafeMutableBufferPointer<UInt32> {
    let raw = calloc(max(1, strings.count), MemoryLayout<UInt32>.stride)!
    let tally = UnsafeMutableBufferPointer(start: raw.assumingMemoryBound(to: UInt32.self), count: strings.count)
    if visible.count == columns.count {
      for block in columns.blocks {
        let values = block.values[column]
        if values.isEmpty {
          tally[0] += UInt32(block.count)
        } else {
          values.withUnsafeBufferPointer { ids in for id in ids { tally[Int(id)] += 1 } }
        }
      }
    } else {
      let ids = flatColumn(column)
      ids.withUnsafeBufferPointer { ids in
        for row in visible { tally[Int(ids[Int(row)])] += 1 }
      }
    }
    return tally
  }

  /// The values of an on-demand field for the visible event at `index`.
  func onDemandValues(_ field: Field, at index: Int) -> [String] {
    guard let path = JSONPath(field.spec.path) else { return [] }
    return path.values(in: record(at: index))
  }

  /// The visible events in `buckets` equal buckets from `start` to `end` (inclusive), reads, writes and failures
  /// apart (Insights events, neither reads nor writes, count with the reads: the plain bar). Events outside the range
  /// are left out.
  public func histogram(from start: Int64, to end: Int64, buckets: Int) -> Histogram {
    let n = max(1, buckets)
    let span = max(1, end - start + 1)
    let width = max(1, (span + Int64(n) - 1) / Int64(n))
    var h = Histogram(
      start: start, bucketSeconds: width, reads: [Int](repeating: 0, count: n),
      writes: [Int](repeating: 0, count: n), errors: [Int](repeating: 0, count: n))
    // Every row: read the blocks in order, without copying them; a subset: look rows up in flat copies.
    let all = visible.count == columns.count
    let times = all ? [] : flatTimes()
    var subsetFlags = [UInt8]()
    if !all {
      subsetFlags.reserveCapacity(columns.count)
      for block in columns.blocks { subsetFlags += block.flags }
    }
    let read = EventFlags.readOnly.rawValue | EventFlags.insight.rawValue
    let failed = EventFlags.failed.rawValue
    h.reads.withUnsafeMutableBufferPointer { reads in
      h.writes.withUnsafeMutableBufferPointer { writes in
        h.errors.withUnsafeMutableBufferPointer { errors in
          @inline(__always) func add(_ t: Int64, _ f: UInt8) {
            guard t >= start, t <= end else { return }
            let i = min(n - 1, Int((t - start) / width))
            if f & failed != 0 {
              errors[i] += 1
            } else if f & read != 0 {
              reads[i] += 1
            } else {
              writes[i] += 1
            }
          }
          if all {
            for block in columns.blocks {
              block.time.withUnsafeBufferPointer { t in
                block.flags.withUnsafeBufferPointer { f in
                  for i in 0..<t.count { add(t[i], f[i]) }
                }
              }
            }
          } else {
            for row in visible { add(times[Int(row)], subsetFlags[Int(row)]) }
          }
        }
      }
    }
    return h
  }

  /// The raw JSON bytes of the event with row id `id` (visible or not).
  public func record(row id: UInt32) -> ArraySlice<UInt8> {
    let place = columns.place(id)
    let bytes = chunks[Int(place.chunk)].bytes
    return bytes[Int(place.start)..<Int(place.start) + Int(place.length)]
  }

  /// The position of row id `id` among the visible rows.
  public func index(ofRow id: UInt32) -> Int? {
    visible.firstIndex(of: id)
  }

  /// The row id of the visible event at `index` (stable while the store lives: use it to find the event again).
  public func rowID(at index: Int) -> UInt32 { visible[index] }

  /// The time of the visible event at `index`.
  public func time(at index: Int) -> Int64 { columns.time(visible[index]) }

  /// The time range of the visible events (nil when none has a time).
  public var timeRange: (first: Int64, last: Int64)? {
    guard let newest = visible.first.map(columns.time) else { return nil }
    let dated = visible.last { columns.time($0) != EventSummary.unknownTime }
    guard newest != EventSummary.unknownTime, let oldest = dated.map(columns.time) else { return nil }
    return (oldest, newest)
  }
}
