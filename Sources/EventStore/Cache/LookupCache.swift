import CloudTrailModel
import Foundation
import Synchronization

/// What LookupEvents answered in one account and region, kept between runs: the events (one `CloudTrailEvent` JSON
/// object per line, `EVENTS.ndjson`) and the time ranges fetched whole (`EVENTS.coverage.json`), one pair of files
/// per event category. Folders are created 0700 and files 0600; nothing but the events and the ranges is written
/// (no credentials, no signatures, no request).
///
/// A reopened session shows the cached events at once and asks the server only for the parts of its window the
/// ranges do not cover (``gaps(from:to:)``). A file that cannot be read whole (cut short, not JSON) is named and
/// rebuilt empty; the events are fetched again. The events file is compacted when read: duplicates are dropped and,
/// past ``maxBytes``, the oldest events and ranges with them.
public final class LookupCache: Sendable {
  /// The folder (one account and region).
  public let folder: String
  /// The events file.
  public let eventsPath: String
  /// The ranges file.
  public let coveragePath: String
  /// The events file's largest size before the oldest events are dropped.
  public let maxBytes: Int
  private let ranges = Mutex<[ClosedRange<Int64>]>([])

  /// Opens (creating the folders) the cache of `category` (`management`, `insight`) in `folder`. The ranges are read
  /// now; a broken ranges file is named in the returned problem and the cache starts empty.
  public init(folder: String, category: String, maxBytes: Int = 256 << 20) throws(CacheError) {
    try PrivateFiles.makeFolders(folder)
    self.folder = folder
    self.eventsPath = folder + "/\(category).ndjson"
    self.coveragePath = folder + "/\(category).coverage.json"
    self.maxBytes = maxBytes
  }

  /// Reads the ranges and the events in `[start, end]` as NDJSON (for the store), compacting the file; a broken
  /// file is named in `problem`, removed with its ranges, and the cache goes on empty.
  public func load(from start: Int64?, to end: Int64) -> (records: [UInt8], count: Int, problem: String?) {
    var problem: String?
    switch PrivateFiles.read(coveragePath) {
    case .success(let bytes?):
      if let read = Self.decodeRanges(bytes) {
        ranges.withLock { $0 = read }
      } else {
        problem = "\(coveragePath): not a list of time ranges; the cache was rebuilt"
      }
    case .success(nil): ranges.withLock { $0 = [] }
    case .failure(let reason): problem = "\(reason); the cache was rebuilt"
    }
    var scanned: ScanResult?
    if problem == nil {
      switch PrivateFiles.read(eventsPath) {
      case .success(nil): break
      case .success(let bytes?):
        let scan = RecordScanner.scan(bytes)
        if let reason = Self.damage(bytes, scan) {
          problem = "\(eventsPath): \(reason); the cache was rebuilt"
        } else {
          scanned = scan
        }
      case .failure(let reason): problem = "\(reason); the cache was rebuilt"
      }
    }
    if problem != nil {
      reset()
      return ([], 0, problem)
    }
    guard let scan = scanned else { return ([], 0, nil) }
    let kept = compact(scan)
    var out: [UInt8] = []
    var count = 0
    for record in kept {
      guard let time = record.fields.eventTime, time <= end, time >= (start ?? Int64.min) else { continue }
      out += scan.buffer[record.range]
      out.append(0x0A)
      count += 1
    }
    return (out, count, nil)
  }

  /// Adds fetched events (their `CloudTrailEvent` text) to the events file.
  public func append(_ records: [String]) {
    guard !records.isEmpty else { return }
    var bytes: [UInt8] = []
    for record in records where !record.isEmpty && !record.contains("\n") {
      bytes += record.utf8
      bytes.append(0x0A)
    }
    PrivateFiles.append(bytes, to: eventsPath)
  }

  /// Records that everything in `[start, end]` was fetched, and saves the ranges.
  public func cover(_ start: Int64, _ end: Int64) {
    guard start <= end else { return }
    let merged = ranges.withLock { list -> [ClosedRange<Int64>] in
      list = Self.merge(list + [start...end])
      return list
    }
    try? PrivateFiles.replace(coveragePath, with: Array(Self.encodeRanges(merged).utf8))
  }

