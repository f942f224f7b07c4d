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

  @Option(help: "Also time a correlation rule (event_count and value_count) over this many generated events.")
  var correlationEvents: Int?

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
    if let correlationEvents { timeCorrelations(correlationEvents) }
  }

  /// A correlation rule of each counting type over `count` events: 1,000 groups, a day of times, 50 values.
  func timeCorrelations(_ count: Int) {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(state >> 33) % bound
    }
    let events = (0..<count).map { row in
      CorrelationEvent(
        row: UInt32(row), time: Int64(next(86_400)), slot: 0, group: UInt32(next(1_000)), value: UInt32(next(50)))
    }
    for (kind, field) in [(SigmaCorrelation.Kind.eventCount, nil), (.valueCount, "eventSource")]
      as [(SigmaCorrelation.Kind, String?)]
    {
      let rule = SigmaCorrelation(
        kind: kind, references: ["r"], groupBy: ["userIdentity.arn"], aliases: [:], timespan: 600,
        condition: [.init(op: "gte", value: 10)], field: field, generate: false)
      var best = Double.infinity
      var result = CorrelationEngine.Result()
      for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        result = CorrelationEngine.evaluate(rule, events)
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      }
      print(
        String(
          format: "%@ over %d events: %.1f ms (%d alerts, %d events in them; best of %d)", kind.rawValue, count, best,
          result.alerts.count, result.rows.count, rounds))
    }
  }
}
