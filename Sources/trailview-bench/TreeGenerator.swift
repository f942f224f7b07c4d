import CloudTrailModel
import Dispatch
import EventStore
import Foundation
import Synchronization
import TrailviewDemo

/// What a generated tree holds; written next to `AWSLogs` as `bench-manifest.txt`.
struct TreeStats: Sendable {
  var events = 0
  var files = 0
  var jsonBytes = 0
  var gzipBytes = 0

  static let fileName = "bench-manifest.txt"

  mutating func add(_ other: TreeStats) {
    events += other.events
    files += other.files
    jsonBytes += other.jsonBytes
    gzipBytes += other.gzipBytes
  }

  var text: String {
    "events=\(events)\nfiles=\(files)\njsonBytes=\(jsonBytes)\ngzipBytes=\(gzipBytes)\n"
  }

  /// Reads the manifest of the tree at `root`.
  static func read(root: String) throws -> TreeStats {
    let text = try String(contentsOfFile: root + "/" + fileName, encoding: .utf8)
    var stats = TreeStats()
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: "=", maxSplits: 1)
      guard parts.count == 2, let value = Int(parts[1]) else { continue }
      switch parts[0] {
      case "events": stats.events = value
      case "files": stats.files = value
      case "jsonBytes": stats.jsonBytes = value
      case "gzipBytes": stats.gzipBytes = value
      default: break
      }
    }
    return stats
  }
}

/// Builds a log tree from simulated weeks of the demo account: each week has its own seed (so identities' access
/// keys, event IDs, request IDs and timings differ), the weeks are laid end to end going back from a fixed date,
/// and each week's records are split per region into files of 100–500 records, named like CloudTrail's S3 keys.
/// Every record gets two extra random fields (see ``appendEntropy(to:random:)``) so the files compress like real ones.
struct TreeGenerator: Sendable {
  var events: Int
  var seed: UInt64
  var root: String
  var workers: Int

  /// 2026-11-01T00:00:00Z: the newest week ends here.
  static let newest: Int64 = 1_793_491_200
  static let week: Int64 = 7 * 86_400
  /// Records taken from each simulated week (the newest ones; a demo week holds 3,000–4,000).
  static let perWeek = 2_500

  /// Writes the tree and its manifest.
  func write() throws -> TreeStats {
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    let total = Mutex(TreeStats())
    let weeks = (events + Self.perWeek - 1) / Self.perWeek
    let next = Atomic<Int>(0)
    let failure = Mutex<String?>(nil)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let index = next.add(1, ordering: .relaxed).oldValue
        guard index < weeks else { break }
        let now = Self.newest - Int64(index) * Self.week
        var records = DemoAccount.records(now: now, seed: seed &* 1_000_003 &+ UInt64(index))
        let want = min(Self.perWeek, events - index * Self.perWeek)
        guard records.count >= want else {
          failure.withLock { $0 = "week \(index) has only \(records.count) records" }
          break
        }
        records.removeLast(records.count - want)
        do {
          let stats = try writeWeek(records, index: index)
          total.withLock { $0.add(stats) }
        } catch {
          failure.withLock { $0 = "\(error)" }
          break
        }
      }
    }
    if let message = failure.withLock({ $0 }) { throw GeneratorError(message: message) }
    let stats = total.withLock { $0 }
    try stats.text.write(toFile: root + "/" + TreeStats.fileName, atomically: true, encoding: .utf8)
    return stats
  }

  /// Splits one week's records (newest first) into per-region files and writes them.
  private func writeWeek(_ records: [[UInt8]], index: Int) throws -> TreeStats {
    var byRegion: [String: [([UInt8], Int64)]] = [:]
    for json in records.reversed() {
      let fields = RecordScanner.scan(json).records.first?.fields ?? RecordFields()
      let region = fields[.awsRegion].isPresent ? fields[.awsRegion].decode(in: json) : "us-east-1"
      byRegion[region, default: []].append((json, fields.eventTime ?? Self.newest))
    }
    var random = DemoRandom(seed: seed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
    var stats = TreeStats()
    for region in byRegion.keys.sorted() {
      let list = byRegion[region]!
      var start = 0
      while start < list.count {
        let size = 100 + Int(random.next() % 400)
        let end = min(list.count, start + size)
        let slice = list[start..<end]
        var body: [UInt8] = Array("{\"Records\":[".utf8)
        for (i, item) in slice.enumerated() {
          if i > 0 { body.append(0x2C) }
          body.append(contentsOf: item.0.dropLast())
          Self.appendEntropy(to: &body, random: &random)
        }
        body.append(contentsOf: Array("]}".utf8))
        let gz = Gzip.compress(body)
        let path = filePath(region: region, time: slice.last!.1, unique: random.next())
        try FileManager.default.createDirectory(
          atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(gz)) else {
          throw GeneratorError(message: "cannot write \(path)")
        }
        stats.add(TreeStats(events: slice.count, files: 1, jsonBytes: body.count, gzipBytes: gz.count))
        start = end
      }
    }
    return stats
  }

  /// Appends `,"sharedEventID":"UUID","requestToken":"BASE64"}` (closing the record): a stand-in for the
  /// high-entropy values real records carry (session tokens, `x-amz-id-2`, resource ids), which the demo records
  /// lack; without it the files compress 11:1 instead of the 5:1 of real CloudTrail logs.
  static func appendEntropy(to body: inout [UInt8], random: inout DemoRandom) {
    let hex = Array("0123456789abcdef".utf8)
    let base64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    body.append(contentsOf: Array(",\"sharedEventID\":\"".utf8))
    for i in 0..<32 {
      if i == 8 || i == 12 || i == 16 || i == 20 { body.append(0x2D) }
      body.append(hex[Int(random.next() & 15)])
    }
    body.append(contentsOf: Array("\",\"requestToken\":\"".utf8))
    let length = 96 + Int(random.next() % 160)
    var bits = random.next()
    for i in 0..<length {
      if i % 10 == 9 { bits = random.next() }
      body.append(base64[Int(bits & 63)])
      bits >>= 6
    }
    body.append(contentsOf: Array("\"}".utf8))
  }

  /// `AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_UNIQUE.json.gz`.
  private func filePath(region: String, time: Int64, unique: UInt64) -> String {
    let delivered = (time / 300 + 1) * 300
    var tm = tm()
    var t = time_t(delivered)
    gmtime_r(&t, &tm)
    let day = String(format: "%04d/%02d/%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday)
    let stamp = String(
      format: "%04d%02d%02dT%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min)
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    var u = unique
    var tag = ""
    for _ in 0..<16 {
      tag.append(alphabet[Int(u % UInt64(alphabet.count))])
      u /= UInt64(alphabet.count)
    }
    let account = DemoAccount.accountId
    return
      "\(root)/AWSLogs/\(account)/CloudTrail/\(region)/\(day)/\(account)_CloudTrail_\(region)_\(stamp)_\(tag).json.gz"
  }
}

/// A generator failure.
struct GeneratorError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