  /// The parts of `[start, end]` the ranges do not cover, newest first (a nil start: from the beginning of time).
  public func gaps(from start: Int64?, to end: Int64) -> [(start: Int64?, end: Int64)] {
    var gaps: [(start: Int64?, end: Int64)] = []
    var top = end
    for range in ranges.withLock({ $0 }).sorted(by: { $0.upperBound > $1.upperBound }) {
      guard range.upperBound >= (start ?? Int64.min), top >= (start ?? Int64.min) else { break }
      if range.upperBound < top { gaps.append((max(range.upperBound + 1, start ?? Int64.min), top)) }
      top = min(top, range.lowerBound - 1)
    }
    if top >= (start ?? Int64.min) { gaps.append((start, top)) }
    return gaps
  }

  /// The ranges covered, oldest first.
  public var covered: [ClosedRange<Int64>] { ranges.withLock { $0 } }

  /// Removes both files and forgets the ranges.
  func reset() {
    ranges.withLock { $0 = [] }
    unlink(eventsPath)
    unlink(coveragePath)
  }

  /// Why the events file cannot be used whole, or nil.
  static func damage(_ bytes: [UInt8], _ scan: ScanResult) -> String? {
    if bytes.last != 0x0A { return "cut short (the last line is incomplete)" }
    if let problem = scan.problems.first { return "unreadable: \(problem)" }
    if scan.shape != .ndjson && scan.shape != .single && !scan.records.isEmpty { return "not one event per line" }
    return nil
  }

  /// The records to keep, newest first: each event once, and within ``maxBytes`` (older events and ranges dropped);
  /// rewrites the file when that changed anything.
  private func compact(_ scan: ScanResult) -> [ScannedRecord] {
    var seen = Set<String>()
    var kept: [ScannedRecord] = []
    var size = 0
    let sorted = scan.records.sorted { ($0.fields.eventTime ?? 0) > ($1.fields.eventTime ?? 0) }
    var cutoff: Int64?
    for record in sorted {
      let id = record.fields[.eventID].decode(in: scan.buffer)
      guard seen.insert(id).inserted else { continue }
      if size + record.range.count + 1 > maxBytes / 2 && scan.buffer.count > maxBytes {
        cutoff = record.fields.eventTime
        break
      }
      size += record.range.count + 1
      kept.append(record)
    }
    guard kept.count < scan.records.count else { return kept }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(size)
    for record in kept.reversed() {
      bytes += scan.buffer[record.range]
      bytes.append(0x0A)
    }
    try? PrivateFiles.replace(eventsPath, with: bytes)
    if let cutoff {
      // The dropped events' time is no longer covered.
      let trimmed = ranges.withLock { list -> [ClosedRange<Int64>] in
        list = list.compactMap { $0.upperBound <= cutoff ? nil : max($0.lowerBound, cutoff + 1)...$0.upperBound }
        return list
      }
      try? PrivateFiles.replace(coveragePath, with: Array(Self.encodeRanges(trimmed).utf8))
    }
    return kept
  }

  /// Sorted, overlapping or touching ranges joined.
  static func merge(_ list: [ClosedRange<Int64>]) -> [ClosedRange<Int64>] {
    var out: [ClosedRange<Int64>] = []
    for range in list.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if let last = out.last, range.lowerBound <= last.upperBound + 1 {
        out[out.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
      } else {
        out.append(range)
      }
    }
    return out
  }

  /// `{"version":1,"ranges":[[start,end],...]}`.
  static func encodeRanges(_ list: [ClosedRange<Int64>]) -> String {
    "{\"version\":1,\"ranges\":[" + list.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ",") + "]}\n"
  }

  /// The ranges in a coverage file, or nil when it is not one.
  static func decodeRanges(_ bytes: [UInt8]) -> [ClosedRange<Int64>]? {
    guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any],
      object["version"] as? Int == 1, let pairs = object["ranges"] as? [[Any]]
    else { return nil }
    var list: [ClosedRange<Int64>] = []
    for pair in pairs {
      guard pair.count == 2, let a = (pair[0] as? NSNumber)?.int64Value, let b = (pair[1] as? NSNumber)?.int64Value,
        a <= b
      else { return nil }
      list.append(a...b)
    }
    return merge(list)
  }
}
