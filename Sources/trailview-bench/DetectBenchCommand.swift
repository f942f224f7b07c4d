import ArgumentParser
import CloudTrailModel
import Detections
import EventStore
import Foundation

/// `detect`: the detection rules alone over a tree's records, already inflated and scanned in memory, on one
/// thread: how long each event takes, for the rules of the built-in pack and any more given.
struct DetectBenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "detect", abstract: "Time the detection rules alone over a tree's records (one thread).")

  @Option(help: "A generated tree (its AWSLogs folder is read).")
  var tree: String

  @Option(help: "A folder of more Sigma rules (besides the built-in pack).")
  var rules: String?

  @Option(help: "Rounds over the records.")
  var rounds = 3

  func run() throws {
    var set = BuiltinRules.load()
    if let rules { set.rules += RuleSet.load([rules]).rules }
    set.resolveCorrelations()
    let detector = Detector(set.rules)
    var scans: [ScanResult] = []
    let files = FileManager.default.enumerator(atPath: tree + "/AWSLogs")?.compactMap { $0 as? String } ?? []
    for file in files.sorted() where file.hasSuffix(".json.gz") {
      guard let data = FileManager.default.contents(atPath: tree + "/AWSLogs/" + file) else { continue }
      scans.append(RecordScanner.scan(Gzip.inflate(Array(data), cap: 1 << 30).bytes))
    }
    let records = scans.reduce(0) { $0 + $1.records.count }
    var best = Double.infinity
    var flagged = 0
    for _ in 0..<rounds {
      flagged = 0
      let start = DispatchTime.now().uptimeNanoseconds
      for scan in scans {
        flagged += detector.withMemo { memo in
          var names: [String: [UInt16]] = [:]
          var count = 0
          for record in scan.records {
            let name = record.fields[.eventName].decode(in: scan.buffer)
            let candidates: [UInt16]
            if let known = names[name] {
              candidates = known
            } else {
              candidates =
                Detector.nameIsKnown(record.fields) ? detector.candidates(eventName: name) : detector.allRules
              names[name] = candidates
            }
            let found = detector.matches(
              scan.buffer[record.range], fields: record.fields, candidates: candidates, memo: &memo)
            if !found.isEmpty { count += 1 }
          }
          return count
        }
      }
      best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    print(
      String(
        format: "%d rules, %d events, %d flagged: %.3f s, %.0f ns per event (best of %d, one thread)",
        set.rules.count, records, flagged, best, best * 1e9 / Double(records), rounds))
  }
}
